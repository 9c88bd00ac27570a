"""The conclusion of an assessment: one status for the buyer, one per regime, the deciding
measures with their paragraphs, the next steps (from data) and a one-line verdict per check.

Built from the legality rows (the rules engine's verdicts, designation measures included),
the counterparty rows and the findings; it decides nothing the checks did not.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from textwrap import shorten
from typing import Any

import yaml

from oresight.offers.findings import Finding
from oresight.offers.risk import LEVELS, level_of
from oresight.rules import load_rules

# The conclusion's statuses, most severe first. A cap is a condition on the deal (stay within
# it), so ``capped`` concludes as ``conditional``; a legality that could not be checked needs
# a reviewer.
ORDER = ("prohibited", "needs_review", "conditional", "secondary_risk", "allowed")
AS_CONCLUSION = {"capped": "conditional", "not_available": "needs_review"}
CHECKS = ("legality", "counterparties", "plausibility", "valuation", "assay")
VERDICT_WIDTH = 150  # a check's verdict is one line of the dossier's first page


def _status(status: str) -> str:
    return AS_CONCLUSION.get(status, status)


def _worst(statuses: list[str]) -> str:
    found = [_status(s) for s in statuses] or ["allowed"]
    return min(found, key=ORDER.index)


@cache
def next_steps_table() -> dict[str, Any]:
    """``data/next_steps.yaml``: steps per status and reporting duties per regime."""
    loaded: dict[str, Any] = yaml.safe_load(
        (Path(__file__).parent / "data" / "next_steps.yaml").read_text("utf-8")
    )
    return loaded


@dataclass
class Deciding:
    """A measure that decides a regime's status, with what it decides it for."""

    regime: str
    id: str
    label: str
    instrument: str
    paragraph: str
    trigger: str
    status: str
    verification: str
    citation: str
    contested: str | None = None
    subjects: list[str] = field(default_factory=list)


@dataclass
class RegimeConclusion:
    regime: str
    status: str  # for this buyer
    bound: bool  # whether the regime's own prohibitions bind this buyer
    status_if_bound: str  # for persons the regime binds (its banks, carriers, insurers)
    deciding: list[Deciding]
    explanation: str


@dataclass
class Conclusion:
    status: str
    buyer_country: str | None
    summary: str
    regimes: list[RegimeConclusion]
    deciding: list[Deciding]
    next_steps: list[dict[str, str]]
    checks: list[dict[str, str]]
    not_settled: bool  # True while a reviewer's decision is outstanding

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _subject(row: dict[str, Any]) -> str:
    return f"{row['commodity']} (HS {row['hs_code']}) from {row['origin']}"


def _deciding(regime: str, rows: list[dict[str, Any]], status: str) -> list[Deciding]:
    """The measures behind the buyer's status in this regime, one entry per measure."""
    by_id: dict[str, Deciding] = {}
    for row in rows:
        if _status(row["buyer_status"]) != status:
            continue
        for m in row.get("buyer_measures", []):
            if _status(m["status"]) != status:
                continue
            entry = by_id.setdefault(
                m["id"],
                Deciding(
                    regime,
                    m["id"],
                    m.get("label") or m["instrument"],
                    m["instrument"],
                    m["paragraph"],
                    m.get("trigger", "goods"),
                    status,
                    m["verification"],
                    m["citation"],
                    m.get("contested"),
                ),
            )
            if _subject(row) not in entry.subjects:
                entry.subjects.append(_subject(row))
    return list(by_id.values())


def _regime(regime: str, rows: list[dict[str, Any]], buyer: str | None) -> RegimeConclusion:
    status = _worst([r["buyer_status"] for r in rows])
    bound = load_rules().regime(regime).bound(buyer)  # type: ignore[arg-type]
    if_bound = _worst([r["status"] for r in rows])
    deciding = _deciding(regime, rows, status)
    who = f"a buyer in {buyer}" if buyer else "a buyer (country not stated, assumed bound)"
    by = "; ".join(f"{d.label} ({d.trigger})" for d in deciding)
    text = f"{regime}: {status} for {who}" + (f" by {by}" if by else "")
    if not bound and if_bound != status:
        text += f"; {if_bound} for persons bound by {regime}"
    return RegimeConclusion(regime, status, bound, if_bound, deciding, text)


