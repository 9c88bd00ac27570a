"""Legality: the rules engine's verdict per regime over the delivery window.

For each line and each origin (declared and suspected), ``oresight.rules.check`` is asked on
the first and last day of delivery and on every measure boundary date (from
``oresight.rules.timeline``) inside the window; a regime's status over the window is the most
restrictive one seen, with the dates it holds on and the measures behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from oresight.errors import OresightError
from oresight.offers.findings import CheckResult, Finding
from oresight.offers.model import Offer

SEVERITY = {"allowed": 0, "secondary_risk": 1, "capped": 2, "conditional": 3, "prohibited": 4}


def _boundaries(
    timeline: Callable[..., Any] | None, hs_code: str, origin: str, start: date, end: date
) -> tuple[list[date], str]:
    """Dates inside (start, end] on which a restriction of ``hs_code`` begins or ends.

    A span's ``end`` is its last day, so both that day and the next are checked.
    """
    if timeline is None:
        return [], "measure timeline not available"
    try:
        spans = timeline(hs_code, origin=origin)
    except Exception as exc:  # another pillar's function: report its failure, do not hide it
        return [], f"measure timeline not available ({exc})"
    found: set[date] = set()
    for span in spans:
        last = getattr(span, "end", None)
        candidates = [
            getattr(span, "start", None),
            last,
            last + timedelta(days=1) if last else None,
        ]
        found.update(d for d in candidates if isinstance(d, date) and start < d <= end)
    return sorted(found), ""


def _measures(verdict: Any) -> list[dict[str, Any]]:
    if hasattr(verdict, "to_dict"):
        return list(verdict.to_dict().get("measures", []))
    return [
        {
            k: getattr(m, k, None)
            for k in ("instrument", "paragraph", "citation", "verified", "quote")
        }
        for m in getattr(verdict, "measures", [])
    ]


def _not_available(offer: Offer, reason: str) -> CheckResult:
    rows = [
        {
            "line": i,
            "commodity": line.commodity,
            "hs_code": line.hs_code,
            "origin": origin,
            "origin_kind": kind,
            "regime": None,
            "status": "not_available",
            "explanation": f"not available: {reason}",
        }
        for i, line in enumerate(offer.lines)
        for kind, origin in offer.origins
    ]
    return CheckResult(
        rows, [Finding("legality", "not_available", f"legality not checked: {reason}")]
    )


def check(offer: Offer) -> CheckResult:
    """Verdicts per line, origin and regime over the delivery window."""
    try:
        from oresight.rules import check as rules_check
    except ImportError as exc:
        return _not_available(offer, f"the rules engine is not importable ({exc})")
    timeline: Callable[..., Any] | None
    try:
        from oresight.rules import timeline
    except ImportError:
        timeline = None
    start, end = offer.delivery.start, offer.delivery.end
    rows: list[dict[str, Any]] = []
    findings: list[Finding] = []
    for i, line in enumerate(offer.lines):
        for kind, origin in offer.origins:
            inner, note = _boundaries(timeline, line.hs_code, origin, start, end)
            dates = sorted({start, end, *inner})
            by_regime: dict[str, dict[str, Any]] = {}
            for on in dates:
                try:
                    result = rules_check(origin, line.hs_code, on)
                except OresightError as exc:
                    return _not_available(offer, f"rules check failed: {exc}")
                for v in result.verdicts:
                    entry = by_regime.setdefault(v.regime, {"by_date": {}, "worst": None})
                    entry["by_date"][on.isoformat()] = v.status
                    worst = entry["worst"]
                    if worst is None or SEVERITY.get(v.status, 0) > SEVERITY.get(worst.status, 0):
                        entry["worst"] = v
            for regime, entry in by_regime.items():
                v = entry["worst"]
                held = [d for d, s in entry["by_date"].items() if s == v.status]
                row = {
                    "line": i,
                    "commodity": line.commodity,
                    "hs_code": line.hs_code,
                    "origin": origin,
                    "origin_kind": kind,
                    "regime": regime,
                    "status": v.status,
                    "dates_checked": [d.isoformat() for d in dates],
                    "by_date": entry["by_date"],
                    "measures": _measures(v),
                    "explanation": f"{v.explanation} (status on {', '.join(held)})"
                    + (f"; {note}" if note else ""),
                }
                rows.append(row)
                if v.status != "allowed":
                    findings.append(
                        Finding(
                            "legality",
                            v.status,
                            f"{regime}: {v.status} for {line.commodity} (HS {line.hs_code}) "
                            f"from {origin} ({kind} origin): {v.explanation}",
                            i,
                        )
                    )
    return CheckResult(rows, findings)
