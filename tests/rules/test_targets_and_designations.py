"""Whose goods a measure targets is data, and designation measures are measures like any other:
triggered by a party on a list, evaluated by the same ``check``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from oresight.rules import cap_usage, check, flag_flows, load_rules
from oresight.rules.loader import MEASURES_FILE, RulesDataError, parse_rules
from oresight.rules.table import measure_rows
from oresight.store import Store

Build = Callable[[list[dict[str, Any]]], Store]
Row = Callable[..., dict[str, Any]]


def test_every_measure_names_its_target() -> None:
    targets = {m.targets for m in load_rules().measures}
    assert targets == {"PRK"}  # all of today's measures target the DPRK


def test_russian_coal_raises_no_dprk_measure() -> None:
    for verdict in check("RUS", "2701", "2018-05-01").verdicts:
        assert verdict.status == "allowed"
        assert verdict.measures == []
        assert "PRK" in verdict.explanation and "RUS" in verdict.explanation


def test_the_target_comes_from_the_measure_data() -> None:
    # The same rule set with Japan's total import ban re-targeted at RUS: Russian goods are
    # then prohibited under JP, and DPRK goods no longer are (no code names a country).
    text = MEASURES_FILE.read_text(encoding="utf-8")
    start = text.index("- id: jp-fefta-total-import-ban")
    head, tail = text[:start], text[start:]
    tail = tail.replace("  targets: PRK", "  targets: RUS", 1)
    rules = parse_rules(head + tail)
    jp = check("RUS", "2701", "2025-06-01", regime="JP", rules=rules).verdicts[0]
    assert jp.status == "prohibited"
    assert jp.measures[0].measure.id == "jp-fefta-total-import-ban"
    dprk = check("PRK", "220300", "2025-06-01", regime="JP", rules=rules).verdicts[0]
    assert dprk.status == "allowed"


def test_un_listed_party_triggers_the_un_asset_freeze_whatever_the_goods() -> None:
    un = check("PRK", "711021", "2025-07-01", regime="UN", designated=["UN"]).verdicts[0]
    assert un.status == "prohibited"
    lead = un.measures[0].measure
    assert lead.id == "un-1718-8d-asset-freeze"
    assert lead.paragraph.startswith("8(d)")
    assert lead.trigger == "designation" and lead.verification == "partly_verified"
    assert "on the UN list" in un.explanation
    # palladium is not commodity-banned by the UN: without the listing it is allowed
    assert check("PRK", "711021", "2025-07-01", regime="UN").verdicts[0].status == "allowed"
    # and the freeze reaches goods of any origin sold by the listed party
    other = check("CHN", "711021", "2025-07-01", regime="UN", designated=["UN"]).verdicts[0]
    assert other.status == "prohibited"


def test_ofac_listing_blocks_for_us_persons_and_is_secondary_risk_abroad() -> None:
    us = check("CHN", "847130", "2025-07-01", regime="US", importer="USA", designated=["OFAC"])
    assert us.verdicts[0].status == "prohibited"
    assert us.verdicts[0].measures[0].measure.id == "us-sdn-blocking"
    abroad = check("CHN", "847130", "2025-07-01", regime="US", importer="CHN", designated=["OFAC"])
    assert abroad.verdicts[0].status == "secondary_risk"
    assert abroad.verdicts[0].measures[0].measure.id == "us-sdn-secondary"


def test_eu_and_uk_freezes_follow_the_un_list() -> None:
    found = check("PRK", "711021", "2025-07-01", designated=["UN"], importer="DEU")
    eu = found.verdict("EU")
    assert eu.status == "prohibited"
    ids = {r.measure.id for r in eu.measures}
    # the designation measure alongside the commodity measure (Art. 11 precious metals)
    assert {"eu-2017-1509-34-asset-freeze", "eu-296-2013-precious-metals"} <= ids
    uk = check("PRK", "711021", "2025-07-01", designated=["UN"], importer="GBR").verdict("UK")
    assert "uk-si-2019-411-asset-freeze" in {r.measure.id for r in uk.measures}


def test_possible_listing_needs_review_and_a_prohibition_still_wins() -> None:
    un = check("PRK", "711021", "2025-07-01", regime="UN", possibly_designated=["UN"])
    assert un.verdicts[0].status == "needs_review"
    assert "not settled until the reviewer decides" in un.verdicts[0].explanation
    jp = check("PRK", "711021", "2025-07-01", regime="JP", possibly_designated=["UN"])
    assert jp.verdicts[0].status == "prohibited"  # JP's total import ban needs no listing
    # a certain listing on the same list makes the possible one moot
    both = check(
        "PRK", "711021", "2025-07-01", regime="UN", designated=["UN"], possibly_designated=["UN"]
    )
    assert both.verdicts[0].status == "prohibited"


def test_flows_never_meet_designation_measures() -> None:
    ids = set(measure_rows(load_rules()).column("m_id").to_pylist())
    designations = {m.id for m in load_rules().measures if m.trigger == "designation"}
    assert designations and not ids & designations


def test_a_designation_measure_needs_its_lists() -> None:
    text = MEASURES_FILE.read_text(encoding="utf-8").replace("  lists: [UN]\n", "", 1)
    with pytest.raises(RulesDataError, match="lists are required"):
        parse_rules(text)


def test_contested_reading_is_shown_with_the_other_reading() -> None:
    un = check("PRK", "261690", "2025-07-01", regime="UN").verdicts[0]
    assert un.status == "prohibited"
    ref = un.measures[0]
    assert ref.contested and "platinum-group" in ref.contested
    assert ref.to_dict()["reading"] == "contested"
    assert "CONTESTED" in un.explanation
    gold = check("PRK", "710812", "2025-07-01", regime="UN").verdicts[0]
    assert gold.measures[0].to_dict()["reading"] == "settled"


def _retargeted(measure_id: str, target: str) -> str:
    """The shipped measures with one measure's ``targets`` changed."""
    text = MEASURES_FILE.read_text(encoding="utf-8")
    start = text.index(f"- id: {measure_id}")
    head, tail = text[:start], text[start:]
    return head + tail.replace("  targets: PRK", f"  targets: {target}", 1)


