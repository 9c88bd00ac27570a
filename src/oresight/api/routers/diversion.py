"""Diversion route: where a country's exports went after they collapsed (leads, not proof)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from oresight.ingest.published_store import open_with_published

router = APIRouter(tags=["monitor"])


@router.get("/diversion/{country}")
def diversion(
    country: str,
    partner: Annotated[str, Query(description="Importing partner ISO3, or all")] = "all",
    hs: Annotated[str | None, Query(description="HS codes, comma-separated")] = None,
    group: Annotated[str | None, Query(description="Commodity group key")] = None,
    around: Annotated[str | None, Query(description="YYYY-MM: first month after the fall")] = None,
) -> dict[str, Any]:
    """Collapses of the country's exports to a partner and the diversion signals around them
    (unallocated partners, third countries beyond their trend, mirror gaps, unit values), each
    with an explained score, before/after values and the rows behind it."""
    from oresight.monitor import diversion as find

    result = find(
        country, partner=partner, hs=hs, group=group, around=around,
        store=open_with_published()[0],
    )  # fmt: skip
    return result.to_dict()
