"""oresight: judge trade in minerals from a sanctioned country.

Public API (the CLI and the HTTP API call these and nothing deeper):
``oresight.Store``, ``oresight.rules.check``, ``oresight.monitor.exports``,
``oresight.screening.screen``, ``oresight.offers.assess``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Store", "__version__"]

if TYPE_CHECKING:
    from oresight.store import Store


def __getattr__(name: str) -> Any:
    # Lazy so that `import oresight` stays cheap (ibis and duckdb load on first use).
    if name == "Store":
        from oresight.store import Store

        return Store
    raise AttributeError(name)
