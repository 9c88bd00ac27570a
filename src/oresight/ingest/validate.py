"""Validation against the reference tables, as array lookups inside DuckDB.

The shipped reference tables (countries with Comtrade's own codes, HS 1992-2022 codes) are
turned once per ingest into ONE row of arrays indexed by code; every row is checked by a list
index in :func:`oresight.ingest.transform.checked_sql`, never by a Python loop over rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from oresight.ingest.reading import REJECTS_TABLE
from oresight.ingest.transform import problems_table


def _reference_files() -> tuple[str, str]:
    """The shipped countries and HS Parquet snapshots of the reference pillar.

    Read by DuckDB directly: ``countries_table()``/``hs_table()`` go through
    ``pyarrow.parquet``, whose import (it pulls in pandas) costs more than the lookups.
    """
    from oresight.reference import countries, hs

    return str(countries.DATA / "countries.parquet"), str(hs.DATA / "hs.parquet")


def _one_row(**arrays: Any) -> pa.Table:
    """A one-row table whose columns are lists (one Arrow list per array)."""
    return pa.table(
        {
            name: pa.ListArray.from_arrays(pa.array([0, len(values)], pa.int32()), values)
            for name, values in arrays.items()
        }
    )


def lookup_arrays(con: Any) -> pa.Table:
    """``iso3``/``m49`` by numeric country code (0-999) and ``hs2``/``hs4``/``hs6`` flags.

    Position ``code`` (0-based) holds the answer for that code; a numeric code that several
    rows share takes its first row (as the reference's own lookups do).
    """
    countries, hs = _reference_files()
    rows = con.execute(
        "SELECT code, first(iso3 ORDER BY m49 <> code), first(m49 ORDER BY m49 <> code) "
        f"FROM read_parquet('{countries}') WHERE code BETWEEN 0 AND 999 GROUP BY code"
    ).fetchall()
    iso3: list[str | None] = [None] * 1000
    m49: list[int | None] = [None] * 1000
    for code, alpha, number in rows:
        iso3[code], m49[code] = alpha, number
    known = {n: np.zeros(10**n, dtype=bool) for n in (2, 4, 6)}
    codes = con.execute(
        f"SELECT DISTINCT code FROM read_parquet('{hs}') WHERE length(code) IN (2, 4, 6) "
        "AND TRY_CAST(code AS INTEGER) IS NOT NULL"
    ).fetchall()
    for (code,) in codes:
        known[len(code)][int(code)] = True
    return _one_row(
        iso3=pa.array(iso3, pa.string()),
        m49=pa.array(m49, pa.int32()),
        **{f"hs{n}": pa.array(flags) for n, flags in known.items()},
    )


def register_lookups(con: Any) -> None:
    """Create ``_lookups``: ONE row of arrays indexed by code (+1), and ``_problems``.

    ``iso3[code + 1]``/``m49[code + 1]`` for numeric country codes 0-999, ``hs2/hs4/hs6[code + 1]``
    true for the codes in the nomenclature. A cross join with this single row and a list index
    is O(1) per row and, unlike a hash join, keeps the file's row order, so the row number of
    the written batch file is the row's position in the source file (no serial numbering pass).
    """
    con.register("_lookup_rows", lookup_arrays(con))
    con.register("_problem_rows", pa.table(problems_table()))
    con.execute("CREATE OR REPLACE TEMP TABLE _lookups AS SELECT * FROM _lookup_rows")
    con.execute("CREATE OR REPLACE TEMP TABLE _problems AS SELECT * FROM _problem_rows")
    for name in ("_lookup_rows", "_problem_rows"):
        con.unregister(name)


def malformed_lines_sql() -> str:
    """Lines that DuckDB's CSV reader could not parse (column count, encoding, quoting)."""
    return f"""
SELECT line, column_name AS field,
  CASE error_type
    WHEN 'MISSING COLUMNS' THEN 'wrong column count (too few columns; truncated line?): '
    WHEN 'TOO MANY COLUMNS' THEN 'wrong column count (too many columns): '
    WHEN 'INVALID ENCODING' THEN 'bad encoding (not UTF-8): '
    WHEN 'CAST' THEN 'non-numeric value: '
    ELSE lower(error_type) || ': ' END || error_message AS reason,
  csv_line AS raw
FROM {REJECTS_TABLE}
QUALIFY row_number() OVER (PARTITION BY line ORDER BY column_idx) = 1
"""
