"""Flows built from plain records: derived columns follow from the record."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from oresight.store import Store
from oresight.store.rows import flow_record, flows_table

RECORD = {
    "reporter_iso3": "CHN",
    "partner_iso3": "PRK",
    "flow": "import",
    "period": "2014-06",
    "hs_code": "284690",
    "value_usd": 1_330_000.0,
    "source": "python",
    "source_record": "example:1",
    "batch_id": "b1",
}


def test_period_codes_and_basis_are_derived() -> None:
    row = flow_record(RECORD)
    assert (row["freq"], row["year"], row["month"]) == ("M", 2014, 6)
    assert row["period_start"] == date(2014, 6, 1)
    assert (row["reporter_m49"], row["partner_m49"], row["aggr_level"]) == (156, 408, 6)
    assert row["value_basis"] == "CIF"


def test_explicit_columns_win_and_the_table_lands(tmp_path: Path) -> None:
    table = flows_table([{**RECORD, "period": "2014", "value_basis": "FOB"}])
    assert table.column("freq").to_pylist() == ["A"]
    assert table.column("value_basis").to_pylist() == ["FOB"]
    store = Store.open(tmp_path)
    store.land(table, batch_id="b1", content_hash="h1", source="python", origin="test")
    assert store.info()["rows"] == 1
