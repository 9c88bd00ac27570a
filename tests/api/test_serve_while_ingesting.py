"""`oresight serve` keeps answering, with no error, while `oresight ingest` lands in another
process, and serves the new version afterwards without a restart (one writer, many readers)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

HEADER = "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue,netWgt"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _write(path: Path, rows: int, value: int) -> Path:
    lines = [HEADER]
    for i in range(rows):
        year, month = 2000 + i // 12, 1 + i % 12
        lines.append(f"M,{year}{month:02d},156,M,408,270112,{value + i},10")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from oresight.cli import main; main()", *args]


def test_serve_answers_every_request_while_an_ingest_lands(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "ORESIGHT_HOME": str(home)}
    subprocess.run(
        _cli("ingest", "comtrade", str(_write(tmp_path / "a.csv", 200, 100)), "--no-progress"),
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    port = _free_port()
    server = subprocess.Popen(
        _cli("serve", "--port", str(port)), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/store/info", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start within 30 s"
            assert server.poll() is None, server.communicate()
            time.sleep(0.1)
        errors: list[str] = []
        versions: set[int] = set()
        stop = threading.Event()

        def client() -> None:
            with httpx.Client(base_url=url, timeout=30) as http:
                while not stop.is_set():
                    for path in ("/store/info", "/flows?reporter=CHN&limit=5"):
                        response = http.get(path)
                        if response.status_code != 200:
                            errors.append(f"{path}: {response.status_code} {response.text[:200]}")
                        elif path == "/store/info":
                            versions.add(response.json()["version"])

        threads = [threading.Thread(target=client) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
        revision = _write(tmp_path / "b.csv", 300, 1000)  # 200 revised, 100 new
        ingest = subprocess.run(
            _cli("ingest", "comtrade", str(revision), "--no-progress", "--wait", "30"),
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        time.sleep(1.0)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        assert ingest.returncode == 0, ingest.stderr
        assert errors == []
        assert versions == {1, 2}  # answered from the old version, then from the new one
        info = httpx.get(f"{url}/store/info", timeout=10).json()
        assert (info["version"], info["rows"]) == (2, 300)
    finally:
        server.terminate()
        server.wait(timeout=20)
