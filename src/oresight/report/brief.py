"""Render a country brief (``oresight.monitor.brief.BriefData``) as one self-contained page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oresight.report import charts, html
from oresight.report.brief_charts import coverage_chart, diversion_chart, exports_chart
from oresight.report.html import Section

if TYPE_CHECKING:
    from oresight.monitor.brief import BriefData

PRIMARY_EXCLUDED = {"total", "natural_resources", "ores", "mineral_fuels", "apparel"}
PUBLISHED_CAPTION = (
    "Uses published figures (source 'published'): press and official reports of China's customs "
    "data and others, each with a citation; they are not customs records, periods differ, and "
    "conflicting figures are all plotted (one line per source). Dashed rules: UN measures."
)


def render(data: BriefData, *, static: bool = False) -> str:
    """The brief as HTML; ``static=True`` draws charts as inline SVG (for the PDF)."""
    return html.page(
        f"Exports of {data.country_name} ({data.country})",
        sections(data, static=static),
        subtitle=f"Country brief built from {data.basis()}; generated {data.generated}.",
        footer=f"oresight brief {data.country}; store {data.store_location}",
    )


def sections(data: BriefData, *, static: bool = False) -> list[Section]:
    """The brief's sections, for pages that show the brief among other things (the dashboard)."""
    parts = [
        Section("Headline figures", _headlines(data), "headlines"),
        Section("Exports by group over time", _charts(data, static), "charts"),
        Section("Events", _events(data), "events"),
        Section("What changed in the latest period", _latest(data), "latest"),
    ]
    if data.conflicts:
        parts.append(Section("Conflicting published figures", _conflicts(data), "conflicts"))
    if data.uses_flows:
        parts.append(Section("Customs flows against published figures", _diffs(data), "diff"))
    if data.diversion is not None:
        parts.append(Section("Where did the trade go? (diversion leads)", _diversion(data, static),
                             "diversion"))  # fmt: skip
    parts += [
        Section("Coverage", _coverage(data, static), "coverage"),
        Section("Published figures in no series", _excluded(data), "excluded"),
        Section("Sources", _sources(data), "sources"),
        Section("Notes", _notes(data), "notes"),
    ]
    return parts


def chart_data(data: BriefData) -> dict[str, str]:
    """Every chart's data as CSV, by file name (linked in the page, written beside the PDF)."""
    out: dict[str, str] = {}
    flows = _mirror_rows(data)
    if flows:
        out[f"{data.country}-mirror-monthly.csv"] = _csv(flows, _CSV_SERIES)
    for kind, title in (("year", "annual"), ("month", "monthly")):
        published = _published_rows(data, kind)
        if published:
            out[f"{data.country}-published-{title}.csv"] = _csv(published, _CSV_SERIES)
    matrix = data.monthly.coverage.get("matrix")
    if matrix:
        out[f"{data.country}-coverage.csv"] = _csv(matrix, list(matrix[0]))
    if data.diversion is not None:
        for rank, signal in enumerate(data.diversion.signals[:DIVERSION_CHARTS], 1):
            out[f"{data.country}-diversion-{rank}.csv"] = _csv(
                signal.series, list(signal.series[0])
            )
    return out


_CSV_SERIES = ["period", "period_start", "group", "partner", "source", "basis", "value_usd",
               "months_covered", "months_in_period", "complete", "citation"]  # fmt: skip
DIVERSION_CHARTS = 3


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
    return buffer.getvalue()


def _mirror_rows(data: BriefData) -> list[dict[str, Any]]:
    return [
        r
        for r in data.monthly.rows()
        if r["source"] != "published"
        and r.get("basis") == "mirror"
        and r["group"] not in PRIMARY_EXCLUDED
        and r.get("value_usd") is not None
    ]


def _published_rows(data: BriefData, kind: str) -> list[dict[str, Any]]:
    return [
        r
        for r in data.monthly.rows()
        if r["source"] == "published"
        and r.get("period_kind") == kind
        and r.get("measure") == "level"
        and (r.get("value_usd") or 0) > 0
        and not r.get("suspect")
    ]


def _headlines(data: BriefData) -> str:
    items = {h["label"]: h["display"] for h in data.headlines}
    items["Events"] = str(len(data.monthly.events))
    items["Sources"] = str(len(data.monthly.sources))
    return html.definition_list(items)


