"""Offer routes: a proposed deal in, a due-diligence dossier (as JSON) out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from oresight import offers as offers_pillar
from oresight.offers.prices import parse_price, with_prices

router = APIRouter(prefix="/offers", tags=["offers"])


@router.post("/assess")
def assess(
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
    model = offers_pillar.parse_offer(offer)
    return offers_pillar.assess(with_prices(model, benchmarks)).to_dict()


@router.get("/schema")
def schema() -> dict[str, Any]:
    """The JSON Schema an offer must follow."""
    return offers_pillar.offer_schema()
