"""Public result types of ``screen``."""

from __future__ import annotations

import builtins
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Match:
    """One listed party scored against the query (its best-matching name)."""

    list: str
    reference: str
    entity_id: str
    name: str  # the party's primary name
    matched_name: str  # the name (primary or alias) that scored best
    score: float
    match: bool  # score >= threshold
    explanation: str
    type: str = ""
    deciding_feature: str = ""
    features: dict[str, float] = field(default_factory=dict)
    programmes: builtins.list[str] = field(default_factory=builtins.list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ScreenResult:
    """Matches for one query, best first, with the lists screened against."""

    query: str
    threshold: float
    matches: builtins.list[Match]
    lists: builtins.list[str] = field(default_factory=builtins.list)
    sources: builtins.list[str] = field(default_factory=builtins.list)  # "UN: <file>"
    normalised: str = ""  # how the query was read: "최룡해" -> "choe ryong hae"
    candidates: int = 0  # listed names compared after blocking

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "threshold": self.threshold,
            "lists": self.lists,
            "sources": self.sources,
            "normalised": self.normalised,
            "candidates": self.candidates,
            "matches": [m.to_dict() for m in self.matches],
        }
