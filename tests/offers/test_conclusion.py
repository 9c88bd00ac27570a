"""The conclusion first: one status for the buyer and one per regime, the deciding measures
(commodity and designation) with paragraphs, next steps from data, findings merged."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from oresight.offers import assess

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _seed() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load((EXAMPLES / "offer-pgm-dprk.yaml").read_text("utf-8")))


def _with(seller: str, buyer: str) -> dict[str, Any]:
    offer = _seed()
    offer["seller"]["name"] = seller
    offer["buyer"]["country"] = buyer
    return offer


def _regime(conclusion: dict[str, Any], code: str) -> dict[str, Any]:
    return next(r for r in conclusion["regimes"] if r["regime"] == code)


@pytest.mark.parametrize(
    "seller",
    ["Korea Mining Development Trading Corporation", "Korea Mining Development Trading Corp"],
)
@pytest.mark.parametrize("buyer", ["CHN", "DEU", "USA"])
def test_komid_seller_is_prohibited_for_any_buyer(
    seller: str, buyer: str, oresight_home: Path
) -> None:
    data = assess(_with(seller, buyer)).to_dict()
    assert next(iter(data)) == "conclusion"  # the assessment starts with it
    c = data["conclusion"]
    assert c["status"] == "prohibited"
    un = _regime(c, "UN")
    assert un["status"] == "prohibited"
    (freeze,) = [d for d in un["deciding"] if d["trigger"] == "designation"]
    assert freeze["id"] == "un-1718-8d-asset-freeze"
    assert freeze["paragraph"].startswith("8(d)")
    assert len(freeze["subjects"]) == 2  # both lines, in one entry
    assert any(s["step"].startswith("Do not proceed") for s in c["next_steps"])


def test_commodity_measures_stand_alongside_the_designation(oresight_home: Path) -> None:
    c = assess(_with("Korea Mining Development Trading Corp", "DEU")).to_dict()["conclusion"]
    eu = _regime(c, "EU")
    assert eu["status"] == "prohibited"
    triggers = {(d["id"], d["trigger"]) for d in eu["deciding"]}
    assert ("eu-296-2013-precious-metals", "goods") in triggers
    assert ("eu-2017-1509-34-asset-freeze", "designation") in triggers


def test_us_buyer_gets_the_ofac_reporting_step(oresight_home: Path) -> None:
    c = assess(_with("Korea Mining Development Trading Corp", "USA")).to_dict()["conclusion"]
    us = _regime(c, "US")
    assert us["status"] == "prohibited" and us["bound"]
    assert any("31 CFR 501.603" in s["reason"] for s in c["next_steps"])
    chn = assess(_with("Korea Mining Development Trading Corp", "CHN")).to_dict()["conclusion"]
    assert not any("31 CFR" in s["reason"] for s in chn["next_steps"])  # not bound by the US


def test_unlisted_seller_keeps_the_commodity_verdicts(oresight_home: Path) -> None:
    offer = _with("Pyongyang Ore Traders", "CHN")
    data = assess(offer).to_dict()
    c = data["conclusion"]
    assert all(r["status"] == "no_match" for r in data["counterparties"] if r["role"] == "seller")
    un = _regime(c, "UN")
    assert un["status"] == "allowed" == un["status_if_bound"]  # allowed in commodity terms
    for code in ("EU", "US", "JP", "KR", "UK"):
        assert _regime(c, code)["status_if_bound"] == "prohibited", code
    assert _regime(c, "US")["status"] == "secondary_risk"
    assert c["status"] == "secondary_risk"
    assert "Prohibited for persons bound by EU, US, JP, KR, UK" in c["summary"]
    # for an EU buyer the EU prohibits it, and the conclusion says which regime does
    eu_buyer = assess(_with("Pyongyang Ore Traders", "DEU")).to_dict()["conclusion"]
    assert eu_buyer["status"] == "prohibited"
    assert "under EU" in eu_buyer["summary"]
    assert _regime(eu_buyer, "UN")["status"] == "allowed"


def test_weak_resemblance_needs_review(oresight_home: Path) -> None:
    # a name scoring between the review threshold (0.55) and the match threshold (0.70): with
    # the independent-set screening fixes "Korea Mining Trading Company" scores 0.51 (below both)
    data = assess(_with("Korea Mining Development Trading Exchange Office", "CHN")).to_dict()
    seller = next(r for r in data["counterparties"] if r["role"] == "seller")
    assert seller["status"] == "possible_match"
    assert seller["possible_matches"][0]["reference"] in {"KPe.001", "9345"}
    c = data["conclusion"]
    assert c["status"] == "needs_review"
    assert c["not_settled"] is True
    assert _regime(c, "UN")["status"] == "needs_review"
    assert "not settled" in c["summary"]
    assert any(f["code"] == "possible_match" for f in data["findings"])


def test_findings_repeated_across_lines_are_merged(oresight_home: Path) -> None:
    data = assess(_seed()).to_dict()
    legality = [f for f in data["findings"] if f["check"] == "legality"]
    per_regime = [f["detail"].split(":")[0] for f in legality]
    assert len(per_regime) == len(set(per_regime))  # one finding per regime, not per line
    us = next(f for f in legality if f["detail"].startswith("US:"))
    assert us["lines"] == [0, 1]
    assert "palladium" in us["detail"] and "rhodium" in us["detail"]


def test_every_check_has_a_one_line_verdict(oresight_home: Path) -> None:
    checks = assess(_seed()).to_dict()["conclusion"]["checks"]
    assert [c["check"] for c in checks] == [
        "legality",
        "counterparties",
        "plausibility",
        "valuation",
        "assay",
    ]
    assert all(len(c["verdict"]) <= 170 and "\n" not in c["verdict"] for c in checks)
    assert checks[1]["level"] == "critical" and "KPe.001" in checks[1]["verdict"]
