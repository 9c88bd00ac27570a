"""Review: an offer of nothing is malformed, not a zero-value deal that passes every check."""

from __future__ import annotations

from typing import Any

import pytest

from oresight.errors import OresightError
from oresight.offers import parse_offer


def test_zero_quantity_is_an_error_naming_the_field(issue_offer: dict[str, Any]) -> None:
    issue_offer["lines"][0]["quantity"].update(min=0, max=0)
    with pytest.raises(OresightError) as info:
        parse_offer(issue_offer)
    assert getattr(info.value, "field", None) == "lines[0].quantity.max"
    assert "greater than 0" in str(info.value)


def test_zero_minimum_with_a_positive_maximum_is_accepted(issue_offer: dict[str, Any]) -> None:
    issue_offer["lines"][0]["quantity"].update(min=0, max=1)
    assert parse_offer(issue_offer).lines[0].quantity.max == 1
