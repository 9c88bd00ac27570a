"""The same Ibis queries on DuckDB and on PySpark (local mode) give identical results."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from oresight.store import Store

pytestmark = pytest.mark.spark

MONTHLY = (
    "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue,netWgt,qtyUnitCode,qty\n"
    "M,201401,156,M,408,270112,1000.25,5000,8,5000\n"
    "M,201402,156,M,408,270112,2000.5,9000,8,9000\n"
    "M,201402,156,M,408,260111,300,,,\n"
    "M,201406,156,X,408,2701,55.5,1,,\n"
)


@pytest.fixture(scope="module")
def stores(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, Store]]:
    if shutil.which("java") is None or importlib.util.find_spec("pyspark") is None:
        reason = "the parity test needs Java and PySpark (pip install 'oresight[spark]')"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)  # CI must run it
        pytest.skip(reason)
    from oresight.ingest import ingest_files

    root = tmp_path_factory.mktemp("parity")
    duck = Store.open(root / "home", backend="duckdb")
    monthly = root / "monthly.csv"
    monthly.write_text(MONTHLY, encoding="utf-8")
    files = [
        shared_data / "comtrade_api_samples/get_C_A_HS_reporter156_2010.json",
        *sorted((shared_data / "comtrade_csv_samples").glob("*.csv")),
        monthly,
    ]
    ingest_files("comtrade", files, duck)
    duck.export_parquet(root / "parquet")
    spark = Store.open(root / "home", backend="spark", parquet_url=str(root / "parquet"))
    yield duck, spark
    spark.con.disconnect()


def _rows(table: Any) -> list[tuple[Any, ...]]:
    """Rows as sorted tuples (engines may order ties differently); floats to the cent."""
    out = []
    for row in table.to_pyarrow().to_pylist():
        out.append(tuple(round(v, 2) if isinstance(v, float) else v for v in row.values()))
    return sorted(out, key=repr)


def test_info_is_identical(stores: tuple[Store, Store]) -> None:
    duck, spark = stores
    a, b = duck.info(), spark.info()
    a.pop("location"), b.pop("location")
    assert a == b
    assert a["rows"] == 4 + 667 + 4


@pytest.mark.parametrize(
    "query",
    [
        {"reporter": "CHN", "partner": "PRK", "hs": "2701", "start": "2014-01", "end": "2014-06"},
        {"reporter": "CHN", "hs": ["28", "81"], "start": "2021", "end": "2023", "flow": "export"},
        {"partner": "WLD"},
    ],
)
def test_query_flows_is_identical(stores: tuple[Store, Store], query: dict[str, Any]) -> None:
    duck, spark = stores
    expected = _rows(duck.query_flows(**query))
    assert expected
    assert _rows(spark.query_flows(**query)) == expected


def test_group_by_is_identical(stores: tuple[Store, Store]) -> None:
    def totals(store: Store) -> Any:
        f = store.flows
        return f.group_by(["reporter_iso3", "partner_iso3", "flow", "year"]).aggregate(
            value=f.value_usd.sum(), kg=f.net_weight_kg.sum(), n=f.count()
        )

    duck, spark = stores
    assert _rows(totals(spark)) == _rows(totals(duck))


@pytest.mark.parametrize("question", ["exports", "imports"])
def test_trade_answers_are_identical(stores: tuple[Store, Store], question: str) -> None:
    # oresight.store.trade's precedence windows are pure Ibis: the same rows on both engines.
    from oresight.store import trade

    def answer(store: Store) -> Any:
        if question == "exports":
            return trade.country_exports(store.flows, "PRK")
        return trade.partner_imports(store.flows, "CHN", hs=["28"])

    duck, spark = stores
    expected = _rows(answer(duck))
    assert expected
    assert _rows(answer(spark)) == expected
