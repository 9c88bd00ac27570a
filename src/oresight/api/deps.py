"""The API's only door to the store: which store a request reads, and which version it is.

Every route that reads the store calls :func:`get_store`; every cache keys its entries by
:func:`current_store_version`. Nothing else in ``oresight.api`` opens a store, so moving to the
versioned store (read-only readers pinned with ``Store.open(version=N)``) is a change here only.

Until the store has versions, the version is a fingerprint of its content: every landing adds a
row to ``batches``, so (batches, last ingest time, published figures) changes exactly when the
content does. The file's mtime would not do: opening today's store writes to it.
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

# One store per worker thread: a DuckDB connection must not be shared between threads.
_local = threading.local()
# Opening today's store creates tables and rebuilds a view: two at once conflict.
_open_lock = threading.Lock()
_published_loaded: set[Path] = set()


@dataclass(frozen=True)
class _Checked:
    home: Path
    version: str
    at: float


_last_check: _Checked | None = None
_check_lock = threading.Lock()


def get_store(version: str | None = None) -> Store:
    """The store this thread reads (opened once per thread and ``$ORESIGHT_HOME``).

    ``version`` is the one :func:`current_store_version` gave the request; today's store has
    one version, the latest, so it is not used yet (the versioned store opens that version).
    The first open in the process also lands the shipped published figures, as the CLI's
    monitor and brief do (idempotent: a repeat is a no-op).
    """
    home = get_settings().home
    held: tuple[Path, Store] | None = getattr(_local, "store", None)
    if held is not None and held[0] == home:
        return held[1]
    with _open_lock:
        store = _open(home)
    _local.store = (home, store)
    return store


def _open(home: Path) -> Store:
    from oresight.ingest.published_store import open_with_published
    from oresight.store import Store

    if home in _published_loaded:
        return Store.open()
    store, _ = open_with_published()
    _published_loaded.add(home)
    return store


def store_version(store: Store) -> str:
    """The version of what ``store`` holds: ``store.version`` once the store has versions."""
    version = getattr(store, "version", None)
    if version is not None:
        return str(version)
    return _fingerprint(store)


def _fingerprint(store: Store) -> str:
    from oresight.ingest.published import TABLE

    if store.backend == "duckdb":  # raw SQL: a millisecond, where Ibis compiles for ten
        raw = store.raw
        n, last = raw.execute("SELECT count(*), max(ingested_at)::VARCHAR FROM batches").fetchone()
        tables = {row[0] for row in raw.execute("SHOW TABLES").fetchall()}
        published = 0
        if TABLE in tables:
            (published,) = raw.execute(f"SELECT count(*) FROM {TABLE}").fetchone()
        return f"b{n}-{last}-p{published}"
    batches = store.batches
    row = batches.aggregate(n=batches.count(), last=batches.ingested_at.max()).execute()
    return f"b{int(row.iloc[0]['n'])}-{row.iloc[0]['last']}"


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
    with _check_lock:
        version = store_version(get_store())
        _last_check = _Checked(get_settings().home, version, time.monotonic())
    return version
