"""Every list format into the one entity model: inline fixtures, then the real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oresight.screening.errors import ListFormatError
from oresight.screening.loaders import detect_format, load_path, load_paths

UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09Z"><INDIVIDUALS><INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME>RI</FIRST_NAME><SECOND_NAME>JE-SON</SECOND_NAME>
<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.003</REFERENCE_NUMBER>
<LISTED_ON>2009-07-16</LISTED_ON>
<NATIONALITY><VALUE>Democratic People's Republic of Korea</VALUE></NATIONALITY>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Ri Che-son</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1938</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
</INDIVIDUAL></INDIVIDUALS><ENTITIES><ENTITY><DATAID>2</DATAID>
<FIRST_NAME>KOREA MINING DEVELOPMENT TRADING CORPORATION</FIRST_NAME>
<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER><ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY>
<ALIAS_NAME>"KOMID"</ALIAS_NAME></ENTITY_ALIAS><ENTITY_ADDRESS><CITY>Pyongyang</CITY>
<COUNTRY>Democratic People's Republic of Korea</COUNTRY></ENTITY_ADDRESS></ENTITY></ENTITIES>
</CONSOLIDATED_LIST>"""

SDN_CSV = (
    '12211,"KIM, Yong Chol","individual","DPRK",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"DOB circa 1947; alt. DOB circa 1946; POB Pyongan-Pukto, North Korea."\r\n'
    '9345,"KOREA MINING DEVELOPMENT TRADING CORPORATION",-0- ,"NPWMD] [DPRK2",-0- ,-0- ,-0- ,'
    "-0- ,-0- ,-0- ,-0- ,\"Secondary sanctions risk; a.k.a. 'KOMID'.\"\r\n"
    '17069,"CHONG CHON GANG","vessel","DPRK",-0- ,-0- ,"General Cargo",-0- ,-0- ,'
    '"Democratic People\'s Republic of Korea",-0- ,"IMO 7937317; Caf\xe9."\r\n\x1a'
)
ALT_CSV = '12211,1,"aka","KIM, Young-Cheol",-0- \r\n'
ADD_CSV = '9345,11532,"Central District","Pyongyang","Korea, North",-0- \r\n'

SDN_XML = """<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
<publshInformation><Publish_Date>07/01/2021</Publish_Date></publshInformation>
<sdnEntry><uid>12211</uid><lastName>KIM</lastName><firstName>Yong Chol</firstName>
<sdnType>Individual</sdnType><programList><program>DPRK</program></programList>
<akaList><aka><uid>1</uid><type>a.k.a.</type><category>strong</category><lastName>KIM</lastName>
<firstName>Young-Chul</firstName></aka></akaList>
<dateOfBirthList>
<dateOfBirthItem><uid>2</uid><dateOfBirth>circa 1947</dateOfBirth></dateOfBirthItem>
</dateOfBirthList>
<nationalityList>
<nationality><uid>3</uid><country>Korea, North</country></nationality></nationalityList>
</sdnEntry></sdnList>"""

FTM = [
    {
        "id": "NK-abc",
        "schema": "Person",
        "datasets": ["un_sc_sanctions"],
        "properties": {
            "name": ["CHOE Ryong Hae"],
            "alias": ["Ch'oe Ryong-hae"],
            "birthDate": ["1950-01-15"],
            "nationality": ["kp"],
            "programId": ["UN-SCKP"],
        },
    },
    {
        "id": "NK-def",
        "schema": "Vessel",
        "datasets": ["us_ofac_sdn"],
        "properties": {"name": ["CHONG CHON GANG"], "flag": ["kp"]},
    },
    {"id": "addr-1", "schema": "Address", "properties": {"full": ["Pyongyang"]}},
]


def test_un_xml(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(UN_XML, encoding="utf-8")
    assert detect_format(path) == "un_xml"
    person, entity = load_path(path)
    assert (person.id, person.type, person.names[0].value) == ("UN:KPi.003", "person", "RI JE-SON")
    assert person.names[1].quality == "Good" and person.birth_years == [1938]
    assert person.countries == ["PRK"] and person.programmes == ["DPRK"]
    assert (
        entity.reference == "KPe.001" and [n.value for n in entity.names][1] == "KOMID"
    )  # quotes of the list dropped


def test_ofac_csv_with_siblings(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_bytes(SDN_CSV.encode("cp1252"))
    (tmp_path / "alt.csv").write_bytes(ALT_CSV.encode("cp1252"))
    (tmp_path / "add.csv").write_bytes(ADD_CSV.encode("cp1252"))
    kim, komid, vessel = load_paths([tmp_path])
    assert kim.type == "person" and kim.birth_years == [1946, 1947]
    assert [n.value for n in kim.names] == ["KIM, Yong Chol", "KIM, Young-Cheol"]
    assert komid.programmes == ["NPWMD", "DPRK2"] and komid.countries == ["PRK"]
    assert ("KOMID", "aka") in [(n.value, n.kind) for n in komid.names]
    assert vessel.type == "vessel" and vessel.countries == ["PRK"]
    assert vessel.remarks is not None and "Café" in vessel.remarks


def test_ofac_xml(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text(SDN_XML, encoding="utf-8")
    (kim,) = load_path(path)
    assert kim.id == "OFAC:12211" and kim.type == "person" and kim.programmes == ["DPRK"]
    assert kim.names[1].value == "KIM, Young-Chul" and kim.names[1].quality == "strong"
    assert kim.birth_years == [1947] and kim.countries == ["PRK"]


def test_ftm_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(json.dumps(e) for e in FTM), encoding="utf-8")
    person, vessel = load_path(path)
    assert person.type == "person" and person.birth_years == [1950]
    assert [n.kind for n in person.names] == ["primary", "aka"]
    assert person.countries == ["PRK"] and person.programmes == ["UN-SCKP"]
    assert vessel.type == "vessel" and vessel.programmes == ["us_ofac_sdn"]


def test_unknown_format_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    path.write_text("hello\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="unknown list format"):
        load_path(path)


def test_malformed_ftm_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps(FTM[0]) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="line 2"):
        load_path(path)


def test_real_un_and_ofac_lists(shared_data: Path) -> None:
    un = load_path(shared_data / "sanctions_un" / "UN_consolidated_2026-02-27.xml")
    assert len(un) == 1003
    assert sum(e.reference.startswith("KP") for e in un) == 155
    ofac = load_path(shared_data / "sanctions_ofac" / "sdn_2021-07.csv")
    assert len(ofac) == 8976
    assert sum(any(p.startswith("DPRK") for p in e.programmes) for e in ofac) == 414
