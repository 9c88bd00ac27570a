"""The screening entity model: one listed party with its names, whatever list it came from.

Small slotted dataclasses (as nomenklatura keeps its internal types): the loaders build them,
the index reads them, the snapshot stores them as plain dicts.
"""

from __future__ import annotations

import builtins
from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES = ("person", "entity", "vessel")
# Words other tools use for the same types (FollowTheMoney, OFAC, offers' "organization").
TYPE_ALIASES = {
    "individual": "person",
    "organization": "entity",
    "organisation": "entity",
    "company": "entity",
    "legalentity": "entity",
    "ship": "vessel",
}


@dataclass(slots=True)
class ListedName:
    """One name of a party: its primary name or an alias, with the list's quality label."""

    value: str
    kind: str = "primary"  # primary | aka | fka | nka
    quality: str | None = None  # the list's own words: "Good", "Low", "strong", "weak"


@dataclass(slots=True)
class Entity:
    """A listed party (person, entity or vessel) in one list, with provenance."""

    id: str  # unique across lists: "<list>:<reference>"
    list: str  # UN | OFAC | an OpenSanctions dataset name
    reference: str  # the list's own reference number (KPe.001, OFAC ent_num)
    type: str  # person | entity | vessel
    names: builtins.list[ListedName]
    countries: builtins.list[str] = field(
        default_factory=builtins.list
    )  # ISO3: nationalities, addresses
    birth_dates: builtins.list[str] = field(default_factory=builtins.list)  # "YYYY" or "YYYY-MM-DD"
    addresses: builtins.list[str] = field(default_factory=builtins.list)
    programmes: builtins.list[str] = field(default_factory=builtins.list)
    # numbers that identify the party whatever its name: "IMO 7937317", "passport 381420754"
    identifiers: builtins.list[str] = field(default_factory=builtins.list)
    listed_on: str | None = None
    remarks: str | None = None
    source: str | None = None  # file or URL the record was read from

    @property
    def caption(self) -> str:
        """The primary name, as the list writes it."""
        return self.names[0].value if self.names else self.reference

    @property
    def birth_years(self) -> builtins.list[int]:
        return sorted({int(d[:4]) for d in self.birth_dates if d[:4].isdigit()})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        names = [ListedName(**n) for n in data.get("names", [])]
        return cls(**{**data, "names": names})
