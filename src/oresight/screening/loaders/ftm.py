"""FollowTheMoney entities as JSON lines (OpenSanctions' ``entities.ftm.json`` exports)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from oresight.screening.errors import ListFormatError
from oresight.screening.loaders.common import add_country
from oresight.screening.model import Entity, ListedName

_TYPES = {
    "Person": "person",
    "Organization": "entity",
    "Company": "entity",
    "LegalEntity": "entity",
    "PublicBody": "entity",
    "Vessel": "vessel",
    "Airplane": "vessel",
}
_NAME_PROPS = (("name", "primary"), ("alias", "aka"), ("weakAlias", "aka"), ("previousName", "fka"))
_COUNTRY_PROPS = ("nationality", "citizenship", "country", "jurisdiction", "flag")


def load_ftm(path: Path, list_name: str = "OpenSanctions") -> list[Entity]:
    """Read the parties (people, organisations, vessels) of an FtM JSON-lines file."""
    out: list[Entity] = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ListFormatError(f"not JSON: {exc.msg}", file=str(path), line=line_no) from exc
            if not isinstance(data, dict) or "schema" not in data:
                raise ListFormatError("not an FtM entity", file=str(path), line=line_no)
            if data["schema"] in _TYPES:
                out.append(_entity(data, path, list_name))
    return out


def _entity(data: dict[str, Any], path: Path, list_name: str) -> Entity:
    props: dict[str, list[str]] = data.get("properties", {})
    names = [
        ListedName(value, kind=kind, quality="weak" if prop == "weakAlias" else None)
        for prop, kind in _NAME_PROPS
        for value in props.get(prop, [])
    ]
    if not names and data.get("caption"):
        names.append(ListedName(str(data["caption"])))
    countries: list[str] = []
    for prop in _COUNTRY_PROPS:
        for value in props.get(prop, []):
            add_country(countries, value)
    datasets = data.get("datasets") or []
    return Entity(
        id=f"{list_name}:{data['id']}",
        list=list_name,
        reference=str(data["id"]),
        type=_TYPES[data["schema"]],
        names=names,
        countries=countries,
        birth_dates=[d[:10] for d in props.get("birthDate", [])],
        addresses=list(props.get("address", [])),
        programmes=list(props.get("programId", [])) or list(props.get("program", [])) or datasets,
        listed_on=(data.get("first_seen") or "")[:10] or None,
        remarks="; ".join(props.get("notes", [])) or None,
        source=path.name,
    )
