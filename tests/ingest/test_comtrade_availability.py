"""The data-availability client and the cache refresh, against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from test_comtrade_api import FAST, FakeComtrade, client

from oresight.ingest.comtrade_availability import (
    AvailabilityUnavailable,
    fetch_releases,
    parse_releases,
)
from oresight.ingest.comtrade_errors import ComtradeResponseError
from oresight.ingest.comtrade_query import build_query

DATA = Path(__file__).resolve().parents[1] / "data" / "comtrade_api"
RECORD = json.loads((DATA / "getDA_M_156_202401.json").read_text())["data"][0]


@contextmanager
def availability_server(
    status: int = 200, records: list[dict[str, Any]] | None = None
) -> Iterator[tuple[str, list[tuple[str, dict[str, str]]]]]:
    log: list[tuple[str, dict[str, str]]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = dict(parse_qsl(parts.query))
            log.append((parts.path, params))
            wanted = params.get("period", "").split(",")
            rows = [r for r in (records or []) if str(r["period"]) in wanted]
            body = json.dumps({"count": len(rows), "data": rows, "error": ""}).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", log
    finally:
        httpd.shutdown()
        httpd.server_close()


def _record(period: str, released: str, checksum: int = 1) -> dict[str, Any]:
    return {**RECORD, "period": int(period), "lastReleased": released, "datasetChecksum": checksum}


def test_releases_give_one_stamp_per_released_period_in_requests_of_12() -> None:
    periods = [f"2024{m:02d}" for m in range(1, 13)] + ["202501"]
    records = [_record("202401", "2024-03-07"), _record("202402", "2024-04-02", 7)]
    with availability_server(records=records) as (url, log):
        stamps = fetch_releases("CHN", "M", periods, base_url=url, policy=FAST)
    assert set(stamps) == {"202401", "202402"}  # unreleased months are absent
    assert "2024-04-02" in stamps["202402"] and ":7" in stamps["202402"]
    assert [path for path, _ in log] == ["/public/v1/getDA/C/M/HS"] * 2
    assert log[0][1]["reporterCode"] == "156" and len(log[0][1]["period"].split(",")) == 12


def test_a_revision_changes_the_stamp() -> None:
    with availability_server(records=[_record("202401", "2024-03-07", 1)]) as (url, _):
        before = fetch_releases("CHN", "M", ["202401"], base_url=url, policy=FAST)
    with availability_server(records=[_record("202401", "2024-05-01", 2)]) as (url, _):
        after = fetch_releases("CHN", "M", ["202401"], base_url=url, policy=FAST)
    assert before["202401"] != after["202401"]


def test_keyed_requests_use_the_data_api_path() -> None:
    with availability_server(records=[]) as (url, log):
        fetch_releases("CHN", "M", ["202401"], api_key="k", base_url=url, policy=FAST)
    assert log[0][0] == "/data/v1/getDa/C/M/HS"


def test_a_host_without_the_endpoint_is_told_apart_from_a_failure() -> None:
    with availability_server(status=404) as (url, _), pytest.raises(AvailabilityUnavailable):
        fetch_releases("CHN", "M", ["202401"], base_url=url, policy=FAST)


def test_an_availability_record_without_lastreleased_is_an_error() -> None:
    body = json.dumps({"data": [{**RECORD, "lastReleased": None}]}).encode()
    with pytest.raises(ComtradeResponseError, match="lastReleased"):
        parse_releases(body, "http://x")


def test_a_refresh_sends_cached_requests_again_and_a_killed_refresh_resumes(
    tmp_path: Path,
) -> None:
    from test_comtrade_api import serve

    query = build_query("CHN", "PRK", "2014", freq="M", hs="270112")
    with serve() as server:
        server: FakeComtrade  # type: ignore[no-redef]
        first = client(server, tmp_path).fetch(query)
        assert first.sent == 1
        again = client(server, tmp_path).fetch(query)
        assert again.sent == 0 and again.cached == 1  # without a refresh: the cache answers
        since = time.time()
        time.sleep(0.01)
        refreshed = client(server, tmp_path).fetch(query, fresh_after=since)
        assert refreshed.sent == 1  # an update must not be hidden by the cache
        resumed = client(server, tmp_path).fetch(query, fresh_after=since)
        assert resumed.sent == 0  # answered during this refresh: reused


def test_a_refresh_asks_again_for_a_selection_remembered_as_empty(tmp_path: Path) -> None:
    from test_comtrade_api import serve

    query = build_query("CHN", "PRK", "2014", freq="M", hs="270112")
    with serve() as server:
        server.empty_years = {"2014"}
        client(server, tmp_path).fetch(query, require_data=False)
        server.empty_years = set()  # the month is released later
        since = time.time()
        time.sleep(0.01)
        result = client(server, tmp_path).fetch(query, fresh_after=since)
    assert result.rows == 12 and result.sent == 1


def test_only_periods_fetches_just_those_months(tmp_path: Path) -> None:
    from test_comtrade_api import serve

    full = build_query("CHN", "PRK", "2014", freq="M", hs="270112")
    query = type(full)(**{**full.__dict__, "only_periods": ("201403", "201407")})
    with serve() as server:
        result = client(server, tmp_path).fetch(query)
    assert result.rows == 2
    assert server.log[0][1]["period"] == "201403,201407"
