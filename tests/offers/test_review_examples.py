"""Review: every example offer under examples/ loads and is assessed without error."""

from __future__ import annotations

from pathlib import Path

import pytest

from oresight.offers import assess

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("offer-*.yaml")), ids=lambda p: p.name)
def test_example_offer_is_assessed(path: Path, oresight_home: Path) -> None:
    doc = assess(path).to_dict()
    assert doc["risk"]["level"] in {"low", "medium", "high", "critical"}
    assert doc["legality"] and doc["plausibility"] and doc["valuation"]


def test_rajin_example_is_not_silently_allowed(oresight_home: Path) -> None:
    doc = assess(EXAMPLES / "offer-coal-rajin.yaml").to_dict()
    un = next(r for r in doc["legality"] if r["regime"] == "UN")
    assert un["status"] == "conditional" and un["shipped_from"] == "PRK"


def test_dore_example_is_not_a_failed_product(oresight_home: Path) -> None:
    doc = assess(EXAMPLES / "offer-gold-dore-bfa.yaml").to_dict()
    assert doc["assay"][0]["product"]["kind"] == "dore"
    assert doc["plausibility"][0]["verdict"] == "consistent"
    assert doc["risk"]["level"] in {"low", "medium"}
