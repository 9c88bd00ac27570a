"""The checks every request passes before a route runs: trusted Host, bearer token, body size.

A plain ASGI middleware (no per-request task or body copy) so that it costs microseconds on the
hot routes. Each refusal is answered in the API's one error shape.

- Host: a page on another site can make a browser send requests to 127.0.0.1 under its own name
  (DNS rebinding); only names in ``ORESIGHT_API_TRUSTED_HOSTS`` (loopback by default) are served.
- Token: with ``ORESIGHT_API_TOKEN`` set, every route but ``/health`` and the docs wants
  ``Authorization: Bearer <token>``.
- Body: a body above ``ORESIGHT_API_MAX_BODY_BYTES`` is refused (413) by its Content-Length, or
  as soon as a chunked body passes the limit.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from typing import Any

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from oresight.api.errors import error_bytes

# Liveness and the API's own description need no token: the docs hold no data, and a browser
# cannot send a bearer token to load a page (Swagger UI's "Authorize" sends it to the routes).
OPEN_PATHS = frozenset({"/health", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})
OPEN_PREFIXES = ("/static-offline-docs/",)


class _TooLarge(StarletteHTTPException):
    """Raised while a route reads the body: FastAPI passes HTTP exceptions to their handler
    (any other exception there it would turn into a 400)."""

    kind = "RequestTooLarge"


def host_name(header: str) -> str:
    """The name in a Host header, without its port (``[::1]:8000`` -> ``::1``)."""
    text = header.strip().lower()
    if text.startswith("["):
        return text[1 : text.find("]")] if "]" in text else text[1:]
    if text.count(":") == 1:
        return text.split(":", 1)[0]
    return text


def host_allowed(name: str, trusted: Iterable[str]) -> bool:
    """``name`` is one of ``trusted``; ``*`` trusts all, ``*.example.org`` its subdomains."""
    for pattern in trusted:
        pattern = pattern.lower()
        if pattern == "*" or name == pattern:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


class Guard:
    """Trusted hosts, bearer token and body limit in front of ``app``."""

    def __init__(
        self, app: ASGIApp, *, trusted_hosts: Iterable[str], token: str | None, max_body: int
    ) -> None:
        self.app = app
        self.trusted = tuple(trusted_hosts)
        self.token = token.encode() if token else None
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        host = host_name(headers.get("host", ""))
        if not host_allowed(host, self.trusted):
            await _refuse(send, 400, f"host {host!r} is not a trusted host", "UntrustedHost")
            return
        if not _open(scope["path"]) and not self._authorised(headers):
            await _refuse(
                send,
                401,
                "this API wants 'Authorization: Bearer <ORESIGHT_API_TOKEN>'",
                "Unauthorized",
                [(b"www-authenticate", b"Bearer")],
            )
            return
        length = headers.get("content-length", "")
        if length.isascii() and length.isdigit() and int(length) > self.max_body:
            await _refuse(send, 413, self._too_large(), "RequestTooLarge")
            return
        await self._bounded(scope, receive, send)

    def _authorised(self, headers: dict[str, str]) -> bool:
        if self.token is None:
            return True
        scheme, _, value = headers.get("authorization", "").partition(" ")
        given = value.strip().encode("latin-1")
        return scheme.lower() == "bearer" and hmac.compare_digest(given, self.token)

    def _too_large(self) -> str:
        return f"request body larger than {self.max_body:,} bytes (ORESIGHT_API_MAX_BODY_BYTES)"

    async def _bounded(self, scope: Scope, receive: Receive, send: Send) -> None:
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge(413, self._too_large())
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _refuse(send, 413, self._too_large(), "RequestTooLarge")


def _open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}


async def _refuse(
    send: Send,
    status: int,
    message: str,
    kind: str,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    body = error_bytes(status, message, kind)
    headers: list[Any] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
