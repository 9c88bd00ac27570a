"""The offer checks find the versioned store under $ORESIGHT_HOME (and say when there is none)."""

from __future__ import annotations

from pathlib import Path

from oresight.ingest import ingest_files
from oresight.offers.checks.exports import open_default_store, recorded_exports
from oresight.store import Store

CSV = (
    "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue,netWgt,qtyUnitCode,qty\n"
    "A,2016,156,M,408,270112,1000000,12000000,8,12000000\n"
)


def test_no_version_is_not_available(oresight_home: Path) -> None:
    store, note = open_default_store()
    assert store is None
    assert note.startswith("not available: no store at") and "oresight ingest" in note


def test_a_landed_version_is_used(oresight_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "coal.csv"
    path.write_text(CSV, encoding="utf-8")
    ingest_files("comtrade", [path], Store.open(backend="duckdb"))
    store, note = open_default_store()
    assert store is not None and store.version == 1
    assert note == f"store {oresight_home} (version 1)"
    assert recorded_exports(store, "PRK", "270112")["by_year"][0]["tonnes"] == 12000.0
