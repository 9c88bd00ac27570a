"""A tiny run of benchmarks/api_load.py: it starts its server, measures, and counts errors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "api_load.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("api_load", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_api_load_benchmark_runs_every_route_without_errors(tmp_path: Path) -> None:
    benchmark = _load()
    results = benchmark.main(["--seconds", "0.3", "--clients", "2", "--home", str(tmp_path)])
    assert {r["route"] for r in results} == set(benchmark.ROUTES)
    for result in results:
        assert result["errors"] == 0, result
        assert result["requests"] > 0 and result["p99_ms"] is not None, result
