"""Findings: what each check found that matters for risk (a code and a sentence)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One adverse (or notable) finding; ``code`` is looked up in ``data/risk.yaml``."""

    check: str
    code: str
    detail: str
    line: int | None = None
    lines: tuple[int, ...] = ()  # every line a merged finding holds for

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["lines"] = list(self.lines or ([] if self.line is None else [self.line]))
        return out


@dataclass
class CheckResult:
    """Rows of one dossier section plus the findings that feed the risk level."""

    rows: list[dict[str, Any]]
    findings: list[Finding]
