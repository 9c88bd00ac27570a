"""The CLI answers bad arguments and bad input with a message, never a traceback."""

from __future__ import annotations

import pytest

from oresight.cli import main


def test_a_bad_option_value_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["screen", "Kim", "--birth-year", "abc"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--birth-year" in err
    assert "Traceback" not in err


def test_bad_input_is_one_error_line_naming_the_code(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["rules", "check", "--origin", "PRK", "--hs", "710021", "--date", "2025-06-01"])
    assert exit_.value.code == 2
    assert "error: field 'hs_code': 710021 is not an HS code" in capsys.readouterr().err
