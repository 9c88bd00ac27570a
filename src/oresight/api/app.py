"""App factory: routers per pillar, one error shape, the request guard and the result cache."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from oresight import __version__
from oresight.api import errors
from oresight.api.cache import ResultCache
from oresight.api.guard import Guard
from oresight.api.routers import (
    dashboard,
    diversion,
    match,
    meta,
    monitor,
    offers,
    rules,
    screening,
    store,
    watch,
)
from oresight.api.serving import Body
from oresight.settings import get_settings


def create_app(*, extra_hosts: Sequence[str] = ()) -> FastAPI:
    """Build the oresight HTTP API (OpenAPI docs at ``/docs`` and ``/redoc``, served from the
    installed package, no CDN). ``extra_hosts`` are trusted beside ``ORESIGHT_API_TRUSTED_HOSTS``
    (``oresight serve --host`` adds the address it listens on)."""
    settings = get_settings()
    app = FastAPIOffline(
        title="oresight",
        version=__version__,
        description="Mirror trade, sanctions rules, screening and offer due diligence (DPRK).",
    )
    app.state.settings = settings
    app.state.cache = ResultCache[Body](settings.api_cache_entries, settings.api_compute_threads)
    for module in (
        meta,
        store,
        rules,
        screening,
        match,
        monitor,
        diversion,
        offers,
        dashboard,
        watch,
    ):
        app.include_router(module.router)
    errors.install(app)
    errors.document_guard(app, token=settings.api_token is not None)
    app.add_middleware(
        Guard,
        trusted_hosts=(*settings.api_trusted_hosts, *extra_hosts),
        token=settings.api_token,
        max_body=settings.api_max_body_bytes,
    )
    return app
