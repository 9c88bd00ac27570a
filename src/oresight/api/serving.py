"""How the expensive routes answer: from the cache of the app, per store version and query."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from oresight.api import deps

if TYPE_CHECKING:
    from oresight.api.cache import ResultCache
    from oresight.settings import Settings
    from oresight.store import Store

VERSION_HEADER = "X-Oresight-Store-Version"


async def request_version() -> str:
    """The store version this request reads (a store query at most once per check interval)."""
    fresh = deps.fresh_store_version()
    return fresh if fresh is not None else await run_in_threadpool(deps.current_store_version)


async def cached_body(
    request: Request,
    query: tuple[Hashable, ...],
    compute: Callable[[Store], bytes],
    *,
    media_type: str,
) -> Response:
    """``compute(store)`` once per (store version, ``query``); later requests get its bytes."""
    version = await request_version()
    cache: ResultCache[bytes] = request.app.state.cache
    settings: Settings = request.app.state.settings
    body = await cache.get(
        (version, *query),
        lambda: compute(deps.get_store(version)),
        timeout=settings.api_timeout_seconds,
    )
    return Response(body, media_type=media_type, headers={VERSION_HEADER: version})
