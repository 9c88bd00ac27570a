"""Render a country brief (``oresight.monitor.brief.BriefData``) as one self-contained page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oresight.report import charts, html
from oresight.report.brief_charts import exports_chart
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
    parts += [
        Section("Coverage", _coverage(data), "coverage"),
        Section("Sources", _sources(data), "sources"),
        Section("Notes", _notes(data), "notes"),
    ]
    return parts


def _headlines(data: BriefData) -> str:
    items = {h["label"]: h["display"] for h in data.headlines}
    items["Events"] = str(len(data.monthly.events))
    items["Sources"] = str(len(data.monthly.sources))
    return html.definition_list(items)


def _charts(data: BriefData, static: bool) -> str:
    rows = data.monthly.rows()
    spans = data.monthly.timeline
    parts = []
    flows = [
        r
        for r in rows
        if r["source"] != "published"
        and r.get("basis") == "mirror"
        and r["group"] not in PRIMARY_EXCLUDED
        and r.get("value_usd")
    ]
    if flows:
        chart = exports_chart(flows, spans, title="Mirror exports by group (monthly)", stacked=True)
        caption = "Partners' reported imports from the country (CIF), by commodity group."
        parts.append(charts.to_html(chart, static=static, caption=caption))
    for kind, title in (("year", "annual"), ("month", "monthly")):
        published = [
            r
            for r in rows
            if r["source"] == "published"
            and r.get("period_kind") == kind
            and r.get("measure") == "level"
            and (r.get("value_usd") or 0) > 0
            and not r.get("suspect")
        ]
        if published:
            chart = exports_chart(
                published, spans, title=f"Published {title} figures by group", stacked=False
            )
            parts.append(charts.to_html(chart, static=static, caption=PUBLISHED_CAPTION))
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


def _coverage(data: BriefData) -> str:
    cov = data.monthly.coverage
    parts = []
    if cov.get("flows"):
        parts.append(html.table(cov["flows"], list(cov["flows"][0]), numeric=["records"]))
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
