"""Altair charts as HTML fragments that work offline.

Interactive fragments call ``vegaEmbed`` from the Vega runtime that
:func:`oresight.report.html.page` inlines once per page (from vl-convert's bundle: no CDN).
Static fragments are SVG rendered by vl-convert, for PDF printing and readers without JS.
"""

from __future__ import annotations

import base64
import functools
import json
import uuid
from typing import Any

import vl_convert

# Marker that tells html.page to inline the Vega runtime.
VEGA_MARKER = "data-oresight-vega"


def spec_of(chart: Any) -> dict[str, Any]:
    """The Vega-Lite spec of an Altair chart (or a spec dict passed through)."""
    if isinstance(chart, dict):
        return chart
    spec: dict[str, Any] = chart.to_dict()
    return spec


def csv_link(name: str, text: str, *, static: bool = False) -> str:
    """A link to the chart's data as CSV: embedded as a data URI in the page, or (``static``,
    for the PDF) the name of the CSV file written next to it."""
    if static:
        return f'<span class="csv">data: {_escape(name)} (CSV file next to this document)</span>'
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        f'<a class="csv" download="{_escape(name)}" '
        f'href="data:text/csv;charset=utf-8;base64,{payload}">data as CSV ({_escape(name)})</a>'
    )


def to_html(
    chart: Any,
    *,
    static: bool = False,
    caption: str | None = None,
    csv: tuple[str, str] | None = None,
) -> str:
    """Render ``chart`` (Altair chart or Vega-Lite dict) as an HTML fragment.

    ``static=True`` inlines an SVG (for print); otherwise a ``<div>`` rendered by Vega in the
    browser, with the spec embedded as JSON. ``caption`` is shown under the chart (say there
    which sources the chart uses); ``csv`` (file name, CSV text) adds the chart's data beside it.
    """
    spec = spec_of(chart)
    link = csv_link(*csv, static=static) if csv else ""
    figcaption = (
        f"<figcaption>{_escape(caption) if caption else ''}{' ' if caption else ''}{link}"
        "</figcaption>"
        if caption or link
        else ""
    )
    if static:
        svg = to_svg(spec)
        return f'<figure class="chart chart-static">{svg}{figcaption}</figure>'
    div_id = f"vega-{uuid.uuid4().hex[:12]}"
    # "</" inside JSON would close the script element early; escape it.
    payload = json.dumps(spec).replace("</", "<\\/")
    return (
        f'<figure class="chart"><div id="{div_id}" {VEGA_MARKER}></div>{figcaption}'
        f'<script type="module">vegaEmbed("#{div_id}", {payload}, {{"actions": false, '
        f'"renderer": "svg"}}).catch(function (e) {{ document.getElementById("{div_id}")'
        f'.textContent = "chart failed to render: " + e; }});</script></figure>'
    )


def to_svg(chart: Any) -> str:
    """The chart as an SVG string (vl-convert, no browser needed)."""
    svg: str = vl_convert.vegalite_to_svg(spec_of(chart))
    return svg


def to_png(chart: Any, *, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes (vl-convert)."""
    png: bytes = vl_convert.vegalite_to_png(spec_of(chart), scale=scale)
    return png


@functools.lru_cache(maxsize=1)
def vega_runtime() -> str:
    """Vega, Vega-Lite and vega-embed bundled as one script (about 900 kB; cached)."""
    # The stub marks ``snippet`` required; None selects the default (assign the globals).
    bundle: str = vl_convert.javascript_bundle(None)  # type: ignore[arg-type]
    return bundle


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)
