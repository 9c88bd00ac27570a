"""yente-compatible matching: ``POST /match/{dataset}`` with FollowTheMoney query entities.

The request and response follow yente's shapes (see ``oresight.screening.yente`` for them
and for what differs), so a client written for yente or an OpenRefine-style reconciliation
service can screen against oresight's lists.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from oresight.api.errors import responses
from oresight.api.models import MatchResponse
from oresight.screening import DEFAULT_THRESHOLD
from oresight.screening.yente import EntityMatchQuery, UnknownDatasetError, match_entities

router = APIRouter(tags=["screening"])


@router.post(
    "/match/{dataset}",
    response_model=MatchResponse,
    responses=responses(400, 404, 413, 422),
)
def match(
    dataset: str,
    body: EntityMatchQuery,
    threshold: Annotated[float, Query(ge=0, le=1)] = DEFAULT_THRESHOLD,
    limit: Annotated[int, Query(ge=1, le=100)] = 5,
    algorithm: Annotated[str | None, Query(description="accepted for yente clients")] = None,
) -> dict[str, Any]:
    """Each query entity's listed parties, best first, in yente's response shape."""
    try:
        return match_entities(dataset, body, threshold=threshold, limit=limit)
    except UnknownDatasetError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
