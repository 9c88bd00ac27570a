"""A tiny run of benchmarks/monitor.py (monitor and diversion against their SQL limits), so the
benchmark and its hand-written SQL peers keep working; no timing is asserted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_monitor_benchmark_runs_on_a_tiny_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    for name in ("monitor", "monitor_peers"):
        sys.modules.pop(name, None)
    import monitor  # type: ignore[import-not-found]

    monitor.main(["--rows", "30000", "--data", str(tmp_path), "--runs", "1"])
    out = capsys.readouterr().out
    assert "oresight / SQL" in out and "pandas peer" in out
    assert "diversion oresight / SQL" in out  # the SQL limit found the same collapses/signals
