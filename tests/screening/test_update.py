"""`lists update` against a real loopback HTTP server (never the internet)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from oresight.screening import screen
from oresight.screening.errors import ListDownloadError
from oresight.screening.update import Source, update_lists

from .test_loaders import UN_XML


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "www"
    root.mkdir()
    (root / "consolidated.xml").write_text(UN_XML, encoding="utf-8")
    (root / "error.html").write_text("<html>maintenance</html>", encoding="utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_download_writes_manifest_and_is_screened(server: str, oresight_home: Path) -> None:
    dest = oresight_home / "lists"
    manifest = update_lists(dest, [Source("un", f"{server}/consolidated.xml", "un.xml")])
    assert manifest["files"][0]["bytes"] == len(UN_XML.encode())
    # files live in a release directory that the manifest names (atomic switch, rollback)
    assert (dest / manifest["files"][0]["file"]).is_file() and (dest / "manifest.json").is_file()
    assert manifest["files"][0]["parties"] > 0
    assert screen("Ri Che Son", lists=[dest]).matches[0].reference == "KPi.003"  # a directory
    result = screen("Ri Che Son")  # now screened against the downloaded list
    assert result.matches[0].reference == "KPi.003"
    again = update_lists(dest, [Source("un2", f"{server}/consolidated.xml", "un2.xml")])
    assert [f["name"] for f in again["files"]] == ["un", "un2"]  # earlier sources are kept


def test_offline_is_a_typed_error(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/consolidated.xml"
    with pytest.raises(ListDownloadError, match="could not download"):
        update_lists(tmp_path, [Source("un", url, "un.xml")], timeout=2)
    assert not (tmp_path / "manifest.json").exists()


def test_http_error_and_non_list_are_refused(server: str, tmp_path: Path) -> None:
    with pytest.raises(ListDownloadError, match="HTTP 404"):
        update_lists(tmp_path, [Source("un", f"{server}/missing.xml", "un.xml")])
    with pytest.raises(ListDownloadError, match="not a list"):
        update_lists(tmp_path, [Source("un", f"{server}/error.html", "un.xml")])
    assert not (tmp_path / "manifest.json").exists()
    assert not list((tmp_path / "releases").iterdir())  # the staged download is gone
