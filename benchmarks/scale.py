"""BACI-sized data on one machine (issue 15): generate, ingest, query, and time it all.

Generates CEPII BACI-shaped yearly CSV files (``t,i,j,k,v,q``, one file per year 1995-2023,
named ``BACI_HS92_Y<year>_V202401.csv`` as CEPII ships them) in chunks on disk, then times
each step as a whole ``oresight`` subprocess (interpreter start included; peak memory is the
subprocess's max RSS from ``os.wait4``):

1. ``oresight ingest baci`` of every file (one batch, one version per file);
2. ``oresight monitor PRK --partner all --freq Y --json`` (one country over all partners);
3. ``oresight diversion PRK --hs 2701 --json`` (when the command exists);
4. ``oresight flows --reporter CHN --partner PRK --hs 2701 --json``;
5. the store's size on disk;
6. ``oresight store export-parquet`` and the same monitor with ``ORESIGHT_BACKEND=spark``.

The data: exporters and importers are the countries of the shipped country table, weighted
like trade is (a few large traders, a long tail: Zipf over a fixed ranking), HS92 six-digit
codes from the shipped HS table, rows per year growing from 1995 to 2023 as BACI's do, each
(exporter, importer, product) at most once per year (BACI's key), values in thousand USD and
quantities in tonnes with three decimals, 3 % of quantities missing (``NA`` in BACI, empty
here). The DPRK's coal (HS 2701) goes to China until 2017 and to Russia after it, so the
diversion signals have something to find.

    .venv/bin/python benchmarks/scale.py --rows 10000000 --workdir /tmp/scale
    .venv/bin/python benchmarks/scale.py --rows 100000000 --workdir /tmp/scale --keep
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

YEARS = (1995, 2023)
# rank of the largest traders (ISO3); everything else follows in code order. Zipf weights
# over this ranking give BACI's shape: a few countries in most rows, a long tail.
RANKING = (
    "CHN USA DEU JPN FRA ITA GBR NLD KOR BEL CAN ESP IND MEX RUS SGP CHE TUR THA MYS POL AUS "
    "BRA SWE AUT IDN VNM ARE ZAF CZE DNK SAU IRL NOR FIN HUN PRT ISR ARG CHL NZL PHL PAK EGY"
)
MAJOR = tuple(RANKING.split(" "))
CHUNK_ROWS = 2_000_000
ZIPF_EXPONENT = 0.8  # of the exporter and importer weights
NA_SHARE = 0.03  # of quantities
COAL = 2701  # the DPRK's coal: to China until 2017, to Russia after
COAL_SWITCH = 2017
SRC = Path(__file__).resolve().parents[1] / "src"


@dataclass
class Tables:
    """The reference tables the generator draws from."""

    codes: np.ndarray  # BACI/Comtrade country codes, ranked by trade weight
    weights: np.ndarray
    hs6: np.ndarray  # HS92 six-digit codes as integers (BACI writes k without leading zero)
    prk: int
    chn: int
    rus: int


def reference_tables() -> Tables:
    sys.path.insert(0, str(SRC))
    import pyarrow.compute as pc

    from oresight.reference.countries import countries_table
    from oresight.reference.hs import hs_table

    countries = countries_table().filter(pc.equal(countries_table().column("kind"), "country"))
    iso3 = countries.column("iso3").to_pylist()
    code = dict(zip(iso3, countries.column("code").to_pylist(), strict=True))
    ranked = [c for c in MAJOR if c in code] + sorted(set(code) - set(MAJOR))
    ranks = np.arange(1, len(ranked) + 1, dtype=float)
    weights = 1.0 / ranks**ZIPF_EXPONENT
    hs = hs_table()
    six = hs.filter(pc.and_(pc.equal(hs.column("level"), 6), hs.column("h0")))
    hs6 = np.array([int(c) for c in six.column("code").to_pylist()], dtype=np.int64)
    return Tables(
        codes=np.array([code[c] for c in ranked], dtype=np.int64),
        weights=weights / weights.sum(),
        hs6=hs6,
        prk=code["PRK"],
        chn=code["CHN"],
        rus=code["RUS"],
    )


def rows_per_year(total: int, span: tuple[int, int] = YEARS) -> dict[int, int]:
    """BACI's rows grow over time (about 2x from 1995 to 2023): linear weights."""
    years = np.arange(span[0], span[1] + 1)
    weights = 1.0 + (years - years[0]) / (years[-1] - years[0])
    counts = np.floor(weights / weights.sum() * total).astype(np.int64)
    counts[-1] += total - counts.sum()
    return dict(zip(years.tolist(), counts.tolist(), strict=True))


