"""Screening routes: a name against the sanctions lists, with explained matches."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from oresight import screening as screening_pillar
from oresight.api.errors import responses
from oresight.api.models import ScreenResult
from oresight.api.params import country_query

router = APIRouter(tags=["screening"])


# async: one name takes about a millisecond against the loaded index, less than a thread hop
# costs a busy server; a list of names (offers) goes through the thread pool instead.
@router.get("/screen", response_model=ScreenResult, responses=responses(400, 422))
async def screen(
    name: Annotated[
        str,
        Query(min_length=1, max_length=500, description="Name of a person, entity or vessel"),
    ],
    type: Annotated[
        Literal["person", "entity", "vessel"] | None, Query(description="Kind of party")
    ] = None,
    country: Annotated[str | None, country_query("Country qualifier (ISO3)")] = None,
    birth_year: Annotated[int | None, Query(ge=1850, le=2100)] = None,
    threshold: Annotated[float, Query(ge=0, le=1)] = screening_pillar.DEFAULT_THRESHOLD,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """Listed entities whose names match, best first; ``match`` is score >= threshold."""
    result = screening_pillar.screen(
        name, type=type, country=country, birth_year=birth_year, threshold=threshold, limit=limit
    )
    return result.to_dict()
