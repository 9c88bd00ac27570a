"""Run the event detectors on the country's HS6 rows and group series."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from oresight.monitor import events, events_rules, sanctions
from oresight.monitor.flows_query import world_unit_values
from oresight.monitor.frequency import Window, label_of, per_year
from oresight.monitor.series import in_window
from oresight.reference.groups import TOTAL

if TYPE_CHECKING:
    from oresight.store import Store


def flow_events(
    store: Store,
    country: str,
    hs6: pl.DataFrame,
    series: pl.DataFrame,
    freq: str,
    window: Window,
    by_partner: bool,
    label: str = "WLD",
) -> list[events.Event]:
    if hs6.is_empty() or series.is_empty():
        return []
    traded = hs6["group"].unique().to_list()  # primary groups with any trade
    primary = series.filter(pl.col("group").is_in([*traded, TOTAL]))
    found = events.spikes(primary, freq, last=int(hs6["idx"].max()))  # type: ignore[arg-type]
    keyed = hs6 if by_partner else hs6.with_columns(pl.lit(label).alias("partner"))
    per_code = keyed.group_by(["idx", "partner", "source", "basis", "hs_code", "group"]).agg(
        pl.col("value_usd").sum(), pl.col("records").sum(), pl.col("batch_ids").explode().unique()
    )
    group_rows = series.filter(pl.col("group").is_in(traded))
    starts = _reporter_starts(store, hs6, freq) if by_partner else None
    found += events.first_time(
        group_rows, ["group", "partner", "source", "basis"], freq, "group", starts
    )
    found += events.first_time(
        per_code, ["hs_code", "partner", "source", "basis"], freq, "HS code", starts
    )
    if freq != "Y":
        world = pl.from_arrow(
            world_unit_values(store.flows, country, _keys_table(hs6)).to_pyarrow()
        )
        assert isinstance(world, pl.DataFrame)
        found += events.unit_values(hs6, world, freq)
    found += events_rules.sanctioned_flows(per_code, freq, country)
    # Every period the data span, not only those with trade: a collapse is a period of none.
    first, last = int(hs6["idx"].min()), int(hs6["idx"].max())  # type: ignore[arg-type]
    span = pl.DataFrame({"idx": list(range(first, last + 1))})
    keep = {label_of(freq, i) for i in in_window(span, freq, window)["idx"].to_list()}
    found = [e for e in found if e.period in keep]
    rows = sanctions.cap_breaches(_as_flows(hs6, country))
    years = {label[:4] for label in keep}
    found += [e for e in events_rules.cap_breaches(rows) if e.period[:4] in years]
    return found


def _reporter_starts(store: Store, hs6: pl.DataFrame, freq: str) -> pl.DataFrame:
    """Per source and mirror reporter, the period number of its first reported import of
    anything: before it, an absence of trade is an absence of data, not of exports."""
    reporters = hs6.filter(pl.col("basis") == "mirror")["partner"].unique().to_list()
    f = store.flows
    f = f.filter((f.flow == "import") & f.reporter_iso3.isin(reporters))
    f = f.filter(f.freq == "M") if freq != "Y" else f
    firsts = f.group_by(["source", "reporter_iso3"]).aggregate(first=f.period_start.min())
    frame = pl.from_arrow(firsts.to_pyarrow())
    assert isinstance(frame, pl.DataFrame)
    per, months = per_year(freq), 12 // per_year(freq)
    first = pl.col("first")
    return frame.select(
        pl.col("source"),
        pl.col("reporter_iso3").alias("partner"),
        pl.lit("mirror").alias("basis"),
        (first.dt.year() * per + (first.dt.month() - 1) // months).alias("_start"),
    )


def _as_flows(hs6: pl.DataFrame, country: str) -> Any:
    """The country's mirror HS6 rows shaped like store flows (for ``rules.cap_usage``), so caps
    are summed from what was already aggregated instead of scanning the flows again."""
    import ibis

    mirror = hs6.filter(pl.col("basis") == "mirror")
    month = pl.col("month").fill_null(1)
    frame = mirror.select(
        pl.col("partner").alias("reporter_iso3"),
        pl.lit(country).alias("partner_iso3"),
        pl.lit("import").alias("flow"),
        pl.col("freq"),
        pl.when(pl.col("freq") == "M")
        .then(pl.format("{}-{}", pl.col("year"), month.cast(pl.String).str.zfill(2)))
        .otherwise(pl.col("year").cast(pl.String))
        .alias("period"),
        pl.col("year").cast(pl.Int32),
        pl.col("month").cast(pl.Int32),
        pl.date(pl.col("year"), month, 1).alias("period_start"),
        pl.col("hs_code"),
        pl.lit(6, dtype=pl.Int32).alias("aggr_level"),
        pl.col("value_usd"),
        (pl.col("tonnes") * 1000.0).alias("net_weight_kg"),
    )
    return ibis.memtable(frame.to_arrow())


def _keys_table(hs6: pl.DataFrame) -> Any:
    """The (HS6, period) keys the country traded, as an Ibis memtable for a semi-join."""
    import ibis

    keys = hs6.select(["hs_code", "freq", "year", "month"]).unique().to_arrow()
    return ibis.memtable(keys)
