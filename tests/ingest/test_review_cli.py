"""Review findings: a failed ingest prints its error, not an empty results table."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_failed_file_prints_no_empty_table(
    tmp_path: Path, oresight_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from oresight.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "comtrade", str(tmp_path / "missing.csv")])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "missing.csv: no such file" in captured.err
