"""Ingest benchmark: oresight vs DuckDB's own read_csv -> Parquet vs pandas, on one CSV.

    .venv/bin/python benchmarks/ingest.py              # 5,000,000 rows
    .venv/bin/python benchmarks/ingest.py --rows 1000000 --repeat 3

Generates a Comtrade-like CSV (``benchmarks/flowgen.py``), then runs each contender in its own
subprocess (the whole command, interpreter start included) and reports the best wall time of
``--repeat`` runs, rows per second, the peak resident memory of that subprocess (from
``os.wait4``'s rusage) and the ratios against the targets (oresight >= 0.7x DuckDB raw,
>= 3x pandas, peak < 2 GiB).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.flowgen import write_flows_csv

BIN = Path(sys.executable).parent
CONTENDERS = {
    "oresight": [str(BIN / "oresight"), "ingest", "comtrade", "{csv}", "--no-progress", "--json"],
    "duckdb": [
        sys.executable,
        "-c",
        "import duckdb; duckdb.execute(\"COPY (SELECT * FROM read_csv('{csv}')) "
        "TO '{out}/duckdb.parquet' (FORMAT parquet)\")",
    ],
    "pandas": [
        sys.executable,
        "-c",
        "import pandas as pd; pd.read_csv('{csv}').to_parquet('{out}/pandas.parquet')",
    ],
}


def run_once(name: str, csv: Path, work: Path) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (bytes) and stdout of one subprocess run."""
    home = work / f"home-{name}-{time.monotonic_ns()}"
    env = {**os.environ, "ORESIGHT_HOME": str(home)}
    cmd = [part.format(csv=csv, out=work) for part in CONTENDERS[name]]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out_bytes = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{name} failed ({proc.returncode}): {err[-2000:]}")
    return seconds, usage.ru_maxrss * 1024, out_bytes.decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per contender (best is kept)")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="oresight-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    csv = work / f"flows_{args.rows}.csv"
    if not csv.exists():
        t0 = time.perf_counter()
        write_flows_csv(csv, args.rows)
        size, took = csv.stat().st_size / 2**20, time.perf_counter() - t0
        print(f"generated {csv} ({size:,.0f} MiB) in {took:.1f} s")
    results: dict[str, tuple[float, int]] = {}
    for _ in range(args.repeat):
        for name in CONTENDERS:  # interleaved, so a noisy neighbour hurts every contender alike
            seconds, peak, out = run_once(name, csv, work)
            if name == "oresight":
                landed = json.loads(out)["results"][0]["landed"]
                assert landed == args.rows, f"oresight landed {landed} of {args.rows} rows"
            best, worst_peak = results.get(name, (float("inf"), 0))
            results[name] = (min(best, seconds), max(worst_peak, peak))
    print(f"\n{args.rows:,} rows, best of {args.repeat}, {os.cpu_count()} CPUs")
    print(f"{'':10} {'seconds':>8} {'rows/s':>12} {'peak MiB':>9}")
    for name, (seconds, peak) in results.items():
        print(f"{name:10} {seconds:8.2f} {args.rows / seconds:12,.0f} {peak / 2**20:9,.0f}")
    ore, duck, pand = (results[n][0] for n in ("oresight", "duckdb", "pandas"))
    peak_gib = results["oresight"][1] / 2**30
    print(f"\noresight speed vs DuckDB raw: {duck / ore:.2f}x (target >= 0.7x)")
    print(f"oresight speed vs pandas:     {pand / ore:.2f}x (target >= 3x)")
    print(f"oresight peak memory:         {peak_gib:.2f} GiB (target < 2 GiB)")


if __name__ == "__main__":
    main()
