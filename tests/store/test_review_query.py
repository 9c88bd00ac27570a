"""Review findings: a year given as ``end`` covers that whole year."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from oresight.errors import InputError
from oresight.store import FLOWS_ARROW_SCHEMA, Store


def _flow(period: str, hs: str) -> dict[str, object]:
    year, _, month = period.partition("-")
    return {
        "reporter_iso3": "CHN", "reporter_m49": 156, "partner_iso3": "PRK",
        "partner_m49": 408, "flow": "import", "freq": "M" if month else "A",
        "period": period, "year": int(year), "month": int(month) if month else None,
        "period_start": pd.Timestamp(f"{year}-{month or '01'}-01").date(),
        "hs_code": hs, "aggr_level": len(hs), "value_usd": 100.0, "value_basis": "CIF",
        "source": "test", "source_record": f"t:{period}:{hs}", "batch_id": "b1",
    }  # fmt: skip


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path)
    rows = [_flow(p, "270112") for p in ("2013-12", "2014-01", "2014-05", "2014-12", "2015-01")]
    rows.append(_flow("2014", "2701"))
    table = pa.Table.from_pylist(rows, schema=FLOWS_ARROW_SCHEMA)
    store.land(table, batch_id="b1", content_hash="h1", source="test", origin="inline")
    return store


def _periods(store: Store, start: str | None, end: str | None) -> list[str]:
    got = store.to(store.query_flows(start=start, end=end)).to_pylist()
    return sorted(r["period"] for r in got)


def test_end_year_includes_every_month_of_that_year(store: Store) -> None:
    assert _periods(store, "2014", "2014") == ["2014", "2014-01", "2014-05", "2014-12"]
    assert _periods(store, None, "2014") == ["2013-12", "2014", "2014-01", "2014-05", "2014-12"]


def test_end_month_still_ends_with_that_month(store: Store) -> None:
    assert _periods(store, "2014-01", "2014-05") == ["2014", "2014-01", "2014-05"]


def test_end_before_start_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="before"):
        store.query_flows(start="2015", end="2014")


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"flow": "imports"}, "flow"),
        ({"hs": "coal"}, "hs"),
        ({"hs": ","}, "hs"),
        ({"reporter": "XX"}, "reporter"),
        ({"partner": "Narnia"}, "partner"),
    ],
)
def test_filters_that_can_match_nothing_are_input_errors(
    store: Store, filters: dict[str, str], field: str
) -> None:
    with pytest.raises(InputError) as info:
        store.query_flows(**filters)  # type: ignore[arg-type]
    assert info.value.field == field


def test_country_codes_are_read_like_everywhere_else(store: Store) -> None:
    by_code = store.to(store.query_flows(reporter="156", partner="prk")).num_rows
    assert by_code == store.to(store.query_flows(reporter="CHN", partner="PRK")).num_rows == 6
