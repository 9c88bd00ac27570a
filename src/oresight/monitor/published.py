"""Published figures as series rows: their own period kind, their citation, and conflicts shown
side by side (never averaged or silently dropped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from oresight.monitor.frequency import Window
from oresight.reference.groups import Groups

if TYPE_CHECKING:
    from oresight.store import Store

# Two level figures for the same partner, group and period conflict when they differ by more.
CONFLICT_TOLERANCE = 0.01


def load_frame(store: Store) -> pl.DataFrame | None:
    """All published figures the store reads, or None when there are none."""
    frame = pl.from_arrow(store.published_figures.to_pyarrow())
    assert isinstance(frame, pl.DataFrame)
    return frame if frame.height else None


def select(
    frame: pl.DataFrame,
    country: str,
    *,
    partner: str | None,
    group: str | None,
    window: Window,
) -> pl.DataFrame:
    """The published figures for one origin, partner (None: any), group (None: any mapped)."""
    rows = frame.filter(pl.col("origin_iso3") == country)
    rows = rows.filter(pl.col("group").is_not_null())
    if partner:
        rows = rows.filter(pl.col("partner") == partner)
    if group:
        rows = rows.filter(pl.col("group") == group)
    if window.start or window.end:
        keep = [
            window.contains(a, b)
            for a, b in zip(
                rows["period_start"].to_list(), rows["period_end"].to_list(), strict=True
            )
        ]
        rows = rows.filter(pl.Series(keep, dtype=pl.Boolean))
    return mark_conflicts(rows)


def mark_conflicts(rows: pl.DataFrame) -> pl.DataFrame:
    """Add ``conflict_with``: other figures for the same partner, group, period and basis whose
    value (or, without values, tonnage) differs by more than 1%."""
    key = ["partner", "group", "period", "basis"]
    levels = rows.filter((pl.col("measure") == "level") & pl.col("period").is_not_null())
    pairs = levels.join(levels, on=key, suffix="_o").filter(
        pl.col("figure_id") != pl.col("figure_id_o")
    )
    pairs = pairs.filter(_differs("value_usd") | (_both_null("value_usd") & _differs("quantity")))
    found = pairs.group_by("figure_id").agg(pl.col("figure_id_o").sort().alias("conflict_with"))
    out = rows.join(found, on="figure_id", how="left")
    return out.with_columns(
        (pl.col("conflict") | pl.col("conflict_with").is_not_null()).alias("conflict")
    )


def _differs(col: str) -> pl.Expr:
    a, b = pl.col(col), pl.col(f"{col}_o")
    top = pl.max_horizontal(a.abs(), b.abs())
    return a.is_not_null() & b.is_not_null() & ((a - b).abs() > CONFLICT_TOLERANCE * top)


def _both_null(col: str) -> pl.Expr:
    return pl.col(col).is_null() & pl.col(f"{col}_o").is_null()


def as_series(rows: pl.DataFrame, groups: Groups) -> pl.DataFrame:
    """Published figures in the series' column names; stated changes stay changes."""
    names = {key: g.name for key, g in groups.groups.items()}
    stated_value_change = pl.col("change_of") == "value"
    return rows.select(
        pl.col("period"),
        pl.col("period_kind"),
        pl.col("period_start"),
        pl.col("group"),
        pl.col("group").replace_strict(names, default=None).alias("group_name"),
        pl.col("partner"),
        pl.lit("published").alias("source"),
        pl.col("basis"),
        pl.col("measure"),
        pl.col("value_usd"),
        # China's customs (the root of most figures) values imports CIF.
        pl.when(pl.col("value_usd").is_not_null()).then(pl.lit("CIF")).alias("value_basis"),
        pl.col("value_cny"),
        pl.col("quantity"),
        pl.col("quantity_unit"),
        pl.col("unit_value_usd").alias("unit_value"),
        pl.col("share_pct"),
        pl.when(stated_value_change & (pl.col("change_kind") == "mom"))
        .then(pl.col("change_pct"))
        .alias("prev_pct"),
        pl.when(stated_value_change & (pl.col("change_kind") == "yoy"))
        .then(pl.col("change_pct"))
        .alias("yoy_pct"),
        pl.col("change_pct"),
        pl.col("change_of"),
        pl.col("compared_to"),
        pl.col("source_url").alias("citation"),
        pl.col("source_org"),
        pl.col("figure_id"),
        pl.col("quote"),
        pl.col("note"),
        pl.col("suspect"),
        pl.col("conflict"),
        pl.col("conflict_with"),
    )
