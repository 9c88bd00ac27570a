"""Bridge to the sanctions rules pillar (``oresight.rules``), optional at import time.

When the rules pillar is importable the monitor asks it whether a group's HS code was
prohibited on a period's first day and draws its timeline; when not, callers get ``None`` and
say so in their notes rather than guessing.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from oresight.reference.groups import TOTAL, Groups

REGIME = "UN"  # the brief's timeline and sanction events follow the UN Security Council regime


@dataclass(frozen=True)
class Ruling:
    """What the rules said about one HS code on one day."""

    status: str
    label: str
    explanation: str
    citation: str


@functools.lru_cache(maxsize=1)
def rules_module() -> Any | None:
    """``oresight.rules`` if it is installed and offers ``check`` and ``timeline``, else None."""
    try:
        from oresight import rules
    except ImportError:
        return None
    if not (hasattr(rules, "check") and hasattr(rules, "timeline")):
        return None
    return rules


def unavailable_note() -> str:
    return (
        "The sanctions rules pillar (oresight.rules) is not available: no sanction events, "
        "no cap checks and no timeline on the chart."
    )


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


def ruling(hs_code: str, on: date) -> Ruling | None:
    """The UN regime's verdict on DPRK goods of ``hs_code`` on ``on`` (None without rules).

    A verdict depends on the code only through the measure prefixes it starts with, and on the
    day only through the interval between two of the rules' boundaries; so one check per
    (prefix signature, interval) answers every code and day, whatever the number of flows.
    """
    rules = rules_module()
    if rules is None:
        return None
    prefixes, days = _rule_keys()
    signature = _SIGNATURES.get(hs_code)
    if signature is None:
        signature = _SIGNATURES[hs_code] = tuple(p for p in prefixes if hs_code.startswith(p))
    key = (signature, bisect.bisect_right(days, on))
    found = _RULINGS.get(key)
    if found is None:
        found = _RULINGS[key] = _check(hs_code, on)
    return found


@functools.lru_cache(maxsize=1)
def _rule_keys() -> tuple[tuple[str, ...], list[date]]:
    rules = rules_module()
    assert rules is not None
    prefixes = {p for m in rules.list_measures(REGIME) for p in m.hs if p != "*"}
    return tuple(sorted(prefixes)), list(rules.boundaries())


def _check(hs_code: str, on: date) -> Ruling:
    rules = rules_module()
    assert rules is not None
    verdict = rules.check("PRK", hs_code, on, regime=REGIME).verdicts[0]
    measures = list(getattr(verdict, "measures", []) or [])
    first = measures[0] if measures else None
    measure = getattr(first, "measure", first)
    return Ruling(
        status=str(verdict.status),
        label=str(getattr(measure, "label", "") or ""),
        explanation=str(verdict.explanation),
        citation=str(getattr(measure, "citation", "") or ""),
    )


# (matched measure prefixes, boundary interval) -> ruling; the rules are fixed per process.
_RULINGS: dict[tuple[tuple[str, ...], int], Ruling] = {}
_SIGNATURES: dict[str, tuple[str, ...]] = {}


def timeline(group_keys: list[str], groups: Groups) -> list[dict[str, Any]] | None:
    """UN restrictions on each group's representative HS code, as dated spans (None: no rules)."""
    rules = rules_module()
    if rules is None:
        return None
    spans: list[dict[str, Any]] = []
    for key in group_keys:
        code = representative_hs(key, None, groups)
        if code is None:
            continue
        for span in rules.timeline(code, regime=REGIME):
            item = span.to_dict() if hasattr(span, "to_dict") else dict(span)
            item.update(group=key, hs_code=code)
            spans.append(item)
    return spans


def cap_breaches(flows: Any) -> list[dict[str, Any]] | None:
    """Cap periods whose cap the flows exceeded, from ``rules.cap_usage`` (None: not offered)."""
    rules = rules_module()
    cap_usage = getattr(rules, "cap_usage", None) if rules else None
    if cap_usage is None:
        return None
    rows = cap_usage(flows, regime=REGIME).to_pyarrow().to_pylist()
    return [row for row in rows if row.get("exceeded")]