def test_flow_flags_follow_the_measures_targets(store_with: Build, flow_row: Row) -> None:
    # Japan's total import ban re-targeted at RUS: Russian coal reported by China is flagged
    # under JP, DPRK coal no longer is (its other regimes still flag it).
    rules = parse_rules(_retargeted("jp-fefta-total-import-ban", "RUS"))
    rows = [flow_row("2025-06", "270111", 1.0, 1.0, partner=p) for p in ("RUS", "PRK", "AUS")]
    out = flag_flows(store_with(rows).flows, rules=rules).to_pyarrow().to_pylist()
    by = {(r["partner_iso3"], r["regime"]): r["status"] for r in out}
    assert by[("RUS", "JP")] == "prohibited"
    assert ("PRK", "JP") not in by and by[("PRK", "UN")] == "prohibited"
    assert by[("AUS", None)] is None  # nobody's measure targets Australia
    shipped = flag_flows(store_with(rows).flows).to_pyarrow().to_pylist()
    assert {r["regime"] for r in shipped if r["partner_iso3"] == "RUS"} == {None}


def test_cap_usage_counts_imports_from_the_caps_target(store_with: Build, flow_row: Row) -> None:
    cap_id = next(m.id for m in load_rules().measures if m.cap is not None and m.regime == "UN")
    rules = parse_rules(_retargeted(cap_id, "RUS"))
    rows = [flow_row("2017-03", "270111", 5e7, 1e9, partner=p) for p in ("RUS", "PRK")]
    rows.append(flow_row("2017-04", "270111", 2e7, 1e8, partner="RUS"))
    store = store_with(rows)
    usage = cap_usage(store.flows, rules=rules).to_pyarrow().to_pylist()
    by_period = {r["cap_period"]: r for r in usage}
    assert by_period["2017"]["usd"] == pytest.approx(7e7)  # RUS only: no PRK row counted
    shipped = cap_usage(store.flows).to_pyarrow().to_pylist()
    assert {r["cap_period"]: r for r in shipped}["2017"]["usd"] == pytest.approx(5e7)
