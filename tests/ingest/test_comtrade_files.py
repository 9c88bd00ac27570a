from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from oresight.cli import main
from oresight.ingest import ingest_file
from oresight.store import Store

API_SAMPLE = "comtrade_api_samples/get_C_A_HS_reporter156_2010.json"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_api_sample_lands_4_then_0_and_info_shows_4(
    shared_data: Path, oresight_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = str(shared_data / API_SAMPLE)
    code, out, _ = run_cli(["ingest", "comtrade", sample, "--json"], capsys)
    assert code == 0
    assert json.loads(out)["results"][0]["landed"] == 4
    code, out, _ = run_cli(["ingest", "comtrade", sample, "--json"], capsys)
    again = json.loads(out)["results"][0]
    assert (code, again["landed"], again["duplicate"]) == (0, 0, True)
    code, out, _ = run_cli(["store", "info", "--json"], capsys)
    info = json.loads(out)
    assert info["rows"] == 4
    assert info["batches"] == 1
    assert info["reporters"] == ["CHN"]
    assert info["partners"] == ["ARG", "DEU"]
    assert info["periods"] == {"from": "2010", "to": "2010"}


def test_api_total_rows_keep_total_code_and_value_basis(shared_data: Path, store: Store) -> None:
    ingest_file(store, shared_data / API_SAMPLE, kind="comtrade")
    rows = store.flows.order_by("source_record").to_pyarrow().to_pylist()
    assert {r["hs_code"] for r in rows} == {"TOTAL"}
    assert {r["aggr_level"] for r in rows} == {0}
    first = rows[0]  # record 1: China imports from Argentina, CIF 6,804,128,143
    assert (first["flow"], first["partner_iso3"], first["value_usd"], first["value_basis"]) == (
        "import",
        "ARG",
        6804128143.0,
        "CIF",
    )
    assert {r["value_basis"] for r in rows if r["flow"] == "export"} == {"FOB"}
    assert first["source_record"].endswith(".json:1")


def test_v1_csv_sample_from_numeric_codes_skips_breakdown_rows(
    shared_data: Path, store: Store
) -> None:
    result = ingest_file(
        store, shared_data / "comtrade_csv_samples/lithium_trade_data.csv", kind="comtrade"
    )
    assert (result.landed, result.rejected, result.skipped) == (142, 0, 33)
    f = store.flows
    usa = f.filter((f.reporter_iso3 == "USA") & (f.period == "2020") & (f.flow == "import"))
    row = usa.filter(usa.hs_code == "253090").to_pyarrow().to_pylist()[0]
    assert row["reporter_m49"] == 840  # Comtrade 842 -> ISO/M49 840
    assert row["partner_iso3"] == "WLD"
    assert row["value_usd"] == 79288822.0
    assert row["net_weight_kg"] == 333019436.0
    assert row["quantity_unit"] == "kg"
    assert row["hs_edition"] == "H5"


def test_monthly_v1_csv_flow_codes(
    write_v1: Callable[..., Path], v1: Callable[..., str], store: Store
) -> None:
    rows = [v1(flow=code, hs="27011200") for code in ("M", "X", "RM", "RX")]
    ingest_file(store, write_v1(rows), kind="comtrade")
    got = store.flows.order_by("source_record").to_pyarrow().to_pylist()
    assert [r["flow"] for r in got] == ["import", "export", "re-import", "re-export"]
    assert {(r["period"], r["month"], str(r["period_start"])) for r in got} == {
        ("2014-01", 1, "2014-01-01")
    }
    assert {(r["hs_code"], r["national_code"], r["aggr_level"]) for r in got} == {
        ("270112", "27011200", 8)
    }
    assert [r["source_record"] for r in got] == [f"comtrade.csv:{n}" for n in (2, 3, 4, 5)]


LEGACY = (
    "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,"
    "Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,"
    "Commodity Code,Commodity,Qty Unit Code,Qty Unit,Qty,Netweight (kg),Trade Value (US$),Flag\n"
    'H3,2014,201402,February 2014,6,1,1,Import,156,China,CHN,408,"Korea, Dem. People\'s Rep.",'
    'PRK,270112,"Coal; bituminous",8,Weight in kilograms,5000,5000,420000,0\n'
    "H3,2014,2014,2014,6,1,2,Export,156,China,CHN,408,N. Korea,PRK,10111,Horses,5,"
    "Number of items,3,1200,9000,0\n"
    "H3,2014,2014,2014,6,1,3,Re-Export,156,China,CHN,408,N. Korea,PRK,2601,Iron ores,,,,"
    ",100,0\n"
)


def test_legacy_csv_headers(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "legacy.csv"
    path.write_text(LEGACY, encoding="utf-8")
    result = ingest_file(store, path, kind="comtrade")
    assert (result.landed, result.rejected) == (3, 0)
    got = store.flows.order_by("source_record").to_pyarrow().to_pylist()
    assert [(r["flow"], r["freq"], r["period"]) for r in got] == [
        ("import", "M", "2014-02"),
        ("export", "A", "2014"),
        ("re-export", "A", "2014"),
    ]
    assert got[1]["hs_code"] == "010111"  # the leading zero a spreadsheet stripped is restored
    assert got[1]["quantity_unit"] == "Number of items"
    assert (got[0]["partner_iso3"], got[0]["value_basis"], got[1]["value_basis"]) == (
        "PRK",
        "CIF",
        "FOB",
    )
    assert got[2]["hs_code"] == "2601" and got[2]["aggr_level"] == 4


def test_not_a_comtrade_file(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(Exception, match="not a Comtrade file"):
        ingest_file(store, path, kind="comtrade")


def test_bom_and_crlf(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "excel.csv"
    head = "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue"
    path.write_bytes(("\ufeff" + head + "\r\nM,201401,156,M,408,270112,10\r\n").encode("utf-8"))
    assert ingest_file(store, path, kind="comtrade").landed == 1
    assert store.flows.source_record.to_pyarrow().to_pylist() == ["excel.csv:2"]


def test_overlapping_exports_land_each_flow_once(shared_data: Path, store: Store) -> None:
    """The two REE exports share their 80 records: the second lands nothing new (it used to
    land 80 more rows, doubling every sum) and the store says how many repeats it saw."""
    samples = shared_data / "comtrade_csv_samples"
    first = ingest_file(store, samples / "heavy_ree_trade_data.csv", kind="comtrade")
    second = ingest_file(store, samples / "light_ree_trade_data.csv", kind="comtrade")
    assert (first.added, first.repeated, first.unchanged) == (80, 0, 0)
    assert (second.landed, second.added, second.unchanged) == (0, 0, 80)
    info = store.info()
    assert info["rows"] == 80
    assert info["repeats_recognised"] == {"in_file": 0, "already_in_store": 80}
