"""Thresholds of the offer checks, read from ``data/thresholds.yaml``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"


@cache
def thresholds() -> dict[str, Any]:
    """All thresholds by check (plausibility, valuation, assay)."""
    loaded: dict[str, Any] = yaml.safe_load((DATA / "thresholds.yaml").read_text("utf-8"))
    return loaded
