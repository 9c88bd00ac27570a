"""Sanctions-rules routes: verdicts per regime and restriction timelines."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from oresight import rules as rules_pillar
from oresight.api.errors import responses
from oresight.api.models import RulesCheck, Timeline
from oresight.api.params import country_query

router = APIRouter(prefix="/rules", tags=["rules"])


# async: a check takes a fraction of a millisecond, less than handing it to a thread would.
@router.get("/check", response_model=RulesCheck, responses=responses(400, 422))
async def check(
    hs: Annotated[str, Query(max_length=32, description="HS code of any edition, 2 to 10 digits")],
    date: Annotated[str, Query(max_length=32, description="Date of the import, YYYY-MM-DD")],
    origin: Annotated[str, country_query("Origin country (ISO3)")] = "PRK",
    regime: Annotated[
        str | None, Query(max_length=32, description="UN, EU, US, JP, KR, UK or all")
    ] = None,
) -> dict[str, Any]:
    """On this date, under each regime, was this commodity of this origin prohibited, capped or
    allowed, and by which paragraph?"""
    return rules_pillar.check(origin, hs, date, regime=regime).to_dict()


@router.get("/timeline", response_model=Timeline, responses=responses(400, 422))
def timeline(
    hs: Annotated[str, Query(max_length=32, description="HS code")],
    regime: Annotated[str | None, Query(max_length=32, description="A regime, or all")] = None,
) -> dict[str, Any]:
    """When each regime restricted this commodity of DPRK origin."""
    spans = rules_pillar.timeline(hs, regime)
    return {"hs_code": hs, "spans": [span.to_dict() for span in spans]}
