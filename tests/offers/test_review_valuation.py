"""Review: the offer's own value is stated even where no market price table exists."""

from __future__ import annotations

from typing import Any

import pytest

from oresight.offers import parse_offer
from oresight.offers.checks import valuation


def _offer(line: dict[str, Any]) -> dict[str, Any]:
    return {
        "offer_id": "t",
        "date": "2016-05-01",
        "seller": {"name": "Example Trading Co", "country": "CHN"},
        "buyer": {"name": "Example Buyer Ltd", "country": "CHN"},
        "origin": "PRK",
        "delivery": {"from": "2016-06-01", "to": "2016-12-31"},
        "lines": [line],
    }


def test_coal_offer_value_at_the_offered_price() -> None:
    line = {
        "commodity": "coal",
        "hs_code": "270111",
        "quantity": {"min": 10_000, "max": 20_000, "unit": "t", "per": "month"},
        "price": {"amount": 80, "currency": "USD", "per": "t"},
    }
    row = valuation.check(parse_offer(_offer(line))).rows[0]
    offered = row["offered_price"]
    assert offered["value_per_month_usd"] == pytest.approx([800_000, 1_600_000])
    assert offered["value_per_year_usd"] == pytest.approx([9_600_000, 19_200_000])
    assert "offered price" in row["note"]


def test_offered_value_of_a_price_per_troy_ounce() -> None:
    line = {
        "commodity": "palladium",
        "hs_code": "711021",
        "quantity": {"min": 1, "max": 3, "unit": "t", "per": "month"},
        "price": {"amount": 900, "currency": "USD", "per": "ozt"},
    }
    offered = valuation.check(parse_offer(_offer(line))).rows[0]["offered_price"]
    # 1 t = 32,150.7466 ozt
    assert offered["usd_per_t"] == pytest.approx(900 * 32_150.7466)
    assert offered["value_per_month_usd"][0] == pytest.approx(900 * 32_150.7466, rel=1e-6)
    assert offered["value_per_year_usd"][1] == pytest.approx(36 * 900 * 32_150.7466, rel=1e-6)


def test_dossier_shows_the_value_at_the_offered_price() -> None:
    from oresight.offers import assess
    from oresight.report.dossier import render_dossier

    line = {
        "commodity": "coal",
        "hs_code": "270111",
        "quantity": {"min": 10_000, "max": 20_000, "unit": "t", "per": "month"},
        "price": {"amount": 80, "currency": "USD", "per": "t"},
    }
    html = render_dossier(assess(parse_offer(_offer(line))).to_dict())
    assert "at offered price" in html and "9.6" in html
