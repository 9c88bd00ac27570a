"""Store concurrency benchmark: HTTP clients read while two ingests land, one after the other.

    .venv/bin/python benchmarks/store_concurrency.py                      # 8 clients, 60 s
    .venv/bin/python benchmarks/store_concurrency.py --clients 2 --seconds 5 --rows 2000

Starts a real ``oresight serve`` on loopback (127.0.0.1 only) over a store holding ``--rows``
flows, runs ``--clients`` threads of requests on the store routes (``/store/info`` and
``/flows``) for ``--seconds`` (bounded in time), and meanwhile lands two files with
``oresight ingest`` in another process: a revision of every row, then new rows. Prints errors
(target 0), requests/s, p50/p99 latency per route, and the store versions responses were
served from.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROUTES = ("/store/info", "/flows?reporter=CHN&partner=PRK&limit=50")
HEADER = "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue,netWgt"


def write_csv(path: Path, rows: int, *, value: float, first: int = 0) -> Path:
    """``rows`` monthly flows of China's imports from the DPRK, one per (month, national code)."""
    lines = [HEADER]
    for i in range(first, first + rows):
        month, code = i % 12 + 1, f"270112{i // 12:04d}"
        lines.append(f"M,2017{month:02d},156,M,408,{code},{value + i},10")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from oresight.cli import main; main()", *args]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.communicate()}")
        try:
            if httpx.get(f"{url}/store/info", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start within 60 s")


def run(clients: int, seconds: float, rows: int, work: Path) -> dict[str, Any]:
    home = work / "home"
    env = {**os.environ, "ORESIGHT_HOME": str(home)}
    base = write_csv(work / "base.csv", rows, value=100)
    subprocess.run(_cli("ingest", "comtrade", str(base), "--no-progress"), env=env, check=True,
                   capture_output=True)  # fmt: skip
    revision = write_csv(work / "revision.csv", rows, value=200)
    extra = write_csv(work / "extra.csv", max(1, rows // 10), value=300, first=rows)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(_cli("serve", "--port", str(port)), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    latencies: dict[str, list[float]] = {r: [] for r in ROUTES}
    errors: list[str] = []
    versions: dict[int, int] = {}
    stop = threading.Event()
    lock = threading.Lock()

    def client(k: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            i = k
            while not stop.is_set():
                route = ROUTES[i % len(ROUTES)]
                i += 1
                t0 = time.perf_counter()
                try:
                    response = http.get(route)
                except httpx.HTTPError as exc:
                    with lock:
                        errors.append(f"{route}: {exc!r}")
                    continue
                took = time.perf_counter() - t0
                with lock:
                    if response.status_code != 200:
                        errors.append(f"{route}: HTTP {response.status_code}")
                        continue
                    latencies[route].append(took)
                    if route == "/store/info":
                        v = int(response.json()["version"])
                        versions[v] = versions.get(v, 0) + 1

    ingests: list[tuple[str, float, int]] = []
    try:
        _wait_ready(url, server)
        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(min(2.0, seconds / 4))
        for path in (revision, extra):
            t0 = time.perf_counter()
            done = subprocess.run(
                _cli("ingest", "comtrade", str(path), "--no-progress", "--wait", "120"),
                env=env, capture_output=True, text=True,
            )  # fmt: skip
            ingests.append((path.name, time.perf_counter() - t0, done.returncode))
            if done.returncode:
                errors.append(f"ingest {path.name}: {done.stderr.strip()[-300:]}")
        # long enough after the last landing for the server to see it (it checks every second)
        time.sleep(max(2.5, seconds - (time.perf_counter() - start)))
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        elapsed = time.perf_counter() - start
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for v in latencies.values())
    return {
        "clients": clients,
        "seconds": elapsed,
        "requests": total,
        "requests_per_s": total / elapsed,
        "errors": errors,
        "routes": {
            r: {
                "n": len(v),
                "p50_ms": 1000 * statistics.median(v) if v else None,
                "p99_ms": 1000 * _quantile(v, 0.99) if v else None,
            }
            for r, v in latencies.items()
        },
        "versions": versions,
        "ingests": ingests,
    }


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="oresight-concurrency-") as tmp:
        result = run(args.clients, args.seconds, args.rows, Path(tmp))
    print(
        f"{result['clients']} clients, {result['seconds']:.1f} s, {result['requests']:,} "
        f"requests, {result['requests_per_s']:.1f} req/s, errors: {len(result['errors'])}"
    )
    for route, stats in result["routes"].items():
        print(
            f"  {route:45} n={stats['n']:6} p50={stats['p50_ms'] or 0:7.1f} ms "
            f"p99={stats['p99_ms'] or 0:7.1f} ms"
        )
    print(f"  responses by store version: {dict(sorted(result['versions'].items()))}")
    for name, took, code in result["ingests"]:
        print(f"  ingest {name}: {took:.2f} s, exit {code}")
    for error in result["errors"][:10]:
        print(f"  error: {error}")
    return result


if __name__ == "__main__":
    main()
