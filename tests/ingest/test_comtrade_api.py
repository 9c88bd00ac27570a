"""The Comtrade API client against a real HTTP server on 127.0.0.1.

The server answers like UN Comtrade (rows built from a template with the real record shape,
``maxRecords`` honoured, 429/5xx/malformed answers on demand) and logs every request it sees, so
the tests can count what went over the wire: retries, cache hits, splits and resumes.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from oresight.ingest.comtrade_api import ComtradeClient
from oresight.ingest.comtrade_errors import (
    ComtradeConnectionError,
    ComtradeHTTPError,
    ComtradeRateLimited,
    ComtradeResponseError,
    ComtradeTruncatedError,
    NoDataError,
)
from oresight.ingest.comtrade_http import RetryPolicy
from oresight.ingest.comtrade_query import build_query
from oresight.reference import hs

#: Real HS6 codes, so that what the server serves for "AG6" passes the file ingest's checks.
HS6 = sorted(hs.valid_codes("H4", 6))
DATA = Path(__file__).resolve().parents[1] / "data" / "comtrade_api"
TEMPLATE = json.loads((DATA / "preview_M_156_408_201401_270112.json").read_text())["data"][0]
FAST = RetryPolicy(max_tries=4, backoff_base=0.001, backoff_max=0.01, min_interval=0.0)


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeComtrade:
    """What the server does: scripted replies first, then generated answers."""

    url: str = ""
    log: list[tuple[str, dict[str, str], dict[str, str]]] = field(default_factory=list)
    script: list[Reply] = field(default_factory=list)
    fail_from: int | None = None  # every request from this index on gets a 503
    empty_years: set[str] = field(default_factory=set)
    ag6_rows: int = 30  # rows per period when asked for all HS6 codes

    def answer(self, path: str, params: dict[str, str]) -> Reply:
        if self.script:
            return self.script.pop(0)
        if self.fail_from is not None and len(self.log) >= self.fail_from:
            return Reply(503, b'{"statusCode": 503, "message": "Service unavailable"}')
        rows = [
            _row(period, code, flow)
            for period in params["period"].split(",")
            if period[:4] not in self.empty_years
            for cmd in params["cmdCode"].split(",")
            for code in (HS6[: self.ag6_rows] if cmd == "AG6" else [cmd])
            for flow in params["flowCode"].split(",")
        ][: int(params.get("maxRecords", 500))]
        doc = {"elapsedTime": "0.01 secs", "count": len(rows), "data": rows, "error": ""}
        return Reply(200, json.dumps(doc).encode())

    def paths(self) -> list[str]:
        return [path for path, _, _ in self.log]


def _row(period: str, code: str, flow: str) -> dict[str, Any]:
    row = copy.deepcopy(TEMPLATE)
    monthly = len(period) == 6
    row.update(
        freqCode="M" if monthly else "A",
        period=period,
        refYear=int(period[:4]),
        refMonth=int(period[4:]) if monthly else 52,
        refPeriodId=int(period[:4] + (period[4:] if monthly else "01") + "01"),
        cmdCode=code,
        aggrLevel=len(code),
        flowCode=flow,
        primaryValue=1000.0 * int(period) % 97_000 + len(code),
    )
    return row


@contextmanager
def serve() -> Iterator[FakeComtrade]:
    """A FakeComtrade listening on an ephemeral port of 127.0.0.1 for the ``with`` block."""
    fake = FakeComtrade()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = dict(parse_qsl(parts.query))
            reply = fake.answer(parts.path, params)
            fake.log.append((parts.path, params, dict(self.headers)))
            self.send_response(reply.status)
            for name, value in {"Content-Type": "application/json", **reply.headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture()
def server() -> Iterator[FakeComtrade]:
    with serve() as fake:
        yield fake


def client(server: FakeComtrade, tmp_path: Path, **options: Any) -> ComtradeClient:
    options.setdefault("policy", FAST)
    return ComtradeClient(cache_dir=tmp_path / "cache", base_url=server.url, **options)


def test_template_has_the_real_shape(shared_data: Path) -> None:
    real = json.loads(
        (shared_data / "comtrade_api_samples/get_C_A_HS_reporter156_2010.json").read_text()
    )
    assert list(TEMPLATE) == list(real["data"][0])
    assert {type(v) for v in TEMPLATE.values()} <= {str, int, float, bool, type(None)}


def test_monthly_preview_fetch_splits_by_year_and_saves_answers(
    server: FakeComtrade, tmp_path: Path
) -> None:
    query = build_query("CHN", "PRK", "2013-2014", freq="M", hs="2701,2601")
    result = client(server, tmp_path).fetch(query)

    assert server.paths() == ["/public/v1/preview/C/M/HS"] * 2
    first = server.log[0][1]
    assert first["reporterCode"] == "156" and first["partnerCode"] == "408"
    assert first["period"] == ",".join(f"2013{m:02d}" for m in range(1, 13))
    assert first["cmdCode"] == "2701,2601" and first["flowCode"] == "M"
    assert first["maxRecords"] == "500"
    assert result.rows == 48 and len(result.files) == 2 and result.empty == []
    saved = json.loads(result.files[0].read_text())
    assert saved["count"] == 24 and list(saved["data"][0]) == list(TEMPLATE)


def test_repeated_request_is_answered_from_the_cache(server: FakeComtrade, tmp_path: Path) -> None:
    query = build_query("CHN", "PRK", "2013-2014", freq="M", hs="2701")
    client(server, tmp_path).fetch(query)
    again = client(server, tmp_path).fetch(query)
    assert len(server.log) == 2
    assert again.sent == 0 and again.cached == 2 and again.rows == 24

    wider = client(server, tmp_path).fetch(build_query("CHN", "PRK", "2014-2015", hs="2701"))
    assert len(server.log) == 3  # 2014 was already asked for; only 2015 goes out
    assert wider.cached == 1 and wider.sent == 1


def test_429_waits_as_told_by_retry_after(server: FakeComtrade, tmp_path: Path) -> None:
    body = (DATA / "rate_limited.json").read_bytes()
    server.script = [Reply(429, body, {"Retry-After": "2"})]
    sleeps: list[float] = []
    result = client(server, tmp_path, sleep=sleeps.append).fetch(
        build_query("CHN", "PRK", "2014", hs="2701")
    )
    assert len(server.log) == 2 and result.sent == 2 and result.rows == 12
    assert sleeps == [2.0]


def test_429_every_time_raises_rate_limited_with_url(server: FakeComtrade, tmp_path: Path) -> None:
    body = (DATA / "rate_limited.json").read_bytes()
    server.script = [Reply(429, body, {"Retry-After": "0"}) for _ in range(4)]
    with pytest.raises(ComtradeRateLimited) as caught:
        client(server, tmp_path).fetch(build_query("CHN", "PRK", "2014", hs="2701"))
    error = caught.value
    assert error.status == 429 and error.tries == 4 and error.retry_after == 0
    assert error.url is not None and error.url.startswith(server.url + "/public/v1/preview")
    assert "period=201401" in error.url and len(server.log) == 4


def test_5xx_then_success_backs_off_exponentially(server: FakeComtrade, tmp_path: Path) -> None:
    server.script = [Reply(500, b"Internal Server Error"), Reply(503, b"")]
    sleeps: list[float] = []
    policy = RetryPolicy(max_tries=3, backoff_base=0.5, min_interval=0.0)
    result = client(server, tmp_path, policy=policy, sleep=sleeps.append, rand=lambda: 1.0).fetch(
        build_query("CHN", "PRK", "2014", hs="2701")
    )
    assert sleeps == [0.5, 1.0] and len(server.log) == 3 and result.rows == 12


def test_5xx_every_time_raises_http_error_and_records_the_failure(
    server: FakeComtrade, tmp_path: Path
) -> None:
    server.fail_from = 0
    with pytest.raises(ComtradeHTTPError) as caught:
        client(server, tmp_path).fetch(build_query("CHN", "PRK", "2014", hs="2701"))
    assert caught.value.status == 503 and "Service unavailable" in str(caught.value)
    assert caught.value.url and caught.value.url.startswith(server.url)
    manifest = json.loads(next((tmp_path / "cache/manifests").glob("*.json")).read_text())
    assert [r["status"] for r in manifest["requests"]] == ["failed"]
    assert "HTTP 503" in manifest["requests"][0]["error"]


def test_client_error_is_not_retried(server: FakeComtrade, tmp_path: Path) -> None:
    server.script = [Reply(401, (DATA / "unauthorized.json").read_bytes())]
    with pytest.raises(ComtradeHTTPError, match="invalid subscription key") as caught:
        client(server, tmp_path).fetch(build_query("CHN", "PRK", "2014", hs="2701"))
    assert caught.value.status == 401 and len(server.log) == 1


def test_unreachable_server_raises_connection_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = ComtradeClient(cache_dir=tmp_path, base_url=f"http://127.0.0.1:{port}", policy=FAST)
    with pytest.raises(ComtradeConnectionError) as caught:
        api.fetch(build_query("CHN", "PRK", "2014", hs="2701"))
    assert caught.value.tries == 4 and str(port) in (caught.value.url or "")


def test_full_answer_is_split_and_asked_again(server: FakeComtrade, tmp_path: Path) -> None:
    server.ag6_rows = 60  # 12 months x 60 HS6 codes = 720 rows > 500: the answer is cut
    result = client(server, tmp_path).fetch(build_query("CHN", "PRK", "2014", freq="M"))
    periods = [params["period"].count(",") + 1 for _, params, _ in server.log]
    assert periods == [12, 6, 6]
    assert result.rows == 720 and result.splits == 1 and len(result.files) == 2
    assert (
        len(list((tmp_path / "cache/responses").glob("*.json"))) == 2
    )  # the cut answer is not kept
    manifest = json.loads(result.manifest.read_text())
    statuses = [r["status"] for r in manifest["requests"]]
    assert statuses == ["split", "done", "done"]
    assert len(manifest["requests"][0]["children"]) == 2

    again = client(server, tmp_path).fetch(build_query("CHN", "PRK", "2014", freq="M"))
    assert len(server.log) == 3 and again.rows == 720 and again.splits == 1


def test_full_answer_that_cannot_be_split_raises(server: FakeComtrade, tmp_path: Path) -> None:
    server.ag6_rows = 600
    with pytest.raises(ComtradeTruncatedError, match="cannot be split further") as caught:
        client(server, tmp_path).fetch(build_query("CHN", "PRK", "2014", freq="A"))
    assert caught.value.url and "cmdCode=AG6" in caught.value.url


def test_empty_answer_for_everything_raises_no_data(server: FakeComtrade, tmp_path: Path) -> None:
    server.empty_years = {"2013"}
    with pytest.raises(NoDataError) as caught:
        client(server, tmp_path).fetch(build_query("CHN", "PRK", "2013", hs="2701"))
    assert str(caught.value) == (
        "no data for this selection: reporter CHN, partner PRK, 2013-01..2013-12, HS 2701, import"
    )


def test_empty_part_of_a_selection_is_reported_not_raised(
    server: FakeComtrade, tmp_path: Path
) -> None:
    server.empty_years = {"2018"}
    result = client(server, tmp_path).fetch(build_query("CHN", "PRK", "2017-2018", hs="2701"))
    assert result.rows == 12 and len(result.files) == 1
    assert result.empty_messages() == [
        "no data for this selection: reporter CHN, partner PRK, 2018-01..2018-12, HS 2701, import"
    ]
    again = client(server, tmp_path).fetch(build_query("CHN", "PRK", "2017-2018", hs="2701"))
    assert len(server.log) == 2 and again.empty == result.empty


@pytest.mark.parametrize(
    ("name", "message"),
    [("malformed.json", "malformed JSON"), ("error_field.json", "Invalid period: 201313")],
)
def test_unusable_answer_raises_response_error(
    server: FakeComtrade, tmp_path: Path, name: str, message: str
) -> None:
    server.script = [Reply(200, (DATA / name).read_bytes())]
    with pytest.raises(ComtradeResponseError, match=message) as caught:
        client(server, tmp_path).fetch(build_query("CHN", "PRK", "2014", hs="2701"))
    assert caught.value.url and caught.value.url.startswith(server.url)
    assert len(server.log) == 1
    assert not list((tmp_path / "cache/responses").glob("*.json"))


def test_outage_then_rerun_resumes_where_it_stopped(server: FakeComtrade, tmp_path: Path) -> None:
    query = build_query("CHN", "PRK", "2013-2016", hs="2701")
    server.fail_from = 2
    with pytest.raises(ComtradeHTTPError):
        client(server, tmp_path).fetch(query)
    manifest = json.loads(next((tmp_path / "cache/manifests").glob("*.json")).read_text())
    assert [r["status"] for r in manifest["requests"]] == ["done", "done", "failed", "pending"]
    seen = len(server.log)
    assert seen == 2 + FAST.max_tries

    server.fail_from = None
    result = client(server, tmp_path).fetch(query)
    assert len(server.log) - seen == 2  # only 2015 and 2016 go out again
    assert result.rows == 48 and result.cached == 2 and len(result.files) == 4


def test_killed_fetch_resumes_without_asking_again(server: FakeComtrade, tmp_path: Path) -> None:
    query = build_query("CHN", "PRK", "2013-2016", hs="2701")
    calls: list[float] = []

    def sleep_then_die(seconds: float) -> None:
        calls.append(seconds)
        if len(calls) == 2:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C before the third request

    policy = RetryPolicy(max_tries=2, min_interval=1.0)
    frozen = client(server, tmp_path, policy=policy, sleep=sleep_then_die, clock=lambda: 0.0)
    with pytest.raises(KeyboardInterrupt):
        frozen.fetch(query)
    assert len(server.log) == 2
    result = client(server, tmp_path).fetch(query)
    assert len(server.log) == 4 and result.rows == 48 and result.cached == 2


def test_min_interval_spaces_requests(server: FakeComtrade, tmp_path: Path) -> None:
    now = [100.0]  # a clock that moves only when the client sleeps: timings are exact

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    sleeps: list[float] = []
    policy = RetryPolicy(max_tries=2, min_interval=1.5)
    client(server, tmp_path, policy=policy, sleep=sleep, clock=lambda: now[0]).fetch(
        build_query("CHN", "PRK", "2013-2015", hs="2701")
    )
    assert len(server.log) == 3 and sleeps == [1.5, 1.5]


def test_key_selects_full_api_and_stays_secret(server: FakeComtrade, tmp_path: Path) -> None:
    result = client(server, tmp_path, api_key="s3cret-key").fetch(
        build_query("CHN", "PRK", "2014", hs="2701")
    )
    path, params, headers = server.log[0]
    assert path == "/data/v1/get/C/M/HS" and params["maxRecords"] == "100000"
    assert headers["Ocp-Apim-Subscription-Key"] == "s3cret-key"
    assert "s3cret" not in result.manifest.read_text()
    server.script = [Reply(500, b"")] * 4
    with pytest.raises(ComtradeHTTPError) as caught:
        client(server, tmp_path, api_key="s3cret-key").fetch(
            build_query("CHN", "PRK", "2015", hs="2701")
        )
    assert "s3cret" not in str(caught.value)


def test_429_without_header_waits_as_the_message_says(server: FakeComtrade, tmp_path: Path) -> None:
    server.script = [Reply(429, (DATA / "rate_limited.json").read_bytes())]
    sleeps: list[float] = []
    client(server, tmp_path, sleep=sleeps.append).fetch(
        build_query("CHN", "PRK", "2014", hs="2701")
    )
    assert sleeps == [1.0]  # "Rate limit is exceeded. Try again in 1 seconds."


def test_unreadable_manifest_starts_afresh_but_keeps_the_cache(
    server: FakeComtrade, tmp_path: Path
) -> None:
    query = build_query("CHN", "PRK", "2013-2014", hs="2701")
    first = client(server, tmp_path).fetch(query)
    first.manifest.write_text("{not json")
    again = client(server, tmp_path).fetch(query)
    assert len(server.log) == 2 and again.cached == 2 and again.rows == 24
    assert json.loads(first.manifest.read_text())["requests"][0]["status"] == "done"
