"""Offer routes: a proposed deal in, a due-diligence dossier (as JSON) out.

An assessment screens every party and reads the store: it runs in the thread pool under the
API's timeout, and the body limit (``ORESIGHT_API_MAX_BODY_BYTES``) bounds what one offer costs.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request

from oresight import offers as offers_pillar
from oresight.api.cache import run_bounded
from oresight.api.errors import responses
from oresight.api.models import Dossier
from oresight.offers.prices import parse_price, with_prices

router = APIRouter(prefix="/offers", tags=["offers"])


@router.post("/assess", response_model=Dossier, responses=responses(400, 413, 422, 503))
async def assess(
    request: Request,
    offer: dict[str, Any] = Body(  # noqa: B008  (FastAPI declares bodies this way)
        ..., description="An offer in the published JSON Schema (GET /offers/schema)"
    ),
    price: Annotated[
        list[str] | None,
        Query(description="benchmark price COMMODITY=AMOUNT/UNIT[@YYYY-MM-DD] in USD"),
    ] = None,
    price_source: Annotated[str, Query(description="label of the benchmark price")] = (
        "user benchmark (API)"
    ),
) -> dict[str, Any]:
    """Conclusion, legality per regime, counterparty hits, plausibility, valuation, assay, risk.

    A ``prices:`` block in the offer, or ``price`` query parameters, give benchmark prices.
    """
    benchmarks = [parse_price(p, source=price_source, field="price") for p in price or []]
    model = with_prices(offers_pillar.parse_offer(offer), benchmarks)
    timeout = request.app.state.settings.api_timeout_seconds
    return await run_bounded(lambda: offers_pillar.assess(model).to_dict(), timeout)


@router.get("/schema", response_model=dict[str, Any])
def schema() -> dict[str, Any]:
    """The JSON Schema an offer must follow."""
    return offers_pillar.offer_schema()
