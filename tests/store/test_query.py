from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from oresight.errors import InputError
from oresight.store import FLOWS_ARROW_SCHEMA, Store


def _flow(period: str, hs: str, partner: str = "PRK", flow: str = "import") -> dict[str, object]:
    year, _, month = period.partition("-")
    return {
        "reporter_iso3": "CHN", "reporter_m49": 156, "partner_iso3": partner,
        "partner_m49": 408 if partner == "PRK" else 0, "flow": flow,
        "freq": "M" if month else "A", "period": period, "year": int(year),
        "month": int(month) if month else None,
        "period_start": pd.Timestamp(f"{year}-{month or '01'}-01").date(),
        "hs_code": hs, "aggr_level": len(hs), "value_usd": 100.0, "value_basis": "CIF",
        "source": "test", "source_record": f"t:{period}:{hs}", "batch_id": "b1",
    }  # fmt: skip


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path)
    rows = [
        _flow("2013-12", "270112"),
        _flow("2014-01", "270112"),
        _flow("2014-03", "270119"),
        _flow("2014-06", "260111"),
        _flow("2014-07", "270112"),
        _flow("2014", "2701"),
        _flow("2014-02", "270112", partner="WLD"),
        _flow("2014-02", "270112", flow="export"),
    ]
    table = pa.Table.from_pylist(rows, schema=FLOWS_ARROW_SCHEMA)
    store.land(table, batch_id="b1", content_hash="h1", source="test", origin="inline")
    return store


def test_filters_by_partner_hs_prefix_and_period(store: Store) -> None:
    expr = store.query_flows(
        reporter="chn", partner="PRK", hs="2701", start="2014-01", end="2014-06"
    )
    got = store.to(expr).to_pylist()
    assert [(r["period"], r["hs_code"], r["flow"]) for r in got] == [
        ("2014", "2701", "import"),  # the annual row starts within the range
        ("2014-01", "270112", "import"),
        ("2014-02", "270112", "export"),
        ("2014-03", "270119", "import"),
    ]


def test_several_prefixes_and_flow(store: Store) -> None:
    expr = store.query_flows(partner="PRK", hs="2601,270119", flow="import")
    assert sorted(store.to(expr, "polars")["hs_code"].to_list()) == ["260111", "270119"]


def test_result_kinds(store: Store) -> None:
    expr = store.query_flows(partner="WLD")
    assert isinstance(store.to(expr, "arrow"), pa.Table)
    assert isinstance(store.to(expr, "pandas"), pd.DataFrame)
    assert isinstance(store.to(expr, "polars"), pl.DataFrame)
    with pytest.raises(InputError, match="unknown result kind"):
        store.to(expr, "excel")


def test_bad_period_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="is not YYYY or YYYY-MM"):
        store.query_flows(start="June 2014")
    with pytest.raises(InputError, match="has no month 13"):
        store.query_flows(end="2014-13")


def test_cli_flows_json_and_csv(
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from oresight.cli import main

    store.con.disconnect()
    monkeypatch.setenv("ORESIGHT_HOME", str(tmp_path))
    args = [
        "flows",
        "--reporter",
        "CHN",
        "--partner",
        "PRK",
        "--hs",
        "2701",
        "--from",
        "2014-01",
        "--to",
        "2014-06",
    ]
    with pytest.raises(SystemExit) as done:
        main([*args, "--json"])
    assert done.value.code == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["period"] for r in rows] == ["2014", "2014-01", "2014-02", "2014-03"]
    assert rows[1]["period_start"] == "2014-01-01"
    with pytest.raises(SystemExit):
        main([*args, "--csv"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith('"reporter_iso3"') and len(lines) == 5
