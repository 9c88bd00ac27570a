"""Expensive routes are computed once per store version and query, under concurrency, and a
computation past the timeout answers 503 with Retry-After while it goes on."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from oresight.api import deps
from oresight.api.cache import ResultCache
from oresight.api.errors import ComputationTimeout
from oresight.store import FLOWS_ARROW_SCHEMA

MONITOR = "/monitor/PRK?freq=Y"


@pytest.mark.parametrize("path", [MONITOR, "/"])
def test_concurrent_identical_requests_compute_once(
    tmp_path: Path, serve_with: Any, path: str
) -> None:
    # the 16 parallel dashboards: 5 x 500, 6 unanswered, then nothing answered at all
    with serve_with(tmp_path / "home") as served:

        def fetch(_: int) -> tuple[int, bytes]:
            response = httpx.get(served.url + path, timeout=120)
            return response.status_code, response.content

        with ThreadPoolExecutor(max_workers=16) as pool:
            answers = list(pool.map(fetch, range(16)))
            check = httpx.get(served.url + "/rules/check?hs=2701&date=2017-09-20", timeout=10)
        assert check.status_code == 200
        assert {status for status, _ in answers} == {200}
        assert len({body for _, body in answers}) == 1
        assert served.app.state.cache.computations == 1
        assert httpx.get(served.url + path, timeout=60).status_code == 200
        assert served.app.state.cache.computations == 1


def test_a_new_store_version_recomputes(tmp_path: Path, serve_with: Any) -> None:
    home = tmp_path / "home"
    with serve_with(home, ORESIGHT_API_VERSION_CHECK_SECONDS="0") as served:
        first = httpx.get(served.url + MONITOR, timeout=120)
        assert first.status_code == 200
        before = first.headers["x-oresight-store-version"]
        deps.get_store().land(
            FLOWS_ARROW_SCHEMA.empty_table(),
            batch_id="test-batch",
            content_hash="0" * 64,
            source="comtrade",
            origin="test",
        )
        second = httpx.get(served.url + MONITOR, timeout=120)
        assert second.status_code == 200
        assert second.headers["x-oresight-store-version"] != before
        assert served.app.state.cache.computations == 2


def test_a_computation_past_the_timeout_is_a_503_and_continues(
    tmp_path: Path, serve_with: Any
) -> None:
    with serve_with(tmp_path / "home", ORESIGHT_API_TIMEOUT_SECONDS="0.001") as served:
        response = httpx.get(served.url + "/brief/PRK", timeout=60)
        assert response.status_code == 503
        assert response.headers["retry-after"] == "1"
        assert response.json()["kind"] == "ComputationTimeout"
        deadline = time.monotonic() + 60
        while (again := httpx.get(served.url + "/brief/PRK", timeout=60)).status_code == 503:
            assert time.monotonic() < deadline, "the brief was never computed"
            time.sleep(0.2)
        assert again.status_code == 200 and again.text.startswith("<!DOCTYPE html>")
        assert served.app.state.cache.computations == 1


def test_other_routes_answer_while_a_computation_runs(tmp_path: Path, serve_with: Any) -> None:
    with serve_with(tmp_path / "home") as served:
        slow = threading.Thread(target=lambda: httpx.get(served.url + "/", timeout=120))
        slow.start()
        started = time.monotonic()
        quick = httpx.get(served.url + "/health", timeout=10)
        assert quick.status_code == 200 and time.monotonic() - started < 5
        slow.join()


def _run(coro: object) -> object:
    return asyncio.run(coro)  # type: ignore[arg-type]


def test_failures_are_not_cached() -> None:
    cache: ResultCache[int] = ResultCache(4)
    calls: list[int] = []

    def failing() -> int:
        calls.append(1)
        raise ValueError("boom")

    async def twice() -> None:
        for _ in range(2):
            with pytest.raises(ValueError):
                await cache.get(("v1", "q"), failing, timeout=5)

    _run(twice())
    assert len(calls) == 2


def test_entries_of_an_older_version_are_dropped_and_the_size_is_bounded() -> None:
    cache: ResultCache[str] = ResultCache(2)

    async def fill() -> None:
        for query in ("a", "b", "c"):
            await cache.get(("v1", query), lambda q=query: q, timeout=5)
        assert list(cache._done) == [("v1", "b"), ("v1", "c")]
        await cache.get(("v2", "a"), lambda: "A", timeout=5)
        assert list(cache._done) == [("v2", "a")]

    _run(fill())


def test_timeout_raises_but_the_result_lands() -> None:
    cache: ResultCache[str] = ResultCache(2)

    async def slow_then_cached() -> None:
        with pytest.raises(ComputationTimeout):
            await cache.get(("v1", "q"), lambda: time.sleep(0.3) or "done", timeout=0.01)
        await asyncio.sleep(0.5)
        assert await cache.get(("v1", "q"), lambda: "again", timeout=0.01) == "done"

    _run(slow_then_cached())


def test_cached_answers_are_served_gzipped_to_clients_that_accept_it(client: httpx.Client) -> None:
    plain = httpx.get(f"{client.base_url}{MONITOR}", headers={"Accept-Encoding": "identity"})
    packed = client.get(MONITOR, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.json() == plain.json()
    assert int(packed.headers["content-length"]) < len(plain.content) / 3