def _summary(status: str, regimes: list[RegimeConclusion], buyer: str | None) -> str:
    verb = {
        "prohibited": "Do not proceed",
        "needs_review": "Hold: not settled until a reviewer decides",
        "conditional": "Proceed only under the stated condition",
        "secondary_risk": "Escalate: exposure to secondary sanctions",
        "allowed": "No measure restricts this deal for this buyer",
    }[status]
    where = f"a buyer in {buyer}" if buyer else "the buyer"
    deciding = [r for r in regimes if r.status == status and r.deciding]
    parts = [f"{r.regime} ({', '.join(d.label for d in r.deciding)})" for r in deciding]
    text = f"{verb}: {status} for {where}"
    if parts and status != "allowed":
        text += " under " + "; ".join(parts)
    contested = [d for r in deciding for d in r.deciding if d.contested]
    if contested:
        text += (
            " - on a CONTESTED reading ("
            + "; ".join(f"{d.label}: {d.contested}" for d in contested[:1])
            + ")"
        )
    elsewhere = [r.regime for r in regimes if not r.bound and r.status_if_bound == "prohibited"]
    if elsewhere:
        text += f". Prohibited for persons bound by {', '.join(elsewhere)}"
    return text + "."


def _next_steps(status: str, regimes: list[RegimeConclusion]) -> list[dict[str, str]]:
    table = next_steps_table()
    steps = [dict(s) for s in table["status"][status]]
    for r in regimes:
        designation = any(d.trigger == "designation" for d in r.deciding)
        duty = table["reporting"].get(r.regime)
        if r.status == "prohibited" and r.bound and designation and duty:
            steps.append(
                {
                    "step": duty["step"],
                    "reason": f"{r.regime} reporting rule: {duty['rule']} ({duty['verification']})",
                }
            )
    return steps


def _check_lines(
    findings: list[Finding], rows: dict[str, list[dict[str, Any]]]
) -> list[dict[str, str]]:
    """One line per check: its worst level and what it found, shortest first."""
    out = []
    for check in CHECKS:
        found = [f for f in findings if f.check == check]
        if not found:
            out.append({"check": check, "level": "clear", "verdict": _clear(check, rows)})
            continue
        ranked = sorted(found, key=lambda f: -LEVELS.index(level_of(f)))
        more = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
        out.append(
            {
                "check": check,
                "level": level_of(ranked[0]),
                "verdict": shorten(ranked[0].detail, VERDICT_WIDTH, placeholder=" ...") + more,
            }
        )
    return out


def _clear(check: str, rows: dict[str, list[dict[str, Any]]]) -> str:
    if check == "counterparties":
        return f"{len(rows.get(check, []))} parties screened, none listed"
    return "no adverse finding"


def conclude(
    legality: list[dict[str, Any]],
    findings: list[Finding],
    buyer_country: str | None,
    rows: dict[str, list[dict[str, Any]]],
) -> Conclusion:
    """The conclusion of an assessment (see the module docstring)."""
    by_regime: dict[str, list[dict[str, Any]]] = {}
    unchecked = False
    for row in legality:
        if row.get("regime") is None:
            unchecked = True
            continue
        by_regime.setdefault(row["regime"], []).append(row)
    regimes = [_regime(code, rs, buyer_country) for code, rs in by_regime.items()]
    status = _worst([r.status for r in regimes] + (["needs_review"] if unchecked else []))
    deciding = [d for r in regimes if r.status == status for d in r.deciding]
    summary = _summary(status, regimes, buyer_country)
    if unchecked:
        summary += " Legality could not be checked for every line: a reviewer must decide."
    checks = _check_lines(findings, rows)
    for line in checks:
        if line["check"] == "legality" and line["level"] != "clear":
            line["verdict"] = shorten(summary, VERDICT_WIDTH, placeholder=" ...")
    return Conclusion(
        status=status,
        buyer_country=buyer_country,
        summary=summary,
        regimes=regimes,
        deciding=deciding,
        next_steps=_next_steps(status, regimes),
        checks=checks,
        not_settled=any(r.status == "needs_review" for r in regimes) or unchecked,
    )
