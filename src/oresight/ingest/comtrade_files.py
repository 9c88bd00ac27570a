"""Comtrade files (API JSON responses, v1 and legacy CSV): the entry point other code calls.

The live API client (``oresight.ingest.comtrade_api``) saves responses as JSON files and hands
them here, so downloaded and hand-loaded files go through one parser and one validation.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from oresight.ingest.batch import DEFAULT_MAX_REJECT_SHARE, IngestResult, ingest_files
from oresight.store import Store


def ingest_comtrade_files(
    paths: Iterable[Path | str],
    *,
    store: Store | None = None,
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE,
    progress: bool = False,
) -> list[IngestResult]:
    """Ingest each file as its own atomic, idempotent batch; raise on the first bad file."""
    return ingest_files(
        "comtrade", paths, store, max_reject_share=max_reject_share, progress=progress
    )
