"""Review: an offer of a capped commodity is measured against the cap, not just labelled."""

from __future__ import annotations

from typing import Any

import pytest

from oresight.offers import parse_offer
from oresight.offers.checks import legality
from oresight.offers.risk import level_of


def _anthracite(per_month_t: tuple[float, float]) -> dict[str, Any]:
    return {
        "offer_id": "coal-2017",
        "date": "2017-02-01",
        "seller": {"name": "Example Coal Trading", "country": "PRK"},
        "buyer": {"name": "Example Power Co", "country": "CHN"},
        "origin": "PRK",
        "delivery": {"from": "2017-03-01", "to": "2017-06-30"},
        "lines": [
            {
                "commodity": "coal",
                "hs_code": "270111",
                "quantity": {
                    "min": per_month_t[0],
                    "max": per_month_t[1],
                    "unit": "t",
                    "per": "month",
                },
                "price": {"amount": 50, "currency": "USD", "per": "t"},
            }
        ],
    }


def test_offer_above_the_2017_coal_cap_is_flagged() -> None:
    # 1-2 Mt a month for the four months March-June 2017: 4-8 Mt against 7.5 Mt.
    result = legality.check(parse_offer(_anthracite((1e6, 2e6))))
    un = next(r for r in result.rows if r["regime"] == "UN")
    assert un["status"] == "capped"
    cap = un["cap"]
    assert cap["tonnes"] == 7_500_000 and cap["usd"] == 400_870_018
    assert cap["offered_tonnes"][0] == pytest.approx(1e6 * 12 * 122 / 365.25, rel=1e-3)
    assert cap["offered_tonnes"][1] == pytest.approx(2e6 * 12 * 122 / 365.25, rel=1e-3)
    assert cap["offered_usd"][1] == pytest.approx(cap["offered_tonnes"][1] * 50)
    assert cap["share_of_cap"][1] > 1
    exceeded = [f for f in result.findings if f.code == "cap_exceeded"]
    assert exceeded and exceeded[0].detail.startswith("UN:")
    assert level_of(exceeded[0]) == "critical"


def test_offer_within_the_cap_is_capped_with_its_share() -> None:
    result = legality.check(parse_offer(_anthracite((10_000, 20_000))))
    un = next(r for r in result.rows if r["regime"] == "UN")
    assert 0 < un["cap"]["share_of_cap"][1] < 0.02
    assert "of the cap" in un["explanation"]
    assert not any(f.code == "cap_exceeded" for f in result.findings)


def test_cap_inside_a_window_whose_worst_status_is_not_capped() -> None:
    # June-December 2016: livelihood exemption (conditional) until 29 Nov, then the 2321 cap
    # of 1,000,866 t for 30 Nov-31 Dec 2016. The cap part must still be measured.
    offer = _anthracite((500_000, 1_000_000))
    offer["delivery"] = {"from": "2016-06-01", "to": "2016-12-31"}
    offer["date"] = "2016-05-01"
    result = legality.check(parse_offer(offer))
    un = next(r for r in result.rows if r["regime"] == "UN")
    assert un["status"] == "conditional"
    cap = un["cap"]
    assert cap["tonnes"] == 1_000_866
    assert cap["delivery_days_in_period"] == 32
    assert cap["offered_tonnes"][1] == pytest.approx(1e6 * 12 * 32 / 365.25, rel=1e-3)
    assert any(f.code == "cap_exceeded" for f in result.findings)
