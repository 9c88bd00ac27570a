"""Series per period and group from the country's HS6 exports: value, quantity, unit value,
share of the country's total, change on the previous period and on the same period a year
earlier. Input is small (already aggregated by the backend), so this runs in Polars.
"""

from __future__ import annotations

import polars as pl

from oresight.monitor.frequency import (
    Window,
    index_of,
    kind_of,
    label_of,
    per_year,
    start_of,
)
from oresight.reference.groups import TOTAL, Groups

KEYS = ["partner", "source", "basis", "group"]


def assign_groups(hs6: pl.DataFrame, groups: Groups) -> pl.DataFrame:
    """Add each row's primary group: national tariff lines first (e.g. China's rare-earth ore
    line), then the longest HS prefix; computed once per distinct code."""
    codes = hs6["hs_code"].unique().to_list()
    mapping = {code: groups.classify(code) for code in codes}
    out = hs6.with_columns(
        pl.col("hs_code").replace_strict(mapping, return_dtype=pl.String).alias("group")
    )
    for group in groups.primary:
        for reporter, lines in group.national.items():
            # A national line is the reporter's: only mirror rows (partner = reporter) use it.
            hit = (
                (pl.col("basis") == "mirror") & (pl.col("partner") == reporter)
            ) & pl.any_horizontal(
                [pl.col("national_code").fill_null("").str.starts_with(line) for line in lines]
            )
            out = out.with_columns(
                pl.when(hit).then(pl.lit(group.key)).otherwise(pl.col("group")).alias("group")
            )
    return out


