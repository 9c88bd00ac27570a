"""oresight.monitor.exports on a real DuckDB store: series, metrics, published rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from monitor_flows import flow, land, months

from oresight.errors import InputError, UnknownCodeError
from oresight.ingest.published_store import load_published
from oresight.monitor import exports
from oresight.store import Store


@pytest.fixture()
def store(oresight_home: Path) -> Store:
    return Store.open()


def _by(result: object, **match: object) -> list[dict[str, object]]:
    rows = result.rows()  # type: ignore[attr-defined]
    return [r for r in rows if all(r.get(k) == v for k, v in match.items())]


def test_done_when_rare_earths_2014_published_values(store: Store) -> None:
    load_published(store)
    result = exports(
        "PRK",
        partner="CHN",
        group="rare_earths",
        freq="M",
        start="2014-01",
        end="2014-12",
        store=store,
    )
    rows = result.to_dict()["series"]
    assert [(r["period"], r["value_usd"]) for r in rows] == [
        ("2014-05", 550_000.0),
        ("2014-06", 1_330_000.0),
    ]
    assert all(r["source"] == "published" and r["citation"].startswith("https://") for r in rows)
    assert all(r["period_kind"] == "month" for r in rows)


def test_mirror_series_value_share_and_changes(store: Store) -> None:
    rows = []
    for i, period in enumerate(months("2015-01", 24)):
        rows.append(flow("CHN", "PRK", "270111", period, 100.0 + i, kg=1000.0))
        rows.append(flow("CHN", "PRK", "260111", period, 50.0, kg=500.0))
    rows.append(flow("CHN", "USA", "270111", "2015-01", 1e9))  # another origin: ignored
    rows.append(flow("PRK", "RUS", "030389", "2016-12", 10.0, flow="export"))  # own report
    land(store, rows)
    result = exports("PRK", freq="M", start="2016-12", end="2016-12", store=store)
    coal = _by(result, group="coal", source="comtrade-api", basis="mirror")[0]
    assert coal["value_usd"] == 123.0
    assert coal["quantity"] == 1.0 and coal["unit_value"] == 123.0
    assert coal["share_pct"] == pytest.approx(100 * 123 / 173)
    assert coal["prev_pct"] == pytest.approx(100 * (123 / 122 - 1))
    assert coal["yoy_pct"] == pytest.approx(100 * (123 / 111 - 1))
    total = _by(result, group="total", basis="mirror")[0]
    assert total["value_usd"] == 173.0
    assert _by(result, group="natural_resources", basis="mirror")[0]["value_usd"] == 173.0
    own = _by(result, group="seafood", basis="reported")[0]
    assert own["value_usd"] == 10.0 and own["partner"] == "WLD"


def test_half_year_and_fob_factor(store: Store) -> None:
    land(store, [flow("CHN", "PRK", "270111", p, 10.0) for p in months("2013-01", 24)])
    result = exports("PRK", freq="H", group="coal", store=store, cif_fob=0.9)
    rows = _by(result, source="comtrade-api")
    assert [r["period"] for r in rows] == ["2013-H1", "2013-H2", "2014-H1", "2014-H2"]
    assert rows[2]["value_usd"] == pytest.approx(54.0)
    assert rows[2]["yoy_pct"] == pytest.approx(0.0)


def test_per_partner_and_csv(store: Store) -> None:
    land(
        store,
        [
            flow("CHN", "PRK", "270111", "2016-01", 5.0),
            flow("IND", "PRK", "270111", "2016-01", 7.0),
        ],
    )
    result = exports("PRK", partner="all", group="coal", store=store)
    assert {r["partner"]: r["value_usd"] for r in result.rows()} == {"CHN": 5.0, "IND": 7.0}
    assert result.to_csv().splitlines()[0].startswith('"period","period_kind"')


def test_bad_arguments_raise_typed_errors(store: Store) -> None:
    with pytest.raises(InputError, match="frequency"):
        exports("PRK", freq="W", store=store)
    with pytest.raises(UnknownCodeError, match="unknown commodity group"):
        exports("PRK", group="unobtainium", store=store)
    with pytest.raises(InputError, match="YYYY"):
        exports("PRK", start="2014-13", store=store)


def test_national_line_maps_rare_earth_ores(store: Store) -> None:
    row = flow("CHN", "PRK", "253090", "2016-01", 9.0)
    row["national_code"] = "25309020"  # China's tariff line for rare-earth metal ores
    land(store, [row, flow("USA", "PRK", "253090", "2016-01", 4.0)])
    result = exports("PRK", partner="all", store=store)
    assert _by(result, group="rare_earths", partner="CHN")[0]["value_usd"] == 9.0
    assert _by(result, group="other", partner="USA")[0]["value_usd"] == 4.0


def test_conflicting_published_figures_side_by_side(store: Store) -> None:
    load_published(store)
    result = exports(
        "PRK", partner="CHN", group="coal", freq="Y", start="2016", end="2016", store=store
    )
    values = sorted(
        r["value_usd"] for r in _by(result, period="2016", measure="level") if r.get("value_usd")
    )
    assert values == [1_180_000_000.0, 2_000_000_000.0]  # both kept, neither picked
    flagged = [r for r in _by(result, period="2016", measure="level") if r.get("value_usd")]
    assert all(r["conflict"] and r["conflict_with"] for r in flagged)


def test_empty_store_says_so(store: Store) -> None:
    result = exports("PRK", store=store)
    assert result.series.num_rows == 0 and result.events == []
    assert any("No customs flows" in note for note in result.notes)


def test_yearly_one_source_per_flow_by_store_precedence(store: Store) -> None:
    # The same flow (China's 2016 coal imports from the DPRK) from BACI and from Comtrade
    # monthly: one source is kept (oresight.store.trade precedence), never both side by side.
    annual = flow("CHN", "PRK", "270111", "2016", 1000.0, source="baci")
    monthly = [flow("CHN", "PRK", "270111", p, 10.0) for p in months("2016-01", 12)]
    only_baci = flow("RUS", "PRK", "270111", "2016", 7.0, source="baci")
    land(store, [annual, *monthly, only_baci])
    result = exports("PRK", group="coal", freq="Y", partner="all", store=store)
    values = {(r["partner"], r["source"]): r["value_usd"] for r in result.rows()}
    assert values == {("CHN", "comtrade-api"): 120.0, ("RUS", "baci"): 7.0}
