"""oresight.screening: counterparty screening against sanctions lists, aware of Korean
romanisation.

Lists (UN XML, OFAC SDN CSV/XML, FollowTheMoney JSON) are loaded into one entity model,
their names normalised and indexed; ``screen`` returns scored, explained matches.
"""

from oresight.screening.api import DEFAULT_THRESHOLD, get_screener, screen
from oresight.screening.index import Screener
from oresight.screening.model import Entity, ListedName
from oresight.screening.results import Match, ScreenResult

__all__ = [
    "DEFAULT_THRESHOLD",
    "Entity",
    "ListedName",
    "Match",
    "ScreenResult",
    "Screener",
    "get_screener",
    "screen",
]
