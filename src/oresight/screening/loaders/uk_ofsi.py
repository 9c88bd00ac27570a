"""UK consolidated list of financial sanctions targets (OFSI, HM Treasury), "2022 format" XML.

Written from the published format (root ``ArrayOfFinancialSanctionsTarget``, namespace
``http://schemas.hmtreasury.gov.uk/ofsi/consolidatedlist``): one flat
``FinancialSanctionsTarget`` per NAME, not per party. Rows of one party share a ``GroupID``;
``AliasType`` says which is the "Primary name" (others: "Primary name variation", "AKA",
"FKA") and ``AliasQuality`` "Good quality" / "Low quality". A name is ``name1`` .. ``name5``
(given names) then ``Name6`` (family name, or the whole name of an entity or ship).
``GroupTypeDescription`` is Individual, Entity or Ship; other fields used here:
``RegimeName``, ``Individual_DateOfBirth`` (dd/mm/yyyy, 00 for unknown parts),
``Individual_Nationality``, ``Country``, ``UKSanctionsListRef``, ``NameNonLatinScript``.
"""

from __future__ import annotations

import re
from pathlib import Path

from oresight.screening.loaders.common import add_country, nullable, years_in
from oresight.screening.loaders.eu_fsf import _parse
from oresight.screening.model import Entity, ListedName

_TYPES = {"individual": "person", "entity": "entity", "ship": "vessel"}
_NAME_PARTS = ("name1", "name2", "name3", "name4", "name5", "Name6")
_DMY = re.compile(r"^(\d\d)/(\d\d)/(\d{4})$")


def load_uk_ofsi(path: Path) -> list[Entity]:
    """Read every target row and fold the rows of one GroupID into one party."""
    root = _parse(path, "ArrayOfFinancialSanctionsTarget")
    parties: dict[str, Entity] = {}
    for row in root.iter("FinancialSanctionsTarget"):
        cell = {child.tag: (child.text or "").strip() for child in row}
        group = nullable(cell.get("GroupID")) or "?"
        party = parties.get(group)
        if party is None:
            party = parties[group] = _party(group, cell, path)
        _add_row(party, cell)
    for party in parties.values():
        # the primary name first: results show it as the party's name
        party.names.sort(key=lambda n: n.kind != "primary")
    return list(parties.values())


def _party(group: str, cell: dict[str, str], path: Path) -> Entity:
    kind = (cell.get("GroupTypeDescription") or "").lower()
    return Entity(
        id=f"UK:{group}",
        list="UK",
        reference=nullable(cell.get("UKSanctionsListRef")) or group,
        type=_TYPES.get(kind, "entity"),
        names=[],
        programmes=[p for p in [nullable(cell.get("RegimeName"))] if p],
        listed_on=(nullable(cell.get("DateListed")) or "")[:10] or None,
        remarks=nullable(cell.get("OtherInformation")),
        source=path.name,
    )


def _add_row(party: Entity, cell: dict[str, str]) -> None:
    name = " ".join(p for p in (nullable(cell.get(k)) for k in _NAME_PARTS) if p)
    alias_type = (cell.get("AliasType") or "").lower()
    quality = "Low" if "low" in (cell.get("AliasQuality") or "").lower() else None
    kind = "primary" if alias_type == "primary name" else ("fka" if alias_type == "fka" else "aka")
    known = {n.value for n in party.names}
    if name and name not in known:
        party.names.append(ListedName(name, kind=kind, quality=quality))
    script = nullable(cell.get("NameNonLatinScript"))
    if script and script not in known:
        party.names.append(ListedName(script, kind="original"))
    for field in ("Individual_Nationality", "Country"):
        add_country(party.countries, cell.get(field))
    for field, label in (("Ship_IMONumber", "IMO"), ("Individual_PassportNumber", "passport")):
        number = nullable(cell.get(field))
        if number and f"{label} {number}" not in party.identifiers:
            party.identifiers.append(f"{label} {number}")
    dob = nullable(cell.get("Individual_DateOfBirth"))
    if dob:
        m = _DMY.match(dob)
        value = (f"{m[3]}-{m[2]}-{m[1]}" if m and m[1] != "00" and m[2] != "00" else None) or next(
            iter(years_in(dob)), None
        )
        if value and value not in party.birth_dates:
            party.birth_dates.append(value)
