"""The analytics give the same answers on DuckDB and on PySpark (local mode) over one store.

One store of generated monthly Comtrade flows (the DPRK's coal, ores and apparel to China,
then to Russia after a collapse; other origins' coal for unit values; a revision), read on
DuckDB and through its version export on Spark. The monitor (series and events), flow
flagging, cap usage and the offer checks' export figures run the same Ibis expressions on
both and must agree to the cent. One Spark session serves the whole module (start-up is slow).
"""

from __future__ import annotations

import importlib.util
import math
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from oresight.store import Store

pytestmark = pytest.mark.spark

HEADER = (
    "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue,netWgt,qtyUnitCode,qty"
)
# (reporter, partner, HS code, USD per month, USD per kg); the DPRK is 408, China 156,
# Russia 643, India 699, Australia 36
LINES = [
    (156, 408, "270112", 9_000_000.0, 0.09),
    (156, 408, "260111", 2_500_000.0, 0.05),
    (156, 408, "610910", 1_200_000.0, 6.0),
    (643, 408, "270112", 150_000.0, 0.08),
    (699, 408, "261690", 80_000.0, 2.0),
    (156, 36, "270112", 40_000_000.0, 0.11),
    (156, 643, "270112", 12_000_000.0, 0.10),
    (156, 490, "270112", 1_000_000.0, 0.09),  # 'Other Asia, nes' (S19): unallocated
]
CUT = 201709  # China's coal and ore imports from the DPRK stop; Russia's grow


def monthly_csv() -> str:
    rows = [HEADER]
    for year in range(2015, 2020):
        for month in range(1, 13):
            period = year * 100 + month
            for reporter, partner, hs, usd, price in LINES:
                value = usd * (1 + 0.07 * math.sin(period % 97))  # steady, not flat
                if partner == 408 and reporter == 156 and hs[:2] in ("26", "27") and period >= CUT:
                    continue
                if partner == 408 and reporter == 643 and period >= CUT:
                    value *= 12
                if reporter == 156 and partner == 643 and period >= CUT:
                    value *= 1.8  # China's coal from Russia rises as the DPRK's stops
                if partner == 490 and period >= CUT:
                    value *= 8  # and so does coal from an unallocated partner
                if partner == 408 and hs == "610910" and period == 201803:
                    value *= 9  # a spike
                kg = round(value / price, 1)
                rows.append(f"M,{period},{reporter},M,{partner},{hs},{value:.2f},{kg},8,{kg}")
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    if shutil.which("java") is None or importlib.util.find_spec("pyspark") is None:
        reason = "the Spark analytics test needs Java and PySpark (pip install 'oresight[spark]')"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)  # CI must run it
        pytest.skip(reason)
    from oresight.ingest import ingest_files

    root = tmp_path_factory.mktemp("spark-analytics")
    flows = root / "monthly.csv"
    flows.write_text(monthly_csv(), encoding="utf-8")
    revised = root / "revised.csv"  # a revision: both engines must read the current row
    revised.write_text(f"{HEADER}\nM,201601,156,M,408,270112,1234567.89,13717421,8,13717421\n")
    duck = Store.open(root / "home", backend="duckdb")
    ingest_files("comtrade", [flows, revised], duck)
    duck.export_parquet(root / "parquet")
    spark = Store.open(root / "home", backend="spark", parquet_url=str(root / "parquet"))
    yield duck.with_published(), spark.with_published()
    spark.con.disconnect()


