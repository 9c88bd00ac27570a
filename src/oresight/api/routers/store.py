"""Store routes: what the store holds and the flows themselves."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from oresight.store import Store
from oresight.store.query import filter_flows

router = APIRouter(tags=["store"])


@router.get("/store/info")
def store_info() -> dict[str, Any]:
    """Rows, sources, reporters, partners, periods and batches in the store."""
    return Store.open().info()


@router.get("/flows")
def flows(
    reporter: Annotated[str | None, Query(description="Reporter ISO3, e.g. CHN")] = None,
    partner: Annotated[str | None, Query(description="Partner ISO3, e.g. PRK")] = None,
    hs: Annotated[str | None, Query(description="HS prefixes, comma-separated")] = None,
    start: Annotated[str | None, Query(alias="from", description="YYYY or YYYY-MM")] = None,
    end: Annotated[str | None, Query(alias="to", description="YYYY or YYYY-MM")] = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
) -> dict[str, Any]:
    """Flows matching the filter, each with its source, source record and ingest batch."""
    table = filter_flows(
        Store.open().flows, reporter=reporter, partner=partner, hs=hs, start=start, end=end
    )
    rows = table.limit(limit).to_pyarrow().to_pylist()
    for row in rows:
        row["period_start"] = str(row["period_start"])
    return {"count": len(rows), "flows": rows}
