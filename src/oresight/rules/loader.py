"""Load and validate the measures file once, and index it for fast evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from oresight.errors import OresightError
from oresight.rules.model import Measure, Regime, RegimeInfo, RuleSet

MEASURES_FILE = Path(__file__).parent / "data" / "measures.yaml"


class RulesDataError(OresightError):
    """The measures file is missing or does not match its schema."""


@dataclass(frozen=True, slots=True)
class Rules:
    """A validated rule set with each measure's last day in force worked out."""

    ruleset: RuleSet
    last_day: dict[str, date | None]  # measure id -> last day in force (None: still in force)

    @property
    def measures(self) -> list[Measure]:
        return self.ruleset.measures

    def regime(self, code: Regime) -> RegimeInfo:
        return next(r for r in self.ruleset.regimes if r.code == code)

    def by_id(self, measure_id: str) -> Measure:
        return next(m for m in self.measures if m.id == measure_id)

    def in_force(self, measure: Measure, on: date) -> bool:
        end = self.last_day[measure.id]
        return measure.effective_from <= on and (end is None or on <= end)


def _last_days(ruleset: RuleSet) -> dict[str, date | None]:
    """A superseded measure ends the day before its successor takes effect."""
    starts = {m.id: m.effective_from for m in ruleset.measures}
    out: dict[str, date | None] = {}
    for m in ruleset.measures:
        ends = [d for d in (m.effective_to,) if d is not None]
        if m.superseded_by:
            ends.append(starts[m.superseded_by] - timedelta(days=1))
        out[m.id] = min(ends) if ends else None
    return out


def parse_rules(text: str, *, file: str = "<string>") -> Rules:
    """Validate a measures document (YAML text) against the schema."""
    try:
        raw = yaml.safe_load(text)
        ruleset = RuleSet.model_validate(raw)
    except yaml.YAMLError as exc:
        raise RulesDataError(f"{file}: not valid YAML: {exc}") from exc
    except ValidationError as exc:
        raise RulesDataError(f"{file}: does not match the measures schema: {exc}") from exc
    return Rules(ruleset=ruleset, last_day=_last_days(ruleset))


@cache
def load_rules(path: Path = MEASURES_FILE) -> Rules:
    """The shipped rule set (validated once per process)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesDataError(f"cannot read the measures file {path}: {exc}") from exc
    return parse_rules(text, file=str(path))
