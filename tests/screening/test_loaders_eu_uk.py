"""EU FSF and UK OFSI loaders on small hand-made files in their published formats."""

from __future__ import annotations

from pathlib import Path

from oresight.screening import Screener, screen
from oresight.screening.loaders import detect_format, load_path
from oresight.screening.update import select

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "screening" / "fixtures"
EU, UK = FIXTURES / "eu_fsf_sample.xml", FIXTURES / "uk_ofsi_sample.xml"


def test_formats_are_recognised() -> None:
    assert detect_format(EU) == "eu_fsf" and detect_format(UK) == "uk_ofsi"


def test_eu_parties() -> None:
    parties = {e.reference: e for e in load_path(EU)}
    komid = parties["EU.1.42"]
    assert (komid.list, komid.type, komid.caption) == (
        "EU",
        "entity",
        "Korea Mining Development Trading Corporation",
    )
    assert [n.quality for n in komid.names] == [None, None, "weak"]
    assert komid.countries == ["PRK"] and komid.programmes == ["PRK"]
    ri = parties["EU.2.77"]
    assert ri.type == "person" and ri.birth_dates == ["1964-07-17"] and "PRK" in ri.countries
    assert any(n.value == "리원호" for n in ri.names)
    assert parties["EU.3.11"].caption == "Ivan Petrovich Sidorov"  # no wholeName: the parts
    assert parties["EU.3.11"].birth_years == [1970]


def test_uk_rows_fold_into_parties() -> None:
    parties = {e.reference: e for e in load_path(UK)}
    assert set(parties) == {"DPR0001", "DPR0033", "DPR0100"}
    ri = parties["DPR0033"]
    assert ri.caption == "Won Ho RI"  # the "Primary name" row first, though listed second
    assert [n.quality for n in ri.names if n.kind == "aka"] == ["Low"]
    assert ri.birth_dates == ["1964-07-17", "1964"] and ri.countries == ["PRK"]
    assert parties["DPR0100"].type == "vessel"
    assert [n.value for n in parties["DPR0001"].names][1] == "KOMID"


def test_results_name_list_primary_name_and_alias() -> None:
    engine = Screener([*load_path(EU), *load_path(UK)])
    result = screen("KOMID", screener=engine)
    found = {(m.list, m.name, m.matched_name) for m in result.matches if m.match}
    assert ("EU", "Korea Mining Development Trading Corporation", "KOMID") in found
    assert ("UK", "KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID") in found
    assert screen("리원호", screener=engine).matches[0].reference in ("EU.2.77", "DPR0033")


def test_update_knows_their_urls() -> None:
    eu, uk = select(["eu_fsf", "uk_ofsi"])
    assert eu.url.startswith("https://webgate.ec.europa.eu/fsd/fsf/")
    assert uk.url.endswith("/2022format/ConList.xml")
