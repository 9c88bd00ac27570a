"""The store benchmarks run at a tiny size, so they cannot rot (numbers: BENCHMARKS.md)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def test_ingest_benchmark_runs_and_lands_every_row_and_the_revision(tmp_path: Path) -> None:
    from benchmarks import ingest

    result = ingest.main(["--rows", "3000", "--workdir", str(tmp_path)])
    assert result["revised"] == 300
    assert result["ratio"] > 0


def test_store_concurrency_benchmark_has_no_error(tmp_path: Path) -> None:
    from benchmarks import store_concurrency

    result = store_concurrency.main(["--clients", "2", "--seconds", "3", "--rows", "500"])
    assert result["errors"] == []
    assert [code for _, _, code in result["ingests"]] == [0, 0]
    assert set(result["versions"]) <= {1, 2, 3} and 3 in result["versions"]