class Cents(float):
    """A float equal to another within a cent (or 1e-12 of it): sums of the same floats in
    another order differ in the last bits by engine."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, float):
            return NotImplemented
        if math.isnan(self) and math.isnan(other):
            return True
        return abs(self - other) <= max(0.01, 1e-12 * abs(self))

    __hash__ = float.__hash__


def canon(value: Any) -> Any:
    """Floats as :class:`Cents`; lists of records sorted (engines order ties differently)."""
    if isinstance(value, float):
        return Cents(value)
    if isinstance(value, dict):
        return {k: canon(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        items = [canon(v) for v in value]
        if items and all(isinstance(v, dict) for v in items):
            return sorted(items, key=_sort_key)
        return items
    return value


def _sort_key(record: dict[str, Any]) -> str:
    def plain(v: Any) -> Any:
        if isinstance(v, float):
            return None if math.isnan(v) else round(v)
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    return repr(sorted((k, plain(v)) for k, v in record.items()))


def table_rows(expr: Any) -> list[dict[str, Any]]:
    return canon(expr.to_pyarrow().to_pylist())  # type: ignore[no-any-return]


def test_monitor_series_and_events_are_identical(stores: tuple[Store, Store]) -> None:
    from oresight.monitor import exports

    duck, spark = stores
    expected = exports("PRK", partner="all", store=duck).to_dict()
    assert any(r["source"] != "published" for r in expected["series"])
    kinds = {e["kind"] for e in expected["events"]}
    assert len(kinds) >= 3, kinds  # collapses, first-time partners, sanctioned flows ...
    got = exports("PRK", partner="all", store=spark).to_dict()
    for part in ("series", "events", "sources", "coverage", "differences", "notes"):
        assert canon(got[part]) == canon(expected[part]), part
    assert canon(got) == canon(expected)


def test_monitor_of_all_partners_together_and_yearly_is_identical(
    stores: tuple[Store, Store],
) -> None:
    from oresight.monitor import exports

    duck, spark = stores
    expected = exports("PRK", freq="Y", group="coal", store=duck).to_dict()
    assert canon(exports("PRK", freq="Y", group="coal", store=spark).to_dict()) == canon(expected)


def test_flow_flagging_is_identical(stores: tuple[Store, Store]) -> None:
    from oresight.rules import flag_flows

    duck, spark = stores
    expected = table_rows(flag_flows(duck.flows))
    statuses = {r["status"] for r in expected}
    assert statuses >= {"prohibited", None} and len(statuses) >= 3, statuses
    assert table_rows(flag_flows(spark.flows)) == expected


def test_cap_usage_is_identical(stores: tuple[Store, Store]) -> None:
    from oresight.rules import cap_usage

    duck, spark = stores
    expected = table_rows(cap_usage(duck.flows))
    assert expected and any(r["usd"] for r in expected)
    assert table_rows(cap_usage(spark.flows)) == expected


def test_offer_export_figures_are_identical(stores: tuple[Store, Store]) -> None:
    from oresight.offers.checks.exports import covers, recorded_exports

    duck, spark = stores
    for hs in ("270112", "2601"):
        expected = recorded_exports(duck, "PRK", hs)
        assert expected["by_year"]
        assert canon(recorded_exports(spark, "PRK", hs)) == canon(expected)
    assert covers(spark, "PRK") and not covers(spark, "NOR")


def test_the_revision_is_read_once_on_both(stores: tuple[Store, Store]) -> None:
    duck, spark = stores
    query = {"reporter": "CHN", "partner": "PRK", "hs": "270112"}
    query |= {"start": "2016-01", "end": "2016-01"}
    for store in (duck, spark):
        assert store.query_flows(**query).value_usd.to_pyarrow().to_pylist() == [1234567.89]


def test_cli_monitor_and_brief_on_spark_match_duckdb(
    stores: tuple[Store, Store],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    import json

    from oresight.cli import main

    duck, spark = stores

    def run(*args: str) -> str:
        try:
            main(list(args))
        except SystemExit as exc:
            assert not exc.code, capsys.readouterr().err
        return capsys.readouterr().out

    monkeypatch.setenv("ORESIGHT_HOME", str(duck.root))
    on_duck = json.loads(run("monitor", "PRK", "--json"))
    brief_duck = run("brief", "PRK", "--out", str(tmp_path / "duck.html"))
    monkeypatch.setenv("ORESIGHT_BACKEND", "spark")
    monkeypatch.setenv("ORESIGHT_PARQUET_URL", spark.location)
    on_spark = json.loads(run("monitor", "PRK", "--json"))
    assert canon(on_spark) == canon(on_duck)
    assert any(r["source"] != "published" for r in on_spark["series"])
    brief_spark = run("brief", "PRK", "--out", str(tmp_path / "spark.html"))
    assert brief_spark.replace("spark.html", "duck.html") == brief_duck


def test_what_spark_cannot_do_is_one_error_line(
    stores: tuple[Store, Store],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    from oresight.cli import main

    duck, _ = stores
    monkeypatch.setenv("ORESIGHT_HOME", str(duck.root))
    monkeypatch.setenv("ORESIGHT_BACKEND", "spark")
    monkeypatch.setenv("ORESIGHT_PARQUET_URL", str(tmp_path / "no-export"))
    with pytest.raises(SystemExit) as exit_:
        main(["monitor", "PRK", "--json"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.count("\n") == 1 and "export-parquet" in err and "Traceback" not in err


def test_diversion_signals_are_identical(stores: tuple[Store, Store]) -> None:
    from oresight.monitor import diversion

    duck, spark = stores
    for query in ({"hs": "2701"}, {"partner": "CHN", "hs": "2701"}, {}):
        expected = diversion("PRK", store=duck, **query).to_dict()  # type: ignore[arg-type]
        got = diversion("PRK", store=spark, **query).to_dict()  # type: ignore[arg-type]
        assert canon(got) == canon(expected), query
    coal = diversion("PRK", store=duck, hs="2701").to_dict()
    assert coal["collapses"] and coal["signals"]
