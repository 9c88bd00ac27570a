"""Fixtures of the offers tests: the issue's offer as written, and paths to the examples."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"

ISSUE_OFFER = """\
offer_id: example-pgm
date: 2025-06-01
seller: {name: Korea Mining Development Trading Corporation, country: PRK}
buyer: {name: Example Metals Ltd, country: CHN}
intermediaries: []
origin: PRK
suspected_origins: []
delivery: {from: 2025-07-01, to: 2026-06-30}
lines:
  - commodity: palladium
    hs_code: "711021"
    quantity: {min: 1, max: 3, unit: t, per: month}
    price: {amount: 900, currency: USD, per: ozt}
assays:
  - sample_id: S-1
    lab: Example Assay Lab
    form: sponge
    elements: {Pd: {value: 99.2, unit: "%"}, Pt: {value: 0.5, unit: "%"}}
"""


@pytest.fixture()
def issue_offer() -> dict[str, Any]:
    """The offer of issue 6 exactly as written there, parsed from YAML (a fresh copy)."""
    return copy.deepcopy(yaml.safe_load(ISSUE_OFFER))


@pytest.fixture()
def issue_offer_file(tmp_path: Path) -> Path:
    path = tmp_path / "offer.yaml"
    path.write_text(ISSUE_OFFER, encoding="utf-8")
    return path
