"""The trade store: flows, ingest batches and rejects, read and written through Ibis.

DuckDB (an embedded file under ``$ORESIGHT_HOME``) is the default backend; Spark is configuration,
not another code path: every query is an Ibis expression.
"""

from typing import Any

from oresight.store.core import BatchResult, Store
from oresight.store.schema import FLOW_COLUMNS, FLOWS_ARROW_SCHEMA

__all__ = ["FLOWS_ARROW_SCHEMA", "FLOWS_SCHEMA", "FLOW_COLUMNS", "BatchResult", "Store"]


def __getattr__(name: str) -> Any:
    if name == "FLOWS_SCHEMA":  # built on first use (imports Ibis)
        from oresight.store import schema

        return schema.FLOWS_SCHEMA
    raise AttributeError(name)
