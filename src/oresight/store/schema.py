"""The flows table: one row per partner-reported (or published) trade flow.

This schema is the contract every pillar reads; change it only with the store issue.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

FLOW_KINDS = ("import", "export", "re-import", "re-export")
FREQUENCIES = ("A", "M")  # annual, monthly
VALUE_BASES = ("CIF", "FOB")

FLOWS_ARROW_SCHEMA = pa.schema(
    [
        pa.field("reporter_iso3", pa.string(), nullable=False),
        pa.field("reporter_m49", pa.int32(), nullable=False),
        pa.field("partner_iso3", pa.string(), nullable=False),
        pa.field("partner_m49", pa.int32(), nullable=False),
        pa.field("flow", pa.string(), nullable=False),  # one of FLOW_KINDS
        pa.field("freq", pa.string(), nullable=False),  # "A" or "M"
        pa.field("period", pa.string(), nullable=False),  # "YYYY" or "YYYY-MM"
        pa.field("year", pa.int32(), nullable=False),
        pa.field("month", pa.int32()),  # null for annual rows
        pa.field("period_start", pa.date32(), nullable=False),  # first day of the period
        # HS6 with leading zeros; shorter for aggregates (chapter "27", heading "2701"),
        # "TOTAL" for all goods
        pa.field("hs_code", pa.string(), nullable=False),
        pa.field("aggr_level", pa.int32(), nullable=False),  # 0 TOTAL, 2, 4, 6 (or finer national)
        pa.field("national_code", pa.string()),  # finer national tariff line, when reported
        pa.field("hs_edition", pa.string()),  # Comtrade's names: "H3" = HS2007 ...
        pa.field("value_usd", pa.float64()),
        pa.field("value_basis", pa.string()),  # "CIF" or "FOB"
        pa.field("net_weight_kg", pa.float64()),
        pa.field("quantity", pa.float64()),
        pa.field("quantity_unit", pa.string()),
        pa.field("source", pa.string(), nullable=False),  # comtrade-api, comtrade-csv, baci, ...
        pa.field("source_record", pa.string(), nullable=False),  # file:line or API record key
        pa.field("batch_id", pa.string(), nullable=False),
    ]
)

FLOW_COLUMNS = tuple(FLOWS_ARROW_SCHEMA.names)

BATCHES_ARROW_SCHEMA = pa.schema(
    [
        pa.field("batch_id", pa.string(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("origin", pa.string(), nullable=False),  # file path or URL the batch came from
        pa.field("rows", pa.int64(), nullable=False),
        pa.field("rejected", pa.int64(), nullable=False),
        pa.field("ingested_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("bytes", pa.int64()),  # size of the source file (a repeat is hashed first)
        pa.field("version", pa.int64()),  # the version its landing published
        pa.field("added", pa.int64()),  # flows new to the store
        pa.field("revised", pa.int64()),  # flows that superseded a current row
        pa.field("unchanged", pa.int64()),  # rows repeating a current flow exactly
        pa.field("repeated", pa.int64()),  # rows repeated inside the file itself
    ]
)

REJECTS_ARROW_SCHEMA = pa.schema(
    [
        pa.field("batch_id", pa.string(), nullable=False),
        pa.field("file", pa.string(), nullable=False),
        pa.field("line", pa.int64()),
        pa.field("field", pa.string()),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("raw", pa.string()),
    ]
)

# Published figures (news, think tanks, official bodies) with citations: a read-only table that
# ships with the package (see oresight.store.published), never rows of ``flows``.
PUBLISHED_SCHEMA = pa.schema(
    [
        pa.field("figure_id", pa.string(), nullable=False),  # source file:line
        pa.field("origin_iso3", pa.string(), nullable=False),
        pa.field("reporter", pa.string(), nullable=False),
        pa.field("partner", pa.string(), nullable=False),
        pa.field("basis", pa.string(), nullable=False),
        pa.field("period", pa.string()),
        pa.field("period_kind", pa.string(), nullable=False),
        pa.field("period_start", pa.date32()),
        pa.field("period_end", pa.date32()),
        pa.field("commodity", pa.string(), nullable=False),
        pa.field("hs_code", pa.string()),
        pa.field("group", pa.string()),
        pa.field("measure", pa.string(), nullable=False),
        pa.field("value_usd", pa.float64()),
        pa.field("value_cny", pa.float64()),
        pa.field("quantity", pa.float64()),
        pa.field("quantity_unit", pa.string()),
        pa.field("unit_value_usd", pa.float64()),
        pa.field("change_pct", pa.float64()),
        pa.field("change_of", pa.string()),
        pa.field("change_kind", pa.string()),
        pa.field("compared_to", pa.string()),
        pa.field("share_pct", pa.float64()),
        pa.field("suspect", pa.bool_(), nullable=False),
        pa.field("conflict", pa.bool_(), nullable=False),
        pa.field("source_org", pa.string(), nullable=False),
        pa.field("source_url", pa.string()),
        pa.field("published", pa.string()),
        pa.field("quote", pa.string()),
        pa.field("note", pa.string()),
    ]
)
PUBLISHED_STORE_SCHEMA = pa.schema(
    [*PUBLISHED_SCHEMA, pa.field("batch_id", pa.string()), pa.field("content_hash", pa.string())]
)

# The store's table catalogue: every persistent table, declared once. ``flows``, ``batches``
# and ``rejects`` are versioned data files; ``published_figures`` ships read-only.
TABLE_SCHEMAS = {
    "flows": FLOWS_ARROW_SCHEMA,
    "batches": BATCHES_ARROW_SCHEMA,
    "rejects": REJECTS_ARROW_SCHEMA,
}
READ_ONLY_TABLES = {"published_figures": PUBLISHED_STORE_SCHEMA}


_SQL_TYPES = {
    "string": "VARCHAR",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "double": "DOUBLE",
    "date32[day]": "DATE",
    "timestamp[us, tz=UTC]": "TIMESTAMP WITH TIME ZONE",
}


def create_table_sql(name: str, schema: pa.Schema) -> str:
    """DuckDB DDL of a table with ``schema`` (what Ibis's ``create_table`` would issue)."""
    cols = ", ".join(
        f'"{f.name}" {_SQL_TYPES[str(f.type)]}{"" if f.nullable else " NOT NULL"}' for f in schema
    )
    return f"CREATE TABLE {name} ({cols})"


def __getattr__(name: str) -> Any:
    # FLOWS_SCHEMA (the Ibis schema) is built on first use: importing Ibis costs a third of a
    # second, which commands that never query through Ibis (ingest) should not pay
    if name == "FLOWS_SCHEMA":
        import ibis

        return ibis.schema(
            {f.name: ibis.dtype(f.type).copy(nullable=f.nullable) for f in FLOWS_ARROW_SCHEMA}
        )
    raise AttributeError(name)
