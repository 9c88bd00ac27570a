"""Getting data into the store: Comtrade (API JSON, CSV v1 and legacy) and CEPII BACI files.

Each file becomes one batch, parsed and checked inside DuckDB and landed atomically
(:func:`ingest_file`); the live Comtrade API client lives in ``comtrade_api``.
"""

from oresight.ingest.batch import (
    DEFAULT_MAX_REJECT_SHARE,
    IngestResult,
    RejectShareError,
    ingest_file,
    ingest_files,
)

__all__ = [
    "DEFAULT_MAX_REJECT_SHARE",
    "IngestResult",
    "RejectShareError",
    "ingest_file",
    "ingest_files",
]
