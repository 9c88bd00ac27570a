"""Alerts from a StoreDiff built inline (the store's contract type, no store needed)."""

from __future__ import annotations

from typing import Any

from oresight.store.changes import FlowChange, StoreDiff
from oresight.watch import Watch, alerts_from_diff

WATCH = Watch(name="coal", reporter="CHN", partner="PRK", hs=("2701",), freq="M", years="2023-2024")


M49 = {"CHN": 156, "PRK": 408, "RUS": 643, "MNG": 496}


def key(period: str, hs: str = "270112", reporter: str = "CHN", partner: str = "PRK") -> dict:
    """A flow key as the store's diff gives it (oresight.store.identity.KEY_COLUMNS)."""
    return {
        "source_family": "comtrade",
        "reporter_m49": M49[reporter],
        "partner_m49": M49[partner],
        "flow": "import",
        "freq": "M",
        "period": period,
        "hs_code": hs,
        "national_code": "",
        "hs_edition": "H6",
    }


def row(value: float | None, batch: str, record: str) -> dict[str, Any]:
    """Value columns and provenance of one side of a change (countries by M49 in the key)."""
    return {"value_usd": value, "batch_id": batch, "source_record": record}


def test_a_new_month_is_one_alert_naming_every_flow_and_its_total() -> None:
    diff = StoreDiff(
        3,
        4,
        [
            FlowChange("added", key("2024-03"), None, row(1_500_000.0, "b4", "f.json:1")),
            FlowChange("added", key("2024-03", "270119"), None, row(500_000.0, "b4", "f.json:2")),
        ],
    )
    (alert,) = alerts_from_diff(WATCH, diff)
    assert alert.kind == "new_flows" and alert.period == "2024-03"
    assert alert.versions == (3, 4)
    assert [(f.batch_id, f.source_record) for f in alert.flows] == [
        ("b4", "f.json:1"),
        ("b4", "f.json:2"),
    ]
    assert "2 new flows for 2024-03" in alert.reason and "USD 2.00 million" in alert.reason
    assert "CHN imports from PRK" in alert.reason


def test_a_revision_names_the_old_and_new_value_and_both_rows() -> None:
    change = FlowChange("revised", key("2024-01"), row(100.0, "b1", "a:3"), row(120.0, "b2", "b:3"))
    (alert,) = alerts_from_diff(WATCH, StoreDiff(1, 2, [change]))
    assert alert.kind == "revised_flow"
    assert alert.detail["old_value"] == 100.0 and alert.detail["new_value"] == 120.0
    assert "from USD 100 to USD 120 (+20.0%)" in alert.reason
    assert [(f.version, f.batch_id) for f in alert.flows] == [("old", "b1"), ("new", "b2")]


def test_removed_flows_are_reported_with_the_rows_that_were_current() -> None:
    change = FlowChange("removed", key("2023-12"), row(50.0, "b1", "a:9"), None)
    (alert,) = alerts_from_diff(WATCH, StoreDiff(1, 2, [change]))
    assert alert.kind == "removed_flows" and alert.flows[0].batch_id == "b1"
    assert "1 removed flow for 2023-12" in alert.reason


def test_changes_outside_the_watch_raise_nothing() -> None:
    outside = [
        FlowChange("added", key("2024-01", reporter="RUS"), None, row(1.0, "b", "r")),
        FlowChange("added", key("2024-01", partner="MNG"), None, row(1.0, "b", "r")),
        FlowChange("added", key("2024-01", hs="260111"), None, row(1.0, "b", "r")),
        FlowChange("added", key("2019-01"), None, row(1.0, "b", "r")),
        FlowChange("added", {**key("2024"), "freq": "A"}, None, row(1.0, "b", "r")),
    ]
    assert alerts_from_diff(WATCH, StoreDiff(1, 2, outside)) == []


def test_a_missing_value_is_not_counted_as_zero() -> None:
    diff = StoreDiff(1, 2, [FlowChange("added", key("2024-02"), None, row(None, "b", "r"))])
    (alert,) = alerts_from_diff(WATCH, diff)
    assert "value not reported (1 without a value)" in alert.reason


def test_the_same_change_seen_from_other_versions_is_the_same_alert() -> None:
    change = FlowChange("revised", key("2024-01"), row(100.0, "b1", "a:3"), row(120.0, "b2", "b:3"))
    first = alerts_from_diff(WATCH, StoreDiff(1, 2, [change]))[0]
    again = alerts_from_diff(WATCH, StoreDiff(1, 3, [change]))[0]
    assert first.id == again.id
    other = FlowChange("revised", key("2024-01"), row(120.0, "b2", "b:3"), row(90.0, "b3", "c:3"))
    assert alerts_from_diff(WATCH, StoreDiff(2, 3, [other]))[0].id != first.id


def test_an_empty_diff_gives_no_alert() -> None:
    assert alerts_from_diff(WATCH, StoreDiff(5, 5, [])) == []


def test_countries_are_matched_by_iso3_where_the_rows_carry_it() -> None:
    iso_key = {**key("2024-01"), "reporter_m49": None, "partner_m49": None}
    rows = {"reporter_iso3": "CHN", "partner_iso3": "PRK"}
    inside = FlowChange("added", iso_key, None, {**row(1.0, "b", "r"), **rows})
    outside = FlowChange(
        "added", iso_key, None, {**row(1.0, "b", "r"), **rows, "partner_iso3": "MNG"}
    )
    assert len(alerts_from_diff(WATCH, StoreDiff(1, 2, [inside]))) == 1
    assert alerts_from_diff(WATCH, StoreDiff(1, 2, [outside])) == []
