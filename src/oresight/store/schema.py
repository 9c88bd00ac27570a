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

TABLE_SCHEMAS = {
    "flows": FLOWS_ARROW_SCHEMA,
    "batches": BATCHES_ARROW_SCHEMA,
    "rejects": REJECTS_ARROW_SCHEMA,
}


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
