"""The watch's only contact with the store: versions, a version's reader, and their diff.

Why one small module: the store's versioned API (issue 10: ``store.version``,
``Store.open(version=N)``, ``store.diff(v1, v2)``) is the contract; everything else in the watch
works on :class:`oresight.store.changes.StoreDiff` and never on the store's files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oresight.errors import StoreError
from oresight.store.changes import StoreDiff

if TYPE_CHECKING:
    from oresight.store import Store


def open_store(version: int | None = None) -> Store:
    """The current store, or a read-only reader of ``version``."""
    from oresight.store import Store

    if version is None:
        return Store.open()
    try:
        return Store.open(version=version)  # type: ignore[call-arg,unused-ignore]
    except TypeError as exc:
        raise _unversioned() from exc


def current_version(store: Store) -> int:
    version = getattr(store, "version", None)
    if version is None:
        raise _unversioned()
    return int(version)


def diff(store: Store, old: int, new: int) -> StoreDiff:
    """What changed in the store from version ``old`` to ``new``."""
    method = getattr(store, "diff", None)
    if method is None:
        raise _unversioned()
    result = method(old, new)
    if not isinstance(result, StoreDiff):
        raise StoreError(f"store.diff({old}, {new}) did not return a StoreDiff")
    return result


def _unversioned() -> StoreError:
    return StoreError(
        "this store has no versions (store.version, store.diff): the watch needs the "
        "versioned store of issue 10"
    )
