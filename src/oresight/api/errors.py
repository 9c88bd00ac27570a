"""One error shape for every status the API returns, and the handlers that produce it.

Bad input of any kind (a pillar's ``InputError``, a parameter FastAPI cannot parse, an unknown
route) is a 4xx in this shape; a store or data failure is a 503; a computation that outlasts
its timeout is a 503 with ``Retry-After``. Routes list the statuses they can return through
:func:`responses`, so the OpenAPI document declares every one of them.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from oresight.errors import InputError, OresightError

log = logging.getLogger("oresight.api")


class ErrorBody(BaseModel):
    """What every error response carries."""

    error: str = Field(description="What went wrong, naming the value and where")
    kind: str = Field(description="The error's class, e.g. UnknownCodeError, RequestTooLarge")
    field: str | None = Field(default=None, description="The parameter or field at fault")
    detail: list[dict[str, Any]] | None = Field(
        default=None, description="Each invalid parameter (status 422)"
    )


class ComputationTimeout(Exception):
    """A computation took longer than the API's timeout; it goes on, so a retry may find it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"the computation is taking longer than {seconds:g} s; it goes on: retry shortly"
        )

    @property
    def retry_after(self) -> int:
        return max(1, round(self.seconds))


DESCRIPTIONS = {
    400: "Bad input (an unknown code, a malformed value) or an untrusted Host header",
    401: "Missing or wrong bearer token (when ORESIGHT_API_TOKEN is set)",
    404: "No such route",
    413: "Request body larger than ORESIGHT_API_MAX_BODY_BYTES",
    422: "A parameter or body that does not match its declared type",
    503: "Store or reference data unavailable, or a computation past its timeout (Retry-After)",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these statuses, all with :class:`ErrorBody`."""
    return {code: {"model": ErrorBody, "description": DESCRIPTIONS[code]} for code in codes}


def error_response(
    status: int,
    message: str,
    kind: str,
    *,
    field: str | None = None,
    detail: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(error=message, kind=kind, field=field, detail=detail)
    return JSONResponse(
        status_code=status, content=body.model_dump(exclude_none=True), headers=headers
    )


def error_bytes(status: int, message: str, kind: str) -> bytes:
    """The body of an error answered by a middleware, before any route runs."""
    return json.dumps({"error": message, "kind": kind}).encode()


def document_guard(app: FastAPI, *, token: bool) -> None:
    """Add the guard's statuses (``oresight.api.guard``) to every operation of the document:
    400 for an untrusted Host, 413 for a body past the limit, 401 when a token is required."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                codes = [400]
                if method in {"post", "put", "patch"}:
                    codes.append(413)
                if token and path not in {"/health"}:
                    codes.append(401)
                    operation["security"] = [{"bearer": []}]
                for code in codes:
                    operation["responses"].setdefault(
                        str(code),
                        {
                            "description": DESCRIPTIONS[code],
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ErrorBody"}
                                }
                            },
                        },
                    )
        components = schema.setdefault("components", {})
        components.setdefault("schemas", {}).setdefault("ErrorBody", ErrorBody.model_json_schema())
        if token:  # Swagger UI's "Authorize" then sends the token with every try
            components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    """Map every failure to the error shape."""
    app.add_exception_handler(OresightError, _oresight_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(ComputationTimeout, _timeout)


async def _oresight_error(request: Request, exc: Exception) -> JSONResponse:
    # Bad input is the caller's to fix (400); a store or data failure is ours (503).
    assert isinstance(exc, OresightError)
    if isinstance(exc, InputError):
        return error_response(400, str(exc), type(exc).__name__, field=exc.field)
    log.warning("%s on %s: %s", type(exc).__name__, request.url.path, exc)
    return error_response(503, str(exc), type(exc).__name__)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [
        {"loc": [str(part) for part in err.get("loc", ())], "msg": err.get("msg", "")}
        for err in exc.errors()
    ]
    first = detail[0] if detail else {"loc": [], "msg": "invalid request"}
    where = ".".join(first["loc"])
    return error_response(
        422,
        f"{where}: {first['msg']}" if where else str(first["msg"]),
        "RequestValidationError",
        field=first["loc"][-1] if first["loc"] else None,
        detail=detail,
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return error_response(
        exc.status_code,
        str(exc.detail),
        getattr(exc, "kind", "HTTPException"),
        headers=dict(exc.headers) if exc.headers else None,
    )


async def _timeout(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ComputationTimeout)
    return error_response(
        503, str(exc), "ComputationTimeout", headers={"Retry-After": str(exc.retry_after)}
    )
