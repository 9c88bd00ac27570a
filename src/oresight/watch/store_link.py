"""The watch's only contact with the store: a version's reader, and the diff of two versions.

Why one small module: the store's versioned API (issue 10: ``store.version``,
``Store.open(version=N)``, ``store.diff(v1, v2)``) is the contract; everything else in the watch
works on :class:`oresight.store.changes.StoreDiff` and never on the store's files. Readers are
read-only; the watch writes the store only through ingest.
"""

from __future__ import annotations

from oresight.store import Store
from oresight.store.changes import StoreDiff


def open_store(version: int | None = None) -> Store:
    """The current store (an absent one reads as version 0), or a reader pinned to ``version``."""
    return Store.open(version=version)


def current_version(store: Store) -> int:
    return store.version


def diff(store: Store, old: int, new: int) -> StoreDiff:
    """What changed in the store from version ``old`` to ``new``."""
    return store.diff(old, new)
