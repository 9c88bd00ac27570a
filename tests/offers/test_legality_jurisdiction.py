"""Review: legality judged for the buyer's jurisdiction, not only as if every regime bound it."""

from __future__ import annotations

from typing import Any

from oresight.offers import assess, parse_offer
from oresight.offers.checks import legality
from oresight.offers.risk import level_of
from oresight.report.dossier import render_dossier


def _rare_earths(buyer_country: str | None) -> dict[str, Any]:
    buyer: dict[str, Any] = {"name": "Example Buyer Ltd"}
    if buyer_country:
        buyer["country"] = buyer_country
    return {
        "offer_id": "ree-2018",
        "date": "2018-02-01",
        "seller": {"name": "Example Trading Co", "country": "PRK"},
        "buyer": buyer,
        "origin": "PRK",
        "delivery": {"from": "2018-03-01", "to": "2018-06-30"},
        "lines": [
            {
                "commodity": "rare earths",
                "hs_code": "284690",
                "quantity": {"min": 1, "max": 2, "unit": "t", "per": "month"},
            }
        ],
    }


def test_chinese_buyer_faces_us_secondary_risk_not_a_us_prohibition() -> None:
    result = legality.check(parse_offer(_rare_earths("CHN")))
    by_regime = {r["regime"]: r for r in result.rows}
    us = by_regime["US"]
    # The regime's own persons are prohibited (worked examples); a Chinese buyer is not a US
    # person, so for it the US exposure is designation risk.
    assert us["status"] == "prohibited"
    assert us["buyer_status"] == "secondary_risk"
    assert "CHN" in us["buyer_explanation"]
    assert by_regime["UN"]["buyer_status"] == "prohibited"  # UN binds every State
    codes = {(f.detail.split(":")[0], f.code) for f in result.findings}
    assert ("US", "secondary_risk") in codes
    assert ("UN", "prohibited") in codes
    assert ("US", "prohibited") not in codes
    # A prohibition in a jurisdiction that does not bind the buyer is still reported, lower.
    jp = next(f for f in result.findings if f.detail.startswith("JP:"))
    assert jp.code == "prohibited_elsewhere"
    assert level_of(jp) == "medium"


def test_buyer_without_country_is_judged_as_bound_by_every_regime() -> None:
    rows = legality.check(parse_offer(_rare_earths(None))).rows
    us = next(r for r in rows if r["regime"] == "US")
    assert us["buyer_status"] == us["status"] == "prohibited"


def test_dossier_shows_the_buyer_status_and_partial_verification() -> None:
    html = render_dossier(assess(parse_offer(_rare_earths("CHN"))).to_dict())
    # the per-regime table of page 1 names the buyer's status beside the bound persons' one
    assert "for this buyer" in html and "secondary risk" in html
    assert "partly verified" in html
