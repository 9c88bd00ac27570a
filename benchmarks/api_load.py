"""Load benchmark of the HTTP API: requests/s, p50/p99 latency and errors per route and client
count, against a real ``oresight serve``-style uvicorn server on loopback.

The server runs in its own process (as a team would run it); the clients are keep-alive
HTTP/1.1 connections driven by one asyncio loop in this process, so the client costs little
of the two cores. Each (route, clients) run is bounded in time; every route is requested once
before measuring (the results are cached per store version: "warm").

Targets (issue 14; 8 clients, loopback): /monitor/PRK >= 200 req/s with p99 < 50 ms warm,
/rules/check >= 1,000 req/s, /screen >= 500 req/s, 0 errors on every route.

Clients send ``Accept-Encoding: gzip`` as browsers, httpx and requests do (``--no-gzip`` not).

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/api_load.py [--seconds 20] [--clients 1,4,8]
[--routes monitor,rules,screen] [--home DIR] [--no-gzip]`` (default home: a fresh temporary
store with the shipped published figures, as `oresight serve` has on a fresh machine).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"  # loopback only: this benchmark never sends traffic elsewhere
ROUTES = {
    "monitor": "/monitor/PRK",
    "rules": "/rules/check?hs=2701&date=2017-09-20",
    "screen": "/screen?name=Korea%20Mining%20Development%20Trading",
    # a name never asked before on every request: the screening itself, no cached answer
    "screen_new": "/screen?name=Korea%20Mining%20Trading%20{n}",
    "brief": "/brief/PRK",
    "dashboard": "/",
    "health": "/health",
}
SERVER = """
import uvicorn
from oresight.api import create_app
uvicorn.run(create_app(), host={host!r}, port={port}, log_level="warning", access_log=False)
"""


@dataclass
class Run:
    route: str
    clients: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    def summary(self) -> dict[str, object]:
        times = sorted(self.latencies_ms)

        def pct(p: float) -> float | None:
            return round(times[min(len(times) - 1, int(p * len(times)))], 2) if times else None

        return {
            "route": self.route,
            "clients": self.clients,
            "requests": len(times) + self.errors,
            "req_per_s": round(len(times) / self.seconds, 1),
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
            "errors": self.errors,
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ORESIGHT_HOME": str(home)}
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    code = SERVER.format(host=HOST, port=port)
    process = subprocess.Popen([sys.executable, "-c", code], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("the API server exited at start") from None
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the API server did not start within 60 s")


ACCEPT = {"gzip": "Accept-Encoding: gzip\r\n"}  # what browsers, httpx and requests send


async def _get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str, port: int
) -> int:
    """One keep-alive GET; returns the status after reading the whole body."""
    accept = ACCEPT.get("gzip", "")
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n{accept}\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status


_count = itertools.count()


async def _client(run: Run, path: str, port: int, stop_at: float) -> None:
    reader, writer = await asyncio.open_connection(HOST, port, limit=2**24)
    try:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            target = path.format(n=next(_count)) if "{n}" in path else path
            try:
                status = await asyncio.wait_for(_get(reader, writer, target, port), 30)
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
                run.errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port, limit=2**24)
                continue
            run.statuses[status] = run.statuses.get(status, 0) + 1
            if status == 200:
                run.latencies_ms.append((time.perf_counter() - started) * 1000)
            else:
                run.errors += 1
    finally:
        writer.close()


async def measure(route: str, clients: int, seconds: float, port: int) -> Run:
    run = Run(route, clients, seconds)
    stop_at = time.perf_counter() + seconds
    await asyncio.gather(*(_client(run, ROUTES[route], port, stop_at) for _ in range(clients)))
    return run


async def warm(routes: list[str], port: int) -> None:
    reader, writer = await asyncio.open_connection(HOST, port, limit=2**24)
    for route in routes:
        path = ROUTES[route].format(n="warm") if "{n}" in ROUTES[route] else ROUTES[route]
        status = await asyncio.wait_for(_get(reader, writer, path, port), 300)
        if status != 200:
            raise RuntimeError(f"warm-up of {ROUTES[route]} answered {status}")
    writer.close()


def main(argv: list[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="per route and client count")
    parser.add_argument("--clients", default="1,4,8")
    parser.add_argument("--routes", default=",".join(ROUTES))
    parser.add_argument("--home", type=Path, default=None, help="ORESIGHT_HOME (default: temp)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-gzip", action="store_true", help="do not send Accept-Encoding: gzip")
    args = parser.parse_args(argv)
    if args.no_gzip:
        ACCEPT.clear()
    routes = [r for r in args.routes.split(",") if r]
    unknown = sorted(set(routes) - set(ROUTES))
    if unknown:
        parser.error(f"unknown routes {unknown}: choose from {sorted(ROUTES)}")
    counts = [int(c) for c in args.clients.split(",") if c]
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="oresight-api-load-") as tmp:
        server = start_server(args.home or Path(tmp), port)
        try:
            asyncio.run(warm(routes, port))
            results = [
                asyncio.run(measure(route, clients, args.seconds, port)).summary()
                for route in routes
                for clients in counts
            ]
        finally:
            server.terminate()
            server.wait(timeout=30)
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print(f"{'route':<10} {'clients':>7} {'requests':>8} {'req/s':>8} {'p50 ms':>7} "
              f"{'p99 ms':>7} {'errors':>6}")  # fmt: skip
        for r in results:
            print(f"{r['route']:<10} {r['clients']:>7} {r['requests']:>8} {r['req_per_s']:>8} "
                  f"{r['p50_ms']!s:>7} {r['p99_ms']!s:>7} {r['errors']:>6}")  # fmt: skip
    return results


if __name__ == "__main__":
    main()
