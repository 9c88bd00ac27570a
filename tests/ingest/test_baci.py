from __future__ import annotations

from pathlib import Path

import pytest

from oresight.errors import InputError
from oresight.ingest import ingest_file
from oresight.store import Store

BACI = "t,i,j,k,v,q\n2022,408,156,270112,1234.5,10.25\n2022,156,408,10121,2.0,NA\n"


def test_baci_rows_are_importers_imports_at_fob(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "BACI_HS17_Y2022_V202401.csv"
    path.write_text(BACI, encoding="utf-8")
    result = ingest_file(store, path, kind="baci")
    assert (result.landed, result.rejected, result.source) == (2, 0, "baci")
    rows = store.flows.order_by("source_record").to_pyarrow().to_pylist()
    coal = rows[0]
    assert (coal["reporter_iso3"], coal["partner_iso3"], coal["flow"]) == ("CHN", "PRK", "import")
    assert (coal["value_usd"], coal["net_weight_kg"], coal["value_basis"]) == (
        1234500.0,
        10250.0,
        "FOB",
    )
    assert (coal["hs_edition"], coal["freq"], coal["period"]) == ("H5", "A", "2022")
    assert rows[1]["hs_code"] == "010121"  # BACI writes k without its leading zero
    assert rows[1]["net_weight_kg"] is None  # "NA" quantity


def test_baci_edition_option_or_error(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "baci2022.csv"
    path.write_text(BACI, encoding="utf-8")
    with pytest.raises(InputError, match="cannot tell the HS edition"):
        ingest_file(store, path, kind="baci")
    assert ingest_file(store, path, kind="baci", hs_edition="HS12").landed == 2
    assert store.flows.hs_edition.to_pyarrow().to_pylist() == ["H4", "H4"]
