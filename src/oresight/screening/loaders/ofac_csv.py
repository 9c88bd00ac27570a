"""OFAC SDN legacy CSV files: sdn.csv with its add.csv and alt.csv siblings (no headers).

Columns (OFAC's "SDN CSV" specification): sdn = ent_num, SDN_Name, SDN_Type, Program, Title,
Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks; add = ent_num, Add_num,
Address, City/State/Postal, Country, Add_remarks; alt = ent_num, alt_num, alt_type,
alt_name, alt_remarks. "-0-" is null; the encoding is Windows-1252.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from oresight.screening.errors import ListFormatError
from oresight.screening.loaders.common import add_country, identifiers_in, nullable, years_in
from oresight.screening.model import Entity, ListedName

_TYPES = {"individual": "person", "vessel": "vessel", "aircraft": "vessel"}
_AKA = re.compile(r"\b([afn]\.k\.a\.),? '(.+?)'(?=[;.,]|$)")
_DOB = re.compile(r"\bDOB ([^;]+)")
_NATIONALITY = re.compile(r"\b(?:nationality|citizen) ([^;]+)", re.IGNORECASE)


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding="cp1252", newline="") as fh:
        for line_no, row in enumerate(csv.reader(fh), start=1):
            if len(row) >= 4:  # the file ends with a ^Z (0x1A) line
                yield line_no, row


def sibling(path: Path, kind: str) -> Path:
    """add/alt file beside an sdn file: sdn_2021-07.csv -> add_2021-07.csv."""
    return path.with_name(path.name.replace("sdn", kind).replace("SDN", kind.upper()))


def load_ofac_csv(path: Path) -> list[Entity]:
    """Read sdn.csv and, when present beside it, add.csv and alt.csv."""
    entities: dict[str, Entity] = {}
    for line_no, row in _rows(path):
        if len(row) < 12 or not row[0].strip().isdigit():
            raise ListFormatError("not an OFAC SDN row", file=str(path), line=line_no)
        entities[row[0].strip()] = _entity(row, path)
    alt = sibling(path, "alt")
    if alt.exists() and alt != path:
        for _, row in _rows(alt):
            ent, name = entities.get(row[0].strip()), nullable(row[3])
            if ent and name:
                ent.names.append(ListedName(name, kind=(nullable(row[2]) or "aka").lower()))
    add = sibling(path, "add")
    if add.exists() and add != path:
        for _, row in _rows(add):
            ent = entities.get(row[0].strip())
            if ent and len(row) >= 5:
                add_country(ent.countries, row[4])
                parts = [nullable(v) for v in row[2:5]]
                if any(parts):
                    ent.addresses.append(", ".join(p for p in parts if p))
    return list(entities.values())


def _entity(row: list[str], path: Path) -> Entity:
    ent_num, remarks = row[0].strip(), nullable(row[11]) or ""
    names = [ListedName(nullable(row[1]) or ent_num)]
    for kind, value in _AKA.findall(remarks):
        names.append(ListedName(value, kind=kind.replace(".", ""), quality="remarks"))
    countries: list[str] = []
    for match in _NATIONALITY.findall(remarks):
        add_country(countries, match)
    add_country(countries, row[9])  # vessel flag
    births = [y for m in _DOB.findall(remarks) for y in years_in(m)]
    programmes = [p.strip() for p in (nullable(row[3]) or "").split("] [") if p.strip()]
    return Entity(
        id=f"OFAC:{ent_num}",
        list="OFAC",
        reference=ent_num,
        type=_TYPES.get((nullable(row[2]) or "").lower(), "entity"),
        names=names,
        countries=countries,
        birth_dates=births,
        programmes=programmes,
        identifiers=identifiers_in(remarks),
        remarks=remarks or None,
        source=path.name,
    )
