"""The monitor's result: a series table, events, sources, coverage and notes; JSON and CSV."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from oresight.monitor.events import Event

# Column order of the public series table (JSON keys, CSV header).
SERIES_COLUMNS = (
    "period",
    "period_kind",
    "period_start",
    "group",
    "group_name",
    "partner",
    "source",
    "basis",
    "measure",
    "value_usd",
    "value_basis",
    "value_cny",
    "quantity",
    "quantity_unit",
    "unit_value",
    "share_pct",
    "prev_pct",
    "yoy_pct",
    "change_pct",
    "change_of",
    "compared_to",
    "records",
    "months_covered",
    "months_in_period",
    "complete",
    "reporters",
    "hs_codes",
    "citation",
    "source_org",
    "figure_id",
    "quote",
    "note",
    "suspect",
    "conflict",
    "conflict_with",
)


# Keys present in every JSON series row (null when not known).
ALWAYS = frozenset(
    {"period", "group", "partner", "value_usd", "quantity", "quantity_unit", "yoy_pct"}
    | {"source", "citation", "months_covered", "months_in_period", "complete"}
)


@dataclass
class MonitorResult:
    """What :func:`oresight.monitor.exports` returns.

    ``series`` has one row per period, group, partner and source (published figures keep their
    own period kind and citation); ``events`` say what looks new or wrong and why.
    """

    country: str
    freq: str
    series: pa.Table
    events: list[Event]
    sources: list[dict[str, Any]]
    coverage: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    timeline: list[dict[str, Any]] | None = None
    differences: list[dict[str, Any]] = field(default_factory=list)
    query: dict[str, Any] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        """Series rows as JSON-ready dicts (dates as ISO strings, empty values dropped)."""
        out = []
        for row in self.series.to_pylist():
            clean = {
                k: _jsonable(v)
                for k, v in row.items()
                if k in ALWAYS or (v is not None and v != [])
            }
            out.append(clean)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape: country, freq, series, events, sources (and context)."""
        return {
            "country": self.country,
            "freq": self.freq,
            "query": self.query,
            "series": self.rows(),
            "events": [e.to_dict() for e in self.events],
            "sources": self.sources,
            "coverage": self.coverage,
            "differences": self.differences,
            "timeline": self.timeline,
            "notes": self.notes,
        }

    def to_csv(self) -> str:
        """The series table as CSV (list columns joined with ';')."""
        table = self.series
        for i, name in enumerate(table.column_names):
            kind = table.schema.field(name).type
            if pa.types.is_list(kind) or pa.types.is_large_list(kind):
                joined = [";".join(v) if v else None for v in table.column(name).to_pylist()]
                table = table.set_column(i, name, pa.array(joined, pa.string()))
        buffer = io.BytesIO()
        pacsv.write_csv(table, buffer)
        return buffer.getvalue().decode("utf-8")


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value
