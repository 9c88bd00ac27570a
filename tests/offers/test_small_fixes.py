"""The smaller points of issue 12: a line no sample covers, no recorded production, refined
metal and mine signatures, and the contested reading of PGM concentrate (HS 2616.90)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from oresight.offers import assess

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _seed() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load((EXAMPLES / "offer-pgm-dprk.yaml").read_text("utf-8")))


def test_line_without_assay_is_a_finding(oresight_home: Path) -> None:
    data = assess(_seed()).to_dict()
    (missing,) = [f for f in data["findings"] if f["code"] == "no_assay"]
    assert missing["line"] == 1 and "rhodium" in missing["detail"]


def test_no_recorded_production_is_not_a_share_of_zero(oresight_home: Path) -> None:
    data = assess(_seed()).to_dict()
    text = next(f["detail"] for f in data["findings"] if f["code"] == "implausible")
    assert "no recorded production" in text
    assert "0.0 t/yr" not in text


def test_refined_sponge_draws_no_origin_finding(oresight_home: Path) -> None:
    data = assess(_seed()).to_dict()
    assert not [f for f in data["findings"] if f["code"] == "origin_mismatch"]
    assert "not evidence of origin" in data["assay"][0]["signature"]["fit"]


def test_pgm_concentrate_shows_both_readings(oresight_home: Path) -> None:
    offer = _seed()
    offer["seller"] = {"name": "Pyongyang Ore Traders", "country": "PRK"}
    offer["buyer"]["country"] = "DEU"
    offer["lines"] = [
        {
            "commodity": "pgm_concentrate",
            "hs_code": "261690",
            "quantity": {"min": 10, "max": 20, "unit": "t", "per": "month"},
        }
    ]
    offer["assays"] = []
    data = assess(offer).to_dict()
    contested = [f for f in data["findings"] if f["code"] == "contested_reading"]
    un = next(f for f in contested if f["detail"].startswith("UN:"))
    assert "UNSCR 2270 para 30" in un["detail"] and "other reading" in un["detail"]
    c = data["conclusion"]
    un_regime = next(r for r in c["regimes"] if r["regime"] == "UN")
    assert un_regime["status"] == "prohibited"
    assert un_regime["deciding"][0]["contested"]
    assert "CONTESTED" in c["summary"]
    eu = next(r for r in c["regimes"] if r["regime"] == "EU")
    assert eu["status"] == "allowed"  # the EU reading, shown beside the UN one


def test_company_producers_are_named_by_company_not_only_country() -> None:
    from oresight.offers.checks.plausibility import _largest

    producers = [r["producer"] for r in _largest("rhodium")]
    assert len(set(producers)) == len(producers)
    assert any(p.startswith("Amplats") for p in producers)
