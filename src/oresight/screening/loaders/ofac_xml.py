"""OFAC SDN list in its XML format (sdn.xml, namespace .../sdnList.xsd)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from oresight.screening.errors import ListFormatError
from oresight.screening.loaders.common import add_country, nullable, years_in
from oresight.screening.model import Entity, ListedName

_TYPES = {"individual": "person", "vessel": "vessel", "aircraft": "vessel"}


def _strip_ns(root: ET.Element) -> None:
    for el in root.iter():
        el.tag = el.tag.rsplit("}", 1)[-1]


def _name(el: ET.Element) -> str | None:
    parts = [nullable(el.findtext(t)) for t in ("lastName", "firstName")]
    present = [p for p in parts if p]
    return ", ".join(present) if present else None


def load_ofac_xml(path: Path) -> list[Entity]:
    """Read every sdnEntry: names, akas (with their strong/weak category), places, DOBs."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ListFormatError(f"not valid XML: {exc}", file=str(path)) from exc
    _strip_ns(root)
    if root.tag != "sdnList":
        raise ListFormatError(f"root element is {root.tag}, not sdnList", file=str(path))
    return [_entity(el, path) for el in root.iter("sdnEntry")]


def _entity(el: ET.Element, path: Path) -> Entity:
    uid = nullable(el.findtext("uid")) or "?"
    names = [ListedName(_name(el) or uid)]
    for aka in el.iterfind("akaList/aka"):
        value = _name(aka)
        if value:
            kind = (nullable(aka.findtext("type")) or "a.k.a.").replace(".", "")
            names.append(ListedName(value, kind=kind, quality=nullable(aka.findtext("category"))))
    countries: list[str] = []
    for tag in ("nationalityList/nationality/country", "citizenshipList/citizenship/country"):
        for country in el.iterfind(tag):
            add_country(countries, country.text)
    addresses = []
    for addr in el.iterfind("addressList/address"):
        add_country(countries, addr.findtext("country"))
        parts = [nullable(addr.findtext(t)) for t in ("address1", "city", "country")]
        if any(parts):
            addresses.append(", ".join(p for p in parts if p))
    add_country(countries, el.findtext("vesselInfo/vesselFlag"))
    births = [
        y
        for d in el.iterfind("dateOfBirthList/dateOfBirthItem/dateOfBirth")
        for y in years_in(d.text or "")
    ]
    return Entity(
        id=f"OFAC:{uid}",
        list="OFAC",
        reference=uid,
        type=_TYPES.get((nullable(el.findtext("sdnType")) or "").lower(), "entity"),
        names=names,
        countries=countries,
        birth_dates=births,
        addresses=addresses,
        programmes=[p.text.strip() for p in el.iterfind("programList/program") if p.text],
        remarks=nullable(el.findtext("remarks")),
        source=path.name,
    )
