"""SQL that turns raw varchar rows (in any :class:`Layout`) into typed, checked flows.

:func:`parse_sql` types every field and records the first syntactic problem of each row (bad
period, non-numeric or negative value, ...); :func:`checked_sql` joins the reference lookups
(countries, HS codes) and adds their problems. Rows without a problem become flows, the
others rejects. Expressions avoid regular expressions and string formatting where a plain
function does, because they run once per row of files with millions of rows.
"""

from __future__ import annotations

from oresight.ingest.columns import FLOW_CODES, V1_FIELDS, quantity_units
from oresight.ingest.layouts import Layout
from oresight.store.sql import literal

NUMERIC_FIELDS = ("primaryValue", "cifvalue", "fobvalue", "netWgt", "qty")


def _case(mapping: dict[str, str], expr: str) -> str:
    whens = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in mapping.items())
    return f"CASE {expr} {whens} END"


def _source_columns(layout: Layout, *, from_csv: bool) -> str:
    """The v1 fields from the source. DuckDB's CSV reader already turns empty fields (and the
    layout's null strings) into NULL; Arrow records from JSON may hold empty strings."""
    cols = []
    for name in V1_FIELDS:
        expr = layout.fields.get(name)
        if expr is None:
            cols.append(f"NULL::VARCHAR AS {name}")
        elif expr.startswith("'") or from_csv:
            cols.append(f"{expr} AS {name}")
        else:
            cols.append(f"nullif({expr}, '') AS {name}")
    return ",\n    ".join(cols)


# Problems a row can have, in the order they are checked: (field, SQL condition over the
# parsed columns, SQL of the offending raw value, reason text around the quoted raw value).
# The first that holds is the row's problem; codes are positions in this list, 1-based, and
# the lookup problems (countries, HS) follow as LOOKUP_PROBLEMS.
PARSE_PROBLEMS: list[tuple[str, str, str, str, str]] = [
    (
        "period",
        "_year IS NULL OR _year NOT BETWEEN 1900 AND 2100 OR _freq NOT IN ('A', 'M') "
        "OR (_freq = 'M' AND (_month IS NULL OR _month NOT BETWEEN 1 AND 12))",
        "coalesce(period, refYear)",
        "invalid period '",
        "'",
    ),
    ("flowCode", "flow IS NULL", "flowCode", "unknown flow code '", "'"),
    (
        "cmdCode",
        "_hs IS NULL OR (_hs <> 'TOTAL' AND (length(_hs) NOT BETWEEN 2 AND 10 "
        "OR TRY_CAST(_hs AS UBIGINT) IS NULL))",
        "cmdCode",
        "invalid HS code '",
        "'",
    ),
    ("primaryValue", "primaryValue IS NULL", "NULL", "missing trade value", ""),
]
for _name in NUMERIC_FIELDS:
    PARSE_PROBLEMS.append(
        (_name, f"{_name} IS NOT NULL AND _n_{_name} IS NULL", _name, "non-numeric value '", "'")
    )
    # NaN, inf, Infinity and overflows such as 1e309 parse as doubles: not a trade value
    PARSE_PROBLEMS.append(
        (_name, f"NOT isfinite(_n_{_name})", _name, "non-finite value '", "'")
    )
    PARSE_PROBLEMS.append((_name, f"_n_{_name} < 0", _name, "negative value ", ""))

LOOKUP_PROBLEMS: list[tuple[str, str, str, str, str]] = [
    ("reporterCode", "reporter_iso3 IS NULL", "_reporter", "unknown country code '", "'"),
    ("partnerCode", "partner_iso3 IS NULL", "_partner", "unknown country code '", "'"),
    (
        "cmdCode",
        "NOT coalesce(_hs_known, false)",
        "coalesce(national_code, hs_code)",  # the code as read, not only its 6 digits
        "HS code '",
        "' is not in the HS nomenclature (any edition 1992-2022)",
    ),
]


def problems_table() -> dict[str, list[object]]:
    """``code -> field, reason prefix/suffix`` (columns for an Arrow table)."""
    rows = [*PARSE_PROBLEMS, *LOOKUP_PROBLEMS]
    return {
        "code": list(range(1, len(rows) + 1)),
        "field": [r[0] for r in rows],
        "prefix": [r[3] for r in rows],
        "suffix": [r[4] for r in rows],
    }


def _problem_code(problems: list[tuple[str, str, str, str, str]], start: int) -> tuple[str, str]:
    """SQL for the first problem's code and its raw value."""
    codes = " ".join(f"WHEN {cond} THEN {i}" for i, (_, cond, *_r) in enumerate(problems, start))
    raws = " ".join(f"WHEN {i} THEN CAST({p[2]} AS VARCHAR)" for i, p in enumerate(problems, start))
    return f"CASE {codes} END", raws


