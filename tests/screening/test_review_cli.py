"""Review findings: screen arguments that were silently ignored or crashed."""

from __future__ import annotations

from pathlib import Path

import pytest

from oresight.errors import InputError
from oresight.screening import screen
from oresight.screening.batch import screen_file


def _exit(argv: list[str]) -> int:
    from oresight.cli import main

    with pytest.raises(SystemExit) as info:
        main(argv)
    return int(info.value.code or 0)


@pytest.mark.parametrize("limit", [0, -3])
def test_limit_below_one_is_an_input_error(limit: int) -> None:
    with pytest.raises(InputError) as info:
        screen("KOMID", limit=limit)
    assert info.value.field == "limit"


def test_name_and_file_together_is_an_error(
    tmp_path: Path, oresight_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "names.csv"
    src.write_text("name\nKOMID\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert _exit(["screen", "Kim Jong Un", "--file", str(src), "--out", str(out)]) == 2
    assert "not both" in capsys.readouterr().err
    assert not out.exists()


def test_out_in_a_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    src = tmp_path / "names.csv"
    src.write_text("name\nKOMID\n", encoding="utf-8")
    out = tmp_path / "nowhere" / "out.csv"
    with pytest.raises(InputError, match="no such directory") as info:
        screen_file(src, out)
    assert info.value.field == "out"


def test_batch_honours_limit(tmp_path: Path) -> None:
    src = tmp_path / "names.csv"
    src.write_text("name\nKOMID\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    screen_file(src, out, limit=1)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2  # header + best match
