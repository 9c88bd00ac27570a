"""oresight.rules: sanctions measures on DPRK goods as data, evaluated per regime and date.

Public API: :func:`check`, :func:`list_measures`, :func:`timeline`, :func:`boundaries`,
:func:`flag_flows`, :func:`cap_usage`; the measures live in ``data/measures.yaml``.
"""

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
