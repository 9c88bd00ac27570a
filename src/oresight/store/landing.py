"""Landing a batch file written by ingest: all of it in one transaction, or nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oresight.errors import OresightError, StoreError
from oresight.store.batchfiles import (
    KEEP,
    SMALL_BATCH_ROWS,
    batch_file,
    rebuild_view,
    select_flows,
)
from oresight.store.sql import literal

if TYPE_CHECKING:
    from oresight.store.core import BatchResult, Store


def _result(**fields: Any) -> BatchResult:
    from oresight.store.core import BatchResult

    return BatchResult(**fields)


def land_parquet(
    store: Store,
    staged: Path,
    *,
    rejects_sql: str,
    batch_id: str,
    content_hash: str,
    source: str,
    origin: str,
    check: Callable[[int], None] | None = None,
    size: int | None = None,
) -> BatchResult:
    """Land a batch file written by ingest (flows columns plus the extras of
    :mod:`oresight.store.batchfiles`): its rows with no problem become flows.

    ``rejects_sql`` selects the rejects columns (it may read ``staged``). ``check(landed)``
    may raise to refuse the batch (e.g. too many rejects). The batch row, the rejects and
    the new ``flows`` view commit in one transaction; until then no query sees the file.
    Batches of at most ``SMALL_BATCH_ROWS`` flows are copied into ``flows_base`` instead
    (in the same transaction), so many small files (one per API answer) do not turn into
    many small Parquet files that every query would have to open. ``size`` (the source file's
    bytes) is recorded in ``batch_sizes``: ingest hashes a file before reading it only when a
    batch of that size exists (see :meth:`oresight.store.core.Store.may_hold_file`).
    """
    raw = store.raw
    final = batch_file(store.root, batch_id)
    small = False
    try:
        landed = raw.execute(
            f"SELECT count(*) FROM read_parquet('{staged}') WHERE {KEEP}"
        ).fetchone()[0]
        if check is not None:
            check(int(landed))
        raw.begin()
        # literals, not parameters: DuckDB imports pandas to bind Python parameters
        seen = raw.execute(
            f"SELECT count(*) FROM batches WHERE content_hash = {literal(content_hash)}"
        ).fetchone()[0]
        if seen:
            raw.rollback()
            return _result(batch_id=batch_id, landed=0, rejected=0, duplicate=True)
        rejected = raw.execute(f"INSERT INTO rejects {rejects_sql}").fetchone()[0]
        texts = ", ".join(map(literal, (batch_id, content_hash, source, origin)))
        raw.execute(f"INSERT INTO batches VALUES ({texts}, {int(landed)}, {int(rejected)}, now())")
        if size is not None:
            raw.execute(f"INSERT INTO batch_sizes VALUES ({literal(content_hash)}, {int(size)})")
        small = landed <= SMALL_BATCH_ROWS
        if small:
            raw.execute(f"INSERT INTO flows_base {select_flows(staged, batch_id)}")
        else:
            final.parent.mkdir(parents=True, exist_ok=True)
            staged.replace(final)  # an orphan until the commit records its batch
            rebuild_view(raw, store.root)
        raw.commit()
    except Exception as exc:
        with contextlib.suppress(Exception):
            raw.rollback()
        if not small:
            final.unlink(missing_ok=True)
        if isinstance(exc, OresightError):
            raise
        raise StoreError(f"batch {batch_id} from {origin} did not land: {exc}") from exc
    finally:
        staged.unlink(missing_ok=True)
    return _result(batch_id=batch_id, landed=int(landed), rejected=int(rejected), duplicate=False)
