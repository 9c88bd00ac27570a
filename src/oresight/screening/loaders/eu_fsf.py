"""EU consolidated list of financial sanctions (Financial Sanctions Files, "FSF" XML).

Written from the published XML format (root ``export``, namespace
``http://eu.europa.ec/fpi/fsd/export``): one ``sanctionEntity`` per listed party, with
attributes ``logicalId`` and ``euReferenceNumber``; children ``subjectType code="person" |
"enterprise"``, one ``nameAlias`` per name (attributes ``wholeName``, ``firstName``,
``lastName``, ``strong="true"|"false"``), ``birthdate`` (``birthdate="YYYY-MM-DD"`` or
``year``), ``citizenship`` and ``address`` (``countryIso2Code``), ``identification``, and
``regulation programme`` naming the regime (a code such as PRK).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from oresight.screening.errors import ListFormatError
from oresight.screening.loaders.common import add_country, nullable
from oresight.screening.model import Entity, ListedName

_TYPES = {"person": "person", "enterprise": "entity"}


def _parse(path: Path, root_tag: str) -> ET.Element:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ListFormatError(f"not valid XML: {exc}", file=str(path)) from exc
    for el in root.iter():
        el.tag = el.tag.rsplit("}", 1)[-1]
    if root.tag != root_tag:
        raise ListFormatError(f"root element is {root.tag}, not {root_tag}", file=str(path))
    return root


def load_eu_fsf(path: Path) -> list[Entity]:
    """Read every sanctionEntity: names (weak where ``strong`` is false), birth dates,
    nationalities and address countries, regimes."""
    root = _parse(path, "export")
    return [_entity(el, path) for el in root.iter("sanctionEntity")]


def _entity(el: ET.Element, path: Path) -> Entity:
    reference = nullable(el.get("euReferenceNumber")) or nullable(el.get("logicalId")) or "?"
    subject = el.find("subjectType")
    type_ = _TYPES.get((subject.get("code") or "") if subject is not None else "", "entity")
    names: list[ListedName] = []
    for alias in el.iterfind("nameAlias"):
        whole = nullable(alias.get("wholeName")) or " ".join(
            p
            for p in (nullable(alias.get(k)) for k in ("firstName", "middleName", "lastName"))
            if p
        )
        if whole:
            strong = (alias.get("strong") or "true").lower() == "true"
            kind = "primary" if not names else "aka"
            names.append(ListedName(whole, kind=kind, quality=None if strong else "weak"))
    countries: list[str] = []
    for node in [*el.iterfind("citizenship"), *el.iterfind("address")]:
        add_country(countries, node.get("countryIso2Code") or node.get("countryDescription"))
    births = []
    for birth in el.iterfind("birthdate"):
        value = nullable(birth.get("birthdate")) or nullable(birth.get("year"))
        if value:
            births.append(value[:10])
    numbers = [
        f"{(node.get('identificationTypeCode') or 'id').lower()} {number}"
        for node in el.iterfind("identification")
        if (number := nullable(node.get("number")) or nullable(node.get("latinNumber")))
    ]
    programmes = sorted({p for r in el.iterfind("regulation") if (p := r.get("programme"))})
    return Entity(
        id=f"EU:{reference}",
        list="EU",
        reference=reference,
        type=type_,
        names=names or [ListedName(reference)],
        countries=countries,
        birth_dates=births,
        programmes=programmes,
        identifiers=numbers,
        listed_on=nullable(el.get("designationDate")),
        remarks=nullable(el.findtext("remark")),
        source=path.name,
    )
