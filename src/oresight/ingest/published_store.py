"""Land published figures in the store's own ``published_figures`` table, idempotently.

The rows go in one transaction; the batch is then recorded through ``Store.land`` (with no
flows) so that ``oresight store info`` lists it and a repeat load of the same bytes is a no-op.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import ibis
import pyarrow as pa
import pyarrow.csv as pacsv

from oresight.errors import StoreError
from oresight.ingest.published import (
    PUBLISHED_SCHEMA,
    SOURCE,
    TABLE,
    content_hash,
    parse_published,
)

if TYPE_CHECKING:
    from oresight.store import Store

SNAPSHOT = Path(__file__).parents[1] / "monitor" / "data" / "dprk_published.csv"
STORE_SCHEMA = pa.schema(
    [*PUBLISHED_SCHEMA, pa.field("batch_id", pa.string()), pa.field("content_hash", pa.string())]
)


@dataclass(frozen=True)
class PublishedLoad:
    """What one load did."""

    batch_id: str
    rows: int
    duplicate: bool
    origin: str


def ensure_table(store: Store) -> ibis.Table:
    """The ``published_figures`` table, created empty if the store has none."""
    if TABLE not in store.con.list_tables():
        store.con.create_table(TABLE, schema=ibis.schema(STORE_SCHEMA))
    return store.con.table(TABLE)


def read_figures(path: Path) -> pa.Table:
    """Read either the shipped snapshot (already normalised) or a ``trade_figures`` CSV."""
    with path.open(encoding="utf-8") as handle:
        header = handle.readline()
    if header.replace('"', "").startswith("figure_id,"):
        options = pacsv.ConvertOptions(column_types=PUBLISHED_SCHEMA, strings_can_be_null=True)
        table = pacsv.read_csv(path, convert_options=options).select(PUBLISHED_SCHEMA.names)
        return table.cast(PUBLISHED_SCHEMA)
    return parse_published(path)


def load_published(store: Store, path: Path | str | None = None) -> PublishedLoad:
    """Load published figures (default: the shipped DPRK snapshot) once per distinct content."""
    source = Path(path) if path is not None else SNAPSHOT
    digest = content_hash(source)
    table = ensure_table(store)
    existing = table.filter(table.content_hash == digest).count().execute()
    batch_id = f"published-{digest[:12]}"
    if existing:
        return PublishedLoad(batch_id, 0, True, str(source))
    figures = read_figures(source)
    n = figures.num_rows
    figures = figures.append_column("batch_id", pa.array([batch_id] * n, pa.string()))
    figures = figures.append_column("content_hash", pa.array([digest] * n, pa.string()))
    raw = store.con.con
    name = f"_published_{uuid.uuid4().hex[:8]}"
    raw.begin()
    try:
        raw.register(name, figures)
        raw.execute(f"INSERT INTO {TABLE} SELECT * FROM {name}")
        raw.unregister(name)
        raw.commit()
    except Exception as exc:
        raw.rollback()
        raise StoreError(f"published figures from {source} did not land: {exc}") from exc
    _record_batch(store, batch_id, digest, str(source))
    return PublishedLoad(batch_id, n, False, str(source))


def _record_batch(store: Store, batch_id: str, digest: str, origin: str) -> None:
    from oresight.store import FLOWS_ARROW_SCHEMA

    store.land(
        FLOWS_ARROW_SCHEMA.empty_table(),
        batch_id=batch_id,
        content_hash=digest,
        source=SOURCE,
        origin=origin,
    )


def has_published(store: Store) -> bool:
    """True when the store holds any published figure."""
    if TABLE not in store.con.list_tables():
        return False
    return bool(store.con.table(TABLE).count().execute())


def open_with_published() -> tuple[Store, PublishedLoad]:
    """Open the store under ``$ORESIGHT_HOME`` with the shipped published figures loaded.

    This is the embedded default the brief, the monitor and the dashboard start from on a fresh
    machine; the load is idempotent, so ``PublishedLoad.duplicate`` says whether it did anything.
    """
    from oresight.store import Store

    store = Store.open()
    return store, load_published(store)
