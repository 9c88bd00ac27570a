"""`screen --file` in the README's form and with files in other encodings (issue 13)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from .test_cli import run


def test_readme_batch_form_with_two_list_dirs(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], oresight_home: Path
) -> None:
    src, out = tmp_path / "names.csv", tmp_path / "out.csv"
    src.write_text("name\nZINC\nKorea Trading Corporation\n", encoding="utf-8")
    argv = [
        "screen",
        "--lists",
        str(shared_data / "sanctions_un"),
        str(shared_data / "sanctions_ofac"),
        "--file",
        str(src),
        "--out",
        str(out),
    ]
    rc, _, err = run(argv, capsys)
    assert rc == 0, err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    zinc = next(r for r in rows if r["query"] == "ZINC")
    # the primary name, the matched alias and the list
    assert (zinc["name"], zinc["matched_name"], zinc["list"]) == ("LAZARUS GROUP", "ZINC", "OFAC")


def test_latin1_file_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], oresight_home: Path
) -> None:
    src, out = tmp_path / "names.csv", tmp_path / "out.csv"
    src.write_bytes("name\nCafé Pyongyang\nKOMID\n".encode("latin-1"))
    rc, text, err = run(["screen", "--file", str(src), "--out", str(out)], capsys)
    assert rc == 0 and "2 names, 1 with a match" in text, err
    assert "Café Pyongyang" in out.read_text(encoding="utf-8")


def test_two_names_are_one_error(capsys: pytest.CaptureFixture[str], oresight_home: Path) -> None:
    rc, _, err = run(["screen", "KOMID", "KKBC"], capsys)
    assert rc == 2 and "one NAME at a time" in err


def test_text_output_names_party_behind_alias(
    shared_data: Path, capsys: pytest.CaptureFixture[str], oresight_home: Path
) -> None:
    rc, out, _ = run(["screen", "ZINC", "--lists", str(shared_data / "sanctions_ofac")], capsys)
    assert rc == 0 and "LAZARUS GROUP" in out and "matched alias: ZINC" in out
