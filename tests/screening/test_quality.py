"""Quality targets of issue 5 on the labelled evaluation set (not a timing test).

recall >= 0.95 at precision >= 0.90, at the default threshold, against the full UN + OFAC
lists (../shared) and against the shipped DPRK snapshot; every generic-words-only query
matches nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oresight.screening import DEFAULT_THRESHOLD, Screener, screen
from oresight.screening.evaluation import Case, Quality, evaluate, load_cases
from oresight.screening.loaders import load_paths, load_snapshot
from oresight.screening.results import ScreenResult

CASES = Path(__file__).resolve().parents[1] / "data" / "screening" / "eval_cases.csv"


def run_eval(screener: Screener) -> Quality:
    def run(case: Case) -> ScreenResult:
        return screen(
            case.query,
            type=case.type,
            country=case.country,
            birth_year=case.birth_year,
            screener=screener,
        )

    return evaluate(load_cases(CASES), run)


def test_eval_set_is_large_and_labelled() -> None:
    cases = load_cases(CASES)
    assert len(cases) >= 300
    assert sum(bool(c.expected) for c in cases) >= 200
    assert sum(c.kind == "negative" for c in cases) >= 100


@pytest.fixture(scope="module")
def full_lists(shared_data: Path) -> Screener:
    return Screener(load_paths([shared_data / "sanctions_un", shared_data / "sanctions_ofac"]))


def test_targets_against_full_lists(full_lists: Screener) -> None:
    q = run_eval(full_lists)
    detail = "\n".join(q.misses + q.false_hits)
    assert q.recall >= 0.95, detail
    assert q.precision >= 0.90, detail


def test_targets_against_shipped_snapshot() -> None:
    q = run_eval(Screener(load_snapshot()))
    detail = "\n".join(q.misses + q.false_hits)
    assert q.recall >= 0.95, detail
    assert q.precision >= 0.90, detail


@pytest.mark.parametrize(
    "generic",
    [
        "Korea Trading Corporation",
        "Korea General Trading Company",
        "DPRK Shipping Co. Ltd",
        "Korean International Trading Co., Ltd.",
        "Foreign Trade Bank of Korea",
    ],
)
def test_generic_words_never_match(full_lists: Screener, generic: str) -> None:
    result = screen(generic, screener=full_lists)
    assert not [m for m in result.matches if m.score >= DEFAULT_THRESHOLD]


def test_listed_name_of_generic_words_still_matches_in_full(full_lists: Screener) -> None:
    result = screen(
        "Central Bank of the Democratic People's Republic of Korea", screener=full_lists
    )
    assert result.matches[0].reference == "23015" and result.matches[0].match
    assert "weak" in result.matches[0].explanation
