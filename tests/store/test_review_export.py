"""Review findings: ``store export-parquet`` into a path that is a file; no partial files."""

from __future__ import annotations

from pathlib import Path

import pytest

from oresight.errors import InputError
from oresight.store import Store


def test_export_into_a_file_is_an_input_error(tmp_path: Path, oresight_home: Path) -> None:
    store = Store.open()
    target = tmp_path / "out"
    target.write_text("not a directory", encoding="utf-8")
    with pytest.raises(InputError, match="not a directory") as info:
        store.export_parquet(target)
    assert str(target) in str(info.value)


def test_export_leaves_only_the_three_tables(tmp_path: Path, oresight_home: Path) -> None:
    store = Store.open()
    target = tmp_path / "out"
    assert store.export_parquet(target) == {"flows": 0, "batches": 0, "rejects": 0}
    assert store.export_parquet(target) == {"flows": 0, "batches": 0, "rejects": 0}
    names = sorted(p.name for p in target.iterdir())
    assert names == ["batches.parquet", "flows.parquet", "rejects.parquet"]
