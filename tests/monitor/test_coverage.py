"""Coverage travels with every figure: a year built from two months says so, everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from monitor_flows import flow, land, months

from oresight.cli import main
from oresight.monitor import exports
from oresight.store import Store


def _two_months_of_2017(store: Store) -> None:
    rows = []
    for period in ("2017-01", "2017-02"):
        rows.append(flow("CHN", "PRK", "270112", period, 60e6, kg=6e8))
        rows.append(flow("CHN", "PRK", "260111", period, 10e6, kg=1e8))
    land(store, rows)


def test_yearly_row_from_two_months_is_partial(oresight_home: Path) -> None:
    store = Store.open()
    _two_months_of_2017(store)
    result = exports("PRK", freq="Y", store=store, with_events=False)
    [total] = [r for r in result.rows() if r["group"] == "total" and r["source"] != "published"]
    assert total["period"] == "2017"
    assert total["months_covered"] == 2 and total["months_in_period"] == 12
    assert total["complete"] is False
    assert total["reporters"] == ["CHN"] and total["hs_codes"] == 2
    assert total["yoy_pct"] is None  # no change computed from a partial year


def test_complete_months_and_changes_only_between_complete_periods(oresight_home: Path) -> None:
    store = Store.open()
    rows = [flow("CHN", "PRK", "270112", p, 10.0, kg=1.0) for p in months("2015-01", 24)]
    rows += [flow("CHN", "PRK", "270112", "2017-03", 30.0, kg=1.0)]
    land(store, rows)
    result = exports("PRK", freq="Y", store=store, with_events=False)
    by_year = {
        r["period"]: r
        for r in result.rows()
        if r["group"] == "total" and r["source"] != "published"
    }
    assert by_year["2016"]["complete"] is True and by_year["2016"]["yoy_pct"] == 0.0
    assert by_year["2017"]["complete"] is False and by_year["2017"]["months_covered"] == 1
    monthly = exports("PRK", freq="M", store=store, with_events=False, start="2016-12")
    assert all(r["complete"] for r in monthly.rows() if r["source"] != "published")


def test_brief_json_headline_carries_the_partial_coverage(
    oresight_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_months_of_2017(Store.open())
    with pytest.raises(SystemExit) as exit_info:
        main(["brief", "PRK", "--json"])
    out, err = capsys.readouterr()
    assert exit_info.value.code in (0, None), err
    doc = json.loads(out)
    flows_2017 = [
        h for h in doc["headlines"] if h["period"] == "2017" and h["source"] != "published"
    ]
    assert flows_2017, doc["headlines"]
    for h in flows_2017:
        assert h["complete"] is False and h["months_covered"] == 2
        assert "partial: 2 of 12 months" in h["display"]
    yearly = [r for r in doc["series"] if r["period"] == "2017" and r["source"] != "published"]
    assert yearly and all(r["complete"] is False and r["months_covered"] == 2 for r in yearly)
    assert {"events", "differences", "sources", "coverage", "excluded_published"} <= set(doc)
    assert doc["coverage"]["matrix"][0] == {
        "source": "comtrade-api",
        "reporter": "CHN",
        "month": "2017-01",
        "records": 2,
        "hs_codes": 2,
    }
    excluded = {e["figure_id"]: e["reason"] for e in doc["excluded_published"]}
    assert any("share" in why for why in excluded.values())  # e.g. the 73% natural resources
    poe = [e for e in doc["excluded_published"] if e["value_usd"] == 270_000_000]
    assert poe and "group" in poe[0]["reason"]  # the PoE's USD 270 M estimate, Feb-Aug 2017


def test_labels_unknown_weight_and_cif_fob(oresight_home: Path) -> None:
    store = Store.open()
    land(store, [flow("CHN", "PRK", "270112", "2017-01", 100.0)])  # no weight reported
    rows = exports("PRK", freq="M", store=store, with_events=False, cif_fob=0.9).rows()
    coal = next(r for r in rows if r["group"] == "coal" and r["source"] != "published")
    assert coal["quantity"] is None  # not "0 t"
    assert coal["value_usd"] == pytest.approx(90.0)
    assert coal["value_basis"] == "FOB (CIF x 0.9)"


def test_analyst_views_per_hs6_and_partner_share(oresight_home: Path) -> None:
    store = Store.open()
    rows = []
    for p in months("2016-01", 12):
        rows.append(flow("CHN", "PRK", "270111", p, 30.0, kg=1.0))
        rows.append(flow("CHN", "PRK", "270112", p, 70.0, kg=1.0))
        rows.append(flow("IND", "PRK", "260111", p, 100.0, kg=1.0))
    land(store, rows)
    codes = exports("PRK", group="coal", freq="Y", store=store, by_hs6=True, with_events=False)
    flows = [r for r in codes.rows() if r["source"] != "published"]
    values = {r["group"]: r["value_usd"] for r in flows}
    assert values == {"270111": 360.0, "270112": 840.0, "total": 1200.0}
    assert {r["group_name"] for r in flows if r["group"] != "total"} == {"HS 270111", "HS 270112"}
    assert all(r["complete"] for r in flows)
    shares = exports("PRK", partner="all", freq="Y", store=store, with_events=False)
    total = {
        r["partner"]: r["share_pct"]
        for r in shares.rows()
        if r["group"] == "total" and r["source"] != "published"
    }
    assert total == {"CHN": pytest.approx(50.0), "IND": pytest.approx(50.0)}
