"""Quality targets of issue 13 on the independent evaluation set (not a timing test).

The set (tests/data/screening/independent/, built by its own script from the raw lists,
with none of the matcher's tables) is screened against the full UN + OFAC lists at the
default threshold: recall >= 0.95 at precision >= 0.95, negatives flagged <= 2 %.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from oresight.screening import Screener, screen
from oresight.screening.evaluation import Case, Quality, by_kind, load_cases
from oresight.screening.loaders import load_paths
from oresight.screening.results import ScreenResult

SET = Path(__file__).resolve().parents[1] / "data" / "screening" / "independent"


@pytest.fixture(scope="module")
def full_lists(shared_data: Path) -> Screener:
    return Screener(load_paths([shared_data / "sanctions_un", shared_data / "sanctions_ofac"]))


@pytest.fixture(scope="module")
def quality(full_lists: Screener) -> dict[str, Quality]:
    def run(case: Case) -> ScreenResult:
        return screen(
            case.query,
            type=case.type,
            country=case.country,
            birth_year=case.birth_year,
            screener=full_lists,
            limit=20,
        )

    return by_kind(load_cases(SET / "cases.csv"), run)


def test_set_has_every_kind_of_variation() -> None:
    cases = load_cases(SET / "cases.csv")
    kinds = {c.kind for c in cases}
    assert {
        "cross_list",
        "invisible",
        "html",
        "name_alias",
        "typo",
        "vessel_prefix",
        "country_prefix",
        "press",
        "negative",
    } <= kinds
    assert sum(c.kind == "negative" for c in cases) >= 150
    assert all(c.against in (None, "UN", "OFAC") for c in cases)


def test_targets_on_independent_set(quality: dict[str, Quality]) -> None:
    q = quality["all"]
    detail = "\n".join(q.misses[:40] + q.false_hits[:40])
    assert q.recall >= 0.95, detail
    assert q.precision >= 0.95, detail
    assert q.negatives_flagged / q.negatives <= 0.02, detail


@pytest.mark.parametrize(
    ("kind", "recall"),
    [
        ("invisible", 0.99),
        ("html", 0.99),
        ("name_alias", 0.97),
        ("vessel_prefix", 0.99),
        ("country_prefix", 0.97),
        ("press", 0.9),
        ("typo", 0.85),
        ("cross_list_identical", 0.99),
    ],
)
def test_recall_per_kind(quality: dict[str, Quality], kind: str, recall: float) -> None:
    # measured levels (BENCHMARKS.md), a little below: a regression in one kind shows here
    assert quality[kind].recall >= recall, "\n".join(quality[kind].misses)


def test_cross_list_measured_level(quality: dict[str, Quality]) -> None:
    # 13 of 16: the three misses are a partial name ("Young-Chul" without the surname) and
    # Chinese-script or Chinese-romanised names (BENCHMARKS.md says why)
    assert quality["cross_list"].recall >= 0.8, "\n".join(quality["cross_list"].misses)


def test_build_script_is_reproducible(shared_data: Path, tmp_path: Path) -> None:
    """Rebuilding from ../shared gives the committed file (same seed, same rules)."""
    script = SET / "build_cases.py"
    copy = tmp_path / "independent"
    copy.mkdir()
    for name in ("build_cases.py", "press_cases.csv", "negative_cases.csv"):
        (copy / name).write_bytes((SET / name).read_bytes())
    subprocess.run(
        [sys.executable, str(copy / script.name), str(shared_data)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (copy / "cases.csv").read_bytes() == (SET / "cases.csv").read_bytes()
