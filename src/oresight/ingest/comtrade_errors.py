"""Typed failures of the UN Comtrade API client.

Every one carries the URL of the request that failed (without the subscription key, which
travels in a header), so a user can retry it by hand or report it. The client never prints an
error and returns ``None``: it raises one of these.
"""

from __future__ import annotations

from oresight.errors import OresightError


class ComtradeError(OresightError):
    """Base class: a request to UN Comtrade that did not give usable data."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        self.url = url
        super().__init__(f"{message} ({url})" if url else message)


class ComtradeHTTPError(ComtradeError):
    """The API answered with an HTTP error status (after retries, for 5xx)."""

    def __init__(self, status: int, url: str, *, detail: str = "") -> None:
        self.status = status
        self.detail = detail
        text = f"UN Comtrade answered HTTP {status}"
        super().__init__(f"{text}: {detail}" if detail else text, url=url)


class ComtradeRateLimited(ComtradeHTTPError):
    """HTTP 429 persisted through every retry; ``retry_after`` is the server's last hint."""

    def __init__(self, url: str, *, retry_after: float | None, tries: int) -> None:
        self.retry_after = retry_after
        self.tries = tries
        hint = f"; server asks to wait {retry_after:g} s" if retry_after is not None else ""
        super().__init__(429, url, detail=f"rate limited after {tries} tries{hint}")


class ComtradeConnectionError(ComtradeError):
    """The API could not be reached (DNS, refused connection, timeout) after every retry."""

    def __init__(self, url: str, *, cause: str, tries: int) -> None:
        self.cause = cause
        self.tries = tries
        super().__init__(f"cannot reach UN Comtrade after {tries} tries: {cause}", url=url)


class ComtradeResponseError(ComtradeError):
    """A 200 answer that is not usable: malformed JSON, wrong shape, or an ``error`` field."""


class ComtradeTruncatedError(ComtradeResponseError):
    """An answer filled the row limit and the request cannot be split any further."""


class NoDataError(ComtradeError):
    """The API has no rows at all for the whole selection asked for."""

    def __init__(self, selection: str) -> None:
        self.selection = selection
        super().__init__(f"no data for this selection: {selection}")
