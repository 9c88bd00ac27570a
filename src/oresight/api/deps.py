"""The API's only door to the store: which store a request reads, and which version it is.

Every route that reads the store calls :func:`get_store`; every cache keys its entries by
:func:`current_store_version`. Nothing else in ``oresight.api`` opens a store.

The store is versioned: a request reads the version current when it arrived, through a
read-only reader pinned to it (``Store.open(version=N)``), so an ingest landing meanwhile in
another process changes nothing under it, and the next request reads the new version without a
restart. Readers never write, so workers never block each other on the store.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from oresight.settings import get_settings

if TYPE_CHECKING:
    from oresight.store import Store

# One reader per worker thread: a DuckDB session must not be shared between threads.
_local = threading.local()


@dataclass(frozen=True)
class _Checked:
    home: Path
    version: str
    at: float


_last_check: _Checked | None = None
_check_lock = threading.Lock()


def get_store(version: str | None = None) -> Store:
    """This thread's reader of ``version`` (default: the current one) of ``$ORESIGHT_HOME``,
    with the shipped published figures (as the CLI's monitor and brief read them)."""
    from oresight.store import Store

    home = get_settings().home
    wanted = int(version) if version is not None else int(current_store_version())
    held: tuple[Path, int, Store] | None = getattr(_local, "store", None)
    if held is not None and held[0] == home and held[1] == wanted:
        return held[2]
    store = Store.open(home, version=wanted).with_published()
    _local.store = (home, wanted, store)
    return store


def store_version(store: Store) -> str:
    """The version ``store`` reads."""
    return str(store.version)


def fresh_store_version() -> str | None:
    """The version last looked up, if that was less than the check interval ago (no I/O:
    safe on the event loop)."""
    settings = get_settings()
    last = _last_check
    if last is None or last.home != settings.home:
        return None
    if time.monotonic() - last.at >= settings.api_version_check_seconds:
        return None
    return last.version


def current_store_version() -> str:
    """The version the next request reads, looked up at most every
    ``ORESIGHT_API_VERSION_CHECK_SECONDS`` (a new version is seen within that time)."""
    global _last_check
    fresh = fresh_store_version()
    if fresh is not None:
        return fresh
    from oresight.store import current_version

    with _check_lock:
        home = get_settings().home
        version = str(current_version(home))
        _last_check = _Checked(home, version, time.monotonic())
    return version