def _distinct_keys(rng: np.random.Generator, t: Tables, n: int) -> np.ndarray:
    """``n`` distinct (exporter, importer, product) index triples as one int64 per row
    (sorted, as BACI files are), none of them the DPRK's coal (added on its own)."""
    nc, nk = len(t.codes), len(t.hs6)
    coal = np.flatnonzero(t.hs6 // 100 == COAL)
    prk = int(np.flatnonzero(t.codes == t.prk)[0])
    keys = np.empty(0, dtype=np.int64)
    draw = int(n * 1.08) + 1000
    while keys.size < n:
        i = rng.choice(nc, draw, p=t.weights)
        j = rng.choice(nc, draw, p=t.weights)
        k = rng.integers(0, nk, draw)
        ok = (i != j) & ~((i == prk) & np.isin(k, coal))
        keys = np.unique(np.concatenate([keys, (i[ok] * nc + j[ok]) * nk + k[ok]]))
        draw = int((n - keys.size) * 1.5) + 1000
    pick = np.sort(rng.choice(keys.size, n, replace=False)) if keys.size > n else slice(None)
    return keys[pick]


def year_table(rng: np.random.Generator, t: Tables, year: int, keys: np.ndarray) -> pa.Table:
    nc, nk = len(t.codes), len(t.hs6)
    n = keys.size
    i, rest = np.divmod(keys, nc * nk)
    j, k = np.divmod(rest, nk)
    value = np.round(rng.lognormal(2.5, 2.4, n), 3)  # thousand USD
    unit = rng.lognormal(0.5, 1.6, n)  # thousand USD per tonne
    quantity = np.round(value / unit, 3)
    missing = rng.random(n) < NA_SHARE
    return pa.table(
        {
            "t": pa.array(np.full(n, year, dtype=np.int64)),
            "i": pa.array(t.codes[i]),
            "j": pa.array(t.codes[j]),
            "k": pa.array(t.hs6[k]),
            "v": pa.array(value),
            "q": pa.array(np.where(missing, np.nan, quantity), from_pandas=True),
        }
    )


def coal_table(rng: np.random.Generator, t: Tables, year: int) -> pa.Table:
    """The DPRK's coal for one year: to China until the switch, to Russia after."""
    coal = t.hs6[t.hs6 // 100 == COAL]
    buyer = t.chn if year <= COAL_SWITCH else t.rus
    scale = 1.0 if year <= COAL_SWITCH else 0.35
    value = np.round(rng.lognormal(9.0, 0.3, coal.size) * scale, 3)
    return pa.table(
        {
            "t": pa.array(np.full(coal.size, year, dtype=np.int64)),
            "i": pa.array(np.full(coal.size, t.prk, dtype=np.int64)),
            "j": pa.array(np.full(coal.size, buyer, dtype=np.int64)),
            "k": pa.array(coal),
            "v": pa.array(value),
            "q": pa.array(np.round(value / 0.08, 3)),
        }
    )


def generate(
    total: int, directory: Path, seed: int = 15, span: tuple[int, int] = YEARS
) -> list[Path]:
    """Write the yearly files (skipped when a complete set for ``total`` is there)."""
    directory.mkdir(parents=True, exist_ok=True)
    done = directory / "complete.json"
    paths = [directory / f"BACI_HS92_Y{y}_V202401.csv" for y in range(span[0], span[1] + 1)]
    if done.exists() and json.loads(done.read_text()).get("requested") == total:
        return paths
    tables = reference_tables()
    options = pacsv.WriteOptions(quoting_style="none", include_header=False)
    written = 0
    for year, n in rows_per_year(total, span).items():
        rng = np.random.default_rng([seed, year])
        path = directory / f"BACI_HS92_Y{year}_V202401.csv"
        part = path.with_suffix(".part")
        coal = coal_table(rng, tables, year)
        keys = _distinct_keys(rng, tables, max(0, n - coal.num_rows))
        part.write_text(",".join(coal.schema.names) + "\n")  # unquoted, as CEPII writes it
        with (
            part.open("ab") as sink,
            pacsv.CSVWriter(sink, coal.schema, write_options=options) as out,
        ):
            out.write_table(coal)
            for start in range(0, keys.size, CHUNK_ROWS):
                out.write_table(year_table(rng, tables, year, keys[start : start + CHUNK_ROWS]))
        part.rename(path)
        written += coal.num_rows + keys.size
    done.write_text(json.dumps({"rows": written, "requested": total}))
    return paths


@dataclass
class Step:
    name: str
    seconds: float
    peak_mib: float
    exit: int
    note: str = ""


@dataclass
class Result:
    rows: int
    csv_bytes: int
    steps: list[Step] = field(default_factory=list)
    store_bytes: int = 0
    export_bytes: int = 0

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)


def run(name: str, args: list[str], env: dict[str, str], log: Path, timeout: float = 7200) -> Step:
    """One whole ``oresight`` subprocess: wall time, max RSS (``os.wait4``), exit code."""
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(args)}\n".encode())
        out.flush()
        start = time.perf_counter()
        # stdout (a JSON document of many MB at scale) is not kept: errors go to the log
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    return Step(name, seconds, usage.ru_maxrss / 1024, code)


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def has_command(env: dict[str, str], command: str) -> bool:
    probe = subprocess.run(
        [*oresight(), command, "--help"], env=env, capture_output=True, check=False
    )
    return probe.returncode == 0


def oresight() -> list[str]:
    """The ``oresight`` command of this checkout (``PYTHONPATH`` names its ``src``)."""
    return [sys.executable, "-c", "from oresight.cli import main; main()"]


