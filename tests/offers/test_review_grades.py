"""Review: ores and concentrates are judged on contained metal; no grade table is no verdict."""

from __future__ import annotations

from typing import Any

import pytest

from oresight.offers import parse_offer
from oresight.offers.checks import assay, plausibility


def _offer(line: dict[str, Any], assays: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "offer_id": "t",
        "date": "2025-01-01",
        "seller": {"name": "Bushveld Mining", "country": "ZAF"},
        "buyer": {"name": "Example Smelter", "country": "DEU"},
        "origin": "ZAF",
        "delivery": {"from": "2025-02-01", "to": "2025-12-31"},
        "lines": [line],
        "assays": assays,
    }


REE = {
    "commodity": "rare_earths",
    "hs_code": "284690",
    "quantity": {"min": 1, "max": 2, "unit": "t", "per": "month"},
}
CONC = {
    "commodity": "pgm_concentrate",
    "hs_code": "261690",
    "quantity": {"min": 10, "max": 20, "unit": "t", "per": "month"},
}
CONC_ASSAY = {
    "sample_id": "C1",
    "form": "concentrate",
    "elements": {"Pt": {"value": 60, "unit": "g/t"}, "Pd": {"value": 30, "unit": "ppm"}},
}


def test_no_grade_table_is_not_a_failed_product() -> None:
    offer = _offer(REE, [{"sample_id": "R1", "elements": {"Nd": {"value": 20, "unit": "%"}}}])
    result = assay.check(parse_offer(offer))
    verdict = result.rows[0]["product"]["verdict"]
    assert "no grade range" in verdict
    assert not any(f.code == "not_claimed_product" for f in result.findings)


def test_concentrate_plausibility_uses_the_contained_metal() -> None:
    # 120-240 t/yr of concentrate at 90 g/t holds 10.8-21.6 kg of PGMs: not a share of world
    # PGM output worth a verdict.
    row = plausibility.check(parse_offer(_offer(CONC, [CONC_ASSAY])), None, "no store").rows[0]
    assert row["gross_tonnes"] == pytest.approx([120, 240], rel=1e-3)
    assert row["annual_tonnes"] == pytest.approx([120 * 90e-6, 240 * 90e-6], rel=1e-3)
    assert row["verdict"] != "physically_implausible"
    assert "90.0 g/t" in row["explanation"]


def test_concentrate_without_assay_assumes_the_highest_grade() -> None:
    row = plausibility.check(parse_offer(_offer(CONC, [])), None, "no store").rows[0]
    # The highest grade of the reference ranges bounds the metal content from above.
    assert row["annual_tonnes"][1] < row["gross_tonnes"][1]
    assert "not assayed" in row["explanation"]
