"""Screening benchmark: quality on the labelled set and speed against the full UN + OFAC lists.

    .venv/bin/python benchmarks/screening.py [--lists PATH ...] [--queries 3000]

Prints recall, precision and F1 at the default threshold on tests/data/screening/eval_cases.csv,
queries per second and p50/p99 latency in one process (after the index is built; every timed
query is a distinct string, so no query's own normalisation is cached), and the same figures
for a baseline: rapidfuzz ``process.extractOne(query, all_names, scorer=WRatio)``.
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
from oresight.screening.evaluation import Case, Quality, evaluate, load_cases
from oresight.screening.loaders import load_paths
from oresight.screening.model import Entity
from oresight.screening.results import Match, ScreenResult

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CASES = REPO / "tests" / "data" / "screening" / "eval_cases.csv"
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

    def best(self, query: str) -> tuple[float, int] | None:
        hit = process.extractOne(
            utils.default_process(query), self.processed, scorer=fuzz.WRatio, processor=None
        )
        return (hit[1], hit[2]) if hit else None

    def case_result(self, case: Case, cutoff: float) -> ScreenResult:
        return self.result(case.query, cutoff)

    def result(self, query: str, cutoff: float) -> ScreenResult:
        hit = self.best(query)
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
    )


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
    cases = load_cases(CASES)
    kinds = {k: sum(c.kind == k for c in cases) for k in sorted({c.kind for c in cases})}
    print(f"eval set: {len(cases)} cases {kinds}; threshold {DEFAULT_THRESHOLD}\n")

    def run_case(case: Case) -> ScreenResult:
        return screen(
            case.query,
            type=case.type,
            country=case.country,
            birth_year=case.birth_year,
            screener=screener,
        )

    queries = synthetic_queries(entities, args.queries)
    speed = timed(queries, lambda q: screen(q, screener=screener))
    quality = evaluate(cases, run_case)
    print(
        "| matcher | recall | precision | F1 | negatives flagged | q/s | p50 ms | p99 ms "
        "| CPU ms/query |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print(row(f"oresight (threshold {DEFAULT_THRESHOLD})", quality, speed))

    for cut in (0.6, 0.65, 0.75, 0.8, 0.85):
        swept = evaluate(cases, partial(run_at, screener=screener, threshold=cut))
        print(row(f"oresight (threshold {cut})", swept, None))
    baseline = Baseline(entities)
    b_speed = timed(queries[: args.baseline_queries], baseline.best)
    for cutoff in BASELINE_CUTOFFS:
        b_quality = evaluate(cases, partial(baseline.case_result, cutoff=cutoff))
        first = cutoff == BASELINE_CUTOFFS[0]
        print(
            row(f"rapidfuzz WRatio extractOne >= {cutoff}", b_quality, b_speed if first else None)
        )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nspeed: {len(queries)} distinct synthetic queries (baseline: first "
        f"{args.baseline_queries}), one process, after the index is built; "
        f"{os.cpu_count()} CPUs, load average {load} (1/5/15 min) at the end"
    )
    if quality.misses:
        print("\noresight misses:\n  " + "\n  ".join(quality.misses))
    if quality.false_hits:
        print("\noresight false hits:\n  " + "\n  ".join(quality.false_hits))


if __name__ == "__main__":
    main()
