"""UN Security Council Consolidated List (XML, schema sc-sanctions.xsd)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from oresight.screening.errors import ListFormatError
from oresight.screening.loaders.common import add_country, identifiers_in, nullable
from oresight.screening.model import Entity, ListedName

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def load_un_xml(path: Path) -> list[Entity]:
    """Read every INDIVIDUAL and ENTITY of the consolidated list."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ListFormatError(f"not valid XML: {exc}", file=str(path)) from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError(f"root element is {root.tag}, not CONSOLIDATED_LIST", file=str(path))
    out = [_entity(el, "person", "INDIVIDUAL", path) for el in root.iter("INDIVIDUAL")]
    out += [_entity(el, "entity", "ENTITY", path) for el in root.iter("ENTITY")]
    return out


def _text(el: ET.Element, tag: str) -> str | None:
    return nullable(el.findtext(tag))


def _unquote(value: str | None) -> str | None:
    """The UN writes some aliases in quotes ("KOMID"): the name is what is inside them."""
    if value and len(value) > 2 and value[0] == value[-1] == '"' and '"' not in value[1:-1]:
        return value[1:-1].strip() or None
    return value


def _entity(el: ET.Element, type_: str, prefix: str, path: Path) -> Entity:
    reference = _text(el, "REFERENCE_NUMBER") or _text(el, "DATAID") or "?"
    primary = " ".join(p for p in (_text(el, t) for t in _NAME_PARTS) if p)
    names = [ListedName(primary)]
    original = _text(el, "NAME_ORIGINAL_SCRIPT")
    if original:
        names.append(ListedName(original, kind="original"))
    for alias in el.iter(f"{prefix}_ALIAS"):
        value = _unquote(_text(alias, "ALIAS_NAME"))
        if value:
            names.append(ListedName(value, kind="aka", quality=_text(alias, "QUALITY")))
    countries: list[str] = []
    for node in el.iterfind("NATIONALITY/VALUE"):
        add_country(countries, node.text)
    addresses = []
    for addr in el.iter(f"{prefix}_ADDRESS"):
        add_country(countries, _text(addr, "COUNTRY"))
        parts = [_text(addr, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
        if any(parts):
            addresses.append(", ".join(p for p in parts if p))
    births: list[str] = []
    for dob in el.iter(f"{prefix}_DATE_OF_BIRTH"):
        for tag in ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR"):
            value = _text(dob, tag)
            if value:
                births.append(value[:10])
    numbers = identifiers_in(_text(el, "COMMENTS1"))
    for doc in el.iter(f"{prefix}_DOCUMENT"):
        number = _text(doc, "NUMBER")
        if number:
            numbers.append(f"passport {number.replace(' ', '')}")
    return Entity(
        id=f"UN:{reference}",
        list="UN",
        reference=reference,
        type=type_,
        names=names,
        countries=countries,
        birth_dates=births,
        addresses=addresses,
        programmes=[p for p in [_text(el, "UN_LIST_TYPE")] if p],
        identifiers=list(dict.fromkeys(numbers)),
        listed_on=_text(el, "LISTED_ON"),
        remarks=_text(el, "COMMENTS1"),
        source=path.name,
    )