def benchmark(
    rows: int,
    workdir: Path,
    *,
    country: str,
    hs: str,
    spark: bool,
    runs: int,
    reuse: bool = False,
    span: tuple[int, int] = YEARS,
) -> Result:
    data = workdir / f"baci-{rows}"
    # in a subprocess: a child's ru_maxrss starts from its parent's memory at fork, so the
    # generator's arrays must not live in the process that times the others
    years = f"{span[0]}-{span[1]}"
    command = [sys.executable, __file__, "--rows", str(rows), "--workdir", str(workdir)]
    subprocess.run([*command, "--years", years, "--generate-only"], check=True)
    files = generate(rows, data, span=span)  # already complete: only lists the files
    home = workdir / f"home-{rows}"
    if not reuse:
        shutil.rmtree(home, ignore_errors=True)
    log = workdir / f"scale-{rows}.log"
    env = {**os.environ, "ORESIGHT_HOME": str(home), "PYTHONPATH": str(SRC)}
    env.pop("ORESIGHT_BACKEND", None)
    landed = json.loads((data / "complete.json").read_text())["rows"]
    result = Result(rows=landed, csv_bytes=sum(p.stat().st_size for p in files))
    if not (reuse and home.exists()):
        ingest = [*oresight(), "ingest", "baci", "--no-progress", *map(str, files)]
        result.steps.append(run("ingest", ingest, env, log))
    result.store_bytes = du(home)
    queries = {
        # BACI is annual: a monthly monitor (the default) would show only published figures
        "monitor": ["monitor", country, "--partner", "all", "--freq", "Y", "--json"],
        "flows": ["flows", "--reporter", "CHN", "--partner", country, "--hs", hs, "--json"],
    }
    if has_command(env, "diversion"):
        queries["diversion"] = ["diversion", country, "--hs", hs, "--json"]
    for name, args in queries.items():
        result.steps.append(best(name, [*oresight(), *args], env, log, runs))
    if spark:
        export = workdir / f"parquet-{rows}"
        command = [*oresight(), "store", "export-parquet", str(export)]
        result.steps.append(run("export-parquet", command, env, log))
        result.export_bytes = du(export)
        spark_env = {**env, "ORESIGHT_BACKEND": "spark", "ORESIGHT_PARQUET_URL": str(export)}
        monitor = [*oresight(), *queries["monitor"]]
        result.steps.append(best("monitor on spark", monitor, spark_env, log, runs))
    return result


def best(name: str, args: list[str], env: dict[str, str], log: Path, runs: int) -> Step:
    """The fastest of ``runs`` warm runs (the first run warms the page cache)."""
    steps = [run(name, args, env, log) for _ in range(runs)]
    fastest = min(steps, key=lambda s: s.seconds)
    fastest.note = "runs " + ", ".join(f"{s.seconds:.2f}" for s in steps)
    fastest.exit = max(s.exit for s in steps)
    fastest.peak_mib = max(s.peak_mib for s in steps)
    return fastest


def table(result: Result) -> str:
    ingest = result.step("ingest")
    lines = [
        f"rows {result.rows:,}; CSV {result.csv_bytes / 2**30:.2f} GiB; store "
        f"{result.store_bytes / 2**30:.2f} GiB; export {result.export_bytes / 2**30:.2f} GiB",
        "| step | seconds | peak MiB | exit | note |",
        "|---|---|---|---|---|",
    ]
    for s in result.steps:
        note = s.note
        if s is ingest and s.seconds:
            note = f"{result.rows / s.seconds:,.0f} rows/s"
        lines.append(f"| {s.name} | {s.seconds:.2f} | {s.peak_mib:,.0f} | {s.exit} | {note} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/oresight-scale"))
    parser.add_argument("--country", default="PRK")
    parser.add_argument("--hs", default="2701")
    parser.add_argument("--runs", type=int, default=3, help="warm runs of each query")
    parser.add_argument("--no-spark", dest="spark", action="store_false")
    parser.add_argument("--years", default=f"{YEARS[0]}-{YEARS[1]}", help="first-last year")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the CSV files and the store")
    parser.add_argument(
        "--reuse", action="store_true", help="query the store a kept run built (no ingest)"
    )
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    args = parser.parse_args(argv)
    first, _, last = args.years.partition("-")
    span = (int(first), int(last or first))
    if args.generate_only:
        generate(args.rows, args.workdir / f"baci-{args.rows}", span=span)
        return 0
    result = benchmark(
        args.rows,
        args.workdir,
        country=args.country,
        hs=args.hs,
        spark=args.spark,
        runs=args.runs,
        reuse=args.reuse,
        span=span,
    )
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(asdict(result), indent=1))
    if not args.keep:
        for name in (f"baci-{args.rows}", f"home-{args.rows}", f"parquet-{args.rows}"):
            shutil.rmtree(args.workdir / name, ignore_errors=True)
    return 0 if all(s.exit == 0 for s in result.steps) else 1


if __name__ == "__main__":
    raise SystemExit(main())
