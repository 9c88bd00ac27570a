"""Review findings: batch screening of a file that is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from oresight.errors import InputError
from oresight.screening.batch import screen_file


def test_missing_input_file_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "names.csv"
    with pytest.raises(InputError, match="no such file") as info:
        screen_file(missing, tmp_path / "out.csv")
    assert str(missing) in str(info.value)
    assert not (tmp_path / "out.csv").exists()


def test_bad_row_leaves_no_half_written_output_and_names_it_once(tmp_path: Path) -> None:
    src = tmp_path / "names.csv"
    src.write_text("name,birth_year\nKOMID,\nKim Jong Un,abc\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("previous results\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        screen_file(src, out)
    message = str(info.value)
    assert message.count(str(src)) == 1 and "line 3" in message and "birth_year" in message
    assert out.read_text(encoding="utf-8") == "previous results\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["names.csv", "out.csv"]


def test_command_line_qualifiers_apply_to_rows_without_their_own(tmp_path: Path) -> None:
    src = tmp_path / "names.csv"
    src.write_text("name,type\nRa Kyong Su,\nRa Kyong Su,person\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    screened, hits = screen_file(src, out, type="vessel")
    # The first row takes the default (a vessel cannot be the listed person); the second keeps
    # its own type and matches.
    assert (screened, hits) == (2, 1)
