"""Validation against the reference tables, as SQL joins over small Arrow lookups.

Only the distinct codes of a file go through Python (a few hundred countries, a few thousand
HS codes); every row is checked in DuckDB by joining these lookups (see
:func:`oresight.ingest.transform.checked_sql`).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from oresight.errors import OresightError
from oresight.ingest.reading import REJECTS_TABLE


def country_lookup(codes: list[str]) -> pa.Table:
    """``code -> (iso3, m49)`` for the country codes that the reference tables know."""
    from oresight.reference import countries

    rows: dict[str, list[Any]] = {"code": [], "iso3": [], "m49": []}
    for code in codes:
        try:
            iso3 = countries.to_iso3(int(code) if code.isdigit() else code)
        except (OresightError, KeyError, ValueError):
            continue  # unknown: the join leaves it NULL and the row is rejected
        try:
            m49 = int(countries.to_m49(iso3))
        except (OresightError, KeyError, ValueError):
            if not code.isdigit():
                continue
            m49 = int(code)
        rows["code"].append(code)
        rows["iso3"].append(iso3)
        rows["m49"].append(m49)
    return pa.table(
        rows, schema=pa.schema([("code", pa.string()), ("iso3", pa.string()), ("m49", pa.int32())])
    )


def hs_lookup(codes: list[str]) -> pa.Table:
    """The codes that are in the nomenclature: ``TOTAL`` and 2/4/6-digit codes of any edition."""
    from oresight.reference import hs

    known = [c for c in codes if c == "TOTAL" or hs.is_hs_code(c)]
    return pa.table({"code": pa.array(known, type=pa.string())})


def register_lookups(con: Any, parsed: str) -> None:
    """Build and register ``_ref_country`` and ``_ref_hs`` for the codes found in ``parsed``."""
    countries = con.execute(
        f"SELECT _reporter FROM {parsed} WHERE _reporter IS NOT NULL "
        f"UNION SELECT _partner FROM {parsed} WHERE _partner IS NOT NULL"
    ).fetchall()
    hs_codes = con.execute(
        f"SELECT DISTINCT hs_code FROM {parsed} WHERE _field IS NULL AND hs_code IS NOT NULL"
    ).fetchall()
    con.register("_ref_country", country_lookup([c for (c,) in countries]))
    con.register("_ref_hs", hs_lookup([c for (c,) in hs_codes]))


def malformed_lines_sql() -> str:
    """Lines that DuckDB's CSV reader could not parse (column count, encoding, quoting)."""
    return f"""
SELECT line, column_name AS field,
  CASE error_type
    WHEN 'MISSING COLUMNS' THEN 'wrong column count (too few columns; truncated line?): '
    WHEN 'TOO MANY COLUMNS' THEN 'wrong column count (too many columns): '
    WHEN 'INVALID ENCODING' THEN 'bad encoding (not UTF-8): '
    ELSE lower(error_type) || ': ' END || error_message AS reason,
  csv_line AS raw
FROM {REJECTS_TABLE}
QUALIFY row_number() OVER (PARTITION BY line ORDER BY column_idx) = 1
"""
