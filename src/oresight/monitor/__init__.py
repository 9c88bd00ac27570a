"""The export monitor: a country's exports per period and commodity group, with events.

Public API: :func:`exports` (returns :class:`MonitorResult`) and :func:`diversion` (returns
:class:`DiversionResult`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["DiversionResult", "MonitorResult", "diversion", "exports"]

if TYPE_CHECKING:
    from oresight.monitor.core import exports
    from oresight.monitor.diversion_core import diversion
    from oresight.monitor.diversion_model import DiversionResult
    from oresight.monitor.result import MonitorResult


def __getattr__(name: str) -> Any:
    # Lazy: importing oresight.monitor stays cheap for the CLI's help.
    if name == "exports":
        from oresight.monitor.core import exports

        return exports
    if name == "MonitorResult":
        from oresight.monitor.result import MonitorResult

        return MonitorResult
    if name == "diversion":
        from oresight.monitor.diversion_core import diversion

        return diversion
    if name == "DiversionResult":
        from oresight.monitor.diversion_model import DiversionResult

        return DiversionResult
    raise AttributeError(name)
