"""Screening routes: a name against the sanctions lists, with explained matches.

Answers are kept per query and list files (least recently used first out): the lists in use
change only when their files do (``oresight lists update``, ``ORESIGHT_SCREENING_LISTS``), and
the file paths are part of the key.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from oresight import screening as screening_pillar
from oresight.api.errors import responses
from oresight.api.models import ScreenResult
from oresight.api.params import country_query
from oresight.screening.api import default_list_paths

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
) -> Response:
    """Listed entities whose names match, best first; ``match`` is score >= threshold."""
    body = _screen_json(default_list_paths(), name, type, country, birth_year, threshold, limit)
    return Response(body, media_type="application/json")


@lru_cache(maxsize=4096)
def _screen_json(
    lists: tuple[Path, ...],
    name: str,
    type: str | None,
    country: str | None,
    birth_year: int | None,
    threshold: float,
    limit: int,
) -> bytes:
    # ``lists`` is only the key: the pillar picks the same default files itself
    result = screening_pillar.screen(
        name,
        type=type,
        country=country,
        birth_year=birth_year,
        threshold=threshold,
        limit=limit,
    )
    return ScreenResult.model_validate(result.to_dict()).model_dump_json(by_alias=True).encode()
