"""SQL that turns raw varchar rows (in any :class:`Layout`) into typed, checked flows.

Stage 1 (:func:`parse_sql`) runs once over the file: it types every field and records the
first syntactic problem of each row (bad period, non-numeric or negative value, ...).
Stage 2 (:func:`checked_sql`) joins the reference lookups (countries, HS codes) and adds
their problems. Rows without a problem become flows; the others become rejects.
"""

from __future__ import annotations

from oresight.ingest.columns import FLOW_CODES, V1_FIELDS, quantity_units
from oresight.ingest.layouts import Layout

NUMERIC_FIELDS = ("primaryValue", "cifvalue", "fobvalue", "netWgt", "qty")


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _case(mapping: dict[str, str], expr: str) -> str:
    whens = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in mapping.items())
    return f"CASE {expr} {whens} END"


def _source_columns(layout: Layout, null_strings: tuple[str, ...]) -> str:
    nulls = ", ".join(_lit(s) for s in null_strings)
    cols = []
    for name in V1_FIELDS:
        expr = layout.fields.get(name)
        if expr is None:
            cols.append(f"NULL::VARCHAR AS {name}")
        elif expr.startswith("'"):
            cols.append(f"{expr} AS {name}")
        else:
            cols.append(
                f"CASE WHEN trim({expr}) IN ({nulls}) THEN NULL ELSE trim({expr}) END AS {name}"
            )
    return ",\n    ".join(cols)


# (field, condition, reason) checked in order; the first that holds is the row's problem.
def _checks(layout: Layout) -> list[tuple[str, str, str]]:
    checks = [
        (
            "period",
            "_year IS NULL OR _year NOT BETWEEN 1900 AND 2100 OR _freq NOT IN ('A','M') "
            "OR (_freq = 'M' AND (_month IS NULL OR _month NOT BETWEEN 1 AND 12))",
            "'invalid period ' || coalesce('''' || period || '''', 'NULL')",
        ),
        (
            "flowCode",
            "flow IS NULL",
            "'unknown flow code ' || coalesce('''' || flowCode || '''', 'NULL')",
        ),
        (
            "cmdCode",
            "_hs IS NULL OR NOT regexp_full_match(_hs, '[0-9]{2,10}|TOTAL')",
            "'invalid HS code ' || coalesce('''' || cmdCode || '''', 'NULL')",
        ),
        ("primaryValue", "primaryValue IS NULL", "'missing trade value'"),
    ]
    for name in NUMERIC_FIELDS:
        checks.append(
            (
                name,
                f"{name} IS NOT NULL AND _n_{name} IS NULL",
                f"'non-numeric value ''' || {name} || ''''",
            )
        )
        checks.append((name, f"_n_{name} < 0", f"'negative value ' || {name}"))
    return checks


def _first_problem(checks: list[tuple[str, str, str]]) -> tuple[str, str]:
    fields = " ".join(f"WHEN {cond} THEN {_lit(f)}" for f, cond, _ in checks)
    reasons = " ".join(f"WHEN {cond} THEN {reason}" for _, cond, reason in checks)
    return f"CASE {fields} END", f"CASE {reasons} END"


def parse_sql(layout: Layout, source: str) -> str:
    """Stage 1: a SELECT over ``source`` (a table function or view) typing every row."""
    flows = {k.upper(): v for k, v in FLOW_CODES.items()}
    units = quantity_units()
    numbers = ",\n    ".join(f"TRY_CAST({n} AS DOUBLE) AS _n_{n}" for n in NUMERIC_FIELDS)
    problem_field, problem_reason = _first_problem(_checks(layout))
    basis = (
        _lit(layout.basis)
        if layout.basis
        else "CASE WHEN flow IN ('export', 're-export') THEN 'FOB' "
        "WHEN cifvalue IS NULL AND fobvalue IS NOT NULL THEN 'FOB' ELSE 'CIF' END"
    )
    return f"""
WITH src AS (
  SELECT row_number() OVER () AS _rn,
    {_source_columns(layout, layout.null_strings)}
  FROM {source}
), typed AS (
  SELECT *,
    regexp_replace(coalesce(period, refYear, ''), '[^0-9]', '', 'g') AS _p,
    {_case(flows, "upper(flowCode)")} AS flow,
    CASE WHEN upper(cmdCode) = 'TOTAL' THEN 'TOTAL'
         ELSE (CASE WHEN length(_c) % 2 = 1 THEN '0' || _c ELSE _c END) END AS _hs,
    {numbers},
    nullif(coalesce(nullif(qtyUnitAbbr, 'N/A'), {_case(units, "qtyUnitCode")}), 'N/A') AS _unit
  FROM (SELECT *, regexp_replace(cmdCode, '[.\\s]', '', 'g') AS _c FROM src)
), dated AS (
  SELECT *,
    coalesce(upper(freqCode), CASE WHEN length(_p) = 6 THEN 'M' ELSE 'A' END) AS _freq,
    TRY_CAST(substr(_p, 1, 4) AS INTEGER) AS _year,
    CASE WHEN length(_p) >= 6 AND coalesce(upper(freqCode), 'M') = 'M'
         THEN TRY_CAST(substr(_p, 5, 2) AS INTEGER) END AS _month
  FROM typed
)
SELECT _rn,
  reporterCode AS _reporter, partnerCode AS _partner, flow, _freq AS freq,
  CASE WHEN _freq = 'M' THEN printf('%04d-%02d', _year, _month) ELSE printf('%04d', _year) END
    AS period,
  _year AS year, CASE WHEN _freq = 'M' THEN _month END AS month,
  CASE WHEN _year BETWEEN 1900 AND 2100 AND coalesce(_month, 1) BETWEEN 1 AND 12
       THEN make_date(_year, CASE WHEN _freq = 'M' THEN _month ELSE 1 END, 1) END
    AS period_start,
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
  {problem_field} AS _field,
  {problem_reason} AS _reason
FROM dated
"""


def checked_sql(parsed: str) -> str:
    """Stage 2: join the country and HS lookups; add their problems to the row's first one."""
    return f"""
SELECT p.*,
  r.iso3 AS reporter_iso3, r.m49 AS reporter_m49,
  q.iso3 AS partner_iso3, q.m49 AS partner_m49,
  CASE WHEN p._field IS NOT NULL THEN p._field
       WHEN r.iso3 IS NULL THEN 'reporterCode'
       WHEN q.iso3 IS NULL THEN 'partnerCode'
       WHEN h.code IS NULL THEN 'cmdCode' END AS field,
  CASE WHEN p._field IS NOT NULL THEN p._reason
       WHEN r.iso3 IS NULL
         THEN 'unknown country code ' || coalesce('''' || p._reporter || '''', 'NULL')
       WHEN q.iso3 IS NULL
         THEN 'unknown country code ' || coalesce('''' || p._partner || '''', 'NULL')
       WHEN h.code IS NULL THEN 'HS code ' || '''' || p.hs_code || '''' ||
            ' is not in the HS nomenclature (any edition 1992-2022)' END AS reason,
  CASE WHEN p._field IS NOT NULL THEN NULL
       WHEN r.iso3 IS NULL THEN p._reporter
       WHEN q.iso3 IS NULL THEN p._partner
       WHEN h.code IS NULL THEN p.hs_code END AS raw
FROM {parsed} p
LEFT JOIN _ref_country r ON r.code = p._reporter
LEFT JOIN _ref_country q ON q.code = p._partner
LEFT JOIN _ref_hs h ON h.code = p.hs_code
WHERE NOT p._breakdown
"""
