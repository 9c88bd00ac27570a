"""App factory: routers per pillar, typed errors mapped to HTTP status codes."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from oresight import __version__
from oresight.api.routers import dashboard, diversion, monitor, offers, rules, screening, store
from oresight.errors import InputError, OresightError, StoreError


def create_app() -> FastAPI:
    """Build the oresight HTTP API (OpenAPI docs at ``/docs``)."""
    app = FastAPI(
        title="oresight",
        version=__version__,
        description="Mirror trade, sanctions rules, screening and offer due diligence (DPRK).",
    )
    for module in (store, rules, screening, monitor, diversion, offers, dashboard):
        app.include_router(module.router)
    app.add_exception_handler(OresightError, _oresight_error)

    @app.get("/health", tags=["meta"])
    def health() -> dict[str, str]:
        """Liveness probe."""
        return {"status": "ok", "version": __version__}

    return app


async def _oresight_error(request: Request, exc: Exception) -> JSONResponse:
    # Bad input is the caller's to fix (400); a store failure is ours (503).
    status = 400 if isinstance(exc, InputError) else 503 if isinstance(exc, StoreError) else 500
    return JSONResponse(status_code=status, content={"error": str(exc), "kind": type(exc).__name__})
