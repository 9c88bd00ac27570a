"""oresight.rules: sanctions measures on DPRK goods as data, evaluated per regime and date.

Public API: :func:`check`, :func:`list_measures`, :func:`timeline`, :func:`boundaries`,
:func:`flag_flows`, :func:`cap_usage`; the measures live in ``data/measures.yaml``.
"""

from typing import TYPE_CHECKING, Any

from oresight.rules.api import boundaries, check, list_measures, parse_date, timeline
from oresight.rules.loader import Rules, RulesDataError, load_rules
from oresight.rules.result import SEVERITY, CheckResult, MeasureRef, Verdict

if TYPE_CHECKING:
    from oresight.rules.caps import cap_usage
    from oresight.rules.flows import flag_flows

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


def __getattr__(name: str) -> Any:
    # flag_flows and cap_usage work on Ibis tables: imported on first use, so that commands
    # that never touch them (every CLI command imports this package) do not import Ibis
    if name == "flag_flows":
        from oresight.rules.flows import flag_flows

        return flag_flows
    if name == "cap_usage":
        from oresight.rules.caps import cap_usage

        return cap_usage
    raise AttributeError(name)
