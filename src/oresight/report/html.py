"""Self-contained HTML pages: a title, sections, inline CSS and (when needed) the Vega runtime.

Every page works offline: no CDN, no external fonts, no remote images.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from oresight.report.charts import VEGA_MARKER, vega_runtime

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
       max-width: 1100px; color: #1b1f23; line-height: 1.45; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem;
     border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
.subtitle { color: #57606a; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { background: #fff8c5; border-left: 4px solid #d4a72c; padding: .4rem .7rem; }
.headline { display: flex; flex-wrap: wrap; gap: 1rem; }
.headline div { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .8rem;
                min-width: 12rem; }
.headline b { display: block; font-size: 1.3rem; }
figure.chart { margin: 1rem 0; max-width: 100%; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { color: #57606a; font-size: .85rem; } a.csv { margin-left: .5rem; }
.table-wrap { max-width: 100%; overflow-x: auto; } td { overflow-wrap: break-word; }
td.num { white-space: nowrap; }
footer { margin-top: 3rem; color: #57606a; font-size: .8rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
"""


@dataclass(frozen=True)
class Section:
    """A titled block of a page; ``body`` is trusted HTML built with this module's helpers."""

    title: str
    body: str
    anchor: str | None = None


def escape(text: object) -> str:
    """HTML-escape any value (None becomes an empty string)."""
    return "" if text is None else html.escape(str(text), quote=True)


def paragraph(text: str, *, css_class: str | None = None) -> str:
    """A ``<p>`` with escaped text."""
    cls = f' class="{escape(css_class)}"' if css_class else ""
    return f"<p{cls}>{escape(text)}</p>"


def link(url: str, text: str | None = None) -> str:
    """An escaped hyperlink (shown as its text, or the URL)."""
    return f'<a href="{escape(url)}">{escape(text or url)}</a>'


def table(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str] | Mapping[str, str],
    *,
    numeric: Iterable[str] = (),
    raw_html: Iterable[str] = (),
    empty: str = "none",
) -> str:
    """An HTML table of ``rows`` (dicts) in ``columns`` order.

    ``columns`` maps keys to headers (or is a list of keys). Keys in ``numeric`` are right-aligned
    and formatted with thousands separators; keys in ``raw_html`` are inserted unescaped.
    """
    headers = dict(columns) if isinstance(columns, Mapping) else {c: c for c in columns}
    nums, raws = set(numeric), set(raw_html)
    body = []
    for row in rows:
        cells = []
        for key in headers:
            value = row.get(key)
            if key in raws:
                cells.append(f"<td>{'' if value is None else value}</td>")
            elif key in nums:
                cells.append(f'<td class="num">{escape(format_number(value))}</td>')
            else:
                cells.append(f"<td>{escape(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        return paragraph(empty, css_class="empty")
    head = "".join(f"<th>{escape(h)}</th>" for h in headers.values())
    # Wide tables scroll inside their box instead of widening the page past the screen.
    return (
        f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def definition_list(items: Mapping[str, object]) -> str:
    """Headline figures as labelled boxes."""
    boxes = "".join(
        f"<div><span>{escape(k)}</span><b>{escape(v)}</b></div>" for k, v in items.items()
    )
    return f'<div class="headline">{boxes}</div>'


def format_number(value: object, digits: int = 0) -> str:
    """1234567.8 -> '1,234,568'; floats below 100 keep one decimal; None -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if value != value:  # NaN
        return ""
    if isinstance(value, float) and abs(value) < 100 and not digits:
        return f"{value:,.1f}"
    return f"{value:,.{digits}f}"


def page(
    title: str,
    sections: Sequence[Section],
    *,
    subtitle: str | None = None,
    footer: str | None = None,
) -> str:
    """A complete, self-contained HTML document.

    The Vega runtime is inlined only when a section holds an interactive chart
    (see :func:`oresight.report.charts.to_html`).
    """
    parts = [f"<h1>{escape(title)}</h1>"]
    if subtitle:
        parts.append(paragraph(subtitle, css_class="subtitle"))
    for section in sections:
        anchor = f' id="{escape(section.anchor)}"' if section.anchor else ""
        parts.append(f"<section{anchor}><h2>{escape(section.title)}</h2>{section.body}</section>")
    if footer:
        parts.append(f"<footer>{escape(footer)}</footer>")
    body = "\n".join(parts)
    runtime = ""
    if VEGA_MARKER in body:
        runtime = f'<script type="module">{vega_runtime()}</script>'
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style>{runtime}</head>"
        f"<body>\n{body}\n</body></html>\n"
    )
