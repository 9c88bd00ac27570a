"""Store routes: what the store holds and the flows themselves (through ``api.deps`` only)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from oresight.api import deps
from oresight.api.errors import responses
from oresight.api.models import StoreInfo, flows_model
from oresight.api.params import HS_LIST_PATTERN, PERIOD_PATTERN, country_query
from oresight.api.serving import cached_body
from oresight.store.query import filter_flows

if TYPE_CHECKING:
    from oresight.store import Store

router = APIRouter(tags=["store"])


@router.get("/store/info", response_model=StoreInfo, responses=responses(503))
async def store_info(request: Request) -> Response:
    """Version, rows, sources, reporters, partners, periods and batches of the store (computed
    once per store version: a version never changes)."""

    def compute(store: Store) -> bytes:
        info = store.info()
        periods = info["periods"]
        info["periods"] = {k: None if v is None else str(v) for k, v in periods.items()}
        return json.dumps(info, default=str).encode()

    return await cached_body(request, ("store-info",), compute, media_type="application/json")


@router.get("/flows", response_model=flows_model(), responses=responses(400, 422, 503))
def flows(
    reporter: Annotated[str | None, country_query("Reporter ISO3, e.g. CHN")] = None,
    partner: Annotated[str | None, country_query("Partner ISO3, e.g. PRK")] = None,
    hs: Annotated[
        str | None, Query(pattern=HS_LIST_PATTERN, description="HS prefixes, comma-separated")
    ] = None,
    start: Annotated[
        str | None, Query(alias="from", pattern=PERIOD_PATTERN, description="YYYY or YYYY-MM")
    ] = None,
    end: Annotated[
        str | None, Query(alias="to", pattern=PERIOD_PATTERN, description="YYYY or YYYY-MM")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
) -> dict[str, Any]:
    """Flows matching the filter, each with its source, source record and ingest batch."""
    table = filter_flows(
        deps.get_store().flows, reporter=reporter, partner=partner, hs=hs, start=start, end=end
    )
    rows = table.limit(limit).to_pyarrow().to_pylist()
    for row in rows:
        row["period_start"] = str(row["period_start"])
    return {"count": len(rows), "flows": rows}
