"""``oresight.monitor.diversion``: when a country's exports to a partner collapse, where did
the trade go?

For every (partner, product) whose imports from the target collapsed (around a month asked
for, when a measure took full effect, or wherever the data show it), every other origin of
the partner's imports of that product is tested for four kinds of lead:

(a) ``unallocated_partner``: imports booked to a partner that names no country (Comtrade 490
    "Other Asia, nes", 899 "Areas, nes", ...; ``data/diversion.yaml``) rising beyond their
    own trend;
(b) ``third_country``: imports from any other origin rising beyond their own trend (every
    origin is tested; neighbours are not favoured, so none is missed);
(c) ``mirror_gap``: the partner's reported imports from an origin moving against the origin's
    own reported exports to the partner;
(d) ``unit_value``: the unit value of those imports shifting on a material flow.

Each signal has an explained score, its before/after windows, the rows behind it (batch and
source record) and its monthly series; a steady origin (flat or on its own trend) never
signals. A signal is a lead, not proof (``LEAD_NOT_PROOF``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import polars as pl

from oresight.errors import InputError
from oresight.monitor import diversion_query as q
from oresight.monitor import diversion_table as table
from oresight.monitor import sanctions
from oresight.monitor.diversion_model import Collapse, DiversionResult, RowRef, Signal
from oresight.monitor.diversion_settings import DiversionSettings, load_settings
from oresight.monitor.diversion_signals import (
    find_collapse,
    first_day,
    label,
    mirror_gap_signal,
    rise_signal,
    unit_value_signal,
)
from oresight.reference.countries import to_iso3
from oresight.reference.groups import load_groups
from oresight.reference.hs import require_hs_code

if TYPE_CHECKING:
    from oresight.store import Store


def diversion(
    country: str,
    *,
    partner: str | None = "all",
    hs: str | Sequence[str] | None = None,
    group: str | None = None,
    around: str | None = None,
    store: Store | None = None,
    settings: DiversionSettings | None = None,
    queries: Any = None,
) -> DiversionResult:
    """Diversion signals around collapses of ``country``'s exports.

    ``partner``: an importing country, or "all"/None for every partner. ``hs``: HS codes
    (a list or "2701,2601"), or ``group``: a key of groups.yaml; neither: every HS4 heading.
    ``around``: YYYY-MM, the first month after the fall (else a measure's date or the
    detected month). ``queries``: the module-like object with the four backend queries
    (default ``oresight.monitor.diversion_query``; the benchmark passes hand-written SQL).
    """
    from oresight.store import Store

    queries = queries or q
    s = settings or load_settings()
    country = to_iso3(country)
    partner_code = None if partner in (None, "all", "ALL") else to_iso3(str(partner))
    prefixes = _prefixes(hs, group)
    around_m = _month(around) if around else None
    store = store or Store.open()
    query = {
        "partner": partner_code or "all",
        "hs": list(prefixes) if prefixes else None,
        "group": group,
        "around": around,
    }
    result = DiversionResult(country=country, query=query, collapses=[], signals=[])
    target = queries.target_exports(store.flows, country, partner_code, prefixes)
    if target.is_empty():
        result.notes.append(f"No partner reports monthly imports from {country} for this query.")
        return result
    reporting = queries.reporting_months(store.flows, target["partner"].unique().to_list())
    covered = _covered(reporting)
    result.collapses = _collapses(country, target, covered, s, around_m)
    if not result.collapses:
        result.notes.append(
            "No collapse of the target's exports was found (a fall to "
            f"{100 * s.collapse_ratio:.0f}% or less of the {s.window_months} months before, "
            f"with at least {s.min_after_months} months reported after): no signal is looked for."
        )
        return result
    cuts = [_month(c.cut) for c in result.collapses]
    span = (min(cuts) - max(s.trend_months, s.window_months), max(cuts) + s.window_months - 1)
    pairs = pl.DataFrame(
        {
            "partner": [c.partner for c in result.collapses],
            "product": [c.product for c in result.collapses],
        }
    )
    imports = queries.partner_imports(store.flows, pairs, prefixes, span)
    result.signals = _signals(country, result.collapses, imports, reporting, s)
    result.signals.sort(key=lambda x: (-x.score, x.partner, x.product, x.origin, x.kind))
    if result.signals:
        _attach_rows(store, queries, result.signals, target, imports, covered, prefixes, span, s)
    else:
        result.notes.append(
            "Collapse found, but no other origin, unallocated partner, mirror gap or unit value "
            "moved beyond its own trend and noise: no diversion signal."
        )
    return result


def _prefixes(hs: str | Sequence[str] | None, group: str | None) -> tuple[str, ...] | None:
    if hs and group:
        raise InputError("give --hs or --group, not both", field="hs")
    if hs:
        codes = [c.strip() for c in hs.split(",")] if isinstance(hs, str) else list(hs)
        return tuple(require_hs_code(c, field="hs") for c in codes if c)
    if group and group != "all":
        found = load_groups().get(group)
        prefixes = tuple(p for p in found.hs if p)
        if not prefixes:
            raise InputError(f"group {group!r} has no HS prefixes", field="group")
        return prefixes
    return None


def _month(text: str) -> int:
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InputError(f"{text!r} is not YYYY-MM", field="around")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def _covered(frame: pl.DataFrame) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for partner, m in frame.iter_rows():
        out.setdefault(partner, set()).add(int(m))
    return out


def _collapses(
    country: str,
    target: pl.DataFrame,
    covered: dict[str, set[int]],
    s: DiversionSettings,
    around: int | None,
) -> list[Collapse]:
    out = []
    for (partner, product), part in target.group_by(["partner", "product"], maintain_order=True):
        series = {int(m): float(v or 0.0) for m, v in part.select(["m", "value"]).iter_rows()}
        if sum(1 for v in series.values() if v > 0) < s.min_before_months:
            continue  # too few months of trade to have collapsed

        def measure_start(lo: int, hi: int, product: str = str(product)) -> tuple[int, str] | None:
            return _measure_start(country, product, lo, hi)

        found = find_collapse(
            str(partner),
            str(product),
            series,
            covered.get(str(partner), set()),
            s,
            around=around,
            measure_start=measure_start,
        )
        if found is not None:
            out.append(found)
    return sorted(out, key=lambda c: (c.partner, c.product))


def _measure_start(country: str, product: str, lo: int, hi: int) -> tuple[int, str] | None:
    """The first month (from ``lo``) on whose first day the rules prohibit ``country``'s
    goods of ``product`` after a month they did not."""
    if len(product) not in (2, 4, 6):
        return None
    before = sanctions.ruling(country, product, first_day(lo - 1)).status
    for m in range(lo, hi + 1):
        ruling = sanctions.ruling(country, product, first_day(m))
        if ruling.status == "prohibited" and before != "prohibited":
            return m, f"measure in full force: {ruling.label or ruling.citation}"
        before = ruling.status
    return None


def _signals(
    country: str,
    collapses: list[Collapse],
    imports: pl.DataFrame,
    reporting: pl.DataFrame,
    s: DiversionSettings,
) -> list[Signal]:
    """Every origin of every collapse tested at once (diversion_table); signals built only for
    the rows that pass."""
    cuts = pl.DataFrame(
        {
            "partner": [c.partner for c in collapses],
            "product": [c.product for c in collapses],
            "cut": [_month(c.cut) for c in collapses],
            "lost": [c.lost_usd_per_month for c in collapses],
        },
        schema={"partner": pl.String, "product": pl.String, "cut": pl.Int64, "lost": pl.Float64},
    )
    covered = reporting.select(pl.col("partner"), pl.col("m").cast(pl.Int64))
    imports = imports.with_columns(pl.col("m").cast(pl.Int64))
    picked = table.pick(table.window_stats(cuts, imports, covered, country, s), s)
    out: list[Signal] = []
    for r in picked["rise"].iter_rows(named=True):
        kind = "unallocated_partner" if r["origin"] in s.unallocated_partners else "third_country"
        out.append(rise_signal(r, r["partner"], s, kind))
    for r in picked["mirror_gap"].iter_rows(named=True):
        out.append(mirror_gap_signal(r, r["partner"], s))
    for r in picked["unit_value"].iter_rows(named=True):
        out.append(unit_value_signal(r, r["partner"], s))
    return out


def _attach_rows(
    store: Store,
    queries: Any,
    signals: list[Signal],
    target: pl.DataFrame,
    imports: pl.DataFrame,
    covered: dict[str, set[int]],
    prefixes: tuple[str, ...] | None,
    span: tuple[int, int],
    s: DiversionSettings,
) -> None:
    """Give each signal the stored rows behind it and its monthly series (a month the partner
    did not report is None: missing, a gap in the chart; a reported month without the flow
    is zero)."""
    keys = ["partner", "origin", "product"]
    w = s.window_months
    wanted = pl.DataFrame(
        {
            "partner": [x.partner for x in signals],
            "origin": [x.origin for x in signals],
            "product": [x.product for x in signals],
            "lo": [_month(x.cut) - w for x in signals],
            "hi": [_month(x.cut) + w - 1 for x in signals],
        }
    ).unique()
    rows = queries.rows_behind(store.flows, wanted, prefixes, s.max_rows_per_signal)
    by_flow = rows.sort(["m", "basis", "source_record"]).partition_by(keys, as_dict=True)
    mirror = imports.filter(pl.col("basis") == "mirror").join(
        wanted.select(keys), on=keys, how="semi"
    )
    origin_values = {
        k: dict(part.select(["m", "value"]).iter_rows())
        for k, part in mirror.partition_by(keys, as_dict=True).items()
    }
    target_values = {
        k: dict(part.select(["m", "value"]).iter_rows())
        for k, part in target.partition_by(["partner", "product"], as_dict=True).items()
    }
    empty = rows.clear()
    for i, sig in enumerate(signals):
        cut = _month(sig.cut)
        lo, hi = cut - s.window_months, cut + s.window_months - 1
        mine = by_flow.get((sig.partner, sig.origin, sig.product), empty)
        if sig.kind != "mirror_gap":
            mine = mine.filter(pl.col("basis") == "mirror")
        total = int(mine.group_by("basis").agg(pl.col("total").first())["total"].sum())
        refs = [
            RowRef(
                batch_id=r["batch_id"],
                source_record=r["source_record"],
                basis=r["basis"],
                reporter=r["reporter"],
                period=r["period"],
                hs_code=r["hs_code"],
                value_usd=r["value_usd"],
            )
            for r in mine.head(s.max_rows_per_signal).iter_rows(named=True)
        ]
        months = covered.get(sig.partner, set())
        origin = origin_values.get((sig.partner, sig.origin, sig.product), {})
        lost = target_values.get((sig.partner, sig.product), {})
        series = [
            {
                "month": label(m),
                "origin_usd": origin.get(m, 0.0) if m in months else None,
                "target_usd": lost.get(m, 0.0) if m in months else None,
            }
            for m in range(lo, hi + 1)
        ]
        signals[i] = replace(sig, rows=refs, rows_total=total, series=series)
