"""Matching FollowTheMoney query entities in yente's request and response shapes.

yente (OpenSanctions' screening API) takes ``POST /match/{dataset}`` with
``{"queries": {"<id>": {"schema": "Person", "properties": {"name": [...], ...}}}}`` and
answers ``{"responses": {"<id>": {"status", "results", "total", "query"}}, "matcher",
"limit"}``, each result an entity (``id``, ``caption``, ``schema``, ``properties``,
``datasets``) with ``score``, ``match`` and ``features``. This module reads and writes
those shapes around ``screen``, so clients written for yente can call oresight.

What differs from yente (also in ARCHITECTURE.md): the datasets are the list names loaded
here (``default`` = all of them; ``UN``, ``OFAC``, ``EU``, ``UK`` one list); ``weights`` and
``algorithm`` are accepted and ignored (the feature weights are data, features.yaml);
``features`` are oresight's (exact_name, romanisation_variant, ...), and each result has an
``explanation``; ``imoNumber``, ``passportNumber``, ``registrationNumber`` and ``idNumber``
match the numbers a listed party's record carries (its identifiers, names and remarks);
``properties`` of results hold name, alias, birthDate, country, program and notes only.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from oresight.errors import InputError
from oresight.screening.api import DEFAULT_THRESHOLD, get_screener, screen
from oresight.screening.index import Screener
from oresight.screening.model import Entity
from oresight.screening.results import Match
from oresight.screening.vocab import features_config

SCHEMA_TYPES = {  # FtM schema -> oresight party type (None: any)
    "Person": "person",
    "Company": "entity",
    "Organization": "entity",
    "LegalEntity": "entity",
    "PublicBody": "entity",
    "Vessel": "vessel",
    "Thing": None,
}
TYPE_SCHEMAS = {"person": "Person", "entity": "LegalEntity", "vessel": "Vessel"}
NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "firstName", "lastName")
COUNTRY_PROPS = ("nationality", "country", "citizenship", "jurisdiction", "flag")
NUMBER_PROPS = ("imoNumber", "registrationNumber", "passportNumber", "idNumber")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)")


class UnknownDatasetError(InputError):
    """A dataset name that is none of the lists loaded (yente answers 404)."""


class EntityExample(BaseModel):
    """A query entity as yente takes it."""

    id: str | None = None
    schema_: str = Field(alias="schema")
    properties: dict[str, str | list[Any]] = Field(default_factory=dict)

    model_config = {"populate_by_name": True}

    def values(self, prop: str) -> list[str]:
        raw = self.properties.get(prop, [])
        items = raw if isinstance(raw, list) else [raw]
        return [str(v).strip() for v in items if v is not None and str(v).strip()]


class EntityMatchQuery(BaseModel):
    """The body of ``POST /match/{dataset}``."""

    queries: dict[str, EntityExample]
    weights: dict[str, float] = Field(default_factory=dict)  # accepted, not used


def _party_type(example: EntityExample) -> str | None:
    if example.schema_ not in SCHEMA_TYPES:
        raise InputError(
            f"unknown schema {example.schema_!r}; known: {', '.join(SCHEMA_TYPES)}",
            field="schema",
        )
    return SCHEMA_TYPES[example.schema_]


def _names(example: EntityExample) -> list[str]:
    names = [v for p in NAME_PROPS[:4] for v in example.values(p)]
    parts = " ".join(example.values("firstName") + example.values("lastName"))
    return list(dict.fromkeys([*names, *([parts] if parts else [])]))


def _birth_year(example: EntityExample) -> int | None:
    for value in example.values("birthDate"):
        m = _YEAR.match(value)
        if m:
            return int(m[1])
    return None


def _number_hits(engine: Screener, numbers: list[str], lists: set[str] | None) -> list[Entity]:
    """Listed parties whose remarks or names carry one of the numbers (IMO, registration)."""
    wanted = [n for n in (re.sub(r"\D", "", x) for x in numbers) if len(n) >= 6]
    if not wanted:
        return []
    out = []
    for entity in engine.entities:
        if lists is not None and entity.list not in lists:
            continue
        text = " ".join(
            [*entity.identifiers, entity.remarks or "", *(n.value for n in entity.names)]
        )
        if any(re.search(rf"(?<!\d){w}(?!\d)", text) for w in wanted):
            out.append(entity)
    return out


def _properties(entity: Entity) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {
        "name": [entity.caption],
        "alias": [n.value for n in entity.names[1:]],
        "birthDate": entity.birth_dates,
        "country": [c.lower() for c in entity.countries],
        "program": entity.programmes,
        "notes": [entity.remarks] if entity.remarks else [],
    }
    return {k: v for k, v in props.items() if v}


def _result(entity: Entity, match: Match | None, threshold: float) -> dict[str, Any]:
    score = match.score if match else 1.0
    features = dict(match.features) if match else {"identifier_match": 1.0}
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": TYPE_SCHEMAS.get(entity.type, "LegalEntity"),
        "properties": _properties(entity),
        "datasets": [entity.list],
        "referents": [],
        "target": True,
        "score": score,
        "match": score >= threshold,
        "features": features,
        "explanation": match.explanation if match else "identifier in the listed record",
        "matched_name": match.matched_name if match else None,
    }


def match_one(
    example: EntityExample, engine: Screener, lists: set[str] | None, threshold: float, limit: int
) -> list[dict[str, Any]]:
    """Screen every name of the query entity; each listed party's best result, best first."""
    type_ = _party_type(example)
    countries = [v for p in COUNTRY_PROPS for v in example.values(p)]
    born = _birth_year(example)
    best: dict[str, tuple[Match | None, Entity]] = {}
    by_id = {e.id: e for e in engine.entities}
    for name in _names(example):
        result = screen(
            name,
            type=type_,
            country=countries[0] if countries else None,
            birth_year=born,
            threshold=threshold,
            limit=max(limit, 10),
            screener=engine,
        )
        for m in result.matches:
            if lists is not None and m.list not in lists:
                continue
            current = best.get(m.entity_id)
            if current is None or (current[0] is not None and m.score > current[0].score):
                best[m.entity_id] = (m, by_id[m.entity_id])
    numbers = [v for p in NUMBER_PROPS for v in example.values(p)]
    for entity in _number_hits(engine, numbers, lists):
        best[entity.id] = (None, entity)  # the same number: as strong as evidence gets
    results = [_result(e, m, threshold) for m, e in best.values()]
    results.sort(key=lambda r: (-r["score"], r["id"]))
    return results[:limit]


