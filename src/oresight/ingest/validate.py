"""Validation against the reference tables, as lookups by position inside DuckDB.

The shipped reference tables (countries with Comtrade's own codes, HS 1992-2022 codes) are
turned once per ingest into ONE row of arrays and bit strings indexed by code; every row is
checked by a list index or ``get_bit`` in :func:`oresight.ingest.transform.checked_sql`, never
by a Python loop over rows.
"""

from __future__ import annotations

from typing import Any

from oresight.ingest.reading import REJECTS_TABLE
from oresight.ingest.transform import problems_table
from oresight.store.sql import literal


def _reference_files() -> tuple[str, str]:
    """The shipped countries and HS Parquet snapshots of the reference pillar.

    Read by DuckDB directly: ``countries_table()``/``hs_table()`` go through
    ``pyarrow.parquet``, whose import (it pulls in pandas) costs more than the lookups.
    """
    from oresight.reference import countries, hs

    return str(countries.DATA / "countries.parquet"), str(hs.DATA / "hs.parquet")


# Periods 1900-2100 at position (year - 1900) * 13 + month + 1, month 0 for the year itself:
# "2014" / 2014-01-01 at 1481, "2014-03" / 2014-03-01 at 1484.
PERIODS = """
(SELECT list(CASE WHEN i % 13 = 0 THEN (1900 + i // 13)::VARCHAR
                  ELSE (1900 + i // 13)::VARCHAR || '-' || lpad((i % 13)::VARCHAR, 2, '0') END
             ORDER BY i) FROM range(201 * 13) t(i)) AS periods,
(SELECT list(make_date((1900 + i // 13)::INTEGER, greatest(i % 13, 1)::INTEGER, 1) ORDER BY i)
   FROM range(201 * 13) t(i)) AS period_starts"""


def lookups_sql(con: Any) -> str:
    """SELECT of ONE row: ``iso3``/``m49`` lists by numeric country code (0-999, at position
    code + 1) and ``hs2``/``hs4``/``hs6`` bit strings (bit ``code`` set when the code is in the
    nomenclature). Built as literals: registering Arrow data (or binding Python parameters)
    makes DuckDB import pandas, which costs more than building the lookups."""
    countries, hs = _reference_files()
    rows = con.execute(
        "SELECT code, first(iso3 ORDER BY m49 <> code), first(m49 ORDER BY m49 <> code) "
        f"FROM read_parquet({literal(countries)}) WHERE code BETWEEN 0 AND 999 GROUP BY code"
    ).fetchall()
    iso3: list[str | None] = [None] * 1000
    m49: list[int | None] = [None] * 1000
    for code, alpha, number in rows:
        iso3[code], m49[code] = alpha, number
    bits = {n: bytearray(b"0" * 10**n) for n in (2, 4, 6)}
    codes = con.execute(
        f"SELECT DISTINCT code FROM read_parquet({literal(hs)}) WHERE length(code) IN (2, 4, 6) "
        "AND TRY_CAST(code AS INTEGER) IS NOT NULL"
    ).fetchall()
    for (code,) in codes:
        bits[len(code)][int(code)] = ord("1")
    return (
        f"SELECT {PERIODS}, "
        f"[{', '.join(map(literal, iso3))}]::VARCHAR[] AS iso3, "
        f"[{', '.join(map(literal, m49))}]::INTEGER[] AS m49, "
        + ", ".join(f"'{b.decode()}'::BIT AS hs{n}" for n, b in bits.items())
    )


def register_lookups(con: Any) -> None:
    """Create ``_lookups`` (see :func:`lookups_sql`) and ``_problems``.

    A cross join with this single row and a list index or ``get_bit`` is O(1) per row and,
    unlike a hash join, keeps the file's row order, so the row number of the written batch
    file is the row's position in the source file (no serial numbering pass).
    """
    con.execute(f"CREATE OR REPLACE TEMP TABLE _lookups AS {lookups_sql(con)}")
    table = problems_table()
    columns = [table[c] for c in ("code", "field", "prefix", "suffix")]
    rows = ", ".join(
        "(" + ", ".join(literal(v) for v in values) + ")" for values in zip(*columns, strict=True)
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _problems AS SELECT * FROM "
        f"(VALUES {rows}) t(code, field, prefix, suffix)"
    )


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
