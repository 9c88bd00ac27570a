"""The offer model: the issue's YAML is accepted as written; malformed offers name the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from oresight.errors import InputError, UnknownCodeError
from oresight.offers import load_offer, parse_offer
from oresight.offers.units import annual_factor, to_fraction, to_tonnes


def test_issue_offer_is_accepted_as_written(issue_offer_file: Path) -> None:
    offer = load_offer(issue_offer_file)
    assert offer.offer_id == "example-pgm"
    assert offer.delivery.start.isoformat() == "2025-07-01"
    assert offer.lines[0].hs_code == "711021"
    assert offer.lines[0].quantity.per == "month"
    assert offer.assays[0].elements["Pd"].value == 99.2
    assert [role for role, _ in offer.parties] == ["seller", "buyer"]


def test_offer_accepts_json_and_normalises_codes(
    tmp_path: Path, issue_offer: dict[str, Any]
) -> None:
    import json

    issue_offer["lines"][0]["hs_code"] = "7110.21"
    issue_offer["date"] = "2025-06-01"
    issue_offer["delivery"] = {"from": "2025-07-01", "to": "2026-06-30"}
    path = tmp_path / "offer.json"
    path.write_text(json.dumps(issue_offer), encoding="utf-8")
    assert load_offer(path).lines[0].hs_code == "711021"


def _error(offer: dict[str, Any]) -> InputError:
    with pytest.raises(InputError) as info:
        parse_offer(offer, file="offer.yaml")
    return info.value


def test_missing_field_is_named(issue_offer: dict[str, Any]) -> None:
    del issue_offer["seller"]
    err = _error(issue_offer)
    assert err.field == "seller"
    assert "offer.yaml" in str(err) and "'seller'" in str(err)


def test_missing_nested_field_is_named(issue_offer: dict[str, Any]) -> None:
    del issue_offer["lines"][0]["quantity"]["unit"]
    assert _error(issue_offer).field == "lines[0].quantity.unit"


def test_unknown_commodity(issue_offer: dict[str, Any]) -> None:
    issue_offer["lines"][0]["commodity"] = "unobtainium"
    err = _error(issue_offer)
    assert isinstance(err, UnknownCodeError)
    assert err.field == "lines[0].commodity"
    assert "unobtainium" in str(err)


@pytest.mark.parametrize("code", ["999999", "abc", "260111"])
def test_unknown_or_mismatched_hs_code(issue_offer: dict[str, Any], code: str) -> None:
    issue_offer["lines"][0]["hs_code"] = code
    err = _error(issue_offer)
    assert isinstance(err, UnknownCodeError)
    assert err.field in {"lines[0].hs_code", "lines[0]"}
    assert code in str(err)


def test_negative_quantity(issue_offer: dict[str, Any]) -> None:
    issue_offer["lines"][0]["quantity"]["min"] = -1
    err = _error(issue_offer)
    assert err.field == "lines[0].quantity.min"
    assert "greater than or equal to 0" in str(err)


def test_max_below_min(issue_offer: dict[str, Any]) -> None:
    issue_offer["lines"][0]["quantity"].update(min=3, max=1)
    assert _error(issue_offer).field == "lines[0].quantity"


def test_assay_over_100_percent(issue_offer: dict[str, Any]) -> None:
    issue_offer["assays"][0]["elements"]["Pt"] = {"value": 5, "unit": "%"}
    err = _error(issue_offer)
    assert err.field == "assays[0].elements"
    assert "104.20%" in str(err)


def test_assay_over_100_percent_through_a_unit_mismatch(issue_offer: dict[str, Any]) -> None:
    # 5,000 g/t written where % was meant still sums above 100% with 99.2% Pd.
    issue_offer["assays"][0]["elements"]["Pt"] = {"value": 9000, "unit": "g/t"}
    assert _error(issue_offer).field == "assays[0].elements"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (("lines", 0, "quantity", "unit"), "lines[0].quantity.unit"),
        (("lines", 0, "quantity", "per"), "lines[0].quantity.per"),
        (("lines", 0, "price", "per"), "lines[0].price.per"),
        (("assays", 0, "elements", "Pd", "unit"), "assays[0].elements.Pd.unit"),
    ],
)
def test_unknown_unit(issue_offer: dict[str, Any], path: tuple[Any, ...], field: str) -> None:
    target: Any = issue_offer
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "bushel"
    err = _error(issue_offer)
    assert err.field == field
    assert "bushel" in str(err) or "Input should be" in str(err)


def test_unknown_country_and_element(issue_offer: dict[str, Any]) -> None:
    issue_offer["origin"] = "XXX"
    assert _error(issue_offer).field == "origin"
    issue_offer["origin"] = "PRK"
    issue_offer["assays"][0]["elements"]["Qq"] = {"value": 0.1, "unit": "%"}
    assert _error(issue_offer).field == "assays[0].elements"


def test_extra_field_is_rejected(issue_offer: dict[str, Any]) -> None:
    issue_offer["lines"][0]["quantty"] = 3
    assert _error(issue_offer).field == "lines[0].quantty"


def test_bad_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("offer_id: x\nlines: [\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_offer(path)
    assert info.value.line is not None


def test_units() -> None:
    assert to_tonnes(1, "t") == 1
    assert to_tonnes(32_150.7466, "ozt") == pytest.approx(1.0, rel=1e-9)
    assert to_tonnes(500, "kg") == 0.5
    assert to_fraction(99.2, "%") == pytest.approx(0.992)
    assert to_fraction(2.5, "g/t") == to_fraction(2.5, "ppm") == pytest.approx(2.5e-6)
    from datetime import date

    start, end = date(2025, 7, 1), date(2026, 6, 30)
    assert annual_factor("month", shipments=None, start=start, end=end) == 12
    assert annual_factor("shipment", shipments=4, start=start, end=end) == pytest.approx(
        4, rel=0.01
    )


def test_assay_unit_mismatch_for_refined_metal(issue_offer: dict[str, Any]) -> None:
    # 99.2 and 0.5 written in g/t for a sponge: the sample would be 0.01% metal.
    for element in issue_offer["assays"][0]["elements"].values():
        element["unit"] = "g/t"
    err = _error(issue_offer)
    assert err.field == "assays[0]"
    assert "unit mismatch" in str(err)
