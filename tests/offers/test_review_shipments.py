"""Review: a per-shipment quantity with no number of shipments is a lower bound, said so."""

from __future__ import annotations

from typing import Any

import pytest

from oresight.offers import parse_offer
from oresight.offers.checks import plausibility, valuation


def _offer(shipments: int | None) -> dict[str, Any]:
    quantity: dict[str, Any] = {"min": 50, "max": 100, "unit": "kg", "per": "shipment"}
    if shipments:
        quantity["shipments"] = shipments
    return {
        "offer_id": "t",
        "date": "2025-01-01",
        "seller": {"name": "Impala Platinum Refineries", "country": "ZAF"},
        "buyer": {"name": "Example Metals GmbH", "country": "DEU"},
        "origin": "ZAF",
        "delivery": {"from": "2025-01-01", "to": "2025-12-31"},
        "lines": [
            {
                "commodity": "platinum",
                "hs_code": "711011",
                "quantity": quantity,
                "price": {"amount": 1000, "currency": "USD", "per": "ozt"},
            }
        ],
    }


def test_unknown_number_of_shipments_is_flagged_as_a_lower_bound() -> None:
    offer = parse_offer(_offer(None))
    row = plausibility.check(offer, None, "no store").rows[0]
    assert "number of shipments not stated" in row["explanation"]
    assert row["annual_tonnes"] == pytest.approx([0.05 * 365.25 / 365, 0.1 * 365.25 / 365])
    val = valuation.check(offer).rows[0]
    assert "number of shipments not stated" in val["explanation"]


def test_stated_shipments_are_not_flagged() -> None:
    row = plausibility.check(parse_offer(_offer(12)), None, "no store").rows[0]
    assert "number of shipments not stated" not in row["explanation"]
    assert row["annual_tonnes"][1] == pytest.approx(1.2 * 365.25 / 365)
