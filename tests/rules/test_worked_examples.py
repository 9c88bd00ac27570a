"""Every worked example of ../shared/reference/sanctions/README.md, as a test.

The expected statuses are the README's answers ("ban_with_exemption" there is "conditional"
here: allowed only under a stated exemption; "allowed under exemption" likewise).
"""

from __future__ import annotations

import pytest

from oresight.rules import check

# (example, origin, hs, date, {regime: status}, shipped_from)
CASES = [
    ("1 rare earths 2014", "PRK", "2846", "2014-06-15",
     {"UN": "allowed", "US": "prohibited", "EU": "allowed", "JP": "prohibited",
      "KR": "prohibited"}, None),
    ("2 rare earths 2016", "PRK", "2846", "2016-06-01",
     {"UN": "prohibited", "EU": "prohibited", "US": "prohibited"}, None),
    ("3 anthracite 2016", "PRK", "270111", "2016-06-01",
     {"UN": "conditional", "US": "prohibited"}, None),
    ("4 anthracite 2017-03", "PRK", "270111", "2017-03-15",
     {"UN": "capped", "EU": "capped", "US": "prohibited"}, None),
    ("5 anthracite 2017-09", "PRK", "270111", "2017-09-20",
     {"UN": "prohibited", "EU": "prohibited", "US": "prohibited", "JP": "prohibited",
      "KR": "prohibited"}, None),
    ("6 Russian coal via Rajin", "RUS", "2701", "2018-05-01",
     {"UN": "conditional", "US": "prohibited"}, "PRK"),
    ("7 crab in wind-down", "PRK", "030614", "2017-08-20", {"UN": "conditional"}, None),
    ("7 crab after wind-down", "PRK", "030614", "2017-09-10", {"UN": "prohibited"}, None),
    ("8 suits in wind-down", "PRK", "6203", "2017-11-01",
     {"UN": "conditional", "US": "prohibited"}, None),
    ("8 suits after wind-down", "PRK", "6203", "2018-01-15", {"UN": "prohibited"}, None),
    ("9 mushrooms", "PRK", "071239", "2018-03-01", {"UN": "prohibited"}, None),
    ("9 pine nuts", "PRK", "0802", "2018-03-01", {"UN": "prohibited"}, None),
    ("9 ginseng", "PRK", "121120", "2018-03-01", {"UN": "prohibited"}, None),
    ("9 beverages", "PRK", "22", "2018-03-01",
     {"UN": "allowed", "US": "prohibited", "JP": "prohibited", "KR": "prohibited"}, None),
    ("9 tea", "PRK", "09", "2018-03-01",
     {"UN": "allowed", "US": "prohibited", "JP": "prohibited", "KR": "prohibited"}, None),
    ("10 magnesia in wind-down", "PRK", "251990", "2018-01-10", {"UN": "conditional"}, None),
    ("10 magnesia after", "PRK", "251990", "2018-02-01", {"UN": "prohibited"}, None),
    ("11 palladium", "PRK", "7110.21", "2025-06-01",
     {"UN": "allowed", "EU": "prohibited", "UK": "prohibited", "US": "prohibited",
      "JP": "prohibited", "KR": "prohibited"}, None),
    ("12 false eyelashes", "PRK", "6704", "2019-06-01",
     {"UN": "allowed", "US": "prohibited", "JP": "prohibited", "KR": "prohibited",
      "EU": "allowed"}, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("origin", "hs", "on", "expected", "via"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_worked_example(
    origin: str, hs: str, on: str, expected: dict[str, str], via: str | None
) -> None:
    result = check(origin, hs, on, shipped_from=via)
    got = {v.regime: v.status for v in result.verdicts}
    assert {r: got[r] for r in expected} == expected


def test_example_1_un_cites_nothing_and_notes_catch_all() -> None:
    un = check("PRK", "2846", "2014-06-15", regime="UN").verdicts[0]
    assert un.measures == []
    assert "catch-all" in un.explanation


def test_example_2_un_cites_2270_para_30() -> None:
    un = check("PRK", "2846", "2016-06-01", regime="UN").verdicts[0]
    assert un.measures[0].measure.label == "UNSCR 2270 para 30"
    assert un.measures[0].measure.verified is False  # reconstructed wording stays flagged


def test_example_3_livelihood_is_the_exemption() -> None:
    un = check("PRK", "270111", "2016-06-01", regime="UN").verdicts[0]
    assert [e["kind"] for e in un.exemptions] == ["livelihood"]
    assert "transit" not in {e["kind"] for e in un.exemptions}  # Rajin never helps DPRK coal


def test_example_4_cap_figures() -> None:
    un = check("PRK", "270111", "2017-03-15", regime="UN", quantity=1000.0).verdicts[0]
    assert un.cap is not None
    assert (un.cap["usd"], un.cap["tonnes"]) == (400_870_018, 7_500_000)
    assert un.cap["shipment_share_tonnes"] == pytest.approx(1000 / 7_500_000)
    assert "whichever is lower" in un.explanation


def test_example_5_us_lists_secondary_exposure() -> None:
    us = check("PRK", "270111", "2017-09-20", regime="US").verdicts[0]
    cited = {r.measure.label for r in us.measures}
    assert us.measures[0].measure.label == "EO 13570 sec. 1"
    assert "22 U.S.C. 9214(b)(1)" in cited
    assert "EO 13810" not in cited  # effective 2017-09-21


def test_example_6_exemption_is_rajin_transit() -> None:
    un = check("RUS", "2701", "2018-05-01", regime="UN", shipped_from="PRK").verdicts[0]
    assert [e["kind"] for e in un.exemptions] == ["transit"]
    assert un.measures[0].measure.label == "UNSCR 2371 para 8"


def test_example_6_without_dprk_shipment_is_outside_the_rule_set() -> None:
    un = check("RUS", "2701", "2018-05-01", regime="UN").verdicts[0]
    assert un.status == "allowed"
    assert "PRK origin" in un.explanation


def test_example_7_wind_down_dates() -> None:
    un = check("PRK", "030614", "2017-08-20", regime="UN").verdicts[0]
    assert un.exemptions[0]["kind"] == "wind_down"
    assert "2017-09-04" in un.exemptions[0]["text"] and "2017-09-19" in un.exemptions[0]["text"]


def test_example_9_hs_source_is_stated() -> None:
    un = check("PRK", "0802", "2018-03-01", regime="UN").verdicts[0]
    assert un.measures[0].measure.hs_source == "stated"


def test_example_11_eu_names_counterparty_scope() -> None:
    eu = check("PRK", "711021", "2025-06-01", regime="EU").verdicts[0]
    assert "Government of the DPRK" in eu.explanation
    assert eu.verified is False


def test_broader_code_names_restricted_narrower_codes() -> None:
    un = check("PRK", "27", "2018-03-01", regime="UN").verdicts[0]
    assert un.status == "allowed"
    assert "2701" in un.explanation and "UNSCR 2371 para 8" in un.explanation


def test_capped_shipment_share_in_explanation() -> None:
    un = check("PRK", "270111", "2017-03-15", regime="UN", quantity=75_000.0).verdicts[0]
    assert "1.00% of the tonnage limit" in un.explanation


def test_importer_outside_a_regime_sees_only_secondary_measures() -> None:
    result = check("PRK", "2846", "2018-03-01", importer="CHN")
    got = {v.regime: v.status for v in result.verdicts}
    assert got == {"UN": "prohibited", "EU": "allowed", "US": "secondary_risk",
                   "JP": "allowed", "KR": "allowed", "UK": "allowed"}  # fmt: skip
    us = result.verdict("US")
    assert "22 U.S.C. 9214(a)(10)" in {r.measure.label for r in us.measures}
    assert result.to_dict()["importer"] == "CHN"


def test_importer_inside_a_regime_is_bound() -> None:
    result = check("PRK", "2846", "2018-03-01", importer="DEU")
    assert result.verdict("EU").status == "prohibited"
    assert result.verdict("US").status == "secondary_risk"
