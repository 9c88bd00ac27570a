"""A real oresight HTTP server on loopback, one per test module (or per test that needs its own
settings)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from oresight.api import create_app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Served:
    """A running server: its URL and the app it serves (tests read the app's cache)."""

    url: str
    app: FastAPI


@contextmanager
def serve(app: FastAPI) -> Iterator[Served]:
    """Run ``app`` under uvicorn on a free loopback port until the block ends."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start within 20 s")
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def served_with(home: Path, **env: str) -> Iterator[Served]:
    """A server over ``home`` with these ``ORESIGHT_*`` settings (read when the app is built)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ORESIGHT_HOME", str(home))
    for name, value in env.items():
        mp.setenv(name, value)
    try:
        with serve(create_app()) as served:
            yield served
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    home = tmp_path_factory.mktemp("api-home")
    mp = pytest.MonkeyPatch()
    mp.setenv("ORESIGHT_HOME", str(Path(home)))
    with serve(create_app()) as served:
        yield served
    mp.undo()


@pytest.fixture(scope="module")
def api_url(api_server: Served) -> str:
    return api_server.url


@pytest.fixture()
def client(api_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_url, timeout=60) as http:
        yield http


@pytest.fixture()
def serve_with() -> object:
    """``serve_with(home, ORESIGHT_X="...")``: a context manager running a server with its own
    settings (for a test of the token, the timeout, the cache)."""
    return served_with
