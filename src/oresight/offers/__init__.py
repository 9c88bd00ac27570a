"""oresight.offers: offer due diligence, from a proposed deal to a dossier.

Public API: :func:`assess` (an offer model, mapping or file path -> :class:`Assessment`),
:func:`load_offer`, :class:`Offer`, :func:`offer_schema`.
"""

from oresight.offers.assess import Assessment, assess
from oresight.offers.loader import load_offer, parse_offer
from oresight.offers.model import Offer
from oresight.offers.schema import offer_schema

__all__ = ["Assessment", "Offer", "assess", "load_offer", "offer_schema", "parse_offer"]
