from __future__ import annotations

from pathlib import Path

from oresight.store import FLOWS_ARROW_SCHEMA, Store


def test_empty_store_summary(tmp_path: Path) -> None:
    info = Store.open(tmp_path).info()
    assert info["rows"] == 0
    assert info["batches"] == 0


def test_same_content_lands_once(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    empty = FLOWS_ARROW_SCHEMA.empty_table()
    first = store.land(empty, batch_id="b1", content_hash="h1", source="t", origin="f")
    again = store.land(empty, batch_id="b2", content_hash="h1", source="t", origin="f")
    assert not first.duplicate
    assert again.duplicate
    assert store.info()["batches"] == 1
