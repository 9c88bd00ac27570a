"""oresight.rules: sanctions measures on DPRK goods as data, evaluated per regime and date.

Public API: :func:`check`, :func:`list_measures`, :func:`timeline`, :func:`boundaries`,
:func:`flag_flows`, :func:`cap_usage`; the measures live in ``data/measures.yaml``.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oresight.rules.api import boundaries, check, list_measures, parse_date, timeline
    from oresight.rules.caps import cap_usage
    from oresight.rules.flows import flag_flows
    from oresight.rules.loader import Rules, RulesDataError, load_rules
    from oresight.rules.result import SEVERITY, CheckResult, MeasureRef, Verdict

__all__ = [
    "SEVERITY",
    "CheckResult",
    "MeasureRef",
    "Rules",
    "RulesDataError",
    "Verdict",
    "boundaries",
    "cap_usage",
    "check",
    "flag_flows",
    "list_measures",
    "load_rules",
    "parse_date",
    "timeline",
]

# Every CLI command imports this package (the app registers all command groups): the public
# names are imported on first use, so `oresight ingest` does not load the rules (pydantic
# models, YAML) nor Ibis (flag_flows, cap_usage).
_HOMES = {
    "boundaries": "api",
    "check": "api",
    "list_measures": "api",
    "parse_date": "api",
    "timeline": "api",
    "cap_usage": "caps",
    "flag_flows": "flows",
    "Rules": "loader",
    "RulesDataError": "loader",
    "load_rules": "loader",
    "SEVERITY": "result",
    "CheckResult": "result",
    "MeasureRef": "result",
    "Verdict": "result",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"oresight.rules.{_HOMES[name]}"), name)
    raise AttributeError(name)
