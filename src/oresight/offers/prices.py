"""User benchmark prices from the command line or the API: ``palladium=1050/ozt[@YYYY-MM-DD]``.

They join the offer's own ``prices:`` block (a price given here replaces the block's price of
the same commodity), so every entry point values the offer the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import ValidationError

from oresight.errors import InputError
from oresight.offers.model import BenchmarkPrice, Offer

PRICE_OPTION = re.compile(
    r"^(?P<commodity>[A-Za-z][\w -]*?)\s*=\s*(?P<amount>\d+(?:\.\d+)?)\s*/\s*(?P<per>[a-z]+)"
    r"(?:\s*@\s*(?P<on>\d{4}-\d{2}-\d{2}))?$"
)
DEFAULT_SOURCE = "user benchmark (command line)"


def parse_price(
    text: str, *, source: str = DEFAULT_SOURCE, field: str = "--price"
) -> BenchmarkPrice:
    """``palladium=1050/ozt@2026-01-15`` as a benchmark price (USD) with its source label."""
    found = PRICE_OPTION.match(text.strip())
    if not found:
        raise InputError(
            f"{text!r} is not COMMODITY=AMOUNT/UNIT[@YYYY-MM-DD] (e.g. palladium=1050/ozt)",
            field=field,
        )
    parts = {k: v for k, v in found.groupdict().items() if v is not None}
    try:
        return BenchmarkPrice.model_validate({**parts, "source": source})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{text!r}: {where}: {first['msg']}", field=field) from exc


def with_prices(offer: Offer, prices: Sequence[BenchmarkPrice]) -> Offer:
    """The offer with these benchmark prices added (replacing its own for the same commodity)."""
    if not prices:
        return offer
    given = {p.commodity for p in prices}
    kept = [p for p in offer.prices if p.commodity not in given]
    return offer.model_copy(update={"prices": kept + list(prices)})
