"""Published figures: parsing a ``trade_figures`` CSV, and the shipped snapshot every store reads.

Published figures used to be loaded into the store on first read (a GET request wrote to the
store). Now the snapshot ships with the package and every reader has it as its read-only
``published_figures`` table (:mod:`oresight.store.published`); nothing is loaded on read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.csv as pacsv

from oresight.ingest.published import PUBLISHED_SCHEMA, parse_published
from oresight.store.published import SNAPSHOT, shipped_figures

if TYPE_CHECKING:
    from oresight.store import Store


@dataclass(frozen=True)
class PublishedLoad:
    """Which published figures a store reads (the shipped snapshot)."""

    batch_id: str
    rows: int
    duplicate: bool  # always True now: nothing is loaded, the table ships with the package
    origin: str


def read_figures(path: Path) -> pa.Table:
    """Read either the shipped snapshot (already normalised) or a ``trade_figures`` CSV."""
    with path.open(encoding="utf-8") as handle:
        header = handle.readline()
    if header.replace('"', "").startswith("figure_id,"):
        options = pacsv.ConvertOptions(column_types=PUBLISHED_SCHEMA, strings_can_be_null=True)
        table = pacsv.read_csv(path, convert_options=options).select(PUBLISHED_SCHEMA.names)
        return table.cast(PUBLISHED_SCHEMA)
    return parse_published(path)


def has_published(store: Store) -> bool:
    """True when the store reads any published figure."""
    return bool(store.published_figures.count().execute())


def open_with_published() -> tuple[Store, PublishedLoad]:
    """Open the current store version (read-only) with its published figures.

    The embedded default the brief, the monitor and the dashboard start from on a fresh
    machine: the figures ship with the package, so this opens, and never writes, the store.
    """
    from oresight.store import Store

    figures = shipped_figures()
    batch = figures.column("batch_id")[0].as_py() if figures.num_rows else "published"
    return Store.open().with_published(), PublishedLoad(
        batch, figures.num_rows, True, str(SNAPSHOT)
    )


def load_published(store: Store, path: Path | str | None = None) -> PublishedLoad:
    """Make ``store`` (a reader) include the shipped published figures; nothing is written.

    In the first layout this loaded the snapshot into the store's file; another file of
    figures is not loaded into a store (reading would then write).
    """
    if path is not None and Path(path).resolve() != SNAPSHOT.resolve():
        from oresight.errors import StoreError

        raise StoreError(
            f"published figures ship with the package ({SNAPSHOT.name}); {path} is not loaded "
            "into the store: rebuild the snapshot with scripts/build_published_snapshot.py"
        )
    store.with_published()
    figures = shipped_figures()
    batch = figures.column("batch_id")[0].as_py() if figures.num_rows else "published"
    return PublishedLoad(batch, figures.num_rows, True, str(SNAPSHOT))
