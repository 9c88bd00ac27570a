"""Review findings: directories and gzip-compressed files given to ``oresight ingest``."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from oresight.errors import InputError
from oresight.ingest import ingest_file
from oresight.store import Store

BACI = "t,i,j,k,v,q\n2022,408,156,270112,1234.5,10.25\n2022,156,408,10121,2.0,NA\n"


def test_directory_is_named_as_such_not_missing(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "BACI_HS17_Y2022_V202401.csv"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory") as info:
        ingest_file(store, folder, kind="baci")
    assert str(folder) in str(info.value)
    assert store.info()["rows"] == 0


def test_gzipped_baci_csv_lands_like_the_plain_file(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "BACI_HS17_Y2022_V202401.csv.gz"
    path.write_bytes(gzip.compress(BACI.encode()))
    result = ingest_file(store, path, kind="baci")
    assert (result.landed, result.rejected) == (2, 0)
    rows = store.flows.order_by("source_record").to_pyarrow().to_pylist()
    assert [r["hs_code"] for r in rows] == ["270112", "010121"]
    assert [r["source_record"] for r in rows] == [f"{path.name}:2", f"{path.name}:3"]
    assert ingest_file(store, path, kind="baci").duplicate


def test_gzipped_comtrade_csv_and_json_land(
    tmp_path: Path, store: Store, shared_data: Path
) -> None:
    api = shared_data / "comtrade_api_samples" / "get_C_A_HS_reporter156_2010.json"
    gz_json = tmp_path / "reporter156.json.gz"
    gz_json.write_bytes(gzip.compress(api.read_bytes()))
    assert ingest_file(store, gz_json, kind="comtrade").landed == 4
    csv = shared_data / "comtrade_csv_samples" / "cobalt_trade_data.csv"
    gz_csv = tmp_path / "cobalt.csv.gz"
    gz_csv.write_bytes(gzip.compress(csv.read_bytes()))
    assert ingest_file(store, gz_csv, kind="comtrade").landed == 86


def test_truncated_gzip_is_a_clear_error_and_lands_nothing(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "BACI_HS17_Y2022_V202401.csv.gz"
    path.write_bytes(gzip.compress((BACI * 2000).encode())[:-200])
    with pytest.raises(InputError) as info:
        ingest_file(store, path, kind="baci")
    assert str(path) in str(info.value)
    assert store.info()["rows"] == 0
