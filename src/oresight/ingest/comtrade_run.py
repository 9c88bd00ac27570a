"""One fetch's work: answer each planned request from the cache or the network, split full ones.

:class:`FetchRun` walks the plan; every outcome goes to the manifest at once, so a rerun after an
interruption picks up where this one stopped. An answer that fills the row limit may be cut
short: it is never kept, and its request is split in two and asked again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oresight.ingest.comtrade_errors import (
    ComtradeError,
    ComtradeResponseError,
    ComtradeTruncatedError,
)
from oresight.ingest.comtrade_http import PoliteClient
from oresight.ingest.comtrade_manifest import Manifest, ManifestEntry
from oresight.ingest.comtrade_plan import ComtradeQuery, RequestSpec
from oresight.ingest.comtrade_query import comtrade_country_code
from oresight.ingest.http_cache import ResponseCache, normalise_url, request_key

#: Fixed breakdown: all customs procedures, all transport modes, no second partner, so that
#: one (reporter, partner, period, HS code, flow) gives one row and rows are not double counted.
FIXED_PARAMS = {
    "partner2Code": "0",
    "customsCode": "C00",
    "motCode": "0",
    "format": "JSON",
    "breakdownMode": "classic",
    "includeDesc": "true",
}


@dataclass
class FetchResult:
    """What a fetch did: files with rows, empty selections, and how many requests went out."""

    query: ComtradeQuery
    cache_dir: Path
    manifest: Path
    endpoint: str
    files: list[Path] = field(default_factory=list)
    rows: int = 0
    requests: int = 0  # distinct requests answered (from the network or the cache)
    sent: int = 0  # HTTP requests that went out, retries included
    cached: int = 0  # answers reused from the cache or the manifest
    splits: int = 0  # answers that filled the row limit and were split
    empty: list[str] = field(default_factory=list)

    def empty_messages(self) -> list[str]:
        return [f"no data for this selection: {selection}" for selection in self.empty]

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query.to_dict(),
            "endpoint": self.endpoint,
            "cache_dir": str(self.cache_dir),
            "manifest": str(self.manifest),
            "files": [str(path) for path in self.files],
            "rows": self.rows,
            "requests": self.requests,
            "sent": self.sent,
            "cached": self.cached,
            "splits": self.splits,
            "empty": self.empty_messages(),
        }


@dataclass
class FetchRun:
    """The state of one fetch; ``request`` handles one planned request and its splits."""

    query: ComtradeQuery
    url: str  # the endpoint
    limit: int
    manifest: Manifest
    cache: ResponseCache
    result: FetchResult
    http: PoliteClient | None = None
    on_answer: Callable[[str], None] | None = None
    fresh_after: float | None = None  # a refresh: answers saved before this UNIX time are stale
    _cached: bool = False  # whether the answer being handled came from the cache

    def params(self, spec: RequestSpec) -> dict[str, str]:
        return {
            "reporterCode": str(comtrade_country_code(self.query.reporter)),
            "partnerCode": str(comtrade_country_code(self.query.partner)),
            "period": ",".join(spec.periods),
            "cmdCode": ",".join(spec.hs_codes),
            "flowCode": ",".join(spec.flows),
            "maxRecords": str(self.limit),
            **FIXED_PARAMS,
        }

    def register(self, spec: RequestSpec) -> tuple[ManifestEntry, dict[str, str]]:
        """Put the request in the manifest (``pending`` unless a former run finished it)."""
        params = self.params(spec)
        key = request_key(self.url, params)
        return self.manifest.add(key, normalise_url(self.url, params), spec), params

    def request(self, spec: RequestSpec) -> None:
        """Answer one request from the cache or the network; split it if the answer is full."""
        entry, params = self.register(spec)
        if entry.answered_before(self.fresh_after):
            entry.status = "pending"  # a remembered empty or split answer may be out of date
        if entry.status == "split":
            self.result.splits += 1
            for child in _split(spec, entry.url):
                self.request(child)
            return
        try:
            body = self._answer(entry, params)
            rows = len(parse_answer(body, entry.url))
            children = _split(spec, entry.url) if rows >= self.limit else ()
        except ComtradeError as exc:
            entry.status, entry.error = "failed", str(exc)
            self.manifest.save()
            raise
        self.result.requests += 1
        if children:
            # A full answer may be cut short: never keep it, ask for its halves instead.
            entry.status, entry.rows = "split", rows
            entry.answered_at = time.time()
            entry.children = [self.register(child)[0].key for child in children]
            self.manifest.save()
            self.result.splits += 1
            self._tell(spec, f"{rows} rows fill the row limit, asking again in two halves")
            for child in children:
                self.request(child)
            return
        self._keep(entry, spec, body, rows)

    def _answer(self, entry: ManifestEntry, params: dict[str, str]) -> bytes:
        body = self.cache.get(entry.key, fresh_after=self.fresh_after)
        if body is None and entry.status == "empty":
            body = b'{"count": 0, "data": []}'  # the manifest remembers an empty answer
        self._cached = body is not None
        if body is not None:
            self.result.cached += 1
            return body
        assert self.http is not None
        return self.http.get(self.url, params).content

    def _keep(self, entry: ManifestEntry, spec: RequestSpec, body: bytes, rows: int) -> None:
        """Store a complete answer and record it: a file to ingest, or an empty selection."""
        path = self.cache.put(entry.key, body)
        entry.rows, entry.error = rows, None
        if not self._cached or entry.answered_at is None:
            entry.answered_at = time.time()
        if rows:
            entry.status, entry.file = "done", str(path.relative_to(self.cache.root))
            self.result.files.append(path)
            self.result.rows += rows
        else:
            entry.status = "empty"
            self.result.empty.append(spec.selection(self.query.reporter, self.query.partner))
        self.manifest.save()
        self._tell(spec, f"{rows} rows" if rows else "no data")

    def _tell(self, spec: RequestSpec, what: str) -> None:
        if self.on_answer is not None:
            words = spec.selection(self.query.reporter, self.query.partner)
            source = " (from the cache)" if self._cached else ""
            self.on_answer(f"{words}: {what}{source}")


def _split(spec: RequestSpec, url: str) -> tuple[RequestSpec, RequestSpec]:
    halves = spec.split()
    if halves is None:
        raise ComtradeTruncatedError(
            "the answer filled the row limit and this request (one period, one HS code, one "
            "flow) cannot be split further; name HS codes with --hs or use an API key",
            url=url,
        )
    return halves


def parse_answer(body: bytes, url: str) -> list[dict[str, Any]]:
    """The ``data`` rows of an answer; raise :class:`ComtradeResponseError` on anything else."""
    try:
        document = json.loads(body)
    except ValueError as exc:
        snippet = body[:80].decode("utf-8", "replace")
        message = f"malformed JSON in the answer ({exc}): {snippet!r}"
        raise ComtradeResponseError(message, url=url) from exc
    if not isinstance(document, dict):
        raise ComtradeResponseError("the answer is not a JSON object", url=url)
    if document.get("error"):
        raise ComtradeResponseError(f"UN Comtrade reported an error: {document['error']}", url=url)
    data = document.get("data")
    if data is None and not document.get("count"):
        return []
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise ComtradeResponseError("the answer has no list of records under 'data'", url=url)
    return data
