"""The `screen` command through oresight's real entry point."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from oresight.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_screen_json(capsys: pytest.CaptureFixture[str], oresight_home: Path) -> None:
    rc, out, _ = run(["screen", "KOMID", "--json"], capsys)
    data = json.loads(out)
    assert rc == 0 and data["matches"][0]["reference"] in ("KPe.001", "9345")


def test_screen_text(capsys: pytest.CaptureFixture[str], oresight_home: Path) -> None:
    rc, out, _ = run(["screen", "Choi Ryong Hae", "--type", "person"], capsys)
    assert rc == 0 and "MATCH" in out and "CHOE" in out


def test_screen_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], oresight_home: Path
) -> None:
    src, out = tmp_path / "names.csv", tmp_path / "results.csv"
    src.write_text("name,type\nKOMID,entity\nKorea Trading Corporation,entity\n", encoding="utf-8")
    rc, text, _ = run(["screen", "--file", str(src), "--out", str(out)], capsys)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rc == 0 and "2 names, 1 with a match" in text
    assert rows[0]["reference"] in ("KPe.001", "9345") and rows[-1]["match"] == "False"


def test_bad_type_exits_2(capsys: pytest.CaptureFixture[str], oresight_home: Path) -> None:
    rc, _, err = run(["screen", "KOMID", "--type", "ufo"], capsys)
    assert rc == 2 and "error:" in err and "type" in err


def test_screen_against_given_list_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], oresight_home: Path
) -> None:
    from .test_loaders import UN_XML

    path = tmp_path / "un.xml"
    path.write_text(UN_XML, encoding="utf-8")
    rc, out, _ = run(["screen", "Lee Je-son", "--lists", str(path), "--json"], capsys)
    data = json.loads(out)
    assert rc == 0 and data["lists"] == ["UN"] and data["matches"][0]["reference"] == "KPi.003"


def test_unknown_list_format_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], oresight_home: Path
) -> None:
    path = tmp_path / "names.txt"
    path.write_text("not a list\n", encoding="utf-8")
    rc, _, err = run(["screen", "KOMID", "--lists", str(path)], capsys)
    assert rc == 2 and "unknown list format" in err


def test_lists_update_offline_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], oresight_home: Path
) -> None:
    import socket

    with socket.socket() as sock:  # a loopback port with nothing listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    argv = [
        "lists",
        "update",
        "--source",
        "un",
        "--url",
        f"un=http://127.0.0.1:{port}/x.xml",
        "--dest",
        str(tmp_path),
        "--timeout",
        "2",
    ]
    rc, _, err = run(argv, capsys)
    assert rc == 2 and "could not download" in err and str(port) in err


def test_lists_show_names_the_snapshot(
    capsys: pytest.CaptureFixture[str], oresight_home: Path
) -> None:
    rc, out, _ = run(["lists", "show", "--json"], capsys)
    info = json.loads(out)
    assert rc == 0 and info["files"][0].endswith("dprk_snapshot.json")
    assert info["provenance"]["counts"]["UN"] == 155 and info["names"] > 1000
