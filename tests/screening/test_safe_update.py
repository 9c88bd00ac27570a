"""Safe `lists update` and `lists rollback` against a real loopback HTTP server serving the
real UN list, an empty file, a truncated one and a one-tenth-size one (issue 13)."""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from oresight.cli import main
from oresight.screening import screen
from oresight.screening.api import _cached_screener
from oresight.screening.update import ListUpdateRefused, Source, rollback, update_lists


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _keep(src: Path, dst: Path, keep: Callable[[int, ET.Element], bool]) -> None:
    """Write the UN list with only the parties ``keep(index, element)`` accepts."""
    tree = ET.parse(src)
    root = tree.getroot()
    for group in list(root):
        for i, el in enumerate(list(group)):
            if not keep(i, el):
                group.remove(el)
    tree.write(dst, encoding="utf-8", xml_declaration=True)


@pytest.fixture(scope="module")
def www(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("www")
    full = next((shared_data / "sanctions_un").glob("*.xml"))
    data = full.read_bytes()
    (root / "full.xml").write_bytes(data)
    (root / "empty.xml").write_bytes(b"")
    (root / "truncated.xml").write_bytes(data[: len(data) // 2])
    _keep(full, root / "tenth.xml", lambda i, _el: i % 10 == 0)
    _keep(full, root / "no_komid.xml", lambda _i, el: el.findtext("REFERENCE_NUMBER") != "KPe.001")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def _update(www: str, file: str, dest: Path, *extra: str) -> list[str]:
    return [
        "lists",
        "update",
        "--source",
        "un",
        "--url",
        f"un={www}/{file}",
        "--dest",
        str(dest),
        *extra,
    ]


def _komid(dest: Path) -> bool:
    _cached_screener.cache_clear()
    result = screen("KOMID", lists=[dest])
    return any(m.reference == "KPe.001" and m.match for m in result.matches)


@pytest.mark.parametrize("bad", ["empty.xml", "truncated.xml", "tenth.xml"])
def test_bad_download_is_refused_and_old_list_stays(
    www: str,
    bad: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    oresight_home: Path,
) -> None:
    dest = tmp_path / "lists"
    assert run(_update(www, "full.xml", dest), capsys)[0] == 0
    before = (dest / "manifest.json").read_bytes()
    rc, _, err = run(_update(www, bad, dest), capsys)
    assert rc != 0 and err.startswith("error:") and len(err.strip().splitlines()) == 1
    assert (dest / "manifest.json").read_bytes() == before
    assert _komid(dest)


def test_shrink_is_accepted_with_force(www: str, tmp_path: Path) -> None:
    dest = tmp_path / "lists"
    update_lists(dest, [Source("un", f"{www}/full.xml", "un.xml")])
    with pytest.raises(ListUpdateRefused, match="fewer"):
        update_lists(dest, [Source("un", f"{www}/tenth.xml", "un.xml")])
    manifest = update_lists(dest, [Source("un", f"{www}/tenth.xml", "un.xml")], force=True)
    assert manifest["files"][0]["parties"] < 200


def test_rollback_restores_the_list_before_an_accepted_update(
    www: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], oresight_home: Path
) -> None:
    dest = tmp_path / "lists"
    assert run(_update(www, "full.xml", dest), capsys)[0] == 0
    assert run(_update(www, "no_komid.xml", dest), capsys)[0] == 0  # one party fewer: fine
    assert not _komid(dest)
    rc, out, _ = run(["lists", "rollback", "--dest", str(dest)], capsys)
    assert rc == 0 and "restored" in out
    assert _komid(dest)


def test_rollback_without_previous_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, _, err = run(["lists", "rollback", "--dest", str(tmp_path)], capsys)
    assert rc == 2 and "no previous lists" in err
    with pytest.raises(Exception, match="no previous"):
        rollback(tmp_path)


def test_old_releases_are_pruned(www: str, tmp_path: Path) -> None:
    dest = tmp_path / "lists"
    for _ in range(4):
        update_lists(dest, [Source("un", f"{www}/full.xml", "un.xml")])
    assert len(list((dest / "releases").iterdir())) == 2
