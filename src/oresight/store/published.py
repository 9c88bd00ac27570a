"""Published figures: a read-only table that ships with the package.

They used to be loaded into the store the first time anyone read it, so a GET request wrote
to the store. Now every reader registers the shipped snapshot (built by
``scripts/build_published_snapshot.py``) as the ``published_figures`` table of its own
session: reading never writes, and a fresh machine has the figures without an ingest.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from oresight.store.schema import PUBLISHED_SCHEMA, PUBLISHED_STORE_SCHEMA

SNAPSHOT = Path(__file__).parents[1] / "monitor" / "data" / "dprk_published.csv"
TABLE = "published_figures"


@lru_cache(maxsize=4)
def shipped_figures(path: Path = SNAPSHOT) -> pa.Table:
    """The snapshot's rows with their batch id and content hash (read once per process)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    options = pacsv.ConvertOptions(column_types=PUBLISHED_SCHEMA, strings_can_be_null=True)
    table = pacsv.read_csv(path, convert_options=options).select(PUBLISHED_SCHEMA.names)
    table = table.cast(PUBLISHED_SCHEMA)
    n = table.num_rows
    table = table.append_column("batch_id", pa.array([f"published-{digest[:12]}"] * n))
    table = table.append_column("content_hash", pa.array([digest] * n))
    return table.cast(PUBLISHED_STORE_SCHEMA)
