"""Benchmark: a full monitor of one country (all groups, monthly, with events).

Generates N flows in the store's schema (realistic reporters weighted like real trade, every
partner of the shipped country table with DPRK as a small origin, HS2012 six-digit codes, ten
years monthly, lognormal values and unit prices), lands them in a DuckDB store under
benchmarks/.data, then times, on warm runs (median of 3):

- oresight:  ``oresight.monitor.exports("PRK", freq="M")`` (Ibis on DuckDB + Polars);
- peer:      the same computation in pandas on an in-memory DataFrame (loading excluded);
- limit:     hand-written DuckDB SQL for the heavy part (the country's HS6 aggregation and the
             world unit-value medians) followed by the same series/events code;

and ``oresight.monitor.diversion("PRK", partner="all")`` (every partner, every HS4 heading)
against the same signal code fed by hand-written DuckDB SQL for its queries. The generated
DPRK coal rows (HS 2701) stop after 2017-09 and reappear as imports from Russia and from
"Other Asia, nes", so the diversion has collapses and signals to find.

    .venv/bin/python benchmarks/monitor.py --rows 10000000
    .venv/bin/python benchmarks/monitor.py --rows 50000000 --skip-peer
    .venv/bin/python benchmarks/monitor.py --rows 10000000 --only diversion
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

DATA = Path(__file__).parent / ".data"
COUNTRY = "PRK"
REPORTERS = {
    "CHN": 12, "USA": 10, "DEU": 8, "JPN": 6, "KOR": 5, "FRA": 5, "ITA": 5, "GBR": 5, "IND": 4,
    "NLD": 4, "CAN": 4, "RUS": 3, "AUS": 3, "BRA": 3, "MEX": 3, "THA": 3, "MYS": 3, "IDN": 3,
    "SGP": 3, "HKG": 2, "VNM": 2, "TUR": 2, "ESP": 2, "POL": 2, "ZAF": 1,
}  # fmt: skip
PRK_SHARE = 0.004  # share of rows whose partner is the DPRK (mirror data of its exports)
PRK_HS_FOCUS = ["270111", "270112", "260111", "260112", "280530", "284690", "261690", "710811",
                "260800", "260700", "251910", "611020", "620342", "030389", "160414", "271600",
                "720221", "670411", "911011", "261100", "261390"]  # fmt: skip
CHUNK = 5_000_000


def _countries() -> np.ndarray:
    from oresight.reference.countries import countries_table

    t = countries_table()
    iso = t.column("iso3").to_pylist()
    kinds = t.column("kind").to_pylist()
    return np.array(sorted({c for c, k in zip(iso, kinds, strict=True) if k == "country" and c}))


def _hs6() -> np.ndarray:
    import pyarrow.compute as pc

    from oresight.reference.hs import hs_table

    t = hs_table()
    mask = pc.and_(pc.equal(t.column("level"), 6), t.column("h4"))
    return np.array(t.filter(mask).column("code").to_pylist())


def generate(n: int, seed: int, batch: str) -> pa.Table:
    """``n`` flows rows in the store schema."""
    from oresight.store import FLOWS_ARROW_SCHEMA

    rng = np.random.default_rng(seed)
    reporters = np.array(list(REPORTERS))
    weights = np.array(list(REPORTERS.values()), dtype=float)
    reporter = rng.choice(reporters, n, p=weights / weights.sum())
    countries = _countries()
    partner = countries[rng.zipf(1.5, n) % len(countries)]
    hs6 = _hs6()
    hs = hs6[rng.integers(0, len(hs6), n)]
    prk = rng.random(n) < PRK_SHARE
    partner[prk] = COUNTRY
    focus = prk & (rng.random(n) < 0.7)
    hs[focus] = rng.choice(np.array(PRK_HS_FOCUS), focus.sum())
    year = rng.integers(2015, 2025, n).astype(np.int32)
    month = rng.integers(1, 13, n).astype(np.int32)
    # Diversion: DPRK coal stops after 2017-09 and shows up as Russian or "Other Asia, nes".
    moved = prk & np.char.startswith(hs.astype(str), "2701") & (year * 12 + month > 2017 * 12 + 9)
    partner[moved] = np.where(rng.random(moved.sum()) < 0.5, "RUS", "S19")
    partner = np.where(partner == reporter, "WLD", partner)
    flow = np.where(rng.random(n) < 0.5, "import", "export")
    value = np.round(rng.lognormal(11.0, 2.4, n), 2)
    weight = np.round(value / rng.lognormal(1.0, 1.2, n), 3)
    start = (year - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (month - 1)
    period = np.char.add(np.char.add(year.astype(str), "-"), np.char.zfill(month.astype(str), 2))
    cols: dict[str, Any] = {
        "reporter_iso3": reporter,
        "reporter_m49": np.zeros(n, np.int32),
        "partner_iso3": partner,
        "partner_m49": np.zeros(n, np.int32),
        "flow": flow,
        "freq": np.full(n, "M"),
        "period": period,
        "year": year,
        "month": month,
        "period_start": start.astype("datetime64[D]"),
        "hs_code": hs,
        "aggr_level": np.full(n, 6, np.int32),
        "national_code": pa.nulls(n, pa.string()),
        "hs_edition": np.full(n, "H4"),
        "value_usd": value,
        "value_basis": np.where(flow == "import", "CIF", "FOB"),
        "net_weight_kg": weight,
        "quantity": weight,
        "quantity_unit": np.full(n, "kg"),
        "source": np.full(n, "comtrade-api"),
        "source_record": np.char.add(f"{batch}:", np.arange(n).astype(str)),
        "batch_id": np.full(n, batch),
    }
    return pa.table(
        {k: v if isinstance(v, pa.Array) else pa.array(v) for k, v in cols.items()}
    ).cast(FLOWS_ARROW_SCHEMA)


def build_store(rows: int, data: Path = DATA) -> Path:
    """A store with ``rows`` generated flows (reused when it already exists)."""
    from oresight.store import Store

    home = data / f"monitor-{rows}"
    if (home / "READY").exists():
        return home
    store = Store.open(home)
    done = 0
    while done < rows:
        n = min(CHUNK, rows - done)
        batch = f"gen-{done}"
        t = time.perf_counter()
        store.land(generate(n, done, batch), batch_id=batch, content_hash=batch,
                   source="comtrade-api", origin="benchmarks/monitor.py")  # fmt: skip
        done += n
        print(f"  landed {done:,} rows ({time.perf_counter() - t:.1f} s)", flush=True)
    store.raw.close()
    (home / "READY").write_text("ok")
    return home


def median_time(fn: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    fn()  # warm-up
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--skip-peer", action="store_true", help="skip the pandas peer")
    parser.add_argument("--only", choices=["all", "monitor", "diversion"], default="all")
    parser.add_argument("--data", type=Path, default=DATA, help="where generated stores live")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (median)")
    args = parser.parse_args(argv)

    from oresight.store import Store

    print(f"building a store with {args.rows:,} flows ...", flush=True)
    home = build_store(args.rows, args.data)
    store = Store.open(home)
    if args.only in ("all", "monitor"):
        _monitor(store, args)
    if args.only in ("all", "diversion"):
        _diversion(store, args)
    print(f"date: {date.today()}; rows: {args.rows:,}")
    store.con.disconnect()


def _diversion(store: Any, args: argparse.Namespace) -> None:
    from monitor_peers import DiversionSQL, diversion_run

    t_ore, out_ore = median_time(lambda: diversion_run(store), args.runs)
    print(f"oresight diversion: {t_ore:.2f} s  ({out_ore})", flush=True)
    sql = DiversionSQL(store.raw)
    t_sql, out_sql = median_time(lambda: diversion_run(store, sql), args.runs)
    print(f"diversion on hand-written SQL: {t_sql:.2f} s  ({out_sql})", flush=True)
    if out_sql != out_ore:
        raise SystemExit(f"the SQL limit found something else: {out_sql} vs {out_ore}")
    print(f"diversion oresight / SQL: {t_ore / t_sql:.2f}x", flush=True)


def _monitor(store: Any, args: argparse.Namespace) -> None:
    from monitor_peers import oresight_run, pandas_run, sql_run

    t_ore, result = median_time(lambda: oresight_run(store), args.runs)
    print(f"oresight monitor: {t_ore:.2f} s  ({result})", flush=True)
    t_sql, out_sql = median_time(lambda: sql_run(store), args.runs)
    print(f"hand-written SQL: {t_sql:.2f} s  ({out_sql})", flush=True)
    if not args.skip_peer:
        t = time.perf_counter()
        frame = store.raw.sql(
            "SELECT reporter_iso3, partner_iso3, flow, freq, year, month, hs_code, aggr_level, "
            "value_usd, value_basis, net_weight_kg, source FROM flows"
        ).df()
        t_load = time.perf_counter() - t
        t_pd, out_pd = median_time(lambda: pandas_run(frame), args.runs)
        print(f"pandas peer:      {t_pd:.2f} s compute, +{t_load:.2f} s to load  ({out_pd})")
        print(
            f"speed-up vs pandas: {t_pd / t_ore:.1f}x compute only, "
            f"{(t_pd + t_load) / t_ore:.1f}x with loading",
            flush=True,
        )
    print(f"oresight / SQL: {t_ore / t_sql:.2f}x", flush=True)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    main()