def _charts(data: BriefData, static: bool) -> str:
    spans = data.monthly.timeline
    csvs = chart_data(data)
    parts = []
    flows = _mirror_rows(data)
    if flows:
        chart = exports_chart(flows, spans, title="Mirror exports by group (monthly)", stacked=True)
        caption = (
            "Partners' reported imports from the country (CIF), by commodity group; a month no "
            "partner reported is left blank (missing, not zero)."
        )
        name = f"{data.country}-mirror-monthly.csv"
        parts.append(charts.to_html(chart, static=static, caption=caption, csv=(name, csvs[name])))
    for kind, title in (("year", "annual"), ("month", "monthly")):
        published = _published_rows(data, kind)
        if published:
            chart = exports_chart(
                published, spans, title=f"Published {title} figures by group", stacked=False
            )
            name = f"{data.country}-published-{title}.csv"
            parts.append(
                charts.to_html(
                    chart, static=static, caption=PUBLISHED_CAPTION, csv=(name, csvs[name])
                )
            )
    return "".join(parts) or html.paragraph("No figures to chart.")


def _evidence(flows: dict[str, Any]) -> str:
    bits = []
    if flows.get("figure_ids"):
        bits.append(html.escape(", ".join(flows["figure_ids"])))
    if flows.get("batch_ids"):
        bits.append("batches " + html.escape(", ".join(flows["batch_ids"])))
    if flows.get("records"):
        bits.append(f"{flows['records']} records")
    if flows.get("citation"):
        bits.append(html.link(str(flows["citation"]), "source"))
    return "; ".join(bits)


def _events(data: BriefData) -> str:
    rows = [
        {**e.to_dict(), "evidence": _evidence(e.flows)}
        for e in sorted(data.monthly.events, key=lambda e: e.period, reverse=True)
    ]
    cols = {
        "period": "period",
        "kind": "event",
        "group": "group",
        "partner": "partner",
        "source": "source",
        "value_usd": "USD",
        "reason": "reason",
        "evidence": "flows behind it",
    }
    return html.table(rows, cols, numeric=["value_usd"], raw_html=["evidence"], empty="No events.")


