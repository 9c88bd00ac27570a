"""Overall risk: the highest level any finding raises the offer to, with the reasons."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from oresight.offers.findings import Finding

LEVELS = ("low", "medium", "high", "critical")


@cache
def _table() -> dict[str, dict[str, str]]:
    loaded: dict[str, dict[str, str]] = yaml.safe_load(
        (Path(__file__).parent / "data" / "risk.yaml").read_text("utf-8")
    )
    return loaded


def level_of(finding: Finding) -> str:
    """The level a finding raises risk to (medium for a code the table does not list)."""
    return _table().get(finding.check, {}).get(finding.code, "medium")


def assess_risk(findings: list[Finding]) -> dict[str, Any]:
    """``{"level": ..., "reasons": [...]}``: reasons ordered from the most severe."""
    if not findings:
        return {
            "level": "low",
            "reasons": [
                "no adverse finding in legality, counterparties, plausibility, valuation or assay"
            ],
        }
    ranked = sorted(findings, key=lambda f: -LEVELS.index(level_of(f)))
    level = level_of(ranked[0])
    reasons = [f"{level_of(f)}: [{f.check}] {f.detail}" for f in ranked]
    return {"level": level, "reasons": reasons}
