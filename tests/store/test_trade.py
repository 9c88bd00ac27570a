"""oresight.store.trade: a country's exports as both sides report them, one source per flow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from oresight.store import Store, trade
from oresight.store.rows import flow_record, flows_table


def _row(reporter: str, partner: str, period: str, value: float, **extra: Any) -> dict[str, Any]:
    record = {
        "reporter_iso3": reporter,
        "partner_iso3": partner,
        "flow": "import",
        "period": period,
        "hs_code": "270111",
        "hs_edition": "H4",
        "value_usd": value,
        "source": "comtrade-api",
        "batch_id": "b1",
        **extra,
    }
    record.setdefault("source_record", f"r:{reporter}:{partner}:{period}:{value}")
    return flow_record(record)


@pytest.fixture()
def store(oresight_home: Path) -> Store:
    return Store.open()


def _land(store: Store, rows: list[dict[str, Any]]) -> None:
    store.land(flows_table(rows), batch_id="b1", content_hash="b1", source="test", origin="t")


def _values(table: Any, *cols: str) -> list[tuple[Any, ...]]:
    rows = table.to_pyarrow().to_pylist()
    return sorted(tuple(r[c] for c in cols) for r in rows)


def test_mirror_and_own_reports_with_their_basis(store: Store) -> None:
    _land(
        store,
        [
            _row("CHN", "PRK", "2017-01", 10.0),
            _row("PRK", "CHN", "2017-01", 8.0, flow="export"),
            _row("PRK", "WLD", "2017-01", 99.0, flow="export"),  # a total, not a partner
            _row("CHN", "RUS", "2017-01", 5.0),  # another exporter
        ],
    )
    got = trade.country_exports(store.flows, "PRK")
    assert _values(got, "basis", "reporter", "partner", "value_usd") == [
        ("mirror", "CHN", "CHN", 10.0),
        ("reported", "PRK", "CHN", 8.0),
    ]


def test_precedence_monthly_over_annual_over_baci_never_summed(store: Store) -> None:
    _land(
        store,
        [
            _row("CHN", "PRK", "2017-01", 10.0),
            _row("CHN", "PRK", "2017-01", 10.0, source="comtrade-csv"),  # same report again
            _row("CHN", "PRK", "2017", 500.0),  # Comtrade annual of the same flow
            _row("CHN", "PRK", "2017", 400.0, source="baci"),
            _row("IND", "PRK", "2017", 30.0),  # annual only: annual wins over BACI
            _row("IND", "PRK", "2017", 31.0, source="baci"),
            _row("RUS", "PRK", "2017", 7.0, source="baci"),  # only BACI holds it
        ],
    )
    got = trade.country_exports(store.flows, "PRK")
    assert _values(got, "reporter", "source", "freq", "value_usd", "precedence") == [
        ("CHN", "comtrade-api", "M", 10.0, 1),
        ("IND", "comtrade-api", "A", 30.0, 2),
        ("RUS", "baci", "A", 7.0, 3),
    ]
    monthly = trade.country_exports(store.flows, "PRK", monthly_only=True)
    assert _values(monthly, "reporter", "value_usd") == [("CHN", 10.0)]


def test_one_hs_edition_per_reporter_period(store: Store) -> None:
    _land(
        store,
        [
            _row("CHN", "PRK", "2017-01", 10.0, hs_edition="H4"),
            _row("CHN", "PRK", "2017-01", 10.5, hs_edition="H5", hs_code="270112"),
            _row("CHN", "PRK", "2017-02", 3.0, hs_edition="H4"),
        ],
    )
    got = trade.country_exports(store.flows, "PRK")
    assert _values(got, "period", "hs_edition", "value_usd") == [
        ("2017-01", "H5", 10.5),
        ("2017-02", "H4", 3.0),
    ]


def test_partner_imports_keep_unallocated_areas_and_drop_world(store: Store) -> None:
    _land(
        store,
        [
            _row("CHN", "S19", "2018-01", 4.0, partner_m49=490),
            _row("CHN", "XAN", "2018-01", 2.0, partner_m49=899),
            _row("CHN", "WLD", "2018-01", 1000.0),
            _row("RUS", "CHN", "2018-01", 6.0, flow="export"),
            _row("CHN", "RUS", "2018-01", 6.5),
        ],
    )
    got = trade.partner_imports(store.flows, "CHN", hs=["2701"])
    assert _values(got, "origin", "basis", "value_usd") == [
        ("RUS", "mirror", 6.5),
        ("RUS", "reported", 6.0),
        ("S19", "mirror", 4.0),
        ("XAN", "mirror", 2.0),
    ]


def test_needs_a_side() -> None:
    with pytest.raises(ValueError):
        trade.flows_between(None, exporter=None, importer=None)  # type: ignore[arg-type]