def _with_link(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        url = r.get("citation")
        link = html.link(url, r.get("source_org") or "source") if url and "://" in url else ""
        out.append({**r, "cite": link or html.escape(r.get("citation") or "")})
    return out


SERIES_COLS = {
    "period": "period",
    "period_kind": "kind",
    "group": "group",
    "partner": "partner",
    "measure": "measure",
    "value_usd": "USD",
    "quantity": "quantity",
    "quantity_unit": "unit",
    "prev_pct": "% on previous",
    "yoy_pct": "% on year earlier",
    "change_pct": "stated change %",
    "cite": "source",
}


def _latest(data: BriefData) -> str:
    intro = (
        "The latest month of customs flows, with changes on the previous month and a year earlier."
        if data.uses_flows
        else "The most recent published figures (the latest year that has any)."
    )
    numeric = ["value_usd", "quantity", "prev_pct", "yoy_pct", "change_pct"]
    table = html.table(_with_link(data.latest), SERIES_COLS, numeric=numeric, raw_html=["cite"])
    return html.paragraph(intro) + table


def _conflicts(data: BriefData) -> str:
    intro = (
        "Figures for the same partner, group and period that disagree (or that the source table "
        "marks CONFLICT), side by side; none is picked."
    )
    cols = {**SERIES_COLS, "figure_id": "figure", "note": "note"}
    table = html.table(
        _with_link(data.conflicts), cols, numeric=["value_usd", "quantity"], raw_html=["cite"]
    )
    return html.paragraph(intro) + table


def _diffs(data: BriefData) -> str:
    cols = {
        "period": "period",
        "group": "group",
        "partner": "partner",
        "published_usd": "published USD",
        "store_usd": "store USD",
        "difference_pct": "difference %",
        "source_org": "published by",
        "figure_id": "figure",
    }
    rows = data.monthly.differences
    intro = "Published figures that the loaded flows differ from by more than 5%."
    return html.paragraph(intro) + html.table(
        rows,
        cols,
        numeric=["published_usd", "store_usd", "difference_pct"],
        empty="No difference above 5% where the store covers the published period.",
    )


def _coverage(data: BriefData, static: bool = False) -> str:
    cov = data.monthly.coverage
    parts = []
    if cov.get("flows"):
        parts.append(html.table(cov["flows"], list(cov["flows"][0]), numeric=["records"]))
    if cov.get("matrix"):
        name = f"{data.country}-coverage.csv"
        parts.append(
            charts.to_html(
                coverage_chart(cov["matrix"]),
                static=static,
                caption="Each cell: a reporter reported trade with the country that month "
                "(colour: rows). Blank cells are months without a report: missing, not zero.",
                csv=(name, chart_data(data)[name]),
            )
        )
    partial = [h for h in data.headlines if h.get("complete") is False]
    for h in partial:
        parts.append(
            html.paragraph(
                f"{h['label']} is built from {h['months_covered']} of {h['months_in_period']} "
                f"months ({', '.join(h.get('reporters') or [])}; {h.get('hs_codes')} HS codes): "
                "a partial period, not a year's total.",
                css_class="note",
            )
        )
    pub = cov.get("published")
    if pub:
        kinds = ", ".join(f"{k}: {v}" for k, v in pub["by_period_kind"].items())
        measures = ", ".join(f"{k}: {v}" for k, v in pub["by_measure"].items())
        parts.append(
            html.paragraph(
                f"{pub['figures']} published figures from {pub['from']} to {pub['to']} "
                f"(period kinds: {kinds}; measures: {measures}); {pub['suspect']} marked "
                f"SUSPECT (not charted), {pub['conflicting']} in conflict with another figure."
            )
        )
    return "".join(parts) or html.paragraph("No data.")


def _excluded(data: BriefData) -> str:
    intro = (
        "Published figures of this country that appear in no series or chart, and why. They "
        "are kept in the store with their citations."
    )
    cols = {
        "figure_id": "figure",
        "period": "period",
        "description": "what",
        "value_usd": "USD",
        "share_pct": "share %",
        "source_org": "published by",
        "reason": "why not in a series",
    }
    table = html.table(
        data.excluded_published, cols, numeric=["value_usd", "share_pct"], empty="None."
    )
    return html.paragraph(intro) + table


def _diversion(data: BriefData, static: bool) -> str:
    result = data.diversion
    assert result is not None
    parts = [html.paragraph(result.caveat, css_class="note")]
    collapses = [
        {"partner": c.partner, "product": c.product, "cut": c.cut, "why": c.explanation}
        for c in result.collapses
    ]
    parts.append(
        html.table(
            collapses,
            {"partner": "partner", "product": "HS", "cut": "from", "why": "collapse"},
            empty="No collapse of the country's exports to a partner was found.",
        )
    )
    rows = [
        {
            "rank": i,
            "kind": s.kind,
            "partner": s.partner,
            "product": s.product,
            "origin": f"{s.origin_name} ({s.origin})",
            "score": s.score,
            "rows": s.rows_total,
            "why": s.explanation,
        }
        for i, s in enumerate(result.signals, 1)
    ]
    cols = {
        "rank": "#",
        "kind": "signal",
        "partner": "partner",
        "product": "HS",
        "origin": "origin",
        "score": "score",
        "rows": "rows behind it",
        "why": "why",
    }
    parts.append(html.table(rows, cols, numeric=["rows"], empty="No diversion signal."))
    csvs = chart_data(data)
    for i, s in enumerate(result.signals[:DIVERSION_CHARTS], 1):
        chart = diversion_chart(
            s.series, title=f"#{i} {s.partner} imports of HS {s.product}: {s.origin}", cut=s.cut
        )
        name = f"{data.country}-diversion-{i}.csv"
        parts.append(charts.to_html(chart, static=static, caption=s.kind, csv=(name, csvs[name])))
    for note in result.notes:
        parts.append(html.paragraph(note))
    return "".join(parts)


def _sources(data: BriefData) -> str:
    rows = []
    for s in data.monthly.sources:
        if s["kind"] == "published":
            rows.append(
                {
                    "source": "published",
                    "who": s["organisation"],
                    "date": s.get("published"),
                    "where": html.link(s["url"]) if s.get("url") else "",
                    "rows": ", ".join(s["figure_ids"]),
                }
            )
        else:
            rows.append(
                {
                    "source": s["source"],
                    "who": s["batch_id"],
                    "date": s.get("ingested_at"),
                    "where": html.escape(s["origin"]),
                    "rows": str(s["rows"]),
                }
            )
    cols = {
        "source": "source",
        "who": "by / batch",
        "date": "date",
        "where": "where",
        "rows": "rows",
    }
    return html.table(rows, cols, raw_html=["where"])


def _notes(data: BriefData) -> str:
    notes = list(dict.fromkeys(data.monthly.notes))
    return "".join(html.paragraph(n, css_class="note") for n in notes) or html.paragraph("None.")
