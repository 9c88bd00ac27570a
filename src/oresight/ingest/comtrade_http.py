"""HTTP for the Comtrade client: one GET at a time, throttled, retried with backoff.

Why its own module: the politeness rules (a minimum interval between requests, exponential
backoff with full jitter on 429/5xx/connection errors, honouring ``Retry-After``, a bounded
number of tries) are the same for every endpoint and are what tests need to drive with short
delays; ``sleep``, ``clock`` and ``random`` are injectable for that reason.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from oresight.ingest.comtrade_errors import (
    ComtradeConnectionError,
    ComtradeError,
    ComtradeHTTPError,
    ComtradeRateLimited,
)
from oresight.ingest.http_cache import normalise_url

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: tries per request, backoff (seconds), and the minimum gap between calls."""

    max_tries: int = 5
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    min_interval: float = 1.0
    retry_after_max: float = 300.0
    timeout: float = 60.0

    def __post_init__(self) -> None:
        if self.max_tries < 1:
            raise ValueError(f"max_tries must be at least 1, not {self.max_tries}")

    def backoff(self, attempt: int, rand: Callable[[], float]) -> float:
        """Full jitter: a random wait in [0, min(max, base * 2**attempt)] (attempt from 0)."""
        return rand() * min(self.backoff_max, self.backoff_base * 2**attempt)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); ``None`` if absent."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class PoliteClient:
    """GETs through one ``httpx.Client`` with throttling and retries; raises typed errors."""

    def __init__(
        self,
        policy: RetryPolicy,
        *,
        headers: Mapping[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rand: Callable[[], float] = random.random,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.policy = policy
        self.sleep, self.clock, self.rand = sleep, clock, rand
        self.sent = 0  # requests that went out on the wire, retries included
        self._last: float | None = None
        self._http = httpx.Client(
            headers=dict(headers or {}), timeout=policy.timeout, transport=transport
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, params: Mapping[str, str]) -> httpx.Response:
        """The first non-retryable answer; 4xx other than 429 raise at once, no retry."""
        shown = normalise_url(url, params)
        retry_after: float | None = None
        error: ComtradeError = ComtradeError("no request was sent", url=shown)
        for attempt in range(self.policy.max_tries):
            if attempt:
                wait = self.policy.backoff(attempt - 1, self.rand)
                if retry_after is not None:
                    wait = max(wait, min(retry_after, self.policy.retry_after_max))
                self.sleep(wait)
            try:
                response = self._send(url, params)
            except httpx.TransportError as exc:
                error = ComtradeConnectionError(
                    shown, cause=f"{type(exc).__name__}: {exc}", tries=attempt + 1
                )
                retry_after = None
                continue
            if response.status_code == 429:
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                if retry_after is None:
                    retry_after = _hinted_wait(response)
                error = ComtradeRateLimited(shown, retry_after=retry_after, tries=attempt + 1)
                continue
            if response.status_code in RETRY_STATUSES:
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                error = ComtradeHTTPError(response.status_code, shown, detail=_detail(response))
                continue
            if response.status_code >= 400:
                raise ComtradeHTTPError(response.status_code, shown, detail=_detail(response))
            return response
        raise error

    def _send(self, url: str, params: Mapping[str, str]) -> httpx.Response:
        if self._last is not None:
            gap = self.policy.min_interval - (self.clock() - self._last)
            if gap > 0:
                self.sleep(gap)
        self.sent += 1
        try:
            return self._http.get(url, params=dict(params))
        finally:
            self._last = self.clock()


def _hinted_wait(response: httpx.Response) -> float | None:
    """The wait named in the gateway's message ("Try again in 1 seconds.") when no header says."""
    match = re.search(r"try again in (\d+(?:\.\d+)?) seconds?", response.text, re.IGNORECASE)
    return float(match[1]) if match else None


def _detail(response: httpx.Response) -> str:
    """The API's own message (Comtrade errors are JSON with ``message``), cut to one line."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip().splitlines()[0][:200] if response.text.strip() else ""
    if isinstance(body, dict):
        for name in ("message", "error", "detail"):
            if body.get(name):
                return str(body[name])[:200]
    return ""
