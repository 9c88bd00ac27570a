"""The monitor's questions to the sanctions rules pillar (``oresight.rules``).

Whether goods of the monitored country (the origin: any country, never a fixed one) under a
group's HS code were prohibited on a period's first day (UN regime, cached per origin,
measure-prefix signature and rules interval), the restriction timeline drawn on the chart, and
the cap periods whose cap the flows exceeded.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

import ibis.expr.types as ir

from oresight import rules
from oresight.reference.groups import TOTAL, Groups

REGIME = "UN"  # the brief's timeline and sanction events follow the UN Security Council regime


@dataclass(frozen=True)
class Ruling:
    """What the rules said about one HS code on one day."""

    status: str
    label: str
    explanation: str
    citation: str


def representative_hs(group: str | None, hs_code: str | None, groups: Groups) -> str | None:
    """An HS code to ask the rules about: the figure's own clean code, else the group's first."""
    if hs_code:
        digits = hs_code.replace(".", "")
        if digits.isdigit() and len(digits) in (2, 4, 6):
            return digits
    if not group or group == TOTAL or group not in groups.groups:
        return None
    prefixes = [p for p in groups.groups[group].hs if p]
    return prefixes[0] if prefixes else None


def ruling(origin: str, hs_code: str, on: date) -> Ruling:
    """The UN regime's verdict on ``origin``'s goods of ``hs_code`` on ``on``.

    A verdict depends on the code only through the measure prefixes it starts with, and on the
    day only through the interval between two of the rules' boundaries; so one check per
    (prefix signature, interval) answers every code and day, whatever the number of flows.
    """
    prefixes, days = _rule_keys()
    signature = _SIGNATURES.get(hs_code)
    if signature is None:
        signature = _SIGNATURES[hs_code] = tuple(p for p in prefixes if hs_code.startswith(p))
    key = (origin, signature, bisect.bisect_right(days, on))
    found = _RULINGS.get(key)
    if found is None:
        found = _RULINGS[key] = _check(origin, hs_code, on)
    return found


@functools.lru_cache(maxsize=1)
def _rule_keys() -> tuple[tuple[str, ...], list[date]]:
    prefixes = {p for m in rules.list_measures(REGIME) for p in m.hs if p != "*"}
    return tuple(sorted(prefixes)), list(rules.boundaries())


def _check(origin: str, hs_code: str, on: date) -> Ruling:
    # The rules answer for any origin: measures that do not target it come back "allowed".
    verdict = rules.check(origin, hs_code, on, regime=REGIME).verdicts[0]
    measure = verdict.measures[0].measure if verdict.measures else None
    return Ruling(
        status=verdict.status,
        label=measure.label if measure else "",
        explanation=verdict.explanation,
        citation=measure.citation if measure else "",
    )


# (origin, matched measure prefixes, boundary interval) -> ruling; rules are fixed per process.
_RULINGS: dict[tuple[str, tuple[str, ...], int], Ruling] = {}
_SIGNATURES: dict[str, tuple[str, ...]] = {}


def timeline(group_keys: list[str], groups: Groups) -> list[dict[str, Any]]:
    """UN restrictions on each group's representative HS code, as dated spans."""
    spans: list[dict[str, Any]] = []
    for key in group_keys:
        code = representative_hs(key, None, groups)
        if code is None:
            continue
        for span in rules.timeline(code, regime=REGIME):
            spans.append({**span.to_dict(), "group": key, "hs_code": code})
    return spans


def cap_breaches(flows: ir.Table) -> list[dict[str, Any]]:
    """Cap periods whose cap the flows exceeded, from ``rules.cap_usage``."""
    rows = rules.cap_usage(flows, regime=REGIME).to_pyarrow().to_pylist()
    return [row for row in rows if row.get("exceeded")]
