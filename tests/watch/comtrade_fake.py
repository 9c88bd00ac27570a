"""A local UN Comtrade on 127.0.0.1 that releases months and revises values between runs.

It answers the data endpoints (``/public/v1/preview/C/{freq}/HS``, ``/data/v1/get/...``) with
rows built from the real record shape (``tests/data/comtrade_api/preview_M_...json``) and the
data-availability endpoints (``/public/v1/getDA/C/{freq}/HS``, ``/data/v1/getDa/...``) with
records built from ``getDA_M_156_202401.json``: one per released period, whose
``lastReleased``/``datasetChecksum`` change when a value of that period is revised. It logs
every request, so tests count what went over the wire.
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

DATA = Path(__file__).resolve().parents[1] / "data" / "comtrade_api"
ROW = json.loads((DATA / "preview_M_156_408_201401_270112.json").read_text())["data"][0]
RELEASE = json.loads((DATA / "getDA_M_156_202401.json").read_text())["data"][0]


@dataclass
class FakeComtrade:
    """Released data: period -> HS code -> value (USD), for reporter 156 and partner 408."""

    url: str = ""
    data: dict[str, dict[str, float]] = field(default_factory=dict)
    released: dict[str, str] = field(default_factory=dict)  # period -> lastReleased
    availability: bool = True  # False: the DA endpoint answers 404 (fallback)
    log: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    clock: int = 0

    def release(self, period: str, values: dict[str, float]) -> None:
        """Publish a period (or revise it: values replace the old ones)."""
        self.clock += 1
        self.data.setdefault(period, {}).update(values)
        self.released[period] = (
            f"2026-{1 + self.clock // 28:02d}-{1 + self.clock % 28:02d}T00:00:00"
        )

    def requests(self, kind: str) -> list[dict[str, str]]:
        """Params of the logged requests of one kind: ``data`` or ``da``."""
        return [params for path, params in self.log if ("getda" in path.lower()) == (kind == "da")]

    def answer(self, path: str, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if "getda" in path.lower():
            if not self.availability:
                return 404, {"statusCode": 404, "message": "Resource not found"}
            return 200, self._availability(params)
        return 200, self._data(params)

    def _availability(self, params: dict[str, str]) -> dict[str, Any]:
        records = []
        for period in params["period"].split(","):
            if period not in self.released or params.get("reporterCode") != "156":
                continue
            record = copy.deepcopy(RELEASE)
            checksum = hashlib.sha256(json.dumps(self.data[period], sort_keys=True).encode())
            record.update(
                period=int(period),
                freqCode="M" if len(period) == 6 else "A",
                lastReleased=self.released[period],
                datasetChecksum=int(checksum.hexdigest()[:8], 16),
                totalRecords=len(self.data[period]),
            )
            records.append(record)
        return {"elapsedTime": "0.01 secs", "count": len(records), "data": records, "error": ""}

    def _data(self, params: dict[str, str]) -> dict[str, Any]:
        rows = []
        for period in params["period"].split(","):
            for code, value in sorted(self.data.get(period, {}).items()):
                wanted = params["cmdCode"].split(",")
                if "AG6" not in wanted and not any(code.startswith(w) for w in wanted):
                    continue
                rows.append(_row(period, code, value))
        return {"elapsedTime": "0.01 secs", "count": len(rows), "data": rows, "error": ""}


def _row(period: str, code: str, value: float) -> dict[str, Any]:
    row = copy.deepcopy(ROW)
    monthly = len(period) == 6
    row.update(
        freqCode="M" if monthly else "A",
        period=period,
        refYear=int(period[:4]),
        refMonth=int(period[4:]) if monthly else 52,
        refPeriodId=int(period[:4] + (period[4:] if monthly else "01") + "01"),
        cmdCode=code,
        aggrLevel=len(code),
        cifvalue=value,
        primaryValue=value,
    )
    return row


@contextmanager
def serve(fake: FakeComtrade | None = None) -> Iterator[FakeComtrade]:
    """The fake listening on an ephemeral port of 127.0.0.1 for the ``with`` block."""
    fake = fake or FakeComtrade()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = dict(parse_qsl(parts.query))
            fake.log.append((parts.path, params))
            status, document = fake.answer(parts.path, params)
            body = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
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
