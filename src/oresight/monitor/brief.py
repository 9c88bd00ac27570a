"""The data of a country brief (figures only; ``oresight.report.brief`` renders them).

With customs flows loaded the brief is built from them (monthly events, annual headlines) and
lists where they differ from published figures by more than 5%; with only published figures
it is built from those, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import polars as pl

from oresight.monitor import published
from oresight.monitor.core import exports
from oresight.monitor.diversion_model import DiversionResult
from oresight.monitor.result import MonitorResult
from oresight.reference.countries import name as country_name
from oresight.reference.groups import TOTAL

if TYPE_CHECKING:
    from oresight.store import Store


@dataclass
class BriefData:
    """Everything the brief shows, already computed."""

    country: str
    country_name: str
    generated: str
    store_location: str
    monthly: MonitorResult
    annual: MonitorResult
    uses_published: bool
    uses_flows: bool
    headlines: list[dict[str, Any]] = field(default_factory=list)
    latest: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    excluded_published: list[dict[str, Any]] = field(default_factory=list)
    diversion: DiversionResult | None = None

    def to_dict(self) -> dict[str, Any]:
        """The brief's content as JSON-ready data (what ``oresight brief --json`` prints)."""
        return {
            "country": self.country,
            "country_name": self.country_name,
            "generated": self.generated,
            "store": self.store_location,
            "basis": self.basis(),
            "headlines": [_jsonable(h) for h in self.headlines],
            "series": self.annual.rows(),
            "monthly_series": self.monthly.rows(),
            "events": [e.to_dict() for e in self.monthly.events],
            "differences": self.monthly.differences,
            "coverage": self.monthly.coverage,
            "sources": self.monthly.sources,
            "excluded_published": self.excluded_published,
            "diversion": self.diversion.to_dict() if self.diversion else None,
            "notes": list(dict.fromkeys(self.monthly.notes + self.annual.notes)),
        }

    def basis(self) -> str:
        """What the brief is built from, in words."""
        if self.uses_flows:
            return "customs flows in the store"
        return "published figures only" if self.uses_published else "no data (none loaded)"

    def summary(self) -> str:
        """A few lines for the terminal."""
        basis = self.basis()
        lines = [f"{self.country_name} ({self.country}): brief from {basis}"]
        for h in self.headlines[:4]:
            lines.append(f"  {h['label']}: {h['display']}")
        lines.append(f"  events: {len(self.monthly.events)}; sources: {len(self.monthly.sources)}")
        return "\n".join(lines)


def build(country: str, *, store: Store, with_diversion: bool = True) -> BriefData:
    """Compute the brief's figures for ``country`` from what the store holds."""
    from oresight.monitor.diversion_core import diversion

    monthly = exports(country, freq="M", store=store)
    annual = exports(country, freq="Y", store=store, with_events=False)
    frame = pl.from_arrow(annual.series)
    assert isinstance(frame, pl.DataFrame)
    uses_flows = bool(frame.height) and frame.filter(pl.col("source") != "published").height > 0
    uses_published = bool(frame.height) and frame.filter(pl.col("source") == "published").height > 0
    return BriefData(
        country=monthly.country,
        country_name=country_name(monthly.country),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        store_location=store.location,
        monthly=monthly,
        annual=annual,
        uses_published=uses_published,
        uses_flows=uses_flows,
        headlines=_headlines(frame),
        latest=_latest(pl.from_arrow(monthly.series), uses_flows),  # type: ignore[arg-type]
        conflicts=_conflicts(frame),
        excluded_published=excluded_published(store, monthly.country),
        diversion=diversion(monthly.country, store=store)
        if with_diversion and uses_flows
        else None,
    )


# Why a published figure has no place in any series, by what the figure is.
EXCLUDED_WHY = {
    "share": "a share (percent of something), not a value of exports",
    "no_group": "no commodity group of groups.yaml matches what it counts (a mix of goods or an "
    "undefined category), so it belongs to no series",
    "undated": "no period is stated, so it cannot sit on a time axis",
}


def excluded_published(store: Store, country: str) -> list[dict[str, Any]]:
    """The published figures of ``country`` that no series shows, each with the reason."""
    frame = published.load_frame(store)
    if frame is None:
        return []
    rows = frame.filter(pl.col("origin_iso3") == country)
    out = []
    for r in rows.iter_rows(named=True):
        if r["group"] is not None and r["period_start"] is not None and r["measure"] != "share":
            continue
        why = (
            "share" if r["measure"] == "share" else "no_group" if r["group"] is None else "undated"
        )
        out.append(
            {
                "figure_id": r["figure_id"],
                "period": r["period"],
                "description": r["commodity"],
                "measure": r["measure"],
                "value_usd": r["value_usd"],
                "share_pct": r.get("share_pct"),
                "source_org": r["source_org"],
                "citation": r["source_url"],
                "reason": EXCLUDED_WHY[why],
            }
        )
    return out


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


