"""Result types of a rules check: one verdict per regime, each with its deciding measures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from oresight.rules.model import Measure

Status = Literal["prohibited", "needs_review", "conditional", "capped", "secondary_risk", "allowed"]

# How restrictive a status is, for combining measures and for the property tests: a longer HS
# code (more measures can match it) is never lower in this order than its prefix.
# needs_review (a party only possibly on a list) ranks below prohibited, since a prohibition
# that does not depend on the reviewer's decision settles the verdict anyway, and above the
# rest, since the reviewer's decision may turn any of them into a prohibition.
SEVERITY: dict[str, int] = {
    "allowed": 0,
    "secondary_risk": 1,
    "capped": 2,
    "conditional": 3,
    "needs_review": 4,
    "prohibited": 5,
}


@dataclass(frozen=True, slots=True)
class MeasureRef:
    """A measure as cited in a verdict, with the status it gives on its own."""

    measure: Measure
    status: Status
    matched_prefix: str

    @property
    def contested(self) -> str | None:
        """The other reading, when the HS prefix this verdict rests on is contested."""
        return self.measure.contested.get(self.matched_prefix)

    def to_dict(self) -> dict[str, Any]:
        m = self.measure
        return {
            "id": m.id,
            "instrument": m.instrument,
            "paragraph": m.paragraph,
            "citation": m.citation,
            "verified": m.verified,
            "verification": m.verification,
            "quote": m.quote,
            "kind": m.kind,
            "status": self.status,
            "hs_prefix": self.matched_prefix,
            "targets": m.targets,
            "trigger": m.trigger,
            "lists": m.lists,
            "reading": "contested" if self.contested else "settled",
            "contested": self.contested,
            "label": m.label,
            "hs_source": m.hs_source,
            "effective_from": m.effective_from.isoformat(),
            "check_note": m.check_note,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """One regime's answer: a status, the measures behind it and one sentence saying why."""

    regime: str
    status: Status
    measures: list[MeasureRef]
    explanation: str
    exemptions: list[dict[str, str]] = field(default_factory=list)
    cap: dict[str, Any] | None = None

    @property
    def verified(self) -> bool | None:
        """True when every deciding measure is verified against its text (None: no measure)."""
        deciding = [r.measure.verified for r in self.measures if r.status == self.status]
        return all(deciding) if deciding else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "regime": self.regime,
            "status": self.status,
            "verified": self.verified,
            "measures": [r.to_dict() for r in self.measures],
            "explanation": self.explanation,
        }
        if self.exemptions:
            out["exemptions"] = self.exemptions
        if self.cap is not None:
            out["cap"] = self.cap
        return out


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdicts for one (origin, HS code, date) question."""

    origin: str
    hs_code: str
    date: date
    verdicts: list[Verdict]
    shipped_from: str | None = None
    importer: str | None = None

    def verdict(self, regime: str) -> Verdict:
        return next(v for v in self.verdicts if v.regime == regime)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "origin": self.origin,
            "hs_code": self.hs_code,
            "date": self.date.isoformat(),
        }
        if self.shipped_from:
            out["shipped_from"] = self.shipped_from
        if self.importer:
            out["importer"] = self.importer
        out["verdicts"] = [v.to_dict() for v in self.verdicts]
        return out
