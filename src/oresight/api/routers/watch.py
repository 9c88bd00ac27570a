"""Watch routes: the saved watches and the alerts they raised (read-only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from oresight.api.errors import responses
from oresight.api.models import AlertList, WatchList
from oresight.watch.state import State, alerts_since
from oresight.watch.watchfile import load_watches

router = APIRouter(tags=["watch"])


@router.get("/watches", response_model=WatchList, responses=responses(400))
def watches() -> dict[str, Any]:
    """Every watch in $ORESIGHT_HOME/watches.yaml with the store version its alerts reached."""
    state = State.load()
    rows = []
    for watch in load_watches().values():
        mine = state.watches.get(watch.name)
        rows.append(
            watch.model_dump(mode="json")
            | {
                "version": mine.version if mine else None,
                "last_run": mine.last_run if mine else None,
            }
        )
    return {"count": len(rows), "watches": rows}


@router.get("/alerts", response_model=AlertList, responses=responses(400, 422))
def alerts(
    since: Annotated[
        str | None, Query(description="ISO 8601 date or time (UTC if no zone), e.g. 2026-01-31")
    ] = None,
    watch: Annotated[str | None, Query(description="only this watch's alerts")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
) -> dict[str, Any]:
    """Alerts raised since ``since``, newest last, each with its flows, reason and deliveries."""
    rows = alerts_since(since)
    if watch:
        rows = [row for row in rows if row["watch"] == watch]
    rows = rows[-limit:]
    return {"count": len(rows), "alerts": rows}
