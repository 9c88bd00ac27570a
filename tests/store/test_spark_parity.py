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
    revised = root / "revised.csv"  # a revision: Spark must read the current row, once
    revised.write_text(
        MONTHLY.splitlines()[0] + "\nM,201401,156,M,408,270112,1111.75,5000,8,5000\n"
    )
    ingest_files("comtrade", [revised], duck)
    duck.export_parquet(root / "parquet")
    spark = Store.open(root / "home", backend="spark", parquet_url=str(root / "parquet"))
    yield duck, spark
    spark.con.disconnect()


class Cents(float):
    """A float equal to another within a cent (or 1e-12 of it): sums of the same floats in
    another order differ in the last bits, which rounding to the cent can still show."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, float):
            return NotImplemented
        return abs(self - other) <= max(0.01, 1e-12 * abs(self))

    __hash__ = float.__hash__


def _rows(table: Any) -> list[tuple[Any, ...]]:
    """Rows as sorted tuples (engines may order ties differently); floats equal to the cent."""
    out = []
    for row in table.to_pyarrow().to_pylist():
        out.append(tuple(Cents(v) if isinstance(v, float) else v for v in row.values()))
    return sorted(out, key=lambda r: repr([round(v) if isinstance(v, float) else v for v in r]))


def test_info_is_identical(stores: tuple[Store, Store]) -> None:
    duck, spark = stores
    a, b = duck.info(), spark.info()
    a.pop("location"), b.pop("location")
    assert a == b
    # 667 rows in the CSV samples, of which 80 are in two files (the REE exports) and count once
    assert a["rows"] == 4 + 587 + 4


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


def test_spark_reads_the_current_row_of_a_revised_flow(stores: tuple[Store, Store]) -> None:
    duck, spark = stores
    query = {
        "reporter": "CHN",
        "partner": "PRK",
        "hs": "270112",
        "start": "2014-01",
        "end": "2014-01",
    }
    for store in (duck, spark):
        values = store.query_flows(**query).value_usd.to_pyarrow().to_pylist()
        assert values == [1111.75]
    assert spark.version == duck.version


def test_cli_store_info_and_flows_on_spark_match_duckdb(
    stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from oresight.cli import main

    duck, _ = stores

    def run(*args: str) -> str:
        try:
            main(list(args))
        except SystemExit as exc:
            assert not exc.code, capsys.readouterr().err
        return capsys.readouterr().out

    monkeypatch.setenv("ORESIGHT_HOME", str(duck.root))
    args = ("flows", "--reporter", "CHN", "--partner", "PRK", "--json")
    on_duck = (json.loads(run("store", "info", "--json")), json.loads(run(*args)))
    monkeypatch.setenv("ORESIGHT_BACKEND", "spark")
    monkeypatch.setenv("ORESIGHT_PARQUET_URL", str(duck.root.parent / "parquet"))
    on_spark = (json.loads(run("store", "info", "--json")), json.loads(run(*args)))
    for info in (on_duck[0], on_spark[0]):
        info.pop("location")
    assert on_spark[0] == on_duck[0]
    key = lambda r: (r["period"], r["hs_code"], r["flow"])  # noqa: E731
    assert sorted(on_spark[1], key=key) == sorted(on_duck[1], key=key)


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
