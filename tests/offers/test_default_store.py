"""Offer checks read the store under $ORESIGHT_HOME: none is 'not available', none created."""

from __future__ import annotations

from pathlib import Path

from oresight.offers.checks.exports import open_default_store


def test_no_store_is_not_available_and_nothing_is_created(oresight_home: Path) -> None:
    store, note = open_default_store()
    assert store is None and note.startswith("not available: no store at")
    assert not oresight_home.exists()


def test_a_store_with_flows_is_used_with_its_version(
    oresight_home: Path, tmp_path: Path
) -> None:
    from oresight.ingest import ingest_file
    from oresight.store import Store

    csv = tmp_path / "coal.csv"
    csv.write_text(
        "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue,netWgt\n"
        "A,2016,156,M,408,270112,1000,5000000\n",
        encoding="utf-8",
    )
    ingest_file(Store.open(), csv, kind="comtrade")
    store, note = open_default_store()
    assert store is not None and note == f"store {oresight_home}, version 1"
