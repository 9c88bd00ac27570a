"""The trade store: flows, ingest batches and rejects, read and written through Ibis.

DuckDB (an embedded file under ``$ORESIGHT_HOME``) is the default backend; Spark is configuration,
not another code path: every query is an Ibis expression.
"""

from typing import Any

from oresight.store.core import BatchResult, Store
from oresight.store.schema import FLOW_COLUMNS, FLOWS_ARROW_SCHEMA

__all__ = [
    "FLOWS_ARROW_SCHEMA",
    "FLOWS_SCHEMA",
    "FLOW_COLUMNS",
    "BatchResult",
    "Store",
    "current_version",
]


def __getattr__(name: str) -> Any:
    if name == "FLOWS_SCHEMA":  # built on first use (imports Ibis)
        from oresight.store import schema

        return schema.FLOWS_SCHEMA
    raise AttributeError(name)


def current_version(home: Any = None) -> int:
    """The current version number of the store under ``home`` (default ``$ORESIGHT_HOME``):
    one small file read, for servers that check for a new version on every request."""
    from pathlib import Path

    from oresight.settings import get_settings
    from oresight.store.catalog import Catalog

    return Catalog(Path(home) if home is not None else get_settings().home).current_version()
