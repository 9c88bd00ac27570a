"""The screening benchmark runs (a few cases and queries: no timing is asserted here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_benchmark_smoke_run(shared_data: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "screening.py"),
            "--smoke",
            "--lists",
            str(shared_data / "sanctions_un"),
            str(shared_data / "sanctions_ofac"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    out = done.stdout
    assert "| oresight (threshold 0.7) | independent |" in out
    assert "independent set by kind" in out and "targets (independent set, speed)" in out
