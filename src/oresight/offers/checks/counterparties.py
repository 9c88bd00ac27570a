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
        "possible_matches": [],
    }


def review_threshold() -> float:
    """The score from which a listed name below the screening threshold needs a reviewer."""
    return float(thresholds()["counterparties"]["review_threshold"]["value"])


def designations(rows: list[dict[str, Any]]) -> tuple[frozenset[str], frozenset[str]]:
    """The lists some party is on (a match at or above the threshold), and the lists some
    party is possibly on (a possible match): what the designation measures turn on."""
    certain = {m["list"] for r in rows for m in r["matches"] if m["match"]}
    possible = {m["list"] for r in rows for m in r.get("possible_matches", [])}
    return frozenset(certain), frozenset(possible - certain)


def _possible(role: str, party: Party, matches: list[Match]) -> tuple[list[Match], Finding | None]:
    """Matches below the threshold but at or above the review threshold, and their finding."""
    floor = review_threshold()
    possible = [m for m in matches if not m.match and m.score >= floor]
    if not possible:
        return [], None
    names = ", ".join(
        f"{m.name} ({m.list} {m.reference}, score {m.score:.2f})" for m in possible[:3]
    )
    return possible, Finding(
        "counterparties",
        "possible_match",
        f"{role}: {party.name} possibly matches {names}: below the screening threshold but at "
        f"or above the review threshold ({floor:.2f}); a reviewer must confirm or clear it",
    )


def check(offer: Offer) -> CheckResult:
    """Screening result (matches above threshold, possible matches, near misses) per party."""
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
            continue
        possible, review = _possible(role, party, matches)
        if review is not None:
            row = _row(
                role, party, "possible_match", review.detail.split(": ", 1)[1], matches, searched
            )
            row["possible_matches"] = [m.to_dict() for m in possible]
            rows.append(row)
            findings.append(review)
            continue
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
