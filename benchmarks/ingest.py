"""Ingest benchmark: oresight's validated, versioned ingest vs the fastest raw CSV -> Parquet
copies (DuckDB's read_csv, Polars), on one CSV; then a revision of 10 % of the rows.

    .venv/bin/python benchmarks/ingest.py              # 5,000,000 rows
    .venv/bin/python benchmarks/ingest.py --rows 2000000 --repeat 3

Generates a Comtrade-like CSV of distinct flows (``benchmarks/flowgen.py``), then runs each
contender in its own subprocess (the whole command, interpreter start included), interleaved,
and reports the best wall time of ``--repeat`` runs, rows per second, the peak resident memory
of that subprocess (``os.wait4``'s rusage) and the ratio against the fastest raw copy (target
>= 0.8x; it must not fall below 0.62x). Then it lands a file revising ``--revise`` of the rows
(new values for existing flows) into the store of the last oresight run, and times that.
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

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CONTENDERS = {
    "oresight": [str(BIN / "oresight"), "ingest", "comtrade", "{csv}", "--no-progress", "--json"],
    "duckdb": [
        sys.executable,
        "-c",
        "import duckdb; duckdb.execute(\"COPY (SELECT * FROM read_csv('{csv}')) "
        "TO '{out}/duckdb.parquet' (FORMAT parquet)\")",
    ],
    "polars": [
        sys.executable,
        "-c",
        "import polars as pl; pl.read_csv('{csv}').write_parquet('{out}/polars.parquet')",
    ],
}
RAW = ("duckdb", "polars")


def run_once(name: str, csv: Path, work: Path, home: Path | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (bytes) and stdout of one subprocess run."""
    home = home or work / f"home-{name}-{time.monotonic_ns()}"
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


def in_child(code: str) -> str:
    """Run ``code`` in a child interpreter and return its stdout. Data are generated there, never
    in this process: a child's ``ru_maxrss`` starts from its parent's peak (Linux keeps the
    high-water mark across fork and exec), so a parent that generated 1 GiB of data would make
    every contender's peak read at least 1 GiB."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def write_flows(csv: Path, rows: int) -> None:
    in_child(
        f"from benchmarks.flowgen import write_flows_csv; write_flows_csv({str(csv)!r}, {rows})"
    )


def write_revision(csv: Path, target: Path, share: float) -> int:
    """A CSV holding ``share`` of the rows of ``csv`` with new values (revisions)."""
    step = max(1, round(1 / share))
    sql = (
        f"COPY (SELECT * EXCLUDE (n) REPLACE (round(primaryValue * 1.1 + 1, 2) AS primaryValue) "
        f"FROM (SELECT *, row_number() OVER () AS n FROM read_csv('{csv}')) "
        f"WHERE n % {step} = 0) TO '{target}' (HEADER)"
    )
    count = f"SELECT count(*) FROM read_csv('{target}')"
    code = f"import duckdb; duckdb.execute({sql!r}); print(duckdb.execute({count!r}).fetchone()[0])"
    return int(in_child(code))


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per contender (best is kept)")
    parser.add_argument("--revise", type=float, default=0.1, help="share of rows revised")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="oresight-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    csv = work / f"flows_{args.rows}.csv"
    if not csv.exists():
        t0 = time.perf_counter()
        write_flows(csv, args.rows)
        size, took = csv.stat().st_size / 2**20, time.perf_counter() - t0
        print(f"generated {csv} ({size:,.0f} MiB) in {took:.1f} s")
    results: dict[str, tuple[float, int]] = {}
    home = work / "home-last"
    for _ in range(args.repeat):
        for name in CONTENDERS:  # interleaved, so a noisy neighbour hurts every contender alike
            if name == "oresight":
                home = work / f"home-oresight-{time.monotonic_ns()}"
            seconds, peak, out = run_once(name, csv, work, home if name == "oresight" else None)
            if name == "oresight":
                landed = json.loads(out)["results"][0]["landed"]
                assert landed == args.rows, f"oresight landed {landed} of {args.rows} rows"
            best, worst_peak = results.get(name, (float("inf"), 0))
            results[name] = (min(best, seconds), max(worst_peak, peak))
    print(f"\n{args.rows:,} rows, best of {args.repeat}, {os.cpu_count()} CPUs")
    print(f"{'':10} {'seconds':>8} {'rows/s':>12} {'peak MiB':>9}")
    for name, (seconds, peak) in results.items():
        print(f"{name:10} {seconds:8.2f} {args.rows / seconds:12,.0f} {peak / 2**20:9,.0f}")
    ore = results["oresight"][0]
    fastest = min(RAW, key=lambda n: results[n][0])
    ratio = results[fastest][0] / ore
    peak_gib = results["oresight"][1] / 2**30
    print(
        f"\noresight speed vs the fastest raw copy ({fastest}): {ratio:.2f}x "
        "(target >= 0.8x, floor 0.62x)"
    )
    print(f"oresight peak memory: {peak_gib:.2f} GiB")
    revision = work / f"revision_{args.rows}.csv"
    revised = write_revision(csv, revision, args.revise)
    seconds, peak, out = run_once("oresight", revision, work, home)
    result = json.loads(out)["results"][0]
    assert result["revised"] == revised, result
    print(
        f"revision of {revised:,} rows ({args.revise:.0%}) into the {args.rows:,}-row store: "
        f"{seconds:.2f} s, peak {peak / 2**20:,.0f} MiB, version {result['version']}"
    )
    return {"ratio": ratio, "revision_seconds": seconds, "revised": revised}


if __name__ == "__main__":
    main()
