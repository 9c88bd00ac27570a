"""Screening benchmark: quality on both evaluation sets and speed against the full UN + OFAC lists.

    .venv/bin/python benchmarks/screening.py [--lists PATH ...] [--queries 3000] [--smoke]

Prints, at the default threshold, recall, precision, F1 and negatives flagged on the
rule-generated set (tests/data/screening/eval_cases.csv) and on the independent set
(tests/data/screening/independent/cases.csv, per kind of variation); queries per second and
p50/p99 latency in one process (after the index is built; every timed query is a distinct
string, so no query's own normalisation is cached), and the same figures for a baseline:
rapidfuzz ``process.extractOne(query, all_names, scorer=WRatio)``. ``--smoke`` runs a few
cases and queries only (the test suite's check that the benchmark runs).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from oresight.screening import DEFAULT_THRESHOLD, Screener, screen
from oresight.screening.evaluation import Case, Quality, by_kind, evaluate, load_cases
from oresight.screening.loaders import load_paths
from oresight.screening.model import Entity
from oresight.screening.results import Match, ScreenResult

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CASES = REPO / "tests" / "data" / "screening" / "eval_cases.csv"
INDEPENDENT = REPO / "tests" / "data" / "screening" / "independent" / "cases.csv"
EVAL_LIMIT = 20  # matches looked at per case (as tests/screening/test_independent_quality.py)
TARGETS = {"recall": 0.95, "precision": 0.95, "negatives_flagged": 0.02, "qps": 1000, "p99": 5.0}
BASELINE_CUTOFFS = (80, 85, 88, 90, 92, 95)


def synthetic_queries(entities: list[Entity], n: int, seed: int = 7) -> list[str]:
    """Distinct queries: listed names with words shuffled, dropped or misspelt, and made-up
    names from listed words; about half match something, half nothing."""
    rng = random.Random(seed)
    words = [w for e in entities for nm in e.names for w in nm.value.split()]
    out: set[str] = set()
    while len(out) < n:
        name = rng.choice(rng.choice(entities).names).value.split()
        roll = rng.random()
        if roll < 0.3:
            rng.shuffle(name)
        elif roll < 0.5 and len(name) > 1:
            name.pop(rng.randrange(len(name)))
        elif roll < 0.7:
            name = [rng.choice(words) for _ in range(rng.randint(2, 4))]
        elif name[0]:
            name[0] = name[0][:-1] + rng.choice("aeiouy")
        out.add(" ".join(name))
    return sorted(out)


def timed(queries: list[str], run: Callable[[str], object]) -> dict[str, float]:
    latencies = []
    cpu_start, start = time.process_time(), time.perf_counter()
    for q in queries:
        t0 = time.perf_counter()
        run(q)
        latencies.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    latencies.sort()
    return {
        "qps": len(queries) / total,
        "cpu_ms": 1000 * cpu / len(queries),
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
    }


class Baseline:
    """rapidfuzz WRatio of the query against every listed name; the best name is the hit."""

    def __init__(self, entities: list[Entity]) -> None:
        by_name: dict[str, dict[str, Entity]] = {}
        for e in entities:
            for nm in e.names:
                by_name.setdefault(nm.value, {})[e.id] = e
        self.names = list(by_name)
        self.owners = [list(by_name[n].values()) for n in self.names]
        self.processed = [utils.default_process(n) for n in self.names]
        self.cache: dict[str, tuple[float, int] | None] = {}

    def best(self, query: str) -> tuple[float, int] | None:
        hit = process.extractOne(
            utils.default_process(query), self.processed, scorer=fuzz.WRatio, processor=None
        )
        return (hit[1], hit[2]) if hit else None

    def case_result(self, case: Case, cutoff: float) -> ScreenResult:
        return self.result(case.query, cutoff)

    def result(self, query: str, cutoff: float) -> ScreenResult:
        # one extractOne per query, whatever the cutoff (the cutoffs only filter it)
        if query not in self.cache:
            self.cache[query] = self.best(query)
        hit = self.cache[query]
        matches = []
        if hit and hit[0] >= cutoff:
            for e in self.owners[hit[1]]:
                matches.append(
                    Match(
                        e.list,
                        e.reference,
                        e.id,
                        e.caption,
                        self.names[hit[1]],
                        hit[0] / 100,
                        True,
                        "WRatio",
                    )
                )
        return ScreenResult(query=query, threshold=cutoff / 100, matches=matches)


def run_at(case: Case, screener: Screener, threshold: float) -> ScreenResult:
    return screen(
        case.query,
        type=case.type,
        country=case.country,
        birth_year=case.birth_year,
        threshold=threshold,
        screener=screener,
        limit=EVAL_LIMIT,
    )


def per_kind(cases: list[Case], screener: Screener) -> None:
    """Recall and precision per kind of variation (negatives: share flagged)."""
    table = by_kind(cases, partial(run_at, screener=screener, threshold=DEFAULT_THRESHOLD))
    print("| kind | cases | recall | precision | negatives flagged |")
    print("|---|---|---|---|---|")
    for kind, q in table.items():
        flagged = f"{q.negatives_flagged}/{q.negatives}" if q.negatives else ""
        recall = f"{q.recall:.3f}" if q.positives else ""
        print(f"| {kind} | {q.cases} | {recall} | {q.precision:.3f} | {flagged} |")


def row(label: str, q: Quality, speed: dict[str, float] | None) -> str:
    timing = (
        f"{speed['qps']:.0f} | {speed['p50_ms']:.2f} | {speed['p99_ms']:.2f} | "
        f"{speed['cpu_ms']:.2f}"
        if speed
        else "(same) | | |"
    )
    return (
        f"| {label} | {q.recall:.3f} | {q.precision:.3f} | {q.f1:.3f} | "
        f"{q.negatives_flagged}/{q.negatives} | {timing} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lists",
        nargs="*",
        type=Path,
        default=[SHARED / "sanctions_un", SHARED / "sanctions_ofac"],
    )
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--baseline-queries", type=int, default=300)
    parser.add_argument("--smoke", action="store_true", help="a few cases and queries only")
    args = parser.parse_args()

    t0 = time.perf_counter()
    entities = load_paths(args.lists)
    t1 = time.perf_counter()
    screener = Screener(entities)
    t2 = time.perf_counter()
    print(f"lists: {', '.join(str(p) for p in args.lists)}")
    print(
        f"{len(entities)} entities, {len(screener.forms)} names; load {t1 - t0:.2f} s, "
        f"index {t2 - t1:.2f} s"
    )
    sets = {"rule-generated": load_cases(CASES), "independent": load_cases(INDEPENDENT)}
    if args.smoke:
        sets = {k: v[:: max(1, len(v) // 40)] for k, v in sets.items()}
        args.queries, args.baseline_queries = 60, 20
    for label, cases in sets.items():
        kinds = {k: sum(c.kind == k for c in cases) for k in sorted({c.kind for c in cases})}
        print(f"{label} set: {len(cases)} cases {kinds}")
    print(f"threshold {DEFAULT_THRESHOLD}\n")

    queries = synthetic_queries(entities, args.queries)
    speed = timed(queries, lambda q: screen(q, screener=screener))
    results = {
        label: evaluate(cases, partial(run_at, screener=screener, threshold=DEFAULT_THRESHOLD))
        for label, cases in sets.items()
    }
    print(
        "| matcher | set | recall | precision | F1 | negatives flagged | q/s | p50 ms | p99 ms "
        "| CPU ms/query |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, quality in results.items():
        print(row(f"oresight (threshold {DEFAULT_THRESHOLD}) | {label}", quality, speed))
    if not args.smoke:
        for cut in (0.6, 0.65, 0.75, 0.8, 0.85):
            for label, cases in sets.items():
                swept = evaluate(cases, partial(run_at, screener=screener, threshold=cut))
                print(row(f"oresight (threshold {cut}) | {label}", swept, None))
    baseline = Baseline(entities)
    b_speed = timed(queries[: args.baseline_queries], baseline.best)
    for cutoff in BASELINE_CUTOFFS[:1] if args.smoke else BASELINE_CUTOFFS:
        for label, cases in sets.items():
            b_quality = evaluate(cases, partial(baseline.case_result, cutoff=cutoff))
            first = cutoff == BASELINE_CUTOFFS[0] and label == "rule-generated"
            print(
                row(
                    f"rapidfuzz WRatio extractOne >= {cutoff} | {label}",
                    b_quality,
                    b_speed if first else None,
                )
            )
    print("\nindependent set by kind (oresight, default threshold):\n")
    per_kind(sets["independent"], screener)
    ind = results["independent"]
    flagged = ind.negatives_flagged / ind.negatives if ind.negatives else 0.0
    checks = {
        "recall >= 0.95": ind.recall >= TARGETS["recall"],
        "precision >= 0.95": ind.precision >= TARGETS["precision"],
        "negatives flagged <= 2 %": flagged <= TARGETS["negatives_flagged"],
        ">= 1,000 q/s": speed["qps"] >= TARGETS["qps"],
        "p99 <= 5 ms": speed["p99_ms"] <= TARGETS["p99"],
    }
    print(
        "\ntargets (independent set, speed): "
        + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in checks.items())
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nspeed: {len(queries)} distinct synthetic queries (baseline: first "
        f"{args.baseline_queries}), one process, after the index is built; "
        f"{os.cpu_count()} CPUs, load average {load} (1/5/15 min) at the end"
    )
    for label, quality in results.items():
        if quality.misses:
            print(f"\noresight misses ({label}):\n  " + "\n  ".join(quality.misses))
        if quality.false_hits:
            print(f"\noresight false hits ({label}):\n  " + "\n  ".join(quality.false_hits))


if __name__ == "__main__":
    main()