def matcher_docs() -> dict[str, dict[str, Any]]:
    """Feature documentation in yente's ``matcher`` shape: name -> description, coefficient."""
    cfg = features_config()
    docs = {
        name: {"description": spec["doc"], "coefficient": float(spec["weight"]), "url": None}
        for section in ("name_features", "qualifiers")
        for name, spec in cfg[section].items()
    }
    docs["identifier_match"] = {
        "description": "an IMO or registration number of the query is in the listed record",
        "coefficient": 1.0,
        "url": None,
    }
    return docs


def match_entities(
    dataset: str,
    body: EntityMatchQuery,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 5,
    engine: Screener | None = None,
) -> dict[str, Any]:
    """yente's ``EntityMatchResponse`` for the query entities of ``body``."""
    engine = engine or get_screener()
    if dataset == "default":
        lists = None
    elif dataset.upper() in engine.lists:
        lists = {dataset.upper()}
    else:
        raise UnknownDatasetError(
            f"no dataset {dataset!r}; datasets: default, {', '.join(engine.lists)}",
            field="dataset",
        )
    if not body.queries:
        raise InputError("no queries", field="queries")
    responses = {}
    for key, example in body.queries.items():
        if not _names(example) and not [v for p in NUMBER_PROPS for v in example.values(p)]:
            raise InputError(f"query {key!r} has no name and no identifier", field="properties")
        results = match_one(example, engine, lists, threshold, limit)
        responses[key] = {
            "status": 200,
            "results": results,
            "total": {"value": len(results), "relation": "eq"},
            "query": example.model_dump(by_alias=True),
        }
    return {"responses": responses, "matcher": matcher_docs(), "limit": limit}
