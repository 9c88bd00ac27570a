"""Atomic landing: a batch lands whole or not at all, even when its process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oresight.errors import StoreError
from oresight.store import Store

V1 = "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue,netWgt"


def _counts(store: Store) -> tuple[int, int, int]:
    return tuple(int(store.con.table(t).count().execute()) for t in ("flows", "batches", "rejects"))  # type: ignore[return-value]


def _write_big(path: Path, rows: int) -> None:
    import duckdb

    duckdb.execute(
        f"COPY (SELECT 'M' AS freqCode, '2014' || lpad((1 + i % 12)::VARCHAR, 2, '0') AS period, "
        "'156' AS reporterCode, 'M' AS flowCode, '408' AS partnerCode, '270112' AS cmdCode, "
        f"(i * 1.5)::VARCHAR AS primaryValue, '100' AS netWgt FROM range({rows}) t(i)) "
        f"TO '{path}' (HEADER)"
    )


def _small(tmp_path: Path) -> Path:
    path = tmp_path / "small.csv"
    path.write_text(f"{V1}\nM,201401,156,M,408,270112,10,5\n", encoding="utf-8")
    return path


def test_failure_inside_the_transaction_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    from oresight.ingest import ingest_file

    store = Store.open(tmp_path / "home")
    ingest_file(store, _small(tmp_path), kind="comtrade")
    before = _counts(store)
    staged = tmp_path / "staged.parquet"
    store.raw.execute(  # a well-formed batch file (the flows again, with the extra columns)
        "COPY (SELECT *, 'x' AS _src, 2 AS _line0, NULL::BIGINT AS _line, "
        "NULL::INTEGER AS _problem, NULL::VARCHAR AS _raw, false AS _skip FROM flows) "
        f"TO '{staged}' (FORMAT parquet)"
    )
    with pytest.raises(StoreError, match="did not land"):
        store.land_parquet(
            staged,
            rejects_sql="SELECT no_such_column FROM batches",  # fails inside the transaction
            batch_id="broken",
            content_hash="h-broken",
            source="test",
            origin="inline",
        )
    assert _counts(store) == before
    assert not staged.exists()
    assert not list((tmp_path / "home").glob("flows/*.parquet"))


def test_killed_ingest_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    home = tmp_path / "home"
    from oresight.ingest import ingest_file

    store = Store.open(home)
    ingest_file(store, _small(tmp_path), kind="comtrade")
    before = _counts(store)
    store.con.disconnect()
    big = tmp_path / "big.csv"
    _write_big(big, 3_000_000)
    env = {**os.environ, "ORESIGHT_HOME": str(home)}
    code = "from oresight.cli import main; main()"
    cmd = [sys.executable, "-c", code, "ingest", "comtrade", str(big), "--no-progress"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list((home / "flows").glob(".staging-*")) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    time.sleep(0.3)  # well inside the pass over the file
    assert proc.poll() is None, "the ingest finished before it could be killed: use a bigger file"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reopened = Store.open(home)
    assert _counts(reopened) == before
    assert not list((home / "flows").glob(".staging-*"))  # the orphan is cleaned on open
