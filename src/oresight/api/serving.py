"""How the expensive routes answer: from the cache of the app, per store version and query.

A cached answer is kept as bytes and, compressed once, as gzip (a monitor answer is 200 kB of
JSON, 10 times less compressed): clients that accept gzip (browsers, httpx, requests, curl
--compressed) get the compressed bytes without the server compressing them again.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from oresight.api import deps

if TYPE_CHECKING:
    from oresight.api.cache import ResultCache
    from oresight.settings import Settings
    from oresight.store import Store

VERSION_HEADER = "X-Oresight-Store-Version"
MIN_GZIP = 1024  # smaller answers are not worth a compressed copy


@dataclass(frozen=True)
class Body:
    """A cached answer: its bytes, and the same gzip-compressed when that is worth it."""

    raw: bytes
    gzipped: bytes | None

    @classmethod
    def of(cls, raw: bytes) -> Body:
        return cls(raw, gzip.compress(raw, compresslevel=6) if len(raw) >= MIN_GZIP else None)


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
    cache: ResultCache[Body] = request.app.state.cache
    settings: Settings = request.app.state.settings
    body = await cache.get(
        (version, *query),
        lambda: Body.of(compute(deps.get_store(version))),
        timeout=settings.api_timeout_seconds,
    )
    headers = {VERSION_HEADER: version, "Vary": "Accept-Encoding"}
    if body.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(body.gzipped, media_type=media_type, headers=headers)
    return Response(body.raw, media_type=media_type, headers=headers)
