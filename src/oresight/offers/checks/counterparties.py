"""Counterparties: every party of the offer screened against the sanctions lists."""

from __future__ import annotations

from typing import Any

from oresight.errors import OresightError
from oresight.offers.findings import CheckResult, Finding
from oresight.offers.model import Offer


def _match_dict(m: Any) -> dict[str, Any]:
    if hasattr(m, "to_dict"):
        out: dict[str, Any] = m.to_dict()
        return out
    keys = (
        "list",
        "reference",
        "entity_id",
        "name",
        "matched_name",
        "score",
        "match",
        "explanation",
    )
    return {k: getattr(m, k, None) for k in keys}


def _row(
    role: str, party: Any, status: str, explanation: str, matches: list[Any]
) -> dict[str, Any]:
    return {
        "role": role,
        "name": party.name,
        "country": party.country,
        "status": status,
        "matches": matches,
        "explanation": explanation,
    }


def check(offer: Offer) -> CheckResult:
    """Screening result (matches above threshold, and near misses) for each party."""
    try:
        from oresight.screening import screen
    except ImportError as exc:
        reason = f"not available: the screening function is not importable ({exc})"
        rows = [_row(role, p, "not_available", reason, []) for role, p in offer.parties]
        return CheckResult(rows, [Finding("counterparties", "not_available", reason)])
    rows, findings = [], []
    for role, party in offer.parties:
        try:
            result = screen(party.name, type=party.type, country=party.country)
        except OresightError as exc:
            reason = f"not available: screening failed ({exc})"
            rows.append(_row(role, party, "not_available", reason, []))
            findings.append(Finding("counterparties", "not_available", f"{role}: {reason}"))
            continue
        matches = [_match_dict(m) for m in result.matches]
        hits = [m for m in matches if m.get("match")]
        if hits:
            best = hits[0]
            text = (
                f"{party.name} matches {best['name']} ({best['list']} {best['reference']}, "
                f"score {best['score']:.2f}): {best['explanation']}"
            )
            rows.append(_row(role, party, "match", text, matches))
            findings.append(Finding("counterparties", "match", f"{role}: {text}"))
        else:
            near = f"; nearest: {matches[0]['name']} ({matches[0]['score']:.2f})" if matches else ""
            rows.append(
                _row(role, party, "no_match", f"no listed party above threshold{near}", matches)
            )
    return CheckResult(rows, findings)
