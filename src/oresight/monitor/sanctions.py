"""Bridge to the sanctions rules pillar (``oresight.rules``), optional at import time.

When the rules pillar is importable the monitor asks it whether a group's HS code was
prohibited on a period's first day and draws its timeline; when not, callers get ``None`` and
say so in their notes rather than guessing.
"""

from __future__ import annotations

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


@functools.lru_cache(maxsize=4096)
def ruling(hs_code: str, on: date, origin: str = "PRK") -> Ruling | None:
    """The UN regime's verdict for ``hs_code`` on ``on`` (None without the rules pillar)."""
    rules = rules_module()
    if rules is None:
        return None
    verdict = rules.check(origin, hs_code, on, regime=REGIME).verdicts[0]
    measures = list(getattr(verdict, "measures", []) or [])
    first = measures[0] if measures else None
    measure = getattr(first, "measure", first)
    return Ruling(
        status=str(verdict.status),
        label=str(getattr(measure, "label", "") or ""),
        explanation=str(verdict.explanation),
        citation=str(getattr(measure, "citation", "") or ""),
    )


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


def cap_usage_events(flows: Any) -> list[dict[str, Any]] | None:
    """Cap breaches from ``rules.cap_usage`` when the rules pillar offers it (None otherwise)."""
    rules = rules_module()
    cap_usage = getattr(rules, "cap_usage", None) if rules else None
    if cap_usage is None:
        return None
    result = cap_usage(flows)
    rows = result.to_pylist() if hasattr(result, "to_pylist") else list(result or [])
    out = []
    for row in rows:
        item = row if isinstance(row, dict) else getattr(row, "__dict__", {})
        if item.get("breached") or item.get("exceeded"):
            out.append(dict(item))
    return out
