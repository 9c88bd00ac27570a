"""The store the HTTP layer reads, with the shipped published figures loaded once."""

from __future__ import annotations

from oresight.ingest.published_store import load_published
from oresight.store import Store


def store_with_published() -> Store:
    """Open the store under ``$ORESIGHT_HOME`` and load the embedded published figures
    (idempotent: a repeat load lands nothing), so the API works on a fresh machine."""
    store = Store.open()
    load_published(store)
    return store
