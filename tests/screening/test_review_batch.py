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
