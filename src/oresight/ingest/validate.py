"""Validation against the reference tables, as SQL joins over Arrow lookups.

The shipped reference tables (countries with Comtrade's own codes, HS 1992-2022 codes) are
registered in DuckDB once per ingest; every row is checked by joining them
(:func:`oresight.ingest.transform.checked_sql`), never by a Python loop over rows.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from oresight.ingest.reading import REJECTS_TABLE
from oresight.ingest.transform import problems_table


@cache
def country_lookup() -> pa.Table:
    """``code -> (iso3, m49)`` for every numeric (M49/Comtrade), alpha-3 and alpha-2 code."""
    from oresight.reference.countries import countries_table

    table = countries_table()
    iso3, m49 = table.column("iso3"), table.column("m49")
    numeric = pa.table(
        {"code": pc.cast(table.column("code"), pa.string()), "iso3": iso3, "m49": m49}
    )
    # alpha codes map to the canonical row of the country (the one whose code is its M49)
    canonical = table.filter(pc.equal(table.column("code"), table.column("m49")))
    alpha = [
        pa.table(
            {
                "code": canonical.column(col),
                "iso3": canonical.column("iso3"),
                "m49": canonical.column("m49"),
            }
        )
        for col in ("iso3", "iso2")
    ]
    merged = pa.concat_tables([numeric, *alpha]).filter(pc.is_valid(pc.field("code")))
    return (
        merged.group_by("code", use_threads=False)
        .aggregate([("iso3", "first"), ("m49", "first")])
        .rename_columns(["code", "iso3", "m49"])
    )


@cache
def hs_lookup() -> pa.Table:
    """Every 2/4/6-digit code of any HS edition 1992-2022, and ``TOTAL`` (all goods)."""
    from oresight.reference.hs import hs_table

    codes = hs_table().column("code").to_pylist()
    return pa.table({"code": pa.array(sorted({*codes, "TOTAL"}), type=pa.string())})


def register_lookups(con: Any) -> None:
    """Create ``_lookups``: ONE row of arrays indexed by code (+1), and ``_problems``.

    ``iso3[code + 1]``/``m49[code + 1]`` for numeric country codes 0-999, ``hs2/hs4/hs6[code + 1]``
    true for the codes in the nomenclature. A cross join with this single row and a list index
    is O(1) per row and, unlike a hash join, keeps the file's row order, so the row number of
    the written batch file is the row's position in the source file (no serial numbering pass).
    """
    con.register("_country_codes", country_lookup())
    con.register("_hs_codes", hs_lookup())
    con.register("_problem_rows", pa.table(problems_table()))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _lookups AS SELECT "
        "(SELECT list(c.iso3 ORDER BY r.range) FROM range(1000) r "
        "  LEFT JOIN _country_codes c ON c.code = r.range::VARCHAR) AS iso3, "
        "(SELECT list(c.m49 ORDER BY r.range) FROM range(1000) r "
        "  LEFT JOIN _country_codes c ON c.code = r.range::VARCHAR) AS m49, "
        + ", ".join(
            f"(SELECT list(h.code IS NOT NULL ORDER BY r.range) FROM range({10**n}) r "
            f"  LEFT JOIN _hs_codes h ON h.code = lpad(r.range::VARCHAR, {n}, '0')) AS hs{n}"
            for n in (2, 4, 6)
        )
    )
    con.execute("CREATE OR REPLACE TEMP TABLE _problems AS SELECT * FROM _problem_rows")
    for name in ("_country_codes", "_hs_codes", "_problem_rows"):
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
