"""Review of oresight.monitor.exports with hand-computed figures (an analyst's checks)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from monitor_flows import flow, land, months

from oresight.monitor import exports
from oresight.store import Store


@pytest.fixture()
def store(oresight_home: Path) -> Store:
    return Store.open()


def _series(result: Any, group: str, basis: str = "mirror") -> dict[str, dict[str, Any]]:
    rows = result.to_dict()["series"]
    return {r["period"]: r for r in rows if r["group"] == group and r["basis"] == basis}


def _events(result: Any, kind: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (e["period"], e["group"], e["hs_code"])
        for e in result.to_dict()["events"]
        if e["kind"] == kind
    ]


def test_yearly_annual_rows_of_one_reporter_keep_other_reporters_monthly(store: Store) -> None:
    # CHN reports monthly 2013-2014 (100/month in 2013, 200/month in 2014) and also an annual
    # 2014 row; RUS reports only annually (2014). The 2013 year must still come from CHN's
    # months (1,200), 2014 coal from CHN's annual row only (2,400, not 2,400 + 2,400).
    rows = [
        flow("CHN", "PRK", "270112", m, 100.0 if m < "2014" else 200.0, kg=1000)
        for m in months("2013-01", 24)
    ]
    rows.append(flow("CHN", "PRK", "270112", "2014", 2400.0, kg=12000))
    rows.append(flow("RUS", "PRK", "260111", "2014", 500.0, kg=5000))
    land(store, rows)
    coal = _series(exports("PRK", freq="Y", store=store, with_events=False), "coal")
    assert coal["2013"]["value_usd"] == pytest.approx(1200.0)
    assert coal["2014"]["value_usd"] == pytest.approx(2400.0)
    assert coal["2014"]["yoy_pct"] == pytest.approx(100.0)
    total = _series(exports("PRK", freq="Y", store=store, with_events=False), "total")
    assert total["2014"]["value_usd"] == pytest.approx(2900.0)
    assert coal["2014"]["share_pct"] == pytest.approx(100 * 2400 / 2900)


def test_unit_value_uses_only_rows_with_a_weight(store: Store) -> None:
    # H1 2014 coal: 6 x 200 USD with 1 t each, plus a 300 USD row without a weight.
    # Unit value = 1,200 / 6 t = 200 USD/t (not 1,500 / 6 = 250).
    rows = [flow("CHN", "PRK", "270112", m, 200.0, kg=1000) for m in months("2014-01", 6)]
    rows.append(flow("CHN", "PRK", "270119", "2014-03", 300.0, kg=None))
    land(store, rows)
    coal = _series(exports("PRK", freq="H", store=store, with_events=False), "coal")
    assert coal["2014-H1"]["value_usd"] == pytest.approx(1500.0)
    assert coal["2014-H1"]["quantity"] == pytest.approx(6.0)
    assert coal["2014-H1"]["unit_value"] == pytest.approx(200.0)


def test_first_time_group_event_inside_a_window(store: Store) -> None:
    # Coal every month from 2013-01; rare earths first in 2014-05 (16 months of data without).
    # The group event must not depend on whether --from cuts 2013 off.
    rows = [flow("CHN", "PRK", "270112", m, 100.0, kg=1000) for m in months("2013-01", 24)]
    rows.append(flow("CHN", "PRK", "280530", "2014-05", 50.0, kg=100))
    land(store, rows)
    whole = _events(exports("PRK", freq="H", store=store), "first_time")
    windowed = _events(exports("PRK", freq="H", start="2014", store=store), "first_time")
    assert ("2014-H1", "rare_earths", None) in whole
    assert ("2014-H1", "rare_earths", None) in windowed
    assert sorted(whole, key=str) == sorted(windowed, key=str)


def test_first_time_after_a_long_gap_seen_before_the_window(store: Store) -> None:
    # Coal 2013-2014, nothing 2015-01..2017-07 (31 months), coal again 2017-08: a resumption
    # after >= 12 months of none, even when --from 2017-01 leaves the earlier trade outside.
    rows = [flow("CHN", "PRK", "270112", m, 100.0, kg=1000) for m in months("2013-01", 24)]
    rows.append(flow("CHN", "PRK", "270112", "2017-08", 100.0, kg=1000))
    land(store, rows)
    found = _events(exports("PRK", freq="M", start="2017-01", store=store), "first_time")
    assert ("2017-08", "coal", None) in found
    assert ("2017-08", "coal", "270112") in found


def test_spike_detected_at_the_start_of_a_window(store: Store) -> None:
    # 12 months at 100, then 10,000 in 2014-01: a spike whether or not --from starts there.
    rows = [flow("CHN", "PRK", "270112", m, 100.0, kg=1000) for m in months("2013-01", 12)]
    rows.append(flow("CHN", "PRK", "270112", "2014-01", 10_000.0, kg=1000))
    land(store, rows)
    assert ("2014-01", "coal", None) in _events(exports("PRK", store=store), "spike")
    windowed = exports("PRK", start="2014-01", store=store)
    assert ("2014-01", "coal", None) in _events(windowed, "spike")


def test_collapse_to_no_trade_is_reported(store: Store) -> None:
    # 12 months of 1,000,000 (2016), then nothing in 2017-01: "a period with no trade after
    # such a baseline is a collapse" (events module); 2017-02 trade again so the data go on.
    rows = [flow("CHN", "PRK", "270112", m, 1e6, kg=1e7) for m in months("2016-01", 12)]
    rows.append(flow("CHN", "PRK", "270112", "2017-02", 1e6, kg=1e7))
    land(store, rows)
    assert ("2017-01", "coal", None) in _events(exports("PRK", store=store), "collapse")
    windowed = exports("PRK", start="2017-01", end="2017-01", store=store)
    assert ("2017-01", "coal", None) in _events(windowed, "collapse")


def test_coal_in_the_month_the_2371_ban_took_effect_is_flagged(store: Store) -> None:
    # UNSCR 2371 prohibits coal from 2017-09-05 (after the 4 September wind-down): September
    # 2017 (and Q3 2017) hold days after the ban, so coal traded then is a sanctioned-flow event;
    # August 2017 is not.
    rows = [flow("CHN", "PRK", "270112", m, 1e6, kg=1e7) for m in ["2017-08", "2017-09"]]
    land(store, rows)
    monthly = _events(exports("PRK", store=store), "sanctioned")
    assert ("2017-09", "coal", "270112") in monthly
    assert ("2017-08", "coal", "270112") not in monthly
    quarterly = _events(exports("PRK", freq="Q", store=store), "sanctioned")
    assert ("2017-Q3", "coal", "270112") in quarterly


def test_window_edges_inside_a_half_year_sum_only_the_months_asked_for(store: Store) -> None:
    # 100 a month 2013-2014. --from 2014-02 --to 2014-05 with H: 2014-H1 = Feb..May = 400 (not
    # 600), and no change on H1 2013 (a 4-month part against a full half-year means nothing).
    rows = [flow("CHN", "PRK", "270112", m, 100.0, kg=1000) for m in months("2013-01", 24)]
    land(store, rows)
    result = exports("PRK", freq="H", start="2014-02", end="2014-05", store=store)
    coal = _series(result, "coal")
    assert list(coal) == ["2014-H1"]
    assert coal["2014-H1"]["value_usd"] == pytest.approx(400.0)
    assert coal["2014-H1"]["yoy_pct"] is None
    assert any("2014-02 to 2014-05" in note for note in result.to_dict()["notes"])
    assert _events(result, "collapse") == []
    # A full-period window keeps its changes: H2 2014 against H2 2013 = 0%, against H1 = 0%.
    full = _series(exports("PRK", freq="H", start="2014-07", end="2014-12", store=store), "coal")
    assert full["2014-H2"]["value_usd"] == pytest.approx(600.0)
    assert full["2014-H2"]["yoy_pct"] == pytest.approx(0.0)
    assert full["2014-H2"]["prev_pct"] == pytest.approx(0.0)


def test_first_time_per_partner_needs_that_reporters_own_earlier_data(store: Store) -> None:
    # CHN reports from 2015-01. RUS's import reports begin only in 2017-09 (its first row is
    # coal from PRK): with --partner all that is the start of RUS's data, not a first export.
    # JPN reports imports (from AUS) since 2015-01 and first buys PRK coal in 2017-09: that is.
    rows = [flow("CHN", "PRK", "270112", m, 1e6, kg=1e7) for m in months("2015-01", 36)]
    rows.append(flow("RUS", "PRK", "270112", "2017-09", 5e5, kg=1e6))
    rows += [flow("JPN", "AUS", "270112", m, 1e6, kg=1e7) for m in months("2015-01", 36)]
    rows.append(flow("JPN", "PRK", "270112", "2017-09", 5e5, kg=1e6))
    land(store, rows)
    events = exports("PRK", partner="all", store=store).to_dict()["events"]
    new = {(e["partner"], e["hs_code"]) for e in events if e["kind"] == "first_time"}
    assert ("JPN", None) in new
    assert ("JPN", "270112") in new
    assert not {p for p, _ in new} & {"RUS", "CHN"}


def _q1_2014(result: Any) -> dict[tuple[str, str], dict[str, Any]]:
    rows = result.to_dict()["series"]
    return {
        (r["group"], r["partner"]): r
        for r in rows
        if r["period"] == "2014-Q1" and r["basis"] == "mirror"
    }


def test_partner_filter_all_and_omitted(store: Store) -> None:
    # CHN coal: month i of 2013-2014 (i = 1..24) worth 100 * i; RUS seafood 10 a month.
    # Q1 2014 coal = (13 + 14 + 15) * 100 = 4,200; Q1 2013 = 600, so year on year +600%.
    # All partners: total 4,230, coal share 4,200 / 4,230. --partner CHN: the rows say CHN.
    # --partner all: one row per partner, shares still of the country's total (4,230).
    rows = [
        flow("CHN", "PRK", "270112", m, 100.0 * (i + 1), kg=1000)
        for i, m in enumerate(months("2013-01", 24))
    ]
    rows += [flow("RUS", "PRK", "030389", m, 10.0, kg=100) for m in months("2013-01", 24)]
    land(store, rows)
    both = _q1_2014(exports("PRK", freq="Q", store=store, with_events=False))
    assert both[("coal", "WLD")]["value_usd"] == pytest.approx(4200.0)
    assert both[("coal", "WLD")]["yoy_pct"] == pytest.approx(600.0)
    assert both[("total", "WLD")]["value_usd"] == pytest.approx(4230.0)
    assert both[("coal", "WLD")]["share_pct"] == pytest.approx(100 * 4200 / 4230)
    china = exports("PRK", partner="CHN", freq="Q", store=store)
    assert set(_q1_2014(china)) == {
        ("coal", "CHN"), ("mineral_fuels", "CHN"), ("natural_resources", "CHN"), ("total", "CHN")
    }  # fmt: skip
    assert {e["partner"] for e in china.to_dict()["events"]} <= {"CHN"}
    each = _q1_2014(exports("PRK", partner="all", freq="Q", store=store, with_events=False))
    assert each[("coal", "CHN")]["value_usd"] == pytest.approx(4200.0)
    assert each[("seafood", "RUS")]["value_usd"] == pytest.approx(30.0)
    assert each[("coal", "CHN")]["share_pct"] == pytest.approx(100 * 4200 / 4230)
    assert each[("seafood", "RUS")]["share_pct"] == pytest.approx(100 * 30 / 4230)


@pytest.mark.parametrize(("value", "spike"), [(141.0, False), (143.0, True)])
def test_spike_threshold_on_a_flat_baseline(store: Store, value: float, spike: bool) -> None:
    # Flat baseline 100: MAD 0 is floored at 0.10, so z = ln(v / 100) / 0.10 >= 3.5 means
    # v >= 100 * e^0.35 = 141.9.
    rows = [flow("CHN", "PRK", "270112", m, 100.0, kg=1000) for m in months("2013-01", 12)]
    rows.append(flow("CHN", "PRK", "270112", "2014-01", value, kg=1000))
    land(store, rows)
    found = ("2014-01", "coal", None) in _events(exports("PRK", store=store), "spike")
    assert found is spike


def test_cap_breach_2017_coal_and_cif_fob_on_mirror_only(store: Store) -> None:
    # 2017 coal cap (UNSCR 2321 para 26): 7.5 Mt. 4 Mt in January and 4 Mt in February: passed
    # in 2017-02. The CIF-to-FOB factor 0.9 scales the mirror (90 of 100) but not PRK's own
    # reported export (55 stays 55).
    rows = [flow("CHN", "PRK", "270112", m, 100.0, kg=4e9) for m in ["2017-01", "2017-02"]]
    rows.append(flow("PRK", "CHN", "270112", "2017-01", 55.0, flow="export", kg=1000))
    land(store, rows)
    result = exports("PRK", store=store, cif_fob=0.9)
    assert ("2017-02", None, None) in _events(result, "cap_breach")
    assert _series(result, "coal")["2017-01"]["value_usd"] == pytest.approx(90.0)
    assert _series(result, "coal", "reported")["2017-01"]["value_usd"] == pytest.approx(55.0)


def test_national_lines_apply_to_the_reporting_country_only(store: Store) -> None:
    # China's line 2530.90.20 (rare-earth ores) makes CHN's import row rare earths; the same
    # digits on PRK's own reported export to CHN are PRK's national code, not China's line.
    mirror = flow("CHN", "PRK", "253090", "2014-05", 100.0, kg=1000)
    own = flow("PRK", "CHN", "253090", "2014-05", 70.0, flow="export", kg=1000)
    mirror["national_code"] = own["national_code"] = "25309020"
    land(store, [mirror, own])
    result = exports("PRK", store=store, with_events=False)
    assert _series(result, "rare_earths")["2014-05"]["value_usd"] == pytest.approx(100.0)
    assert "2014-05" not in _series(result, "rare_earths", "reported")
    assert _series(result, "other", "reported")["2014-05"]["value_usd"] == pytest.approx(70.0)


def test_annual_only_reporters_are_named_in_monthly_output(store: Store) -> None:
    # IND reports only an annual 2016 row: it cannot be split into months, so the monthly
    # series leave it out (total = CHN's 100) and a note says so; --freq Y counts it (1,099).
    rows = [flow("CHN", "PRK", "270112", m, 100.0, kg=1000) for m in months("2016-01", 1)]
    rows.append(flow("IND", "PRK", "711011", "2016", 999.0, kg=1))
    land(store, rows)
    monthly = exports("PRK", store=store, with_events=False)
    assert _series(monthly, "total")["2016-01"]["value_usd"] == pytest.approx(100.0)
    assert any("IND" in n and "2016" in n for n in monthly.to_dict()["notes"])
    yearly = exports("PRK", freq="Y", store=store, with_events=False)
    assert _series(yearly, "total")["2016"]["value_usd"] == pytest.approx(1099.0)
