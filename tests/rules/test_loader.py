"""The measures file is validated at load: bad data fails with a clear error."""

from __future__ import annotations

import pytest
import yaml

from oresight.rules import RulesDataError, load_rules
from oresight.rules.loader import MEASURES_FILE, parse_rules


def _doc() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(MEASURES_FILE.read_text(encoding="utf-8"))


def test_shipped_file_loads_with_every_regime() -> None:
    rules = load_rules()
    assert {m.regime for m in rules.measures} == {"UN", "EU", "US", "JP", "KR", "UK"}
    assert rules.last_day["un-2270-29-coal"].isoformat() == "2016-11-29"


def test_unverified_reference_rows_stay_unverified() -> None:
    quotes = {m.id: m for m in load_rules().measures if m.quote.startswith("UNVERIFIED")}
    assert quotes and all(not m.verified for m in quotes.values())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hs", ["27011"], "HS prefix"),
        ("effective_from", "2001-01-01", "before adopted"),
        ("kind", "cap", "cap is required"),
        ("superseded_by", "no-such-measure", "unknown measure"),
    ],
)
def test_invalid_measure_rejected(field: str, value: object, message: str) -> None:
    doc = _doc()
    doc["measures"][5][field] = value
    with pytest.raises(RulesDataError, match=message):
        parse_rules(yaml.safe_dump(doc))


def test_every_hs_prefix_is_an_hs_code() -> None:
    from oresight.reference.hs import is_hs_code

    prefixes = {p for m in load_rules().measures for p in m.hs if p != "*"}
    assert sorted(p for p in prefixes if not is_hs_code(p)) == []
