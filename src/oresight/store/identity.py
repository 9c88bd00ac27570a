"""Flow identity: which rows are the same flow, and so revise rather than add to each other.

A flow's key is its source family, reporter, partner, flow kind, frequency, period, HS code,
national code and HS edition:

- **source family**, not source: a Comtrade API answer and a Comtrade CSV download of the
  same flow are one flow (``comtrade``); BACI is its own family (``baci``), since it is a
  reconciled dataset of its own, not a copy of what reporters said. Families are never
  merged into each other: choosing between them is a question of precedence for the trade
  module (:mod:`oresight.store.trade`), not of identity.
- **second partner, customs procedure, mode of transport**: ingest keeps only the totals
  over these breakdowns (the breakdown rows repeat the totals and are skipped and counted),
  so they are constant ("all") in every stored flow and need no column.
- **HS edition** is part of the key: the same flow downloaded as reported (say H4) and as
  converted to HS1992 (H0) are two records of one trade, not a revision of each other, and
  their codes need not even be equal. They must never be summed: the trade module keeps one
  edition per reporter, period and source family (see its precedence).

A later batch holding a key supersedes the current row (a revision) unless every value
column is the same (then the new row is an exact repeat and lands nothing).
"""

from __future__ import annotations

# the SQL expressions of the key, usable in DuckDB over any flows-shaped relation; nullable
# columns are coalesced so that plain equality (and hashing) identify rows
SOURCE_FAMILY_SQL = (
    "CASE WHEN source LIKE 'comtrade%' THEN 'comtrade' ELSE CAST(source AS VARCHAR) END"
)
KEY_COLUMNS = (
    "source_family",
    "reporter_m49",
    "partner_m49",
    "flow",
    "freq",
    "period",
    "hs_code",
    "national_code",
    "hs_edition",
)
KEY_SQL = {
    "source_family": SOURCE_FAMILY_SQL,
    "reporter_m49": "reporter_m49",
    "partner_m49": "partner_m49",
    "flow": "CAST(flow AS VARCHAR)",
    "freq": "CAST(freq AS VARCHAR)",
    "period": "period",
    "hs_code": "hs_code",
    "national_code": "coalesce(national_code, '')",
    "hs_edition": "coalesce(hs_edition, '')",
}
# what a revision changes; equal in all of them = the same row again
VALUE_COLUMNS = (
    "value_usd",
    "value_basis",
    "net_weight_kg",
    "quantity",
    "quantity_unit",
)


def key_select() -> str:
    """``expr AS k_name, ...``: the key as columns of a flows-shaped relation."""
    return ", ".join(f"{sql} AS k_{name}" for name, sql in KEY_SQL.items())


def key_hash() -> str:
    """One 64-bit hash of the key (a fast first test of uniqueness; equality decides)."""
    return "hash(" + ", ".join(KEY_SQL.values()) + ")"


def key_equal(left: str, right: str) -> str:
    """Join condition between two relations that expose ``k_*`` columns."""
    return " AND ".join(f"{left}.k_{n} = {right}.k_{n}" for n in KEY_COLUMNS)


def values_equal(left: str, right: str) -> str:
    return " AND ".join(f"{left}.{c} IS NOT DISTINCT FROM {right}.{c}" for c in VALUE_COLUMNS)
