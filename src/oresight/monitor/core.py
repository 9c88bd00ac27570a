"""``oresight.monitor.exports``: a country's exports per period and group, with events."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import polars as pl

from oresight.errors import InputError
from oresight.monitor import compare, detect, events, events_rules, published, sanctions
from oresight.monitor.flows_query import country_exports
from oresight.monitor.frequency import (
    Window,
    kind_of,
    label_of,
    parse_window,
    per_year,
    require_freq,
    start_of,
)
from oresight.monitor.result import SERIES_COLUMNS, MonitorResult
from oresight.monitor.series import (
    add_metrics,
    annual_only_notes,
    assign_groups,
    blank_partial_changes,
    clip_to_window,
    finish,
    group_series,
    in_window,
    partial_periods,
    with_period,
)
from oresight.monitor.sources import coverage, sources
from oresight.reference.countries import to_iso3
from oresight.reference.groups import TOTAL, Groups, load_groups

if TYPE_CHECKING:
    from oresight.store import Store

PUBLISHED_NOTE = (
    "Rows with source 'published' are figures with citations (press reports of China's customs "
    "data, KOTRA, the UN 1718 Committee and Panel of Experts...), not customs records: each "
    "keeps its own period kind and source; conflicting figures are listed side by side."
)


def exports(
    country: str,
    *,
    partner: str | None = None,
    group: str | None = None,
    freq: str = "M",
    start: str | None = None,
    end: str | None = None,
    store: Store | None = None,
    cif_fob: float | None = None,
    with_events: bool = True,
    groups: Groups | None = None,
    by_hs6: bool = False,
) -> MonitorResult:
    """The country's exports: mirror of partners' imports (CIF, or x ``cif_fob``) plus its own
    reported exports, per period and commodity group, with published figures beside them.

    ``partner``: None for all partners together (partner 'WLD'), 'all' for one series per
    partner, or a country code. ``group``: None/'all' or a key of ``groups.yaml``.
    ``freq``: M, Q, H or Y. ``start``/``end``: YYYY or YYYY-MM, inclusive. ``by_hs6``: one
    series per six-digit code (of the group, if one is given) instead of per group, with the
    same coverage, shares and changes (analyst view; events stay per group).
    """
    from oresight.store import Store

    groups = groups or load_groups()
    country = to_iso3(country)
    freq = require_freq(freq)
    window = parse_window(start, end)
    by_partner = (partner or "").lower() == "all"
    partner_code = to_iso3(partner) if partner and not by_partner else None
    group_key = None if group in (None, "all") else groups.get(str(group)).key
    if cif_fob is not None and not 0 < cif_fob <= 1.5:
        raise InputError(f"CIF-to-FOB factor {cif_fob} is not in (0, 1.5]", field="cif_fob")
    store = store or Store.open()

    hs6, notes = _country_hs6(
        store, country, groups, partner_code, freq, window, cif_fob, with_events
    )
    hs6 = clip_to_window(hs6, freq, window)
    label = partner_code or "WLD"
    full_series = (
        _hs6_series(hs6, groups, freq, by_partner, group_key, label)
        if by_hs6
        else _flow_series(hs6, groups, freq, by_partner, group_key, label)
    )
    partial = partial_periods(freq, window)
    flow_series = (
        blank_partial_changes(in_window(full_series, freq, window), partial)
        if full_series.width
        else full_series
    )
    if flow_series.height:
        notes += [
            f"{label_of(freq, i)} holds only {span} (the --from/--to window): no changes shown"
            for i, span in sorted(partial.items())
        ]
    found: list[events.Event] = []
    if with_events:
        # Detectors see the history before --from (baselines, gaps); their events are then
        # kept only for periods inside the window.
        found += detect.flow_events(
            store, country, hs6, full_series, freq, window, by_partner, label
        )
        # A part period is low by construction: no spike or collapse on it.
        cut = {label_of(freq, i) for i in partial}
        found = [e for e in found if not (e.kind in ("spike", "collapse") and e.period in cut)]
        if group_key:
            # Events belong to the group asked for (group-less ones, e.g. a cap, stay).
            found = [e for e in found if e.group in (None, group_key)]
    if hs6.is_empty():
        notes.append(
            f"No customs flows for {country} are loaded: series come from published figures only."
        )
    pub_frame = published.load_frame(store)
    pub_rows = (
        published.select(pub_frame, country, partner=partner_code, group=group_key, window=window)
        if pub_frame is not None
        else None
    )
    if with_events and pub_frame is not None:
        found = _drop_first_times_published_before(found, pub_frame, country, freq)
    parts = [_public(flow_series, groups, freq)]
    differences: list[dict[str, Any]] = []
    if pub_rows is not None and pub_rows.height:
        notes.append(PUBLISHED_NOTE)
        parts.append(published.as_series(pub_rows, groups))
        if with_events:
            found += events_rules.published_events(pub_rows, groups)
        if not hs6.is_empty():
            differences = compare.against_published(hs6, pub_rows, groups)
    series = _combine(parts)
    shown = [group_key] if group_key else [g.key for g in groups.primary]
    return MonitorResult(
        country=country,
        freq=freq,
        series=series.to_arrow(),
        events=sorted(found, key=lambda e: (e.period, e.kind, e.group or "")),
        sources=sources(store, hs6, pub_rows),
        coverage=coverage(hs6, pub_rows, freq),
        notes=notes,
        timeline=sanctions.timeline(shown, groups),
        differences=differences,
        query={
            "partner": partner or "WLD",
            "group": group_key or "all",
            "from": start,
            "to": end,
            "cif_fob": cif_fob,
            "value_basis": "FOB (CIF x factor)" if cif_fob else "CIF (mirror), FOB (own reports)",
        },
    )


def _drop_first_times_published_before(
    found: list[events.Event], pub_frame: pl.DataFrame, country: str, freq: str
) -> list[events.Event]:
    """First-time exports look at all history, published figures included: a group that a
    published figure shows traded in the year before is not exported for the first time."""
    levels = published.select(
        pub_frame, country, partner=None, group=None, window=Window(None, None)
    ).filter(
        (pl.col("measure") == "level")
        & ((pl.col("value_usd").fill_null(0) > 0) | (pl.col("quantity").fill_null(0) > 0))
        & pl.col("period_end").is_not_null()
    )
    if levels.is_empty():
        return found
    seen: dict[str, list[tuple[str, date]]] = {}
    for group, partner, end in levels.select(["group", "partner", "period_end"]).iter_rows():
        seen.setdefault(group, []).append((partner, end))
    kept = []
    for e in found:
        if e.kind == "first_time" and e.group and e.hs_code is None:
            start = start_of(freq, _index_of_label(freq, e.period))
            year_before = date(start.year - 1, start.month, 1)
            if any(
                year_before <= end < start and (e.partner in ("WLD", partner))
                for partner, end in seen.get(e.group, [])
            ):
                continue
        kept.append(e)
    return kept


def _index_of_label(freq: str, label: str) -> int:
    """The running period number of a label made by ``label_of``."""
    year = int(label[:4])
    if freq == "Y":
        return year
    part = int(label[5:].lstrip("QH")) - 1
    return year * per_year(freq) + part


def _country_hs6(
    store: Store,
    country: str,
    groups: Groups,
    partner: str | None,
    freq: str,
    window: Window,
    cif_fob: float | None,
    history: bool,
) -> tuple[pl.DataFrame, list[str]]:
    # Fetch one year more than the window so changes on a year earlier exist at its start; for
    # events, all years before it (a first export after a long gap, spike baselines).
    years = None
    if window.start or window.end:
        lo = window.start.year - 1 if window.start and not history else 1900
        hi = window.end.year if window.end else 2999
        years = (lo, hi)
    expr = country_exports(
        store.flows,
        country,
        partner=partner,
        monthly_only=False,  # annual rows too: used for Y, named in notes otherwise
        cif_fob=cif_fob,
        years=years,
    )
    frame = pl.from_arrow(expr.to_pyarrow())
    assert isinstance(frame, pl.DataFrame)
    if not frame.height:
        return frame, []
    return with_period(assign_groups(frame, groups), freq), annual_only_notes(frame, freq)


def _flow_series(
    hs6: pl.DataFrame,
    groups: Groups,
    freq: str,
    by_partner: bool,
    group_key: str | None,
    label: str,
) -> pl.DataFrame:
    """Group series with metrics over all fetched periods (the window is applied later)."""
    if hs6.is_empty():
        return pl.DataFrame()
    series = group_series(hs6, groups, by_partner=by_partner, label=label)
    series = add_metrics(series, freq)
    if group_key:
        series = series.filter(pl.col("group") == group_key)
    return series


def _hs6_series(
    hs6: pl.DataFrame,
    groups: Groups,
    freq: str,
    by_partner: bool,
    group_key: str | None,
    label: str,
) -> pl.DataFrame:
    """One series per HS6 code (of ``group_key``, if given), plus the total they add up to."""
    if hs6.is_empty():
        return pl.DataFrame()
    if group_key:
        hs6 = hs6.filter(pl.col("group") == group_key)
    codes = hs6.with_columns(pl.col("hs_code").alias("group"))
    series = group_series(codes, groups, by_partner=by_partner, label=label)
    series = series.filter(
        pl.col("group").is_in(codes["group"].unique().to_list()) | (pl.col("group") == TOTAL)
    )
    return add_metrics(series, freq)


def _public(flow_series: pl.DataFrame, groups: Groups, freq: str) -> pl.DataFrame:
    if flow_series.is_empty():
        return pl.DataFrame()
    return finish(flow_series, freq, groups).drop("idx")


def _combine(parts: list[pl.DataFrame]) -> pl.DataFrame:
    parts = [p for p in parts if p.width]
    frame = pl.concat(parts, how="diagonal_relaxed") if parts else pl.DataFrame()
    for name in SERIES_COLUMNS:
        if name not in frame.columns:
            lists = ("conflict_with", "reporters")
            dtype: Any = pl.List(pl.String) if name in lists else pl.String
            if name in (
                "value_usd",
                "value_cny",
                "quantity",
                "unit_value",
                "share_pct",
                "prev_pct",
                "yoy_pct",
                "change_pct",
            ):
                dtype = pl.Float64
            elif name in ("suspect", "conflict", "complete"):
                dtype = pl.Boolean
            elif name in ("records", "months_covered", "months_in_period", "hs_codes"):
                dtype = pl.Int64
            elif name == "period_start":
                dtype = pl.Date
            frame = frame.with_columns(pl.lit(None, dtype=dtype).alias(name))
    frame = frame.select(SERIES_COLUMNS)
    return frame.sort(["period_start", "group", "source", "partner"], nulls_last=True)


__all__ = ["exports", "kind_of"]
