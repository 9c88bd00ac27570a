"""Events on a real store: first-time exports, spikes, collapses, unit values, sanctions."""

from __future__ import annotations

from pathlib import Path

import pytest
from monitor_flows import flow, land, months

from oresight.ingest.published_store import load_published
from oresight.monitor import exports
from oresight.store import Store


@pytest.fixture()
def store(oresight_home: Path) -> Store:
    return Store.open()


def _kinds(result: object, kind: str) -> list[object]:
    return [e for e in result.events if e.kind == kind]  # type: ignore[attr-defined]


def test_first_time_needs_12_months_of_none(store: Store) -> None:
    rows = [flow("CHN", "PRK", "270111", p, 100.0) for p in months("2014-01", 30)]
    rows.append(flow("CHN", "PRK", "260800", "2015-03", 5.0))  # 14 months after data start
    rows.append(flow("CHN", "PRK", "260700", "2014-06", 5.0))  # only 5 months in: not an event
    land(store, rows)
    result = exports("PRK", store=store)
    firsts = {(e.group, e.period) for e in _kinds(result, "first_time")}
    assert ("zinc_ores", "2015-03") in firsts
    assert not any(g == "lead_ores" for g, _ in firsts)
    event = next(e for e in _kinds(result, "first_time") if e.group == "zinc_ores")
    assert "none since the data begin (2014-01)" in event.reason
    assert event.flows["batch_ids"] == ["b1"]


def test_spike_and_collapse(store: Store) -> None:
    values = [100.0 + (i % 3) for i in range(14)] + [5000.0] + [100.0] * 5
    rows = [
        flow("CHN", "PRK", "270111", p, v)
        for p, v in zip(months("2014-01", 20), values, strict=True)
    ]
    rows += [
        flow("CHN", "PRK", "260111", p, 80.0 + (i % 2)) for i, p in enumerate(months("2014-01", 12))
    ]
    rows.append(flow("CHN", "PRK", "030389", "2015-08", 1.0))  # keeps the data running to 2015-08
    land(store, rows)
    result = exports("PRK", store=store)
    spikes = [(e.group, e.period) for e in _kinds(result, "spike")]
    assert ("coal", "2015-03") in spikes
    collapses = [(e.group, e.period) for e in _kinds(result, "collapse")]
    assert ("iron_ore", "2015-01") in collapses
    assert all("typical" in e.reason or "no trade" in e.reason for e in _kinds(result, "spike"))


def test_unit_value_far_from_other_origins(store: Store) -> None:
    rows = [flow("CHN", "PRK", "270111", "2016-05", 1_000.0, kg=100_000.0)]  # USD 10/t
    for origin in ("RUS", "AUS", "IDN", "VNM"):
        rows.append(flow("CHN", origin, "270111", "2016-05", 10_000.0, kg=100_000.0))  # 100/t
    land(store, rows)
    result = exports("PRK", store=store)
    (event,) = _kinds(result, "unit_value")
    assert (
        event.hs_code == "270111" and "0.10x" in event.reason and "4 other origins" in event.reason
    )


def test_sanctioned_flows_and_published_events(store: Store) -> None:
    land(store, [flow("CHN", "PRK", "270111", "2018-03", 1_000.0)])
    load_published(store)
    result = exports("PRK", store=store)
    flows_events = [e for e in _kinds(result, "sanctioned") if e.source != "published"]
    assert flows_events and "UNSCR 2371" in flows_events[0].reason
    assert flows_events[0].period == "2018-03"
    published = [e for e in _kinds(result, "sanctioned") if e.source == "published"]
    assert published and all(e.flows["figure_ids"] for e in published)
    assert result.timeline and any(s["group"] == "coal" for s in result.timeline)


def test_cap_breach_from_rules(store: Store) -> None:
    rows = [flow("CHN", "PRK", "270112", p, 150e6, kg=2e9) for p in months("2017-01", 3)]
    land(store, rows)
    result = exports("PRK", store=store)
    (event,) = _kinds(result, "cap_breach")
    assert event.period.startswith("2017") and "cap for 2017 exceeded" in event.reason


def test_stop_after_a_ban_is_one_collapse_with_its_window(store: Store) -> None:
    rows = [flow("CHN", "PRK", "270112", p, 5e7, kg=5e8) for p in months("2016-01", 21)]
    rows += [flow("CHN", "PRK", "260111", p, 1e7, kg=1e8) for p in months("2016-01", 30)]
    land(store, rows)
    result = exports("PRK", group="coal", freq="M", store=store)
    stops = [e for e in result.events if e.kind == "collapse" and e.group == "coal"]
    assert len(stops) == 1, [e.period for e in stops]
    assert stops[0].period == "2017-10" and "no trade from 2017-10 through" in stops[0].reason
    assert all(e.group in (None, "coal") for e in result.events)  # no iron-ore events leak


def test_first_time_looks_at_published_history(store: Store) -> None:
    # Published figures show DPRK rare earths to China in 2014-05/06: store flows of 2014-12
    # after a gap are not "exported for the first time".
    load_published(store)
    rows = [flow("CHN", "PRK", "284690", p, 5e5) for p in months("2013-01", 2)]
    rows += [flow("CHN", "PRK", "270112", p, 1e6) for p in months("2013-01", 30)]
    rows += [flow("CHN", "PRK", "284690", "2014-12", 7e5)]
    land(store, rows)
    result = exports("PRK", partner="CHN", group="rare_earths", store=store)
    firsts = [e for e in result.events if e.kind == "first_time" and e.hs_code is None]
    assert not [e for e in firsts if e.period == "2014-12"], [e.reason for e in firsts]
