"""Benchmark of the rules pillar.

1. A single ``oresight.rules.check`` (all six regimes), median and p99 latency in-process
   (target < 5 ms).
2. ``flag_flows`` over 1,000,000 generated monthly/annual flows in a DuckDB store, result
   written to a table (target < 5 s), against a plain-Python loop applying the same measure
   rows (``rules.table.measure_rows``) flow by flow.

Run: ``.venv/bin/python benchmarks/rules.py [--flows 1000000] [--python-flows 1000000]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from oresight.rules import check, flag_flows, load_rules
from oresight.rules.result import SEVERITY
from oresight.rules.table import measure_rows
from oresight.store import Store
from oresight.store.schema import FLOWS_ARROW_SCHEMA

CODES = ["270111", "270112", "260111", "720110", "030614", "030749", "160414", "260700",
         "780110", "620311", "611020", "251990", "251910", "711021", "711011", "710813",
         "284690", "280530", "261400", "740311", "750210", "790111", "970300", "440710",
         "846900", "850440", "890590", "071239", "080290", "121120", "220300", "090210",
         "670419", "271000", "300490", "940360"]  # fmt: skip
CHECK_DATES = [date(2014, 6, 15), date(2016, 6, 1), date(2017, 3, 15), date(2017, 8, 20),
               date(2018, 1, 10), date(2019, 6, 1), date(2025, 6, 1)]  # fmt: skip


def bench_check(n: int = 5000) -> dict[str, float]:
    rng = random.Random(1)
    load_rules()
    check("PRK", "2701", "2017-01-01")  # warm caches (HS table, countries)
    times = []
    for _ in range(n):
        code, day = rng.choice(CODES), rng.choice(CHECK_DATES)
        t0 = time.perf_counter()
        check("PRK", code, day)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"median_ms": statistics.median(times), "p99_ms": times[int(0.99 * n) - 1]}


def generate_flows(n: int, seed: int = 7) -> pa.Table:
    rng = random.Random(seed)
    reporters = ["CHN", "RUS", "IND", "JPN", "DEU", "NLD", "USA", "KOR", "THA", "BRA"]
    cols: dict[str, list[Any]] = {name: [] for name in FLOWS_ARROW_SCHEMA.names}
    for i in range(n):
        annual = rng.random() < 0.1
        year = rng.randint(2010, 2024)
        month = None if annual else rng.randint(1, 12)
        hs = rng.choice(CODES)
        partner = "PRK" if rng.random() < 0.9 else "MNG"
        row = {
            "reporter_iso3": rng.choice(reporters), "reporter_m49": 0, "partner_iso3": partner,
            "partner_m49": 408, "flow": "import", "freq": "A" if annual else "M",
            "period": f"{year}" if annual else f"{year}-{month:02d}", "year": year,
            "month": month, "period_start": date(year, month or 1, 1), "hs_code": hs,
            "aggr_level": 6, "national_code": None, "hs_edition": "H4",
            "value_usd": rng.random() * 1e6, "value_basis": "CIF",
            "net_weight_kg": rng.random() * 1e6, "quantity": None, "quantity_unit": None,
            "source": "bench", "source_record": f"bench:{i}", "batch_id": "bench",
        }  # fmt: skip
        for k, v in row.items():
            cols[k].append(v)
    return pa.Table.from_pydict(cols, schema=FLOWS_ARROW_SCHEMA)


def python_flag(flows: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    """The same rule rows, applied flow by flow in plain Python (the baseline)."""
    by_prefix: dict[str, list[dict[str, Any]]] = {}
    for r in measure_rows(load_rules()).to_pylist():
        by_prefix.setdefault(r["m_prefix"], []).append(r)
    out = []
    for i, f in enumerate(flows):
        if f["flow"] != "import" or f["partner_iso3"] != "PRK":
            continue
        start: date = f["period_start"]
        monthly = f["freq"] == "M"
        nxt = date(start.year + (start.month // 12), start.month % 12 + 1, 1) if monthly else \
            date(start.year + 1, 1, 1)  # fmt: skip
        end = nxt - timedelta(days=1)
        best: dict[str, tuple[int, float, str]] = {}
        hs = f["hs_code"]
        for n in (0, 2, 4, 6):
            for r in by_prefix.get(hs[:n], ()):
                if monthly and not (r["m_start"] <= start <= r["m_end"]):
                    continue
                if not monthly and not (r["m_start"] <= end and start <= r["m_end"]):
                    continue
                lo, hi = max(r["m_full_from"], start), min(r["m_end"], end)
                share = max((hi - lo).days + 1, 0) / ((end - start).days + 1)
                full = start >= r["m_full_from"] if monthly else share > 0
                status = r["m_status"] if full else "conditional"
                key = (SEVERITY[status], share, status)
                if r["m_regime"] not in best or key[:2] > best[r["m_regime"]][:2]:
                    best[r["m_regime"]] = key
        out.extend((i, regime, v[2]) for regime, v in best.items())
    return out


def bench_flows(n: int, python_n: int) -> dict[str, float]:
    table = generate_flows(n)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(tmp)
        store.land(table, batch_id="bench", content_hash="bench", source="bench", origin="bench")
        flagged_expr = flag_flows(store.flows)
        t0 = time.perf_counter()
        summary = flagged_expr.group_by(["regime", "status"]).aggregate(
            flows=flagged_expr.count(), usd=flagged_expr.value_usd.sum()
        )
        counts = summary.to_pyarrow().to_pylist()
        summary_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.con.create_table("flagged", flagged_expr, overwrite=True)
        ibis_s = time.perf_counter() - t0
        flagged = int(store.con.table("flagged").count().execute())
    rows = table.slice(0, python_n).to_pylist()
    t0 = time.perf_counter()
    flagged_py = python_flag(rows)
    python_s = time.perf_counter() - t0
    if python_n == n:  # same flows: the two must agree on every (regime, status) count
        py_counts = Counter((regime, status) for _, regime, status in flagged_py)
        ibis_counts = Counter(
            {(c["regime"], c["status"]): c["flows"] for c in counts if c["regime"] is not None}
        )
        print(f"flag_flows and the Python loop agree on (regime, status) counts: "
              f"{py_counts == ibis_counts}")  # fmt: skip
    return {"flows": n, "flag_flows_s": ibis_s, "summary_s": summary_s, "rows_out": flagged,
            "python_flows": python_n, "python_s": python_s,
            "python_s_per_1m": python_s * 1_000_000 / python_n}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--flows", type=int, default=1_000_000)
    parser.add_argument("--python-flows", type=int, default=1_000_000)
    args = parser.parse_args()
    c = bench_check()
    print(f"check (6 regimes): median {c['median_ms']:.3f} ms, p99 {c['p99_ms']:.3f} ms")
    f = bench_flows(args.flows, args.python_flows)
    print(f"flag_flows + summary by regime/status: {f['flows']:,} flows in {f['summary_s']:.2f} s")
    print(f"flag_flows written to a table: {f['flows']:,} flows -> {f['rows_out']:,} rows "
          f"in {f['flag_flows_s']:.2f} s")  # fmt: skip
    print(f"plain-Python loop: {f['python_flows']:,} flows in {f['python_s']:.2f} s "
          f"({f['python_s_per_1m']:.1f} s per 1M)")  # fmt: skip


if __name__ == "__main__":
    main()
