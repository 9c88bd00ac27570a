"""Where the figures come from (store batches, published citations) and what they cover."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from oresight.monitor.frequency import label_of

if TYPE_CHECKING:
    from oresight.store import Store


def sources(store: Store, hs6: pl.DataFrame, pub: pl.DataFrame | None) -> list[dict[str, Any]]:
    """Every source behind the result: store batches used, then each published citation."""
    out: list[dict[str, Any]] = []
    if not hs6.is_empty():
        used = hs6.select(pl.col("batch_ids").explode().unique())["batch_ids"].to_list()
        batches = store.batches
        rows = (
            batches.filter(batches.batch_id.isin(used))
            .select("batch_id", "source", "origin", "rows", "ingested_at")
            .to_pyarrow()
            .to_pylist()
        )
        for row in rows:
            out.append(
                {
                    "kind": "store",
                    "source": row["source"],
                    "batch_id": row["batch_id"],
                    "origin": row["origin"],
                    "rows": row["rows"],
                    "ingested_at": str(row["ingested_at"]),
                }
            )
    if pub is not None and pub.height:
        cited = (
            pub.group_by(["source_org", "source_url", "published"])
            .agg(pl.col("figure_id").sort())
            .sort(["published", "source_org"], nulls_last=True)
        )
        for row in cited.iter_rows(named=True):
            out.append(
                {
                    "kind": "published",
                    "source": "published",
                    "organisation": row["source_org"],
                    "url": row["source_url"],
                    "published": row["published"],
                    "figure_ids": row["figure_id"],
                }
            )
    return out


def coverage(hs6: pl.DataFrame, pub: pl.DataFrame | None, freq: str) -> dict[str, Any]:
    """What periods, partners and sources the figures span, and how many rows stand behind them."""
    out: dict[str, Any] = {}
    if not hs6.is_empty():
        per_source = hs6.group_by(["source", "basis"]).agg(
            pl.col("idx").min().alias("lo"),
            pl.col("idx").max().alias("hi"),
            pl.col("partner").n_unique().alias("partners"),
            pl.col("hs_code").n_unique().alias("hs_codes"),
            pl.col("records").sum().alias("records"),
        )
        out["flows"] = [
            {
                "source": r["source"],
                "basis": r["basis"],
                "from": label_of(freq, r["lo"]),
                "to": label_of(freq, r["hi"]),
                "partners": r["partners"],
                "hs_codes": r["hs_codes"],
                "records": r["records"],
            }
            for r in per_source.sort(["source", "basis"]).iter_rows(named=True)
        ]
        out["matrix"] = reporter_months(hs6)
    if pub is not None and pub.height:
        dated = pub.filter(pl.col("period_start").is_not_null())
        out["published"] = {
            "figures": pub.height,
            "by_period_kind": dict(
                pub.group_by("period_kind").len().sort("period_kind").iter_rows()
            ),
            "by_measure": dict(pub.group_by("measure").len().sort("measure").iter_rows()),
            "from": str(dated["period_start"].min()) if dated.height else None,
            "to": str(dated["period_end"].max()) if dated.height else None,
            "suspect": int(pub["suspect"].sum()),
            "conflicting": int(pub["conflict"].sum()),
        }
    return out


def reporter_months(hs6: pl.DataFrame) -> list[dict[str, Any]]:
    """Per source, reporter and month (monthly rows): the rows and HS codes behind it. A
    reporter-month absent here had no report of trade with the country: missing, not zero."""
    monthly = hs6.filter(pl.col("freq") == "M")
    if monthly.is_empty():
        return []
    cells = (
        monthly.group_by(["source", "reporter", "year", "month"])
        .agg(pl.col("records").sum(), pl.col("hs_code").n_unique().alias("hs_codes"))
        .sort(["source", "reporter", "year", "month"])
    )
    return [
        {
            "source": r["source"],
            "reporter": r["reporter"],
            "month": f"{r['year']}-{r['month']:02d}",
            "records": r["records"],
            "hs_codes": r["hs_codes"],
        }
        for r in cells.iter_rows(named=True)
    ]
