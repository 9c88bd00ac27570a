"""Offer routes: a proposed deal in, a due-diligence dossier (as JSON) out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from oresight import offers as offers_pillar

router = APIRouter(prefix="/offers", tags=["offers"])


@router.post("/assess")
def assess(
    offer: dict[str, Any] = Body(  # noqa: B008  (FastAPI declares bodies this way)
        ..., description="An offer in the published JSON Schema (GET /offers/schema)"
    ),
) -> dict[str, Any]:
    """Legality per regime, counterparty hits, supply plausibility, valuation, assay and risk."""
    return offers_pillar.assess(offer).to_dict()


@router.get("/schema")
def schema() -> dict[str, Any]:
    """The JSON Schema an offer must follow."""
    return offers_pillar.offer_schema()
