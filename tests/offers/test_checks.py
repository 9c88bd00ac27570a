"""Individual checks on small inline offers: legality windows, origins, shipments, ores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from oresight.offers import assess, parse_offer
from oresight.offers.checks import assay, legality, plausibility, valuation


def _offer(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "offer_id": "t",
        "date": "2017-05-01",
        "seller": {"name": "Example Trading Co", "country": "CHN"},
        "buyer": {"name": "Example Buyer Ltd", "country": "GBR"},
        "origin": "PRK",
        "delivery": {"from": "2017-06-01", "to": "2017-12-31"},
        "lines": [
            {
                "commodity": "coal",
                "hs_code": "270111",
                "quantity": {"min": 10000, "max": 50000, "unit": "t", "per": "month"},
            }
        ],
    }
    base.update(changes)
    return base


def test_legality_checks_measure_boundaries_inside_the_window() -> None:
    rows = legality.check(parse_offer(_offer())).rows
    un = next(r for r in rows if r["regime"] == "UN")
    # UNSCR 2371 banned DPRK coal from 2017-08-05; the window opens under the 2321 cap.
    assert un["by_date"]["2017-06-01"] == "capped"
    assert "2017-08-05" in un["dates_checked"] and "2017-09-05" in un["dates_checked"]
    assert un["status"] == "prohibited"
    assert "2017-12-31" in un["explanation"]


def test_legality_covers_suspected_origins() -> None:
    offer = parse_offer(_offer(origin="CHN", suspected_origins=["PRK"]))
    rows = legality.check(offer).rows
    kinds = {(r["origin"], r["origin_kind"]) for r in rows}
    assert kinds == {("CHN", "declared"), ("PRK", "suspected")}
    assert any(r["origin"] == "PRK" and r["status"] == "prohibited" for r in rows)


def test_per_shipment_quantities_are_spread_over_the_window() -> None:
    line = {
        "commodity": "platinum",
        "hs_code": "711011",
        "quantity": {"min": 50, "max": 100, "unit": "kg", "per": "shipment", "shipments": 6},
    }
    offer = parse_offer(
        _offer(origin="ZAF", lines=[line], delivery={"from": "2025-01-01", "to": "2025-12-31"})
    )
    lo, hi = plausibility.annual_tonnes(offer, offer.lines[0])
    assert (lo, hi) == pytest.approx((0.3, 0.6), rel=0.01)


def test_offered_price_discount_levels() -> None:
    line = {
        "commodity": "gold",
        "hs_code": "710812",
        "quantity": {"min": 10, "max": 20, "unit": "kg", "per": "month"},
        "price": {"amount": 1000, "currency": "USD", "per": "ozt"},
    }
    offer = parse_offer(
        _offer(origin="ZAF", lines=[line], delivery={"from": "2025-07-01", "to": "2025-09-30"})
    )
    result = valuation.check(offer)
    (row,) = result.rows
    assert row["prices"][0]["period"] == "2025-07"  # monthly gold price for the delivery month
    assert row["offered_price"]["ratio_to_market"] < 0.5
    assert [f.code for f in result.findings] == ["deep_discount"]


def test_foreign_currency_is_not_compared() -> None:
    line = {
        "commodity": "gold",
        "hs_code": "7108",
        "quantity": {"min": 1, "max": 2, "unit": "kg", "per": "month"},
        "price": {"amount": 90000, "currency": "EUR", "per": "kg"},
    }
    offer = parse_offer(_offer(origin="ZAF", lines=[line]))
    row = valuation.check(offer).rows[0]
    assert "not compared" in row["offered_price"]["note"]


def test_concentrate_grade_and_signature() -> None:
    line = {
        "commodity": "pgm_concentrate",
        "hs_code": "261690",
        "quantity": {"min": 100, "max": 200, "unit": "t", "per": "month"},
    }
    sample = {
        "sample_id": "C-1",
        "form": "concentrate",
        "elements": {
            "Pt": {"value": 60, "unit": "g/t"},
            "Pd": {"value": 35, "unit": "g/t"},
            "Rh": {"value": 6, "unit": "g/t"},
            "Cu": {"value": 2, "unit": "%"},
        },
    }
    offer = parse_offer(_offer(origin="ZAF", lines=[line], assays=[sample]))
    (row,) = assay.check(offer).rows
    assert row["product"]["kind"] == "grade"
    assert row["product"]["grade_g_t"] == pytest.approx(101)
    assert "concentrate" in row["product"]["fits"]
    assert row["signature"]["nearest"]["country"] == "ZAF"
    assert "fits the declared origin" in row["signature"]["fit"]


def test_sample_that_is_not_the_claimed_metal() -> None:
    offer = parse_offer(
        _offer(
            origin="ZAF",
            lines=[
                {
                    "commodity": "rhodium",
                    "hs_code": "711031",
                    "quantity": {"min": 1, "max": 2, "unit": "kg", "per": "month"},
                }
            ],
            assays=[{"sample_id": "X", "line": 0, "elements": {"Rh": {"value": 40, "unit": "%"}}}],
        )
    )
    result = assay.check(offer)
    assert "cannot be refined rhodium" in result.rows[0]["product"]["verdict"]
    assert "not_claimed_product" in {f.code for f in result.findings}


def test_no_assay_is_a_finding(oresight_home: Path) -> None:
    result = assess(_offer(origin="ZAF", seller={"name": "Example Co", "country": "ZAF"}))
    assert "no_assay" in {f.code for f in result.findings}