def with_period(hs6: pl.DataFrame, freq: str) -> pl.DataFrame:
    """Add the running period number ``idx``; for Y, a reporter-year with annual rows uses them."""
    if freq == "Y":
        # Annual rows replace the months of the same source, basis, reporter (or partner) and
        # year only: another reporter's monthly rows, or another year's, still count.
        keys = ["source", "basis", "partner", "year"]
        has_annual = hs6.filter(pl.col("freq") == "A").select(keys).unique()
        monthly = hs6.filter(pl.col("freq") == "M")
        return pl.concat(
            [
                hs6.filter(pl.col("freq") == "A"),
                monthly.join(has_annual, on=keys, how="anti", nulls_equal=True),
            ]
        ).with_columns(pl.col("year").alias("idx"))
    per = per_year(freq)
    months = 12 // per
    return hs6.filter(pl.col("freq") == "M").with_columns(
        (pl.col("year") * per + (pl.col("month") - 1) // months).alias("idx")
    )


def _sum(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    month_no = pl.col("year") * 12 + pl.col("month") - 1
    return frame.group_by(keys).agg(
        # Months with at least one row; an annual row stands for the whole year.
        (
            month_no.filter(pl.col("freq") == "M").n_unique()
            + 12 * (pl.col("freq") == "A").any().cast(pl.Int64)
        ).alias("months_covered"),
        pl.col("reporter").unique().sort().alias("reporters"),
        pl.col("hs_code").n_unique().alias("hs_codes"),
        pl.col("value_usd").sum(),
        # No weight reported at all is an unknown quantity, not 0 t.
        pl.when(pl.col("tonnes").is_not_null().any()).then(pl.col("tonnes").sum()).alias("tonnes"),
        pl.col("weighed_usd").sum(),
        pl.col("records").sum(),
        pl.col("value_basis").max(),
        pl.col("batch_ids").explode().unique().sort().alias("batch_ids"),
    )


def group_series(
    hs6: pl.DataFrame, groups: Groups, *, by_partner: bool, label: str = "WLD"
) -> pl.DataFrame:
    """Sum HS6 rows into primary groups, aggregate groups and the total, per period; without
    ``by_partner`` all partners are one, called ``label`` (WLD, or the one --partner)."""
    if not by_partner:
        hs6 = hs6.with_columns(pl.lit(label).alias("partner"))
    keys = ["idx", "partner", "source", "basis"]
    parts = [_sum(hs6, [*keys, "group"])]
    for group in groups.aggregates:
        prefixes = [p for p in group.hs if p]
        if group.key == TOTAL or not prefixes:
            members = hs6
        else:
            members = hs6.filter(
                pl.any_horizontal([pl.col("hs_code").str.starts_with(p) for p in prefixes])
            )
        parts.append(_sum(members, keys).with_columns(pl.lit(group.key).alias("group")))
    return pl.concat(parts, how="diagonal")


def add_coverage(series: pl.DataFrame, freq: str) -> pl.DataFrame:
    """``months_covered`` (months in which the series' reporters reported any trade with the
    country: the total's months, for every group of the series), ``months_in_period`` and
    ``complete``. A group's own missing months are absent trade of a reporting month; a month
    no reporter reported is missing, and the period is then partial."""
    per_period = 12 // per_year(freq)
    keys = ["idx", "partner", "source", "basis"]
    total = series.filter(pl.col("group") == TOTAL).select(
        [*keys, pl.col("months_covered").alias("_covered")]
    )
    out = series.join(total, on=keys, how="left").with_columns(
        pl.min_horizontal(
            pl.coalesce(pl.col("_covered"), pl.col("months_covered")), pl.lit(per_period)
        ).alias("months_covered"),
        pl.lit(per_period, dtype=pl.Int64).alias("months_in_period"),
    )
    return out.with_columns(
        (pl.col("months_covered") >= pl.col("months_in_period")).alias("complete")
    ).drop("_covered")


def add_metrics(series: pl.DataFrame, freq: str) -> pl.DataFrame:
    """Coverage, unit value, share of the country's total, change on previous period and on a
    year ago; a change is shown only between two complete periods (a partial one says so)."""
    series = add_coverage(series, freq)
    # Shares are of the country's total over every partner in the series (one per partner
    # with --partner all), so a partner's rows do not each add up to 100%.
    total = (
        series.filter(pl.col("group") == TOTAL)
        .group_by(["idx", "source", "basis"])
        .agg(pl.col("value_usd").sum().alias("_total"))
    )
    out = series.join(total, on=["idx", "source", "basis"], how="left")
    for name, lag in (("prev", 1), ("yoy", per_year(freq))):
        # A comparator from a partial period is no base: it is dropped (no change shown).
        shifted = series.filter(pl.col("complete")).select(
            [*KEYS, (pl.col("idx") + lag).alias("idx"), pl.col("value_usd").alias(f"_{name}")]
        )
        out = out.join(shifted, on=[*KEYS, "idx"], how="left")
    # A period with no row had no recorded trade: treat the missing comparator as zero only for
    # display of "new" trade; percentages need a non-zero base.
    return out.with_columns(
        pl.when((pl.col("tonnes") > 0) & (pl.col("weighed_usd") > 0))
        .then(pl.col("weighed_usd") / pl.col("tonnes"))
        .alias("unit_value"),
        pl.when(pl.col("_total") > 0)
        .then(100.0 * pl.col("value_usd") / pl.col("_total"))
        .alias("share_pct"),
        pl.when(pl.col("complete")).then(_pct("_prev")).alias("prev_pct"),
        pl.when(pl.col("complete")).then(_pct("_yoy")).alias("yoy_pct"),
    ).drop(["_total", "_prev", "_yoy"])


def _pct(base: str) -> pl.Expr:
    return (
        pl.when(pl.col(base) > 0)
        .then(100.0 * (pl.col("value_usd") / pl.col(base) - 1.0))
        .otherwise(None)
    )


def finish(series: pl.DataFrame, freq: str, groups: Groups) -> pl.DataFrame:
    """Labels and the public column names for flow-derived rows."""
    labels = {i: label_of(freq, i) for i in series["idx"].unique().to_list()}
    starts = {i: start_of(freq, i) for i in labels}
    names = {key: g.name for key, g in groups.groups.items()}
    return series.with_columns(
        pl.col("idx").replace_strict(labels, return_dtype=pl.String).alias("period"),
        pl.col("idx").replace_strict(starts, return_dtype=pl.Date).alias("period_start"),
        pl.lit(kind_of(freq)).alias("period_kind"),
        pl.when(pl.col("group").str.contains(r"^\d{6}$"))
        .then(pl.concat_str([pl.lit("HS "), pl.col("group")]))
        .otherwise(pl.col("group").replace_strict(names, default="Other goods"))
        .alias("group_name"),
        pl.lit("level").alias("measure"),
        pl.col("tonnes").alias("quantity"),
        pl.lit("t").alias("quantity_unit"),
        pl.concat_str([pl.lit("store batches: "), pl.col("batch_ids").list.join(", ")]).alias(
            "citation"
        ),
    ).drop(["tonnes", "weighed_usd", "batch_ids"])


def in_window(frame: pl.DataFrame, freq: str, window: Window) -> pl.DataFrame:
    """Rows whose period number ``idx`` lies inside the --from/--to window."""
    if window.start:
        frame = frame.filter(
            pl.col("idx") >= _window_index(freq, window.start.year, window.start.month)
        )
    if window.end:
        frame = frame.filter(
            pl.col("idx") <= _window_index(freq, window.end.year, window.end.month)
        )
    return frame


def _window_index(freq: str, year: int, month: int) -> int:
    return year if freq == "Y" else index_of(freq, year, month)


def period_index(freq: str, year: int, month: int) -> int:
    """Re-exported for callers that need the index of a date."""
    return index_of(freq, year, month)


def clip_to_window(hs6: pl.DataFrame, freq: str, window: Window) -> pl.DataFrame:
    """Drop monthly rows after --to, and those before --from inside the period --from falls in,
    so a quarter, half or year at the window's edge sums only the months asked for (earlier
    periods stay: changes on a year earlier need them)."""
    if hs6.is_empty() or freq == "M":
        return hs6
    month_no = pl.col("year") * 12 + pl.col("month").fill_null(1) - 1
    monthly = pl.col("freq") == "M"
    if window.end:
        end = window.end.year * 12 + window.end.month - 1
        hs6 = hs6.filter(~monthly | (month_no <= end))
    if window.start:
        start = window.start.year * 12 + window.start.month - 1
        first = _window_index(freq, window.start.year, window.start.month)
        hs6 = hs6.filter(~monthly | (pl.col("idx") != first) | (month_no >= start))
    return hs6


def partial_periods(freq: str, window: Window) -> dict[int, str]:
    """Edge periods the window covers only in part: period number -> months covered."""
    if freq == "M":
        return {}
    months = 12 // per_year(freq)
    out: dict[int, str] = {}
    if window.start and (window.start.month - 1) % months:
        idx = _window_index(freq, window.start.year, window.start.month)
        last = min(start_of(freq, idx).month + months - 1, 12)
        end = window.end if window.end and window.end < start_of(freq, idx + 1) else None
        last = end.month if end else last
        out[idx] = f"{window.start:%Y-%m} to {window.start.year}-{last:02d}"
    if window.end and window.end.month % months:
        idx = _window_index(freq, window.end.year, window.end.month)
        first = max(start_of(freq, idx), window.start) if window.start else start_of(freq, idx)
        out[idx] = f"{first:%Y-%m} to {window.end:%Y-%m}"
    return out


def blank_partial_changes(series: pl.DataFrame, partial: dict[int, str]) -> pl.DataFrame:
    """Changes on a full earlier period mean nothing for a part period: set them to null."""
    if not partial or series.is_empty():
        return series
    cut = pl.col("idx").is_in(list(partial))
    return series.with_columns(
        pl.when(cut).then(None).otherwise(pl.col(name)).alias(name)
        for name in ("prev_pct", "yoy_pct")
    )


def annual_only_notes(hs6: pl.DataFrame, freq: str) -> list[str]:
    """For M/Q/H: which reporter-years have only annual rows (left out: a year is not split
    into months), so the totals' gap is stated rather than silent."""
    if freq == "Y" or hs6.is_empty():
        return []
    keys = ["source", "basis", "partner", "year"]
    annual = hs6.filter(pl.col("freq") == "A").select(keys).unique()
    monthly = hs6.filter(pl.col("freq") == "M").select(keys).unique()
    only = annual.join(monthly, on=keys, how="anti", nulls_equal=True).sort(keys)
    if only.is_empty():
        return []
    spans = ", ".join(
        f"{r['partner']} {r['year']} ({r['source']})" for r in only.iter_rows(named=True)
    )
    return [f"Annual-only data left out of these {kind_of(freq)} series (use --freq Y): {spans}"]
