"""source_record names each row's true line, also in big files read in parallel."""

from __future__ import annotations

from pathlib import Path

import duckdb

from oresight.ingest import ingest_file
from oresight.store import Store


def test_every_row_keeps_its_line_in_a_big_file(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "big.csv"
    # primaryValue = the row's own line number; every 1000th code is unknown (rejected); each
    # row is its own flow (month x national code x partner), since rows of one flow are repeats
    duckdb.execute(
        "COPY (SELECT 'M' AS freqCode, '2015' || lpad((1 + i % 12)::VARCHAR, 2, '0') AS period, "
        "'156' AS reporterCode, 'M' AS flowCode, "
        "CASE WHEN i % 1000 = 7 THEN '999' ELSE ['408', '643', '36', '360'][1 + i // 120000] "
        "END AS partnerCode, "
        "'270112' || lpad(((i // 12) % 10000)::VARCHAR, 4, '0') AS cmdCode, "
        "(i + 2)::VARCHAR AS primaryValue FROM range(400000) t(i)) "
        f"TO '{path}' (HEADER)"
    )
    result = ingest_file(store, path, kind="comtrade", max_reject_share=0.01)
    assert (result.landed, result.rejected) == (399600, 400)
    f = store.flows
    wrong = f.filter(f.source_record != "big.csv:" + f.value_usd.cast("int64").cast("string"))
    assert wrong.count().execute() == 0
    r = store.rejects
    assert r.filter(r.line % 1000 != 9).count().execute() == 0  # row i = 1000k + 7 is line i + 2
