"""Liveness and readiness: is the process up, and has it what it needs to answer."""

from __future__ import annotations

import re

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from oresight import __version__
from oresight.api import deps
from oresight.api.errors import responses
from oresight.api.models import Health, ListState, Ready, StoreState

router = APIRouter(tags=["meta"])

_DATE = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)")


@router.get("/health", response_model=Health)
async def health() -> Health:
    """Liveness: answers while the process runs, without touching the store (no token needed)."""
    return Health(status="ok", version=__version__)


@router.get("/ready", response_model=Ready, responses=responses(503))
async def ready() -> Ready:
    """Readiness: the store opens (and which version it is) and the screening lists load."""
    return await run_in_threadpool(_ready)


def _ready() -> Ready:
    from oresight.screening.api import describe_lists

    version = deps.current_store_version()
    store = deps.get_store(version)
    lists = describe_lists()
    states = []
    for name, parties in lists["parties"].items():
        listed, _, source = name.partition(": ")
        found = _DATE.search(source)
        states.append(
            ListState(list=listed, source=source, parties=parties, date=found[1] if found else None)
        )
    return Ready(
        status="ready",
        store=StoreState(location=store.location, backend=store.backend, version=version),
        lists=states,
        names_indexed=lists["names"],
    )
