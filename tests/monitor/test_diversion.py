"""oresight.monitor.diversion on generated flows in a real store: each signal kind, steady
origins never signalled, a case with no diversion, and the issue's done-when case."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from monitor_flows import flow, land, months

from oresight.cli import main
from oresight.errors import InputError
from oresight.monitor import diversion
from oresight.store import Store

MONTHS = months("2015-01", 60)  # 2015-01 .. 2019-12
STOP = MONTHS.index("2017-10")  # DPRK coal to China stops after 2017-09


def _wobble(i: int, seed: float) -> float:
    """Deterministic month-to-month noise of +-5%."""
    return 1.0 + 0.05 * math.sin(i * 1.7 + seed)


def _series(
    origin: str,
    before: float,
    after: float,
    usd_per_t: float,
    seed: float,
    *,
    after_usd_per_t: float | None = None,
    reported: tuple[float, float] | None = None,
) -> list[dict[str, Any]]:
    """China's monthly imports of 270112 from ``origin`` (and the origin's own reports)."""
    rows = []
    for i, period in enumerate(MONTHS):
        level = before if i < STOP else after
        if level <= 0:
            continue
        value = level * _wobble(i, seed)
        price = usd_per_t if i < STOP or after_usd_per_t is None else after_usd_per_t
        rows.append(flow("CHN", origin, "270112", period, value, kg=1000 * value / price))
        if reported is not None:
            own = (reported[0] if i < STOP else reported[1]) * _wobble(i, seed)
            rows.append(flow(origin, "CHN", "270112", period, own, flow="export"))
    return rows


def _steady() -> list[dict[str, Any]]:
    return [
        *_series("AUS", 50e6, 50e6, 120.0, 0.3, reported=(47e6, 47e6)),
        *_series("IDN", 40e6, 40e6, 60.0, 1.1),
    ]


def _dprk() -> list[dict[str, Any]]:
    return _series("PRK", 100e6, 0.0, 80.0, 2.0)


def _diverted() -> list[dict[str, Any]]:
    """The done-when data: Russia and Other Asia, nes rise when DPRK coal stops."""
    return [
        *_dprk(),
        *_steady(),
        # Russia's own reports do not grow: China books more "Russian" coal than Russia ships.
        *_series("RUS", 30e6, 75e6, 100.0, 0.7, reported=(28.5e6, 29e6)),
        *_series("S19", 1e6, 35e6, 90.0, 1.9),
    ]


@pytest.fixture()
def store(oresight_home: Path) -> Store:
    return Store.open()


def _by_kind(result: Any) -> dict[tuple[str, str], Any]:
    return {(s.kind, s.origin): s for s in result.signals}


def test_unallocated_partner_rise_is_signalled_with_its_rows(store: Store) -> None:
    land(store, _diverted())
    result = diversion("PRK", partner="CHN", hs="2701", store=store)
    [collapse] = result.collapses
    assert (collapse.partner, collapse.product, collapse.cut) == ("CHN", "2701", "2017-10")
    signal = _by_kind(result)[("unallocated_partner", "S19")]
    assert signal.origin_name == "Other Asia, nes"
    assert signal.before.value_usd == pytest.approx(1e6, rel=0.1)
    assert signal.after.value_usd == pytest.approx(35e6, rel=0.1)
    assert signal.rows_total == 24 and len(signal.rows) == 24
    assert all(r.batch_id == "b1" for r in signal.rows)
    assert all(r.source_record.startswith("test:CHN:S19") for r in signal.rows)
    assert "above trend" in signal.explanation and "Score" in signal.explanation
    assert 0 < signal.score <= 1
    assert "lead, not proof" in result.caveat


def test_third_country_rise_beyond_its_trend(store: Store) -> None:
    land(store, _diverted())
    result = diversion("PRK", partner="CHN", hs="2701", store=store)
    russia = _by_kind(result)[("third_country", "RUS")]
    assert russia.expected_after_usd == pytest.approx(30e6, rel=0.15)
    assert russia.after.value_usd == pytest.approx(75e6, rel=0.1)
    assert russia.detail["sigmas"] >= 3


def test_a_rising_trend_alone_is_not_a_signal(store: Store) -> None:
    # Indonesia grows steadily through the whole period: on its own trend, not diverted.
    rising = [
        flow("CHN", "IDN", "270112", p, 20e6 + 0.5e6 * i, kg=1e6) for i, p in enumerate(MONTHS)
    ]
    land(store, [*_dprk(), *rising])
    result = diversion("PRK", partner="CHN", hs="2701", store=store)
    assert result.collapses and result.signals == []


def test_mirror_gap_when_partner_books_more_than_the_origin_reports(store: Store) -> None:
    land(store, _diverted())
    gap = _by_kind(diversion("PRK", partner="CHN", hs="2701", store=store))[("mirror_gap", "RUS")]
    assert gap.detail["ratio_before"] == pytest.approx(30 / 28.5, rel=0.05)
    assert gap.detail["ratio_after"] == pytest.approx(75 / 29, rel=0.05)
    assert {r.basis for r in gap.rows} == {"mirror", "reported"}


def test_unit_value_shift_on_a_material_flow(store: Store) -> None:
    # Mongolian coal keeps its value but arrives at half the price per tonne after the stop.
    mongolia = _series("MNG", 30e6, 30e6, 100.0, 0.9, after_usd_per_t=50.0)
    land(store, [*_dprk(), *_steady(), *mongolia])
    result = diversion("PRK", partner="CHN", hs="2701", store=store)
    assert [(s.kind, s.origin) for s in result.signals] == [("unit_value", "MNG")]
    [signal] = result.signals
    assert signal.detail["unit_value_shift"] == pytest.approx(-0.5, abs=0.02)
    assert signal.before.unit_value == pytest.approx(100.0, rel=0.01)


def test_no_diversion_when_every_other_origin_is_steady(store: Store) -> None:
    land(store, [*_dprk(), *_steady()])
    result = diversion("PRK", partner="CHN", hs="2701", store=store)
    assert len(result.collapses) == 1
    assert result.signals == []
    assert any("no diversion signal" in n for n in result.notes)


def test_no_collapse_means_no_signal(store: Store) -> None:
    flat = _series("PRK", 100e6, 100e6, 80.0, 2.0)
    land(store, [*flat, *_series("RUS", 30e6, 75e6, 100.0, 0.7)])
    result = diversion("PRK", partner="CHN", hs="2701", store=store)
    assert result.collapses == [] and result.signals == []
    assert any("No collapse" in n for n in result.notes)


def test_around_month_and_bad_input(store: Store) -> None:
    land(store, _diverted())
    result = diversion("PRK", hs="2701", around="2017-10", store=store)
    assert [c.why_cut for c in result.collapses] == ["asked (--around)"]
    with pytest.raises(InputError):
        diversion("PRK", around="2017-13", store=store)
    with pytest.raises(InputError):
        diversion("PRK", hs="2701", group="coal", store=store)


def test_series_leave_unreported_months_missing(store: Store) -> None:
    rows = [r for r in _diverted() if r["period"] != "2018-03"]  # China reported nothing
    land(store, rows)
    result = diversion("PRK", partner="CHN", hs="2701", store=store)
    signal = _by_kind(result)[("third_country", "RUS")]
    points = {p["month"]: p for p in signal.series}
    assert points["2018-03"] == {"month": "2018-03", "origin_usd": None, "target_usd": None}
    assert points["2018-04"]["target_usd"] == 0.0  # reported month, no DPRK coal: a zero
    assert signal.after.months_covered == 11 and signal.after.months_in_window == 12


def test_done_when_cli_ranks_russia_and_other_asia_not_australia_or_indonesia(
    oresight_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    land(Store.open(), _diverted())
    with pytest.raises(SystemExit) as exit_info:
        main(["diversion", "PRK", "--partner", "CHN", "--hs", "2701", "--json"])
    out, err = capsys.readouterr()
    assert exit_info.value.code in (0, None), err
    doc = json.loads(out)
    origins = [s["origin"] for s in doc["signals"]]
    assert {"RUS", "S19"} <= set(origins)
    assert not {"AUS", "IDN"} & set(origins)
    scores = [s["score"] for s in doc["signals"]]
    assert scores == sorted(scores, reverse=True)
    for s in doc["signals"]:
        assert s["rows"] and {"batch_id", "source_record"} <= set(s["rows"][0])
        assert s["before"]["value_usd"] is not None and s["after"]["value_usd"] is not None
    assert "lead, not proof" in doc["caveat"]


def test_collapse_detected_without_a_measure(store: Store) -> None:
    # No measure targets Mongolia: the cut is the month the data show the fall.
    mongolia = [
        flow("CHN", "MNG", "270112", p, 60e6 if i < 42 else 1e5, kg=1e6)
        for i, p in enumerate(MONTHS)
    ]
    land(store, [*mongolia, *_steady(), *_series("RUS", 30e6, 30e6, 100.0, 0.7)])
    result = diversion("MNG", partner="CHN", hs="2701", store=store)
    [collapse] = result.collapses
    assert collapse.cut == MONTHS[42] and collapse.why_cut.startswith("detected")
