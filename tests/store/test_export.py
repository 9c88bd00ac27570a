"""``store export-parquet``: a version for Spark; into a path that is a file; no partial files."""

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


def test_export_leaves_only_the_three_tables_and_the_version(
    tmp_path: Path, oresight_home: Path
) -> None:
    # flows is now a directory partitioned by reporter and year, and version.json names the
    # exported version (the layout changed with versions: Spark reads a version)
    store = Store.open()
    target = tmp_path / "out"
    assert store.export_parquet(target) == {"flows": 0, "batches": 0, "rejects": 0}
    assert store.export_parquet(target) == {"flows": 0, "batches": 0, "rejects": 0}
    names = sorted(p.name for p in target.iterdir())
    assert names == ["batches.parquet", "flows", "rejects.parquet", "version.json"]
    assert not list(tmp_path.glob(".out.*"))  # no temporary export left beside it


def test_export_partitions_flows_by_reporter_and_year(tmp_path: Path, oresight_home: Path) -> None:
    from oresight.store.rows import flows_table

    rows = [
        {
            "reporter_iso3": "CHN",
            "partner_iso3": "PRK",
            "flow": "import",
            "period": p,
            "hs_code": "270112",
            "value_usd": 10.0,
            "source": "test",
            "source_record": f"t:{i}",
            "batch_id": "b",
        }
        for i, p in enumerate(["2016-01", "2017-03"])
    ]
    store = Store.open()
    store.land(flows_table(rows), batch_id="b", content_hash="h", source="test", origin="t")
    store.export_parquet(tmp_path / "out")
    parts = sorted(
        p.relative_to(tmp_path / "out" / "flows").parts[:2]
        for p in (tmp_path / "out" / "flows").rglob("*.parquet")
    )
    assert parts == [("reporter_iso3=CHN", "year=2016"), ("reporter_iso3=CHN", "year=2017")]
