"""Sanctions-rules routes: verdicts per regime and restriction timelines.

The rule set is loaded once per process and never changes under it, so an answer depends on
the query alone: answers are kept (least recently used first out) as JSON bytes, and a repeat
costs no evaluation and no validation.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Query, Response

from oresight import rules as rules_pillar
from oresight.api.errors import responses
from oresight.api.models import RulesCheck, Timeline
from oresight.api.params import country_query
from oresight.settings import country_or_default

router = APIRouter(prefix="/rules", tags=["rules"])
JSON = "application/json"


# async: a check takes a fraction of a millisecond, less than handing it to a thread would.
@router.get("/check", response_model=RulesCheck, responses=responses(400, 422))
async def check(
    hs: Annotated[str, Query(max_length=32, description="HS code of any edition, 2 to 10 digits")],
    date: Annotated[str, Query(max_length=32, description="Date of the import, YYYY-MM-DD")],
    origin: Annotated[
        str | None, country_query("Origin country (ISO3); default ORESIGHT_DEFAULT_COUNTRY")
    ] = None,
    regime: Annotated[
        str | None, Query(max_length=32, description="UN, EU, US, JP, KR, UK or all")
    ] = None,
) -> Response:
    """On this date, under each regime, was this commodity of this origin prohibited, capped or
    allowed, and by which paragraph?"""
    return Response(_check_json(country_or_default(origin), hs, date, regime), media_type=JSON)


@lru_cache(maxsize=4096)
def _check_json(origin: str, hs: str, date: str, regime: str | None) -> bytes:
    result = rules_pillar.check(origin, hs, date, regime=regime).to_dict()
    return RulesCheck.model_validate(result).model_dump_json(by_alias=True).encode()


@router.get("/timeline", response_model=Timeline, responses=responses(400, 422))
def timeline(
    hs: Annotated[str, Query(max_length=32, description="HS code")],
    regime: Annotated[str | None, Query(max_length=32, description="A regime, or all")] = None,
    origin: Annotated[
        str | None, country_query("Origin country (ISO3); default ORESIGHT_DEFAULT_COUNTRY")
    ] = None,
) -> Response:
    """When each regime restricted this commodity of this origin (default the configured
    country)."""
    return Response(_timeline_json(hs, regime, country_or_default(origin)), media_type=JSON)


@lru_cache(maxsize=1024)
def _timeline_json(hs: str, regime: str | None, origin: str) -> bytes:
    spans = rules_pillar.timeline(hs, regime, origin=origin)
    body = {"hs_code": hs, "spans": [span.to_dict() for span in spans]}
    return Timeline.model_validate(body).model_dump_json(by_alias=True).encode()
