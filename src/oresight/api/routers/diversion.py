"""Diversion route: where a country's exports went after they collapsed (leads, not proof).

Computed once per store version and query, like the monitor (it reads every partner's flows).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query, Request, Response

from oresight.api.errors import responses
from oresight.api.models import DiversionResponse
from oresight.api.params import CODE_PATTERN, HS_LIST_PATTERN, PERIOD_PATTERN, CountryPath
from oresight.api.serving import cached_body

if TYPE_CHECKING:
    from oresight.store import Store

router = APIRouter(tags=["monitor"])


@router.get(
    "/diversion/{country}",
    response_model=DiversionResponse,
    responses=responses(400, 422, 503),
)
async def diversion(
    request: Request,
    country: CountryPath,
    partner: Annotated[
        str,
        Query(pattern=rf"{CODE_PATTERN}|^all$", description="Importing partner ISO3, or all"),
    ] = "all",
    hs: Annotated[
        str | None, Query(pattern=HS_LIST_PATTERN, description="HS codes, comma-separated")
    ] = None,
    group: Annotated[str | None, Query(max_length=64, description="Commodity group key")] = None,
    around: Annotated[
        str | None, Query(pattern=PERIOD_PATTERN, description="YYYY-MM: first month after the fall")
    ] = None,
) -> Response:
    """Collapses of the country's exports to a partner and the diversion signals around them
    (unallocated partners, third countries beyond their trend, mirror gaps, unit values), each
    with an explained score, before/after values and the rows behind it."""

    def compute(store: Store) -> bytes:
        from oresight.monitor import diversion as find

        result = find(country, partner=partner, hs=hs, group=group, around=around, store=store)
        return json.dumps(result.to_dict(), default=str).encode()

    query = ("diversion", country.upper(), partner, hs, group, around)
    return await cached_body(request, query, compute, media_type="application/json")
