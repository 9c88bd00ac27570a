"""Review: doré is unrefined gold bullion, classified under HS 7108, not a failed refined bar."""

from __future__ import annotations

from typing import Any

from oresight.offers import parse_offer
from oresight.offers.checks import assay


def _dore(au_pct: float, form: str = "dore") -> dict[str, Any]:
    return {
        "offer_id": "bfa-dore",
        "date": "2025-01-01",
        "seller": {"name": "Sahel Gold SARL", "country": "BFA"},
        "buyer": {"name": "Example Refiner SA", "country": "CHE"},
        "origin": "BFA",
        "delivery": {"from": "2025-02-01", "to": "2025-12-31"},
        "lines": [
            {
                "commodity": "gold",
                "hs_code": "710812",
                "quantity": {"min": 10, "max": 50, "unit": "kg", "per": "month"},
            }
        ],
        "assays": [
            {
                "sample_id": "G1",
                "form": form,
                "elements": {
                    "Au": {"value": au_pct, "unit": "%"},
                    "Ag": {"value": 8, "unit": "%"},
                },
            }
        ],
    }


def test_dore_is_judged_as_dore_not_as_a_failed_refined_bar() -> None:
    result = assay.check(parse_offer(_dore(88)))
    product = result.rows[0]["product"]
    assert product["kind"] == "dore"
    assert "cannot be" not in product["verdict"]
    assert "refin" in product["verdict"]  # it still needs a refinery
    assert not any(f.code == "not_claimed_product" for f in result.findings)


def test_dore_with_almost_no_gold_is_not_gold() -> None:
    # Chapter 71 note 5: an alloy is classified as gold only with at least 2% gold.
    result = assay.check(parse_offer(_dore(1.0)))
    assert any(f.code == "not_claimed_product" for f in result.findings)


def test_a_bar_at_88_percent_is_still_not_refined_gold() -> None:
    result = assay.check(parse_offer(_dore(88, form="bar")))
    assert any(f.code == "not_claimed_product" for f in result.findings)
