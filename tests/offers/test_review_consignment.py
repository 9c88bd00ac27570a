"""Review: goods of another origin consigned from the DPRK (Russian coal loaded at Rajin)."""

from __future__ import annotations

from typing import Any

import pytest

from oresight.errors import OresightError
from oresight.offers import parse_offer
from oresight.offers.checks import legality


def _rajin(**changes: Any) -> dict[str, Any]:
    offer: dict[str, Any] = {
        "offer_id": "rajin",
        "date": "2018-04-01",
        "seller": {"name": "Example Coal Trading", "country": "RUS"},
        "buyer": {"name": "Example Power Co", "country": "USA"},
        "origin": "RUS",
        "shipped_from": "PRK",
        "delivery": {"from": "2018-05-01", "to": "2018-05-31"},
        "lines": [
            {
                "commodity": "coal",
                "hs_code": "270112",
                "quantity": {"min": 1000, "max": 2000, "unit": "t", "per": "shipment"},
            }
        ],
    }
    offer.update(changes)
    return offer


def test_russian_coal_loaded_at_rajin_is_not_silently_allowed() -> None:
    result = legality.check(parse_offer(_rajin()))
    by_regime = {r["regime"]: r for r in result.rows}
    # Worked example 6: UN allowed only under the para 8 non-DPRK-origin exemption;
    # US prohibited (goods from North Korea, directly or indirectly).
    assert by_regime["UN"]["status"] == "conditional"
    assert by_regime["US"]["status"] == "prohibited"
    assert by_regime["UN"]["shipped_from"] == "PRK"
    assert "PRK" in by_regime["UN"]["explanation"]
    assert {f.code for f in result.findings} >= {"conditional", "prohibited"}


def test_without_a_consignment_country_the_origin_alone_decides() -> None:
    offer = _rajin()
    del offer["shipped_from"]
    rows = legality.check(parse_offer(offer)).rows
    assert all(r["status"] == "allowed" for r in rows)


def test_unknown_consignment_country_is_an_error_naming_the_field() -> None:
    with pytest.raises(OresightError, match="shipped_from"):
        parse_offer(_rajin(shipped_from="XXQ"))


def test_findings_name_the_consignment_country() -> None:
    result = legality.check(parse_offer(_rajin()))
    assert all("shipped from PRK" in f.detail for f in result.findings)
