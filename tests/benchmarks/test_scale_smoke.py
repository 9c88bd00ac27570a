"""A tiny run of benchmarks/scale.py (BACI-shaped files, ingest, monitor, flows query), so the
benchmark keeps working; no timing is asserted. Spark is left out here: the Spark analytics
test runs the same monitor on PySpark."""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pytest

from oresight.store import Store

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_scale_benchmark_runs_on_a_few_thousand_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    sys.modules.pop("scale", None)
    import scale  # type: ignore[import-not-found]

    args = ["--rows", "4000", "--years", "2015-2019", "--workdir", str(tmp_path), "--runs", "1"]
    assert scale.main([*args, "--no-spark", "--keep"]) == 0
    out = capsys.readouterr().out
    assert "| ingest |" in out and "| monitor |" in out and "| flows |" in out
    files = sorted((tmp_path / "baci-4000").glob("BACI_HS92_Y*_V202401.csv"))
    assert [f.name[10:15] for f in files] == ["Y2015", "Y2016", "Y2017", "Y2018", "Y2019"]
    assert files[0].read_text().splitlines()[0] == "t,i,j,k,v,q"  # as CEPII ships them
    table = pa.concat_tables(pacsv.read_csv(f) for f in files)
    assert table.num_rows == 4000
    keys = table.group_by(["t", "i", "j", "k"]).aggregate([([], "count_all")])
    assert keys.num_rows == 4000  # BACI's key: one row per year, exporter, importer, product
    assert pc.min(table["v"]).as_py() > 0
    store = Store.open(tmp_path / "home-4000")
    assert store.info()["rows"] == 4000  # every generated row lands: none rejected
    coal = store.query_flows(partner="PRK", hs="2701").to_pyarrow()
    assert set(coal["reporter_iso3"].to_pylist()) == {"CHN", "RUS"}  # the diverted coal
