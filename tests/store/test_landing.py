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
    """``rows`` flows with distinct keys (a month of 1990-2009 for each of the first HS6 codes
    of the nomenclature, cycling when there are more rows than keys), none of them the small
    file's: a landing that kept only part of the batch shows in the count."""
    import duckdb

    from oresight.reference import hs

    reference = str(hs.DATA / "hs.parquet")
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE codes AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, code "
        f"FROM (SELECT DISTINCT code FROM read_parquet('{reference}') WHERE length(code) = 6)"
    )
    (count,) = con.execute("SELECT count(*) FROM codes").fetchone()  # type: ignore[misc]
    con.execute(  # an equi-join on the code's number: a hash join, not a loop over the codes
        "COPY (SELECT 'M' AS freqCode, "
        "(1990 + (i // 12) % 20)::VARCHAR || lpad((1 + i % 12)::VARCHAR, 2, '0') AS period, "
        "'156' AS reporterCode, 'M' AS flowCode, '408' AS partnerCode, code AS cmdCode, "
        "(i * 1.5)::VARCHAR AS primaryValue, '100' AS netWgt "
        f"FROM (SELECT i, (i // 240) % {count} AS n FROM range({rows}) t(i)) JOIN codes USING (n) "
        f"ORDER BY i) TO '{path}' (HEADER)"
    )
    con.close()


def _small(tmp_path: Path) -> Path:
    path = tmp_path / "small.csv"
    path.write_text(f"{V1}\nM,201401,156,M,408,270112,10,5\n", encoding="utf-8")
    return path


def test_failure_inside_the_landing_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    from oresight.ingest import ingest_file

    home = tmp_path / "home"
    store = Store.open(home)
    ingest_file(store, _small(tmp_path), kind="comtrade")
    before, version = _counts(store), store.version
    files_before = sorted(p.name for p in (home / "data").rglob("*.parquet"))
    with store.writer() as writer:
        staged = writer.staging_file()
        store.raw.execute(  # a well-formed data file (the flows again, with the extra columns)
            "COPY (SELECT * EXCLUDE (source_record), 'x' AS _src, 2 AS _line0, "
            "NULL::BIGINT AS _line, NULL::INTEGER AS _problem, NULL::VARCHAR AS _raw, "
            "false AS _skip FROM flows) "
            f"TO '{staged}' (FORMAT parquet)"
        )
        with pytest.raises(StoreError, match="did not land"):
            writer.land_staged(
                staged,
                batch_id="broken",
                content_hash="h-broken",
                source="test",
                origin="inline",
                rejects_sql="SELECT no_such_column FROM batches",  # fails while landing
            )
    reopened = Store.open(home)
    assert (_counts(reopened), reopened.version) == (before, version)
    assert not staged.exists()
    assert sorted(p.name for p in (home / "data").rglob("*.parquet")) == files_before


def _ingest_process(home: Path, big: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ORESIGHT_HOME": str(home)}
    code = "from oresight.cli import main; main()"
    cmd = [sys.executable, "-c", code, "ingest", "comtrade", str(big), "--no-progress"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_killed_ingest_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    home = tmp_path / "home"
    from oresight.ingest import ingest_file

    store = Store.open(home)
    ingest_file(store, _small(tmp_path), kind="comtrade")
    before, version = _counts(store), store.version
    big = tmp_path / "big.csv"
    _write_big(big, 3_000_000)
    proc = _ingest_process(home, big)
    deadline = time.monotonic() + 60
    while not list((home / "staging").glob("*")) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    time.sleep(0.3)  # well inside the pass over the file
    assert proc.poll() is None, "the ingest finished before it could be killed: use a bigger file"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reopened = Store.open(home)
    assert (_counts(reopened), reopened.version) == (before, version)
    # the next writer removes what the killed one left
    with reopened.writer():
        pass
    assert not list((home / "staging").glob("*"))
    named = {f.path for f in reopened.manifest.files}
    on_disk = {p.relative_to(home).as_posix() for p in (home / "data").rglob("*.parquet")}
    assert on_disk == named


@pytest.mark.parametrize("delay", [0.8, 1.6, 2.4, None])
def test_ingest_killed_at_any_moment_leaves_one_whole_version(
    tmp_path: Path, delay: float | None
) -> None:
    """Killed at some moment of its pass, landing or publishing, the store is at the old
    version or at the new one, whole: never in between. ``None`` lets the ingest finish, so
    the "new version, whole" branch is checked on any machine, however fast or slow."""
    home = tmp_path / "home"
    big = tmp_path / "big.csv"
    _write_big(big, 600_000)
    from oresight.ingest import ingest_file

    store = Store.open(home)
    ingest_file(store, _small(tmp_path), kind="comtrade")
    before = _counts(store)
    proc = _ingest_process(home, big)
    if delay is None:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, (out, err)
    else:
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    after = Store.open(home)
    if delay is None:
        assert after.version == store.version + 1
    if after.version == store.version:
        assert _counts(after) == before
    else:
        assert after.version == store.version + 1
        assert _counts(after)[0] == before[0] + 600_000
    assert after.verify().ok
