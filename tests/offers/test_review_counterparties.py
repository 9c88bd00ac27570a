"""Review: an unlisted party located in the DPRK is not a clean counterparty."""

from __future__ import annotations

from typing import Any

from oresight.offers import parse_offer
from oresight.offers.checks import counterparties
from oresight.offers.risk import level_of


def _offer(seller_country: str) -> dict[str, Any]:
    return {
        "offer_id": "t",
        "date": "2025-06-01",
        "seller": {"name": "Pyongyang Example Trading", "country": seller_country},
        "buyer": {"name": "Example Buyer Ltd", "country": "CHN"},
        "intermediaries": [{"name": "Example Shipping Agency", "country": "HKG"}],
        "origin": "PRK",
        "delivery": {"from": "2025-07-01", "to": "2025-12-31"},
        "lines": [
            {
                "commodity": "palladium",
                "hs_code": "711021",
                "quantity": {"min": 1, "max": 2, "unit": "kg", "per": "month"},
            }
        ],
    }


def test_unlisted_seller_in_the_dprk_is_a_finding() -> None:
    result = counterparties.check(parse_offer(_offer("PRK")))
    seller = next(r for r in result.rows if r["role"] == "seller")
    assert seller["status"] == "no_match"
    assert "DPRK" in seller["explanation"] or "PRK" in seller["explanation"]
    located = [f for f in result.findings if f.code == "located_in_high_risk_country"]
    assert len(located) == 1 and located[0].detail.startswith("seller")
    assert level_of(located[0]) == "high"


def test_parties_elsewhere_raise_no_such_finding() -> None:
    result = counterparties.check(parse_offer(_offer("CHN")))
    assert not any(f.code == "located_in_high_risk_country" for f in result.findings)


def test_a_clean_party_says_which_lists_were_searched() -> None:
    result = counterparties.check(parse_offer(_offer("CHN")))
    buyer = next(r for r in result.rows if r["role"] == "buyer")
    assert buyer["status"] == "no_match"
    assert buyer["lists"] and buyer["sources"]
    assert all(name in buyer["explanation"] for name in buyer["lists"])
