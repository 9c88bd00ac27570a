"""The three implementations timed by benchmarks/monitor.py (oresight, SQL limit, pandas peer).

Each computes the same thing for one country, all groups, monthly: the HS6 aggregation of its
mirror and own exports, group series with share / previous-period / year-earlier changes,
first-time exports, robust-z spikes, and unit values against other origins' median.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import polars as pl

from oresight.monitor import events, events_rules
from oresight.monitor.series import add_metrics, assign_groups, group_series, with_period
from oresight.reference.groups import TOTAL, load_groups

COUNTRY = "PRK"


def oresight_run(store: Any) -> str:
    from oresight.monitor import exports

    result = exports(COUNTRY, freq="M", store=store)
    return f"{result.series.num_rows} series rows, {len(result.events)} events"


def sql_run(store: Any) -> str:
    """Hand-written DuckDB SQL for the heavy part, then the same Polars series/events code."""
    con = store.raw
    hs6_sql = f"""
    WITH c AS (
      SELECT 'mirror' AS basis, source, reporter_iso3 AS partner, reporter_iso3 AS reporter,
             freq, year, month, hs_code, national_code, value_usd, net_weight_kg, value_basis,
             batch_id
      FROM flows WHERE partner_iso3 = '{COUNTRY}' AND flow = 'import' AND aggr_level = 6
        AND freq = 'M'
      UNION ALL
      SELECT 'reported', source, partner_iso3, reporter_iso3, freq, year, month, hs_code,
             national_code, value_usd, net_weight_kg, value_basis, batch_id
      FROM flows WHERE reporter_iso3 = '{COUNTRY}' AND flow = 'export' AND aggr_level = 6
        AND freq = 'M' AND partner_iso3 NOT IN ('WLD', '_X', 'X1', 'XX'))
    SELECT basis, source, partner, reporter, freq, year, month, hs_code, national_code,
           sum(value_usd) AS value_usd, sum(net_weight_kg / 1000.0) AS tonnes,
           sum(CASE WHEN net_weight_kg > 0 THEN value_usd ELSE 0 END) AS weighed_usd,
           count(*) AS records, max(value_basis) AS value_basis,
           list(DISTINCT batch_id) AS batch_ids
    FROM c GROUP BY ALL"""
    hs6 = pl.from_arrow(con.sql(hs6_sql).to_arrow_table())
    assert isinstance(hs6, pl.DataFrame)
    keys = hs6.select(["hs_code", "freq", "year", "month"]).unique().to_arrow()
    con.register("_keys", keys)
    world = pl.from_arrow(
        con.sql(f"""
        WITH o AS (
          SELECT f.hs_code, f.freq, f.year, f.month, f.partner_iso3,
                 sum(f.value_usd) / (sum(f.net_weight_kg) / 1000.0) AS uv
          FROM flows f SEMI JOIN _keys k USING (hs_code, freq, year, month)
          WHERE f.flow = 'import' AND f.partner_iso3 <> '{COUNTRY}' AND f.aggr_level = 6
            AND f.net_weight_kg > 0 AND f.value_usd > 0 AND f.freq = 'M'
          GROUP BY ALL)
        SELECT hs_code, freq, year, month, median(uv) AS world_uv, count(*) AS origins
        FROM o GROUP BY ALL""").to_arrow_table()
    )
    con.unregister("_keys")
    assert isinstance(world, pl.DataFrame)
    return _postprocess(hs6, world)


def _postprocess(hs6: pl.DataFrame, world: pl.DataFrame) -> str:
    groups = load_groups()
    hs6 = with_period(assign_groups(hs6, groups), "M")
    series = add_metrics(group_series(hs6, groups, by_partner=False), "M")
    traded = hs6["group"].unique().to_list()
    found = events.spikes(series.filter(pl.col("group").is_in([*traded, TOTAL])), "M")
    found += events.first_time(
        series.filter(pl.col("group").is_in(traded)),
        ["group", "partner", "source", "basis"],
        "M",
        "group",
    )
    per_code = hs6.with_columns(pl.lit("WLD").alias("partner"))
    per_code = per_code.group_by(["idx", "partner", "source", "basis", "hs_code", "group"]).agg(
        pl.col("value_usd").sum(), pl.col("records").sum(), pl.col("batch_ids").explode().unique()
    )
    found += events.first_time(per_code, ["hs_code", "partner", "source", "basis"], "M", "HS code")
    found += events.unit_values(hs6, world, "M")
    found += events_rules.sanctioned_flows(per_code, "M", COUNTRY)
    # The coal cap (UNSCR 2321: USD 400,870,018 or 7.5 Mt a year from 2017), summed by hand.
    coal = hs6.filter(
        (pl.col("basis") == "mirror")
        & pl.col("hs_code").str.contains("^(2701|2702|2704)")
        & (pl.col("year") >= 2017)
    )
    caps = coal.group_by("year").agg(pl.col("value_usd").sum(), pl.col("tonnes").sum())
    breaches = caps.filter((pl.col("value_usd") > 400_870_018) | (pl.col("tonnes") > 7_500_000))
    return f"{series.height} series rows, {len(found) + breaches.height} events"


def pandas_run(frame: pd.DataFrame) -> str:
    """The peer: everything in pandas."""
    groups = load_groups()
    f = frame
    base = (f["aggr_level"] == 6) & (f["freq"] == "M")
    mirror = f[base & (f["partner_iso3"] == COUNTRY) & (f["flow"] == "import")].assign(
        partner=lambda d: d["reporter_iso3"], basis="mirror"
    )
    own = f[
        base
        & (f["reporter_iso3"] == COUNTRY)
        & (f["flow"] == "export")
        & ~f["partner_iso3"].isin(["WLD", "_X", "X1", "XX"])
    ].assign(partner=lambda d: d["partner_iso3"], basis="reported")
    c = pd.concat([mirror, own])
    codes = c["hs_code"].unique()
    c["group"] = c["hs_code"].map({code: groups.classify(code) for code in codes})
    c["tonnes"] = c["net_weight_kg"] / 1000.0
    keys = ["basis", "source", "partner", "year", "month", "hs_code", "group"]
    hs6 = c.groupby(keys, as_index=False).agg(
        value_usd=("value_usd", "sum"), tonnes=("tonnes", "sum"), records=("value_usd", "size")
    )
    hs6["idx"] = hs6["year"] * 12 + hs6["month"] - 1
    sk = ["idx", "source", "basis"]
    parts = [hs6.groupby([*sk, "group"], as_index=False)[["value_usd", "tonnes"]].sum()]
    for g in groups.aggregates:
        prefixes = tuple(p for p in g.hs if p)
        sub = hs6 if not prefixes else hs6[hs6["hs_code"].str.startswith(prefixes)]
        parts.append(
            sub.groupby(sk, as_index=False)[["value_usd", "tonnes"]].sum().assign(group=g.key)
        )
    series = pd.concat(parts, ignore_index=True)
    total = series[series["group"] == TOTAL][[*sk, "value_usd"]].rename(columns={"value_usd": "_t"})
    series = series.merge(total, on=sk, how="left")
    series["share_pct"] = 100 * series["value_usd"] / series["_t"]
    series["unit_value"] = series["value_usd"] / series["tonnes"]
    gk = ["source", "basis", "group"]
    for name, lag in (("prev", 1), ("yoy", 12)):
        shifted = series[[*gk, "idx", "value_usd"]].assign(idx=lambda d, lag=lag: d["idx"] + lag)
        series = series.merge(
            shifted.rename(columns={"value_usd": f"_{name}"}), on=[*gk, "idx"], how="left"
        )
        series[f"{name}_pct"] = 100 * (series["value_usd"] / series[f"_{name}"] - 1)
    n_events = _pandas_events(series, hs6, f, groups)
    return f"{len(series)} series rows, {n_events} events (before sanctions)"


def _pandas_events(series: pd.DataFrame, hs6: pd.DataFrame, f: pd.DataFrame, groups: Any) -> int:
    n = 0
    # Spikes: robust z of log value against the previous 12 periods (median / MAD).
    for _, part in series.groupby(["source", "basis", "group"]):
        s = part.set_index("idx")["value_usd"].sort_index()
        s = s.reindex(range(s.index.min(), s.index.max() + 1), fill_value=0.0)
        logs = np.log(s.where(s > 0))
        med = logs.shift(1).rolling(12, min_periods=6).median()
        mad = (
            logs.shift(1)
            .rolling(12, min_periods=6)
            .apply(lambda x: np.nanmedian(np.abs(x - np.nanmedian(x))), raw=True)
        )
        z = (logs - med) / np.maximum(1.4826 * mad, 0.10)
        n += int((z.abs() >= 3.5).sum())
    # First-time HS codes: gap of more than 12 months since the previous trade.
    codes = hs6.groupby(["hs_code", "idx"], as_index=False)["value_usd"].sum().sort_values("idx")
    codes["_prev"] = codes.groupby("hs_code")["idx"].shift(1)
    n += int(((codes["idx"] - codes["_prev"]) > 12).sum())
    # Unit values against the median of other origins, same HS6 and month.
    keys = hs6[["hs_code", "year", "month"]].drop_duplicates()
    others = f[
        (f["flow"] == "import")
        & (f["partner_iso3"] != COUNTRY)
        & (f["aggr_level"] == 6)
        & (f["freq"] == "M")
        & (f["net_weight_kg"] > 0)
        & (f["value_usd"] > 0)
    ].merge(keys, on=["hs_code", "year", "month"])
    per_origin = others.groupby(["hs_code", "year", "month", "partner_iso3"], as_index=False)[
        ["value_usd", "net_weight_kg"]
    ].sum()
    per_origin["uv"] = per_origin["value_usd"] / (per_origin["net_weight_kg"] / 1000.0)
    world = per_origin.groupby(["hs_code", "year", "month"], as_index=False).agg(
        world_uv=("uv", "median"), origins=("uv", "size")
    )
    mine = hs6[hs6["tonnes"] > 0].merge(world, on=["hs_code", "year", "month"])
    ratio = (mine["value_usd"] / mine["tonnes"]) / mine["world_uv"]
    n += int((((ratio >= 2) | (ratio <= 0.5)) & (mine["origins"] >= 3)).sum())
    return n


class DiversionSQL:
    """Hand-written DuckDB SQL for the diversion queries (same precedence rules as
    ``oresight.store.trade``, written as QUALIFY windows), for ``diversion(queries=...)``."""

    def __init__(self, con: Any) -> None:
        self.con = con

    _TRADE = """
      WITH f AS (
        SELECT *, CASE WHEN flow = 'import' THEN 'mirror' ELSE 'reported' END AS basis,
               CASE WHEN flow = 'import' THEN partner_iso3 ELSE reporter_iso3 END AS exporter,
               CASE WHEN flow = 'import' THEN reporter_iso3 ELSE partner_iso3 END AS importer,
               CASE WHEN source LIKE 'comtrade%' AND freq = 'M' THEN 1
                    WHEN source LIKE 'comtrade%' THEN 2 WHEN source = 'baci' THEN 3
                    WHEN freq = 'M' THEN 4 ELSE 5 END AS precedence
        FROM flows WHERE aggr_level = 6 AND ({where})),
      best AS (
        SELECT * FROM f QUALIFY precedence = min(precedence)
          OVER (PARTITION BY basis, reporter_iso3, partner_iso3, hs_code, year)),
      first_source AS (
        SELECT * FROM best QUALIFY source = min(source)
          OVER (PARTITION BY basis, reporter_iso3, partner_iso3, hs_code, year)),
      one_edition AS (
        SELECT * FROM first_source QUALIFY coalesce(hs_edition, '') = max(coalesce(hs_edition, ''))
          OVER (PARTITION BY basis, reporter_iso3, source, period))
      SELECT *, year * 12 + month - 1 AS m, substr(hs_code, 1, 4) AS product
      FROM one_edition WHERE freq = 'M'"""

    @staticmethod
    def _in(values: list[str]) -> str:
        return ", ".join("'" + v.replace("'", "''") + "'" for v in values)

    def _frame(self, sql: str) -> pl.DataFrame:
        frame = pl.from_arrow(self.con.sql(sql).to_arrow_table())
        assert isinstance(frame, pl.DataFrame)
        return frame

    def target_exports(self, flows: Any, country: str, partner: Any, prefixes: Any) -> Any:
        assert partner is None and prefixes is None  # the benchmark's query: all of both
        where = (
            f"(flow = 'import' AND partner_iso3 = '{country}') OR (flow = 'export' AND "
            f"reporter_iso3 = '{country}' AND partner_iso3 NOT IN ('WLD', '_X', 'X1', 'XX'))"
        )
        trade = self._TRADE.format(where=where)
        return self._frame(
            f"SELECT importer AS partner, product, m, sum(value_usd) AS value, count(*) AS rows "
            f"FROM ({trade}) WHERE basis = 'mirror' GROUP BY ALL"
        )

    def reporting_months(self, flows: Any, reporters: list[str]) -> Any:
        return self._frame(
            "SELECT DISTINCT reporter_iso3 AS partner, year * 12 + month - 1 AS m FROM flows "
            f"WHERE flow = 'import' AND freq = 'M' AND reporter_iso3 IN ({self._in(reporters)})"
        )

    def partner_imports(self, flows: Any, pairs: Any, prefixes: Any, months: Any) -> Any:
        importers = self._in(pairs["partner"].unique().to_list())
        hs = self._in(pairs["product"].unique().to_list())
        lo, hi = months
        where = (
            f"(year BETWEEN {lo // 12} AND {hi // 12}) AND substr(hs_code, 1, 4) IN ({hs}) AND ("
            f"(flow = 'import' AND reporter_iso3 IN ({importers}) AND partner_iso3 NOT IN "
            f"('WLD', '_X', 'X1', 'XX')) OR (flow = 'export' AND partner_iso3 IN ({importers})))"
        )
        self.con.register("_pairs", pairs.select(["partner", "product"]).unique().to_arrow())
        try:
            return self._frame(
                "SELECT t.importer AS partner, basis, exporter AS origin, t.product, m, "
                "sum(value_usd) AS value, sum(net_weight_kg / 1000.0) AS tonnes, "
                "sum(CASE WHEN net_weight_kg > 0 THEN value_usd ELSE 0 END) AS weighed, "
                f"count(*) AS rows FROM ({self._TRADE.format(where=where)}) t "
                "SEMI JOIN _pairs p ON t.importer = p.partner AND t.product = p.product "
                f"WHERE m BETWEEN {lo} AND {hi} GROUP BY ALL"
            )
        finally:
            self.con.unregister("_pairs")

    def rows_behind(self, flows: Any, wanted: Any, prefixes: Any, max_rows: int) -> Any:
        importers = self._in(wanted["partner"].unique().to_list())
        origins = self._in(wanted["origin"].unique().to_list())
        hs = self._in(wanted["product"].unique().to_list())
        lo, hi = int(wanted["lo"].min()), int(wanted["hi"].max())
        where = (
            f"(year BETWEEN {lo // 12} AND {hi // 12}) AND substr(hs_code, 1, 4) IN ({hs}) AND "
            f"((flow = 'import' AND reporter_iso3 IN ({importers}) AND partner_iso3 IN "
            f"({origins})) OR (flow = 'export' AND reporter_iso3 IN ({origins}) AND "
            f"partner_iso3 IN ({importers})))"
        )
        self.con.register("_wanted", wanted.to_arrow())
        try:
            return self._frame(
                "SELECT importer AS partner, exporter AS origin, t.product, m, basis, "
                "reporter_iso3 AS reporter, period, hs_code, value_usd, batch_id, source_record, "
                "count(*) OVER (PARTITION BY importer, exporter, t.product, basis) AS total "
                f"FROM ({self._TRADE.format(where=where)}) t JOIN _wanted w "
                "ON t.importer = w.partner AND t.exporter = w.origin AND t.product = w.product "
                "WHERE m BETWEEN w.lo AND w.hi QUALIFY row_number() OVER (PARTITION BY importer, "
                f"exporter, t.product, basis ORDER BY m, source_record) <= {max_rows}"
            )
        finally:
            self.con.unregister("_wanted")


def diversion_run(store: Any, queries: Any = None) -> str:
    from oresight.monitor import diversion

    result = diversion(COUNTRY, partner="all", store=store, queries=queries)
    return f"{len(result.collapses)} collapses, {len(result.signals)} signals"
