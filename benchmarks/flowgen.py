"""Generate realistic Comtrade-like trade flows (for benchmarks and big-file tests).

``generate_flows(n_rows)`` returns an Arrow table with the Comtrade v1 field names (the same
columns as a real API download): reporters weighted like real trade (China, US, Germany, ...),
partners drawn from the shipped country table, HS6 codes from the shipped HS table (HS2012
codes, so ``classificationCode`` H4), lognormal trade values, and net weights derived from a
lognormal unit price. ``write_csv`` writes it as a Comtrade CSV.

    >>> from benchmarks.flowgen import generate_flows, write_csv   # doctest: +SKIP
    >>> write_csv(generate_flows(1_000_000, seed=1), "flows.csv")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

# Comtrade reporter codes with rough weights by number of records they publish.
REPORTERS = {
    156: 12,
    842: 10,
    276: 8,
    392: 6,
    410: 5,
    251: 5,
    381: 5,
    826: 5,
    699: 4,
    528: 4,
    124: 4,
    643: 3,
    36: 3,
    76: 3,
    484: 3,
    764: 3,
    458: 3,
    360: 3,
    702: 3,
    344: 2,
}
FLOWS = np.array(["M", "X", "RM", "RX"])
FLOW_WEIGHTS = np.array([0.48, 0.48, 0.02, 0.02])


def _partner_codes() -> np.ndarray:
    from oresight.reference.countries import countries_table

    table = countries_table()
    kinds = table.column("kind").to_pylist()
    codes = table.column("code").to_pylist()
    return np.array([c for c, k in zip(codes, kinds, strict=True) if k == "country"])


def _hs6_codes() -> np.ndarray:
    from oresight.reference.hs import hs_table

    table = hs_table()
    mask = pc.and_(pc.equal(table.column("level"), 6), table.column("h4"))
    return np.array(table.filter(mask).column("code").to_pylist())


def generate_flows(
    n_rows: int,
    seed: int = 0,
    years: tuple[int, int] = (2013, 2024),
    freq: str = "M",
) -> pa.Table:
    """``n_rows`` Comtrade-like flow records (v1 field names, all values as Comtrade sends them)."""
    rng = np.random.default_rng(seed)
    reporters = np.array(list(REPORTERS))
    weights = np.array(list(REPORTERS.values()), dtype=float)
    reporter = rng.choice(reporters, n_rows, p=weights / weights.sum())
    partners = _partner_codes()
    partner = partners[rng.zipf(1.6, n_rows) % len(partners)]  # a few partners dominate
    hs6 = _hs6_codes()
    cmd = hs6[rng.integers(0, len(hs6), n_rows)]
    flow = rng.choice(FLOWS, n_rows, p=FLOW_WEIGHTS)
    year = rng.integers(years[0], years[1] + 1, n_rows)
    if freq == "M":
        month = rng.integers(1, 13, n_rows)
        period = year * 100 + month
        ref_period = period * 100 + 1
    else:
        month = np.full(n_rows, 52)
        period = year
        ref_period = year * 10000 + 101
    value = np.round(rng.lognormal(11.0, 2.6, n_rows), 2)
    unit_price = rng.lognormal(1.0, 1.5, n_rows)  # USD per kg
    weight = np.round(value / unit_price, 3)
    is_import = np.isin(flow, ["M", "RM"])
    return pa.table(
        {
            "typeCode": pa.array(np.full(n_rows, "C")),
            "freqCode": pa.array(np.full(n_rows, freq)),
            "refPeriodId": pa.array(ref_period),
            "refYear": pa.array(year),
            "refMonth": pa.array(month),
            "period": pa.array(period),
            "reporterCode": pa.array(reporter),
            "flowCode": pa.array(flow),
            "partnerCode": pa.array(partner),
            "partner2Code": pa.array(np.zeros(n_rows, dtype=np.int64)),
            "classificationCode": pa.array(np.full(n_rows, "H4")),
            "cmdCode": pa.array(cmd),
            "aggrLevel": pa.array(np.full(n_rows, 6)),
            "customsCode": pa.array(np.full(n_rows, "C00")),
            "motCode": pa.array(np.zeros(n_rows, dtype=np.int64)),
            "qtyUnitCode": pa.array(np.full(n_rows, 8)),
            "qty": pa.array(weight),
            "netWgt": pa.array(weight),
            "cifvalue": pa.array(np.where(is_import, value, np.nan), from_pandas=True),
            "fobvalue": pa.array(np.where(is_import, np.nan, value), from_pandas=True),
            "primaryValue": pa.array(value),
        }
    )


def write_csv(table: pa.Table, path: Path | str) -> Path:
    """Write ``table`` as a Comtrade CSV (header row, no quoting: no generated value needs it)."""
    path = Path(path)
    pacsv.write_csv(table, path, write_options=pacsv.WriteOptions(quoting_style="none"))
    return path


KEY = ("reporterCode", "partnerCode", "flowCode", "period", "cmdCode")


def write_flows_csv(
    path: Path | str, n_rows: int, seed: int = 0, chunk_rows: int = 1_000_000, **kwargs: Any
) -> Path:
    """Generate ``n_rows`` distinct flows straight into a CSV, ``chunk_rows`` at a time.

    Random draws repeat a flow now and then (same reporter, partner, flow, period and code),
    which the store recognises as a repeat or a conflict: so 10 % more rows are drawn, into
    Parquet chunks, and DuckDB keeps the first ``n_rows`` distinct flows (bounded memory).
    """
    import tempfile

    import duckdb
    import pyarrow.parquet as pq

    path = Path(path)
    drawn = int(n_rows * 1.1) + 100
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        for i, start in enumerate(range(0, drawn, chunk_rows)):
            table = generate_flows(min(chunk_rows, drawn - start), seed=seed + i, **kwargs)
            table = table.append_column("_row", pa.array(range(start, start + table.num_rows)))
            pq.write_table(table, Path(tmp) / f"{i:05d}.parquet")
        con = duckdb.connect(config={"memory_limit": "4GB", "preserve_insertion_order": "false"})
        key = ", ".join(KEY)
        target = str(path).replace("'", "''")
        con.execute(
            f"COPY (SELECT * EXCLUDE (_row) FROM (SELECT * FROM read_parquet('{tmp}/*.parquet') "
            f"QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY _row) = 1) "
            f"ORDER BY _row LIMIT {int(n_rows)}) TO '{target}' (HEADER, DELIMITER ',')"
        )
        written = con.execute(f"SELECT count(*) FROM read_csv('{target}')").fetchone()[0]
        con.close()
    if written != n_rows:
        raise RuntimeError(f"drew {written:,} distinct flows, not {n_rows:,}: draw more")
    return path