def parse_sql(layout: Layout, source: str, *, from_csv: bool = True) -> str:
    """A SELECT over ``source`` (the raw columns); keeps the source's row order."""
    # Comtrade writes its codes in capitals; lower-case variants are listed, not upper() per row
    flows = {**FLOW_CODES, **{k.lower(): v for k, v in FLOW_CODES.items()}}
    numbers = ",\n    ".join(f"TRY_CAST({n} AS DOUBLE) AS _n_{n}" for n in NUMERIC_FIELDS)
    problem, raws = _problem_code(PARSE_PROBLEMS, 1)
    basis = (
        literal(layout.basis)
        if layout.basis
        else "CASE WHEN flow IN ('export', 're-export') THEN 'FOB' "
        "WHEN cifvalue IS NULL AND fobvalue IS NOT NULL THEN 'FOB' ELSE 'CIF' END"
    )
    return f"""
WITH src AS (
  SELECT
    {_source_columns(layout, from_csv=from_csv)}
  FROM {source}
), typed AS (
  SELECT *,
    replace(coalesce(period, refYear), '-', '') AS _p,
    {_case(flows, "flowCode")} AS flow,
    CASE WHEN cmdCode = 'TOTAL' THEN 'TOTAL'
         WHEN length(_c) % 2 = 1 THEN '0' || _c ELSE _c END AS _hs,
    {numbers},
    nullif(coalesce(nullif(qtyUnitAbbr, 'N/A'), {_case(quantity_units(), "qtyUnitCode")}), 'N/A')
      AS _unit
  FROM (SELECT *, replace(cmdCode, '.', '') AS _c FROM src)
), dated AS (
  SELECT *,
    coalesce(freqCode, CASE WHEN length(_p) = 6 THEN 'M' ELSE 'A' END) AS _freq,
    TRY_CAST(substr(_p, 1, 4) AS INTEGER) AS _year,
    CASE WHEN length(_p) >= 6 AND coalesce(freqCode, 'M') = 'M'
         THEN TRY_CAST(substr(_p, 5, 2) AS INTEGER) END AS _month
  FROM typed
)
SELECT
  reporterCode AS _reporter, partnerCode AS _partner, flow, _freq AS freq,
  -- position of the period in the lookups' period lists (see checked_sql): no string built
  CASE WHEN _year BETWEEN 1900 AND 2100 AND coalesce(_month, 1) BETWEEN 1 AND 12
       THEN (_year - 1900) * 13 + CASE WHEN _freq = 'M' THEN _month ELSE 0 END + 1 END
    AS _period_at,
  _year AS year, CASE WHEN _freq = 'M' THEN _month END AS month,
  CASE WHEN length(_hs) > 6 THEN substr(_hs, 1, 6) ELSE _hs END AS hs_code,
  CASE WHEN _hs = 'TOTAL' THEN 0 ELSE length(_hs) END AS aggr_level,
  CASE WHEN length(_hs) > 6 THEN _hs END AS national_code,
  classificationCode AS hs_edition,
  _n_primaryValue * {layout.value_scale} AS value_usd,
  {basis} AS value_basis,
  _n_netWgt * {layout.weight_scale} AS net_weight_kg,
  CASE WHEN _unit IS NULL THEN NULL ELSE _n_qty END AS quantity,
  _unit AS quantity_unit,
  -- breakdowns by second partner, transport mode or customs procedure repeat the totals
  coalesce(partner2Code, '0') <> '0' OR coalesce(motCode, '0') <> '0'
    OR coalesce(customsCode, 'C00') <> 'C00' AS _breakdown,
  _problem,
  -- the raw value only for rows with a problem (a CASE over every problem code costs per row)
  CASE WHEN _problem IS NOT NULL THEN CASE _problem {raws} END END AS _praw
FROM (SELECT *, {problem} AS _problem FROM dated)
"""


def _country(code: str, array: str) -> str:
    number = f"TRY_CAST({code} AS INTEGER)"
    return f"CASE WHEN {number} BETWEEN 0 AND 999 THEN l.{array}[{number} + 1] END"


def checked_sql(parsed: str) -> str:
    """Look the codes up in ``_lookups`` (see :func:`oresight.ingest.validate.register_lookups`)
    and add their problems to the row's first one. Keeps the file's row order."""
    problem, raws = _problem_code(LOOKUP_PROBLEMS, len(PARSE_PROBLEMS) + 1)
    hs_number = "TRY_CAST(p.hs_code AS INTEGER)"

    def known(bits: str, size: int) -> str:  # get_bit fails outside the bit string: guard it
        inside = f"{hs_number} BETWEEN 0 AND {size - 1}"
        return f"CASE WHEN {inside} THEN get_bit(l.{bits}, {hs_number}) = 1 END"

    return f"""
SELECT *,
  CASE WHEN problem IS NULL THEN NULL WHEN _problem IS NOT NULL THEN _praw
       ELSE CASE problem {raws} END END AS problem_raw
FROM (
SELECT *, coalesce(_problem, {problem}) AS problem
FROM (
  SELECT p.*,
    l.periods[p._period_at] AS period,
    l.period_starts[p._period_at] AS period_start,
    {_country("p._reporter", "iso3")} AS reporter_iso3,
    {_country("p._reporter", "m49")} AS reporter_m49,
    {_country("p._partner", "iso3")} AS partner_iso3,
    {_country("p._partner", "m49")} AS partner_m49,
    CASE WHEN p.hs_code = 'TOTAL' THEN true
         WHEN length(p.hs_code) = 6 THEN {known("hs6", 10**6)}
         WHEN length(p.hs_code) = 4 THEN {known("hs4", 10**4)}
         WHEN length(p.hs_code) = 2 THEN {known("hs2", 10**2)} END AS _hs_known
  FROM ({parsed}) p, _lookups l
))
"""
