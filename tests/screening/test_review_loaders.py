"""Review findings: UN aliases written in quotes ("KOMID") are shown without them."""

from __future__ import annotations

from pathlib import Path

from oresight.screening.loaders.un_xml import load_un_xml

UN = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES><ENTITY>
  <DATAID>1</DATAID><FIRST_NAME>KOREA MINING DEVELOPMENT TRADING CORPORATION</FIRST_NAME>
  <REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER>
  <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>"KOMID"</ALIAS_NAME></ENTITY_ALIAS>
  <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Kang "Ho" Trading</ALIAS_NAME></ENTITY_ALIAS>
</ENTITY></ENTITIES></CONSOLIDATED_LIST>
"""


def test_quoted_alias_loses_its_quotes(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(UN, encoding="utf-8")
    (entity,) = load_un_xml(path)
    names = [n.value for n in entity.names]
    assert "KOMID" in names
    assert 'Kang "Ho" Trading' in names  # quotes inside a name stay
