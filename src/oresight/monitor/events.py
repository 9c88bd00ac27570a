"""Events: what looks new or wrong in a country's exports, each with a one-line reason and
the flows (store batches and records, or published figure ids) behind it.

- first_time: a group or HS6 code traded after at least 12 months of none (and at least 12
  months of coverage before it, so the start of the data is not mistaken for a first export).
- spike / collapse: robust z-score of log(value) against the previous 12 periods' median and
  MAD (scaled by 1.4826, floored at 0.10 so a flat baseline does not make every wiggle an
  event); |z| >= 3.5 (Iglewicz and Hoaglin's cut-off for modified z-scores); at least 6
  non-zero baseline periods. A period with no trade after such a baseline is a collapse.
- unit_value: the country's unit value for an HS6 code and period is below half or above twice
  the median over at least 3 other origins' exports of that code in that period.

Sanction, cap and published-figure events are in :mod:`oresight.monitor.events_rules`.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import polars as pl

from oresight.monitor.frequency import label_of, per_year

Z_THRESHOLD = 3.5
MAD_SCALE = 1.4826
MAD_FLOOR = 0.10
BASELINE_PERIODS = 12
MIN_BASELINE = 6
GAP_MONTHS = 12
UV_RATIO = 2.0
UV_MIN_ORIGINS = 3


@dataclass
class Event:
    """One event; ``flows`` says which rows are behind it."""

    kind: str
    period: str
    group: str | None
    partner: str
    source: str
    reason: str
    value_usd: float | None = None
    hs_code: str | None = None
    score: float | None = None
    flows: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def money(value: float | None) -> str:
    return "n/a" if value is None else f"USD {value:,.0f}"


def first_time(
    frame: pl.DataFrame,
    key: list[str],
    freq: str,
    what: str,
    starts: pl.DataFrame | None = None,
) -> list[Event]:
    """Trade after >= 12 months of none, in ``frame`` rows (idx, value_usd...) per ``key``.

    The data begin at the source's first period, or, per mirror reporter, at the first period
    ``starts`` (source, partner, basis, _start) gives for it: a reporter whose data begin with
    a trade row has not shown a first export.
    """
    gap = math.ceil(GAP_MONTHS / (12 // per_year(freq)))
    cover = frame.group_by(["source", "basis"]).agg(pl.col("idx").min().alias("_first"))
    rows = (
        frame.filter(pl.col("value_usd") > 0)
        .sort("idx")
        .with_columns(pl.col("idx").shift(1).over(key).alias("_prev"))
        .join(cover, on=["source", "basis"])
    )
    if starts is not None:
        rows = rows.join(starts, on=["source", "partner", "basis"], how="left").with_columns(
            pl.coalesce("_start", "_first").alias("_first")
        )
    new = rows.filter(
        ((pl.col("idx") - pl.col("_prev")) > gap)
        | (pl.col("_prev").is_null() & ((pl.col("idx") - pl.col("_first")) >= gap))
    )
    events = []
    for row in new.iter_rows(named=True):
        label = row.get("hs_code") if what == "HS code" else row["group"]
        since = (
            f"none in the previous {row['idx'] - row['_prev'] - 1} periods"
            if row["_prev"] is not None
            else f"none since the data begin ({label_of(freq, row['_first'])})"
        )
        events.append(
            Event(
                kind="first_time",
                period=label_of(freq, row["idx"]),
                group=row["group"],
                partner=row["partner"],
                source=row["source"],
                hs_code=row.get("hs_code"),
                value_usd=row["value_usd"],
                reason=f"{what} {label} exported ({money(row['value_usd'])}); {since}",
                flows=provenance(row),
            )
        )
    return events


def spikes(series: pl.DataFrame, freq: str, last: int | None = None) -> list[Event]:
    """Robust z-score spikes and collapses on each (group, partner, source) series, up to the
    period ``last`` (the end of the data; default the series' own last period), so a group
    that stopped while others went on still shows its collapse."""
    events: list[Event] = []
    if last is None:
        last = int(series["idx"].cast(pl.Int64).max() or 0) if series.height else 0  # type: ignore[arg-type]
    for keys, part in series.group_by(["group", "partner", "source", "basis"]):
        group, partner, source, _ = keys
        idx = part["idx"].to_numpy()
        values = np.zeros(last - int(idx.min()) + 1)
        values[idx - idx.min()] = part["value_usd"].fill_null(0).to_numpy()
        by_idx = {int(i): r for i, r in zip(idx, part.iter_rows(named=True), strict=True)}
        stop: Event | None = None  # the open "trade stopped" collapse of this series
        for t in range(MIN_BASELINE, len(values)):
            if stop is not None:
                if values[t] == 0:
                    # Still no trade: the same collapse goes on (one event with its window).
                    stop.reason = _stopped_window(stop, label_of(freq, int(idx.min()) + t))
                    continue
                stop = None
            base = values[max(0, t - BASELINE_PERIODS) : t]
            base = np.log(base[base > 0])
            if base.size < MIN_BASELINE:
                continue
            med = float(np.median(base))
            mad = max(MAD_SCALE * float(np.median(np.abs(base - med))), MAD_FLOOR)
            now = values[t]
            z = (math.log(now) - med) / mad if now > 0 else -math.inf
            if abs(z) < Z_THRESHOLD:
                continue
            period_idx = int(idx.min()) + t
            kind = "spike" if z > 0 else "collapse"
            typical = math.exp(med)
            what = f"{money(now)} against a typical {money(typical)}" if now > 0 else "no trade"
            zt = f"z = {z:+.1f}" if math.isfinite(z) else "stopped"
            events.append(
                Event(
                    kind=kind,
                    period=label_of(freq, period_idx),
                    group=str(group),
                    partner=str(partner),
                    source=str(source),
                    value_usd=float(now),
                    score=z if math.isfinite(z) else None,
                    reason=f"{group}: {what} over the previous {base.size} trading periods ({zt})",
                    flows=provenance(by_idx.get(period_idx, {})),
                )
            )
            if now == 0:
                stop = events[-1]
    return events


def _stopped_window(event: Event, through: str) -> str:
    """The reason of a collapse to no trade, with the window it has lasted for."""
    head = event.reason.split("; no trade from ")[0]
    return f"{head}; no trade from {event.period} through {through}"


def unit_values(hs6: pl.DataFrame, world: pl.DataFrame, freq: str) -> list[Event]:
    """Unit values below half or above twice the median of other origins (same HS6 and period)."""
    if world.is_empty():
        return []
    joined = hs6.filter((pl.col("tonnes") > 0) & (pl.col("weighed_usd") > 0)).join(
        world, on=["hs_code", "freq", "year", "month"]
    )
    joined = joined.with_columns((pl.col("weighed_usd") / pl.col("tonnes")).alias("uv"))
    joined = joined.with_columns((pl.col("uv") / pl.col("world_uv")).alias("ratio")).filter(
        (pl.col("origins") >= UV_MIN_ORIGINS)
        & ((pl.col("ratio") >= UV_RATIO) | (pl.col("ratio") <= 1 / UV_RATIO))
    )
    events = []
    for row in joined.iter_rows(named=True):
        events.append(
            Event(
                kind="unit_value",
                period=label_of(freq, row["idx"]),
                group=row["group"],
                partner=row["partner"],
                source=row["source"],
                hs_code=row["hs_code"],
                value_usd=row["value_usd"],
                score=math.log(row["ratio"]),
                reason=(
                    f"HS {row['hs_code']} at USD {row['uv']:,.0f}/t is {row['ratio']:.2f}x the "
                    f"median USD {row['world_uv']:,.0f}/t of {row['origins']} other origins"
                ),
                flows=provenance(row),
            )
        )
    return events


def provenance(row: dict[str, Any]) -> dict[str, Any]:
    """Which stored rows are behind an event: the batches, how many records, and the filter
    (partner, HS code, source, basis) that selects them."""
    if not row:
        return {}
    where = {"partner": row.get("partner"), "source": row.get("source"), "basis": row.get("basis")}
    if row.get("hs_code") is not None:
        where["hs_code"] = row["hs_code"]
    return {"batch_ids": row.get("batch_ids") or [], "records": row.get("records"), "filter": where}
