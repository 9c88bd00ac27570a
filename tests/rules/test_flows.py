"""flag_flows and cap_usage on a real DuckDB store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from oresight.rules import cap_usage, check, flag_flows
from oresight.store import Store

Build = Callable[[list[dict[str, Any]]], Store]
Row = Callable[..., dict[str, Any]]


def _flags(store: Store) -> dict[tuple[str, str, str | None], dict[str, Any]]:
    rows = flag_flows(store.flows).to_pyarrow().to_pylist()
    return {(r["period"], r["partner_iso3"], r["regime"]): r for r in rows}


def test_monthly_coal_judged_on_the_first_day_of_the_month(
    store_with: Build, flow_row: Row
) -> None:
    store = store_with([flow_row(p, "270111", 1e6, 1e7) for p in ("2017-08", "2017-09", "2017-10")])
    flags = _flags(store)
    # August starts before 2371 (2017-08-05): still under the 2321 cap.
    assert flags[("2017-08", "PRK", "UN")]["status"] == "capped"
    # September starts inside the 30-day wind-down (to 2017-09-04).
    assert flags[("2017-09", "PRK", "UN")]["status"] == "conditional"
    october = flags[("2017-10", "PRK", "UN")]
    assert october["status"] == "prohibited"
    assert october["prohibited_by"] == "UNSCR 2371 para 8"
    assert october["verified"] is False


def test_monthly_flags_agree_with_check_on_the_first_day(store_with: Build, flow_row: Row) -> None:
    periods = ["2016-05", "2017-01", "2017-11", "2018-02", "2021-03"]
    codes = ["270111", "030614", "620311", "251990", "711021", "846900"]
    store = store_with([flow_row(p, hs, 1.0, 1.0) for p in periods for hs in codes])
    for row in flag_flows(store.flows).to_pyarrow().to_pylist():
        if row["regime"] is None:
            continue
        verdict = check("PRK", row["hs_code"], f"{row['period']}-01", regime=row["regime"])
        assert verdict.verdicts[0].status == row["status"], row


def test_annual_flow_gets_share_and_note(store_with: Build, flow_row: Row) -> None:
    flags = _flags(store_with([flow_row("2017", "270111", 1e8, 1e9)]))
    un = flags[("2017", "PRK", "UN")]
    assert un["status"] == "prohibited"
    assert un["share"] == pytest.approx(118 / 365)  # 2017-09-05 .. 2017-12-31
    assert "annual flow" in un["note"]


def test_non_dprk_flows_are_kept_unflagged(store_with: Build, flow_row: Row) -> None:
    rows = [flow_row("2018-03", "270111", 1.0, 1.0, partner="RUS"), flow_row("2018-03", "22", 1, 1)]
    out = flag_flows(store_with(rows).flows).to_pyarrow().to_pylist()
    rus = [r for r in out if r["partner_iso3"] == "RUS"]
    assert len(rus) == 1 and rus[0]["status"] is None and rus[0]["regime"] is None
    un_22 = [r for r in out if r["hs_code"] == "22" and r["regime"] == "UN"]
    assert un_22 == []  # beverages: no UN measure (US, JP, KR rows exist)


def test_coal_cap_2017_exceeded(store_with: Build, flow_row: Row) -> None:
    months = [flow_row(f"2017-{m:02d}", "270111", 1e8, 1.5e9) for m in range(1, 8)]
    both_levels = [flow_row("2017-01", "2701", 1e8, 1.5e9)]  # coarser duplicate: not counted
    annual_twice = [flow_row("2017", "270111", 9e8, 9e9)]  # annual beside monthly: not counted
    stub = [
        flow_row("2016-11", "270111", 5e7, 1e9),
        flow_row("2016", "270111", 3.66e8, 0, reporter="JPN"),
    ]
    rows = cap_usage(store_with(months + both_levels + annual_twice + stub).flows)
    by_period = {r["cap_period"]: r for r in rows.to_pyarrow().to_pylist()}
    y2017 = by_period["2017"]
    assert (y2017["cap_usd"], y2017["cap_tonnes"]) == (400_870_018, 7_500_000)
    assert y2017["usd"] == pytest.approx(7e8)
    assert y2017["tonnes"] == pytest.approx(10_500_000)
    assert y2017["exceeded"] is True
    assert y2017["excess_usd"] == pytest.approx(7e8 - 400_870_018)
    assert y2017["first_exceeded"] == "2017-05"  # running total passes USD 400.87 m in May
    assert y2017["binding"] == "usd"
    stub_row = by_period["2016-11-30..2016-12-31"]
    # November starts before the cap; the annual JPN row counts for 32 of 366 days.
    assert stub_row["usd"] == pytest.approx(3.66e8 * 32 / 366)
    assert stub_row["exceeded"] is False
    assert stub_row["note"]


def test_one_regime_only(store_with: Build, flow_row: Row) -> None:
    store = store_with([flow_row("2018-03", "251990", 1.0, 1.0)])
    out = flag_flows(store.flows, "UN").to_pyarrow().to_pylist()
    assert [(r["regime"], r["status"], r["prohibited_by"]) for r in out] == [
        ("UN", "prohibited", "UNSCR 2397 para 6")
    ]
