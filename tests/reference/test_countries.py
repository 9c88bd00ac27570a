"""Country code lookups, including Comtrade's own codes."""

from __future__ import annotations

import pytest

from oresight.errors import UnknownCodeError
from oresight.reference import countries


@pytest.mark.parametrize("code", ["PRK", "prk", 408, "408", "KP", " kp "])
def test_dprk(code: str | int) -> None:
    assert countries.to_iso3(code) == "PRK"


def test_china_and_lookups() -> None:
    assert countries.to_iso3(156) == countries.to_iso3("CN") == "CHN"
    assert countries.to_m49("CHN") == 156
    assert countries.to_m49("PRK") == 408
    assert countries.name("PRK") == "Democratic People's Republic of Korea"
    assert countries.name(408) == countries.name("PRK")
    assert countries.to_iso3("008") == "ALB"  # zero-padded numeric


def test_comtrade_areas() -> None:
    assert countries.to_iso3(0) == countries.to_iso3("0") == "WLD"
    assert countries.to_iso3("W00") == "WLD"  # Comtrade's partnerISO for World
    assert countries.to_m49("WLD") == 0
    assert countries.to_iso3(490) == "S19"
    assert countries.name("S19") == "Other Asia, nes"
    assert countries.to_iso3(97) == "EUR"
    assert countries.is_aggregate(0) and countries.is_aggregate("S19")
    assert not countries.is_aggregate("PRK")


@pytest.mark.parametrize(
    ("comtrade", "iso3", "iso_numeric"),
    [
        (842, "USA", 840),
        (251, "FRA", 250),
        (699, "IND", 356),
        (757, "CHE", 756),
        (579, "NOR", 578),
        (711, "ZAF", 710),
        (381, "ITA", 380),
    ],
)
def test_comtrade_aliases(comtrade: int, iso3: str, iso_numeric: int) -> None:
    assert countries.to_iso3(comtrade) == iso3
    assert countries.to_iso3(iso_numeric) == iso3
    assert countries.to_m49(iso3) == iso_numeric


def test_namibia_iso2_is_not_a_missing_value() -> None:
    assert countries.to_iso3("NA") == "NAM"


@pytest.mark.parametrize("bad", [999, "999", "XX", "ZZZ", "", "Korea", True])
def test_unknown_codes_raise_naming_the_code(bad: str | int) -> None:
    assert not countries.is_country_code(bad)
    with pytest.raises(UnknownCodeError, match=repr(bad)):
        countries.to_iso3(bad)


def test_countries_table_has_one_row_per_code() -> None:
    table = countries.countries_table()
    codes = table.column("code").to_pylist()
    assert len(codes) == len(set(codes))
    assert {"code", "iso3", "iso2", "m49", "name", "kind"} <= set(table.column_names)
    assert len(codes) > 249  # ISO countries plus Comtrade's codes


@pytest.mark.parametrize(
    ("code", "comtrade"),
    [
        ("USA", 842),
        (840, 842),
        ("FRA", 251),
        ("IND", 699),
        ("CHE", 757),
        ("NOR", 579),
        ("ITA", 381),
        ("ZAF", 710),
        ("PRK", 408),
        ("CHN", 156),
        ("WLD", 0),
        ("S19", 490),
    ],
)
def test_to_comtrade_gives_the_code_for_api_requests(code: str | int, comtrade: int) -> None:
    assert countries.to_comtrade(code) == comtrade


def test_former_comtrade_codes_still_resolve() -> None:
    assert countries.to_iso3(841) == "USA"
    assert countries.to_iso3(711) == "ZAF"  # Southern African Customs Union until 1999
    assert countries.to_iso3(810) == "SUN"
    assert countries.kind("SUN") == "historical"


def test_a_non_ascii_digit_is_an_unknown_code_not_a_crash() -> None:
    import pytest

    from oresight.errors import InputError
    from oresight.reference.countries import to_iso3

    with pytest.raises(InputError, match="not a known country code"):
        to_iso3("²")  # str.isdigit() is True for it, int() is not