def _headlines(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Latest annual total per partner and source (store flows first, then published)."""
    if frame.is_empty():
        return []
    totals = frame.filter(
        (pl.col("group") == TOTAL)
        & (pl.col("measure") == "level")
        & (pl.col("period_kind") == "year")
        & pl.col("value_usd").is_not_null()
        & ~pl.col("suspect").fill_null(False)
    )
    out = []
    for (partner, source, basis), part in totals.group_by(
        ["partner", "source", "basis"], maintain_order=True
    ):
        last = _latest_complete(part.sort("period"))
        same = part.filter(pl.col("period") == last["period"])
        values = sorted({v for v in same["value_usd"].to_list() if v is not None})
        shown = " / ".join(f"USD {v / 1e6:,.1f} million" for v in values)
        yoy = last.get("yoy_pct")
        partial = last.get("complete") is False
        coverage = (
            f" (partial: {last['months_covered']} of {last['months_in_period']} months)"
            if partial
            else ""
        )
        out.append(
            {
                "label": f"Exports to {_partner_label(partner)} in {last['period']} "
                f"({source}, {basis})",
                "partner": partner,
                "display": shown
                + coverage
                + (f" ({yoy:+.1f}% on a year earlier)" if yoy is not None else ""),
                "period": last["period"],
                "source": source,
                "value_usd": values[0] if len(values) == 1 else values,
                "yoy_pct": yoy,
                "months_covered": last.get("months_covered"),
                "months_in_period": last.get("months_in_period"),
                "complete": last.get("complete"),
                "reporters": last.get("reporters"),
                "hs_codes": last.get("hs_codes"),
                "citations": same["citation"].drop_nulls().unique().to_list(),
            }
        )

    # Customs flows first; then the main partner (China) and the world total. Published
    # figures for minor partners (a single year for Burkina Faso, say) stay in the tables.
    def order(h: dict[str, Any]) -> tuple[bool, int, str]:
        rank = {"CHN": 0, "WLD": 1}.get(h["partner"], 2)
        return (h["source"] == "published", rank, h["label"])

    kept = [h for h in out if h["source"] != "published" or h["partner"] in MAIN_PARTNERS]
    return sorted(kept, key=order) + _peaks(totals)


MAIN_PARTNERS = ("CHN", "WLD")


def _latest_complete(part: pl.DataFrame) -> dict[str, Any]:
    """The latest period that is complete (customs flows covering every month), else the
    latest one, which the headline then labels as partial. Published figures carry no month
    coverage and are taken as stated."""
    complete = part.filter(pl.col("complete").fill_null(True))
    chosen = complete if complete.height else part
    return chosen.tail(1).row(0, named=True)


def _peaks(totals: pl.DataFrame) -> list[dict[str, Any]]:
    """The highest annual total to each main partner: the scale the latest year is read against.

    Sources disagree on some years (2015 to China: USD 2.34, 2.48 or 2.95 billion), so the peak
    year is the one with the highest median figure, and every figure for it is shown.
    """
    out = []
    for partner in MAIN_PARTNERS:
        part = totals.filter(pl.col("partner") == partner)
        if part.is_empty():
            continue
        years = part.group_by("period").agg(
            pl.col("value_usd").median().alias("median"),
            pl.col("value_usd").unique().sort().alias("values"),
            pl.col("source").first(),
            pl.col("citation").drop_nulls().unique().alias("citations"),
        )
        top = years.sort(["median", "period"], descending=True).row(0, named=True)
        shown = " / ".join(f"USD {v / 1e6:,.1f} million" for v in top["values"])
        out.append(
            {
                "label": f"Peak year of exports to {_partner_label(partner)} ({top['source']})",
                "partner": partner,
                "display": f"{top['period']}: {shown}",
                "period": top["period"],
                "source": top["source"],
                "citations": top["citations"],
            }
        )
    return out


def _partner_label(partner: str) -> str:
    return {"WLD": "all partners", "ITC13": "13 partners other than China (ITC)"}.get(
        partner, partner
    )


def _latest(frame: pl.DataFrame, uses_flows: bool) -> list[dict[str, Any]]:
    """What changed in the latest period: store series of the last month, else the most recent
    published figures (the last year that has any)."""
    if frame.is_empty():
        return []
    if uses_flows:
        rows = frame.filter(pl.col("source") != "published")
        last = rows["period_start"].max()
        rows = rows.filter(pl.col("period_start") == last)
    else:
        rows = frame.filter(pl.col("period_start").is_not_null())
        last_year = rows["period_start"].max().year  # type: ignore[union-attr]
        rows = rows.filter(pl.col("period_start").dt.year() == last_year)
    return rows.sort(["period_start", "group"]).to_dicts()


def _conflicts(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Published figures that disagree with another for the same partner, group and period."""
    if frame.is_empty():
        return []
    rows = frame.filter((pl.col("source") == "published") & pl.col("conflict").fill_null(False))
    return rows.sort(["period", "group", "partner", "value_usd"]).to_dicts()
