"""Where loaded customs flows and published figures disagree by more than 5%."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from oresight.reference.groups import TOTAL, Groups

TOLERANCE_PCT = 5.0
COMPARABLE_KINDS = ("month", "quarter", "half", "year", "span")


def against_published(hs6: pl.DataFrame, pub: pl.DataFrame, groups: Groups) -> list[dict[str, Any]]:
    """For each published value of a partner's imports (mirror basis), the store's sum of the
    same partner, group and months; listed when they differ by more than 5%.

    Only months the store covers for that partner are compared, so a gap in loaded data is
    reported as missing coverage rather than as a difference.
    """
    mirror = hs6.filter(pl.col("basis") == "mirror")
    if mirror.is_empty():
        return []
    monthly = mirror.filter(pl.col("freq") == "M").with_columns(
        (pl.col("year") * 100 + pl.col("month")).alias("_ym")
    )
    out = []
    candidates = pub.filter(
        (pl.col("measure") == "level")
        & (pl.col("basis") == "mirror")
        & pl.col("value_usd").is_not_null()
        & pl.col("period_kind").is_in(COMPARABLE_KINDS)
        & ~pl.col("suspect")
    )
    for row in candidates.iter_rows(named=True):
        lo, hi = _ym(row["period_start"]), _ym(row["period_end"])
        rows = monthly.filter(
            (pl.col("partner") == row["partner"]) & pl.col("_ym").is_between(lo, hi)
        )
        rows = _in_group(rows, row["group"], groups)
        months = rows["_ym"].n_unique()
        expected = (hi // 100 - lo // 100) * 12 + hi % 100 - lo % 100 + 1
        if months < expected:
            continue  # the store does not cover every month of the published period
        store_value = float(rows["value_usd"].sum())
        published = float(row["value_usd"])
        base = max(abs(published), 1.0)
        diff = 100.0 * (store_value - published) / base
        if abs(diff) > TOLERANCE_PCT:
            out.append(
                {
                    "period": row["period"],
                    "group": row["group"],
                    "partner": row["partner"],
                    "published_usd": published,
                    "store_usd": store_value,
                    "difference_pct": round(diff, 1),
                    "figure_id": row["figure_id"],
                    "source_org": row["source_org"],
                    "citation": row["source_url"],
                }
            )
    return out


def _ym(day: date) -> int:
    return day.year * 100 + day.month


def _in_group(rows: pl.DataFrame, group: str, groups: Groups) -> pl.DataFrame:
    if group == TOTAL:
        return rows
    spec = groups.groups.get(group)
    if spec is None or spec.kind == "primary":
        return rows.filter(pl.col("group") == group)
    prefixes = [p for p in spec.hs if p]
    return rows.filter(pl.any_horizontal([pl.col("hs_code").str.starts_with(p) for p in prefixes]))
