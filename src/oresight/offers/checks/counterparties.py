"""Counterparties: every party of the offer screened against the sanctions lists."""

from __future__ import annotations

from typing import Any

from oresight.errors import OresightError
from oresight.offers.findings import CheckResult, Finding
from oresight.offers.model import Offer, Party
from oresight.offers.thresholds import thresholds
from oresight.screening import Match, screen


def _row(
    role: str,
    party: Party,
    status: str,
    explanation: str,
    matches: list[Match],
    searched: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "role": role,
        "name": party.name,
        "country": party.country,
        "status": status,
        "matches": [m.to_dict() for m in matches],
        # which lists (and list files) were searched: a no_match is only as good as they are
        "lists": (searched or {}).get("lists", []),
        "sources": (searched or {}).get("sources", []),
        "explanation": explanation,
    }


def check(offer: Offer) -> CheckResult:
    """Screening result (matches above threshold, and near misses) for each party."""
    rows, findings = [], []
    for role, party in offer.parties:
        try:
            result = screen(party.name, type=party.type, country=party.country)
            matches = result.matches
            searched = result.to_dict()
        except OresightError as exc:  # e.g. no sanctions list loaded: say so, do not guess
            reason = f"not available: screening failed ({exc})"
            rows.append(_row(role, party, "not_available", reason, []))
            findings.append(Finding("counterparties", "not_available", f"{role}: {reason}"))
            continue
        hits = [m for m in matches if m.match]
        if hits:
            best = hits[0]
            text = (
                f"{party.name} matches {best.name} ({best.list} {best.reference}, "
                f"score {best.score:.2f}): {best.explanation}"
            )
            rows.append(_row(role, party, "match", text, matches, searched))
            findings.append(Finding("counterparties", "match", f"{role}: {text}"))
        else:
            near = f"; nearest: {matches[0].name} ({matches[0].score:.2f})" if matches else ""
            lists = ", ".join(searched.get("lists", [])) or "no list"
            text = f"no listed party above threshold in {lists}{near}"
            located = _located(role, party)
            if located:
                text += f"; {located.detail.split(': ', 1)[1]}"
                findings.append(located)
            rows.append(_row(role, party, "no_match", text, matches, searched))
    return CheckResult(rows, findings)


def _located(role: str, party: Party) -> Finding | None:
    """A finding for an unlisted party located in a country listed as high risk."""
    why = thresholds()["counterparties"]["high_risk_countries"].get(party.country or "")
    if not why:
        return None
    return Finding(
        "counterparties",
        "located_in_high_risk_country",
        f"{role}: located in {party.country}: {why}; not being listed is no clearance",
    )
