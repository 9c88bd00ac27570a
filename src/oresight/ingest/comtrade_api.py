"""Client for the live UN Comtrade API (v1): plan, download, cache, resume, then ingest.

Without a key it uses the public preview endpoint (at most 500 rows per answer); with
``COMTRADE_API_KEY`` the full ``data/v1/get`` endpoint (100,000 rows, key in the
``Ocp-Apim-Subscription-Key`` header). Answers are saved as JSON files in a cache directory and
then handed to the file ingest (``oresight.ingest.ingest_files("comtrade", ...)``), so what lands
in the store is exactly what was downloaded, and the files can be re-ingested offline.

Examples
--------
>>> query = build_query("CHN", "MNG", "2013-2014", freq="M", hs="2701,2601")  # doctest: +SKIP
>>> result = ComtradeClient(cache_dir=tmp_path).fetch(query)                 # doctest: +SKIP
>>> result.rows, result.empty                                                # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oresight.ingest.batch import DEFAULT_MAX_REJECT_SHARE, IngestResult, ingest_files
from oresight.ingest.comtrade_errors import NoDataError
from oresight.ingest.comtrade_http import PoliteClient, RetryPolicy
from oresight.ingest.comtrade_manifest import Manifest
from oresight.ingest.comtrade_plan import ComtradeQuery, RequestSpec, plan
from oresight.ingest.comtrade_run import FetchResult, FetchRun, parse_answer
from oresight.ingest.http_cache import ResponseCache
from oresight.settings import get_settings
from oresight.store import Store

__all__ = ["ComtradeClient", "Endpoint", "FetchResult", "ingest_fetched", "parse_answer"]

DEFAULT_BASE_URL = "https://comtradeapi.un.org"
PREVIEW_PATH = "/public/v1/preview/C/{freq}/HS"
FULL_PATH = "/data/v1/get/C/{freq}/HS"
PREVIEW_ROW_LIMIT = 500
FULL_ROW_LIMIT = 100_000


@dataclass(frozen=True)
class Endpoint:
    """Where requests go and how many rows one answer can hold."""

    url: str
    row_limit: int
    keyed: bool

    @classmethod
    def choose(cls, freq: str, *, api_key: str | None, base_url: str | None = None) -> Endpoint:
        """Preview without a key, full API with one; ``ORESIGHT_COMTRADE_URL`` moves the host."""
        base = (base_url or get_settings().comtrade_url or DEFAULT_BASE_URL).rstrip("/")
        if api_key:
            return cls(base + FULL_PATH.format(freq=freq), FULL_ROW_LIMIT, True)
        return cls(base + PREVIEW_PATH.format(freq=freq), PREVIEW_ROW_LIMIT, False)


class ComtradeClient:
    """Downloads a :class:`ComtradeQuery` into ``cache_dir``, politely and resumably."""

    def __init__(
        self,
        *,
        cache_dir: Path,
        api_key: str | None = None,
        base_url: str | None = None,
        policy: RetryPolicy | None = None,
        row_limit: int | None = None,
        max_periods: int = 12,
        max_codes: int = 20,
        **http_options: Any,
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self.api_key = api_key
        self.base_url = base_url
        self.policy = policy or RetryPolicy()
        self.row_limit = row_limit
        self.max_periods, self.max_codes = max_periods, max_codes
        self.http_options = http_options  # sleep/clock/rand/transport, for tests

    def fetch(
        self,
        query: ComtradeQuery,
        *,
        require_data: bool = True,
        on_answer: Callable[[str], None] | None = None,
        fresh_after: float | None = None,
    ) -> FetchResult:
        """Fetch every request of the query's plan; raise :class:`NoDataError` if all are empty.

        ``on_answer`` receives one line per answered request (for progress output).
        ``fresh_after`` (a UNIX time) refreshes: answers saved before it (cached bodies, and
        empty or split outcomes in the manifest) go out to the network again, because the data
        may have been revised since; answers saved after it are reused, so a refresh resumes.
        """
        endpoint = Endpoint.choose(query.freq, api_key=self.api_key, base_url=self.base_url)
        limit = self.row_limit or endpoint.row_limit
        manifest = Manifest.for_query(self.cache_dir, query.to_dict(), endpoint.url)
        result = FetchResult(query, self.cache_dir, manifest.path, endpoint.url)
        headers = {"Ocp-Apim-Subscription-Key": self.api_key} if self.api_key else {}
        run = FetchRun(query, endpoint.url, limit, manifest, ResponseCache(self.cache_dir), result)
        run.on_answer = on_answer
        run.fresh_after = fresh_after
        specs = plan(query, row_limit=limit, max_periods=self.max_periods, max_codes=self.max_codes)
        for spec in specs:
            run.register(spec)  # the whole plan is on record before the first request
        manifest.save()
        with PoliteClient(self.policy, headers=headers, **self.http_options) as http:
            run.http = http
            try:
                for spec in specs:
                    run.request(spec)
            finally:
                result.sent = http.sent
                manifest.save()
        if require_data and not result.rows:
            raise NoDataError(_whole_selection(query))
        return result


def _whole_selection(query: ComtradeQuery) -> str:
    periods = query.periods()
    whole = RequestSpec((periods[0], periods[-1]), query.hs_codes, query.flows)
    return whole.selection(query.reporter, query.partner)


def ingest_fetched(
    result: FetchResult, store: Store, *, max_reject_share: float = DEFAULT_MAX_REJECT_SHARE
) -> list[IngestResult]:
    """Hand the downloaded files to the file ingest, each file one batch."""
    return ingest_files("comtrade", result.files, store, max_reject_share=max_reject_share)
