"""Review: a wind-down for contracts finalised before a date cannot cover a later offer."""

from __future__ import annotations

from typing import Any

from oresight.offers import parse_offer
from oresight.offers.checks import legality


def _coal(offer_date: str) -> dict[str, Any]:
    return {
        "offer_id": "coal-aug-2017",
        "date": offer_date,
        "seller": {"name": "Example Coal Trading", "country": "CHN"},
        "buyer": {"name": "Example Power Co", "country": "CHN"},
        "origin": "PRK",
        "delivery": {"from": "2017-08-15", "to": "2017-08-31"},
        "lines": [
            {
                "commodity": "coal",
                "hs_code": "270111",
                "quantity": {"min": 1000, "max": 2000, "unit": "t", "per": "month"},
            }
        ],
    }


def test_offer_made_after_the_cutoff_cannot_use_the_wind_down() -> None:
    result = legality.check(parse_offer(_coal("2017-08-10")))
    un = next(r for r in result.rows if r["regime"] == "UN")
    assert un["status"] == "prohibited"
    assert un["buyer_status"] == "prohibited"
    assert "2017-08-05" in un["explanation"] and "2017-08-10" in un["explanation"]
    assert any(f.code == "prohibited" and f.detail.startswith("UN:") for f in result.findings)


def test_offer_made_before_the_cutoff_may_use_it() -> None:
    un = next(
        r for r in legality.check(parse_offer(_coal("2017-07-01"))).rows if r["regime"] == "UN"
    )
    assert un["status"] == "conditional"
