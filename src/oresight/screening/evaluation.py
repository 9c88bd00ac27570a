"""Quality of screening on a labelled set of cases (recall, precision, F1), with failures.

A case is a query with optional qualifiers and the references of the listed parties it
should find ("|"-separated; empty for a negative). Counting, at a threshold:
  - recall: share of positive cases for which at least one expected party is a match;
  - precision: share of reported matches (over all cases) that are expected parties;
  - negatives_flagged: share of negative cases with any match.
A case may name the one list it is screened ``against`` (cross-list cases: a party's name in
one list, expected to find its entry in the other); matches from other lists are then ignored.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from oresight.screening.results import ScreenResult


@dataclass(frozen=True, slots=True)
class Case:
    query: str
    type: str | None
    country: str | None
    birth_year: int | None
    expected: frozenset[str]
    kind: str
    note: str
    against: str | None = None


@dataclass(slots=True)
class Quality:
    """Counts and rates, and the cases that went wrong (for a reviewer to read)."""

    cases: int = 0
    positives: int = 0
    found: int = 0
    reported: int = 0
    correct: int = 0
    negatives: int = 0
    negatives_flagged: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.reported if self.reported else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_cases(path: Path) -> list[Case]:
    """Read a CSV with columns query, type, country, birth_year, expected_reference, kind, note."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Case(
                query=row["query"],
                type=row.get("type") or None,
                country=row.get("country") or None,
                birth_year=int(row["birth_year"]) if row.get("birth_year") else None,
                expected=frozenset(
                    r for r in (row.get("expected_reference") or "").split("|") if r
                ),
                kind=row.get("kind") or "",
                note=row.get("note") or "",
                against=row.get("against") or None,
            )
            for row in csv.DictReader(fh)
        ]


def by_kind(cases: list[Case], run: Callable[[Case], ScreenResult]) -> dict[str, Quality]:
    """Quality per kind of case (negatives are their own kind), and "all"."""
    kinds = sorted({c.kind for c in cases})
    out = {k: evaluate([c for c in cases if c.kind == k], run) for k in kinds}
    out["all"] = evaluate(cases, run)
    return out


def evaluate(cases: list[Case], run: Callable[[Case], ScreenResult]) -> Quality:
    """Screen every case with ``run`` and count what was found and what was wrongly reported."""
    q = Quality()
    for case in cases:
        result = run(case)
        hits = [m for m in result.matches if m.match and case.against in (None, m.list)]
        refs = {m.reference for m in hits}
        q.cases += 1
        q.reported += len(hits)
        q.correct += len(refs & case.expected)
        wrong = [
            f"{m.reference} {m.name} {m.score:.2f}"
            for m in hits
            if m.reference not in case.expected
        ]
        if wrong:
            q.false_hits.append(f"{case.query!r} -> {'; '.join(wrong)}")
        if case.expected:
            q.positives += 1
            if refs & case.expected:
                q.found += 1
            else:
                ranked = [m for m in result.matches if case.against in (None, m.list)]
                top = ranked[0] if ranked else None
                best = f"{top.reference} {top.score:.2f}: {top.explanation}" if top else "none"
                q.misses.append(f"{case.query!r} ({case.note}) best {best}")
        else:
            q.negatives += 1
            q.negatives_flagged += bool(hits)
    return q
