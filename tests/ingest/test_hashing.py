"""The content hash is computed while DuckDB reads a big file: a repeat still lands nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from oresight.ingest import batch, ingest_file
from oresight.store import Store, landing

Snapshot = Callable[[Store], tuple[int, int, int]]


@pytest.fixture()
def hash_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat every file as big: hashed in a thread beside the pass, landed as a Parquet file."""
    monkeypatch.setattr(batch, "HASH_FIRST_BYTES", 0)
    monkeypatch.setattr(landing, "SMALL_BATCH_ROWS", 0)


@pytest.mark.usefixtures("hash_while_reading")
def test_batch_id_is_the_content_hash_in_every_row(
    write_v1: Callable[..., Path], v1: Callable[..., str], store: Store
) -> None:
    path = write_v1([v1(), v1(period="201402")])
    result = ingest_file(store, path, kind="comtrade")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert (result.landed, result.content_hash, result.batch_id) == (2, digest, digest[:16])
    ids = store.raw.execute("SELECT DISTINCT batch_id FROM flows").fetchall()
    assert ids == [(digest[:16],)]


@pytest.mark.usefixtures("hash_while_reading")
def test_repeat_of_a_big_file_is_caught_before_the_pass(
    write_v1: Callable[..., Path],
    v1: Callable[..., str],
    store: Store,
    snapshot: Snapshot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_v1([v1(), v1(period="201402")])
    ingest_file(store, path, kind="comtrade")
    before = snapshot(store)

    def no_pass(*args: object, **kwargs: object) -> None:
        raise AssertionError("a repeat of a file of a known size must not be read")

    monkeypatch.setattr(batch, "_check_and_land", no_pass)
    again = ingest_file(store, path, kind="comtrade")
    assert (again.duplicate, again.landed, again.rejected) == (True, 0, 0)
    assert snapshot(store) == before


@pytest.mark.usefixtures("hash_while_reading")
def test_repeat_without_size_hint_is_caught_before_landing(
    write_v1: Callable[..., Path], v1: Callable[..., str], store: Store, snapshot: Snapshot
) -> None:
    path = write_v1([v1(), v1(period="201402"), v1(hs="123456")], name="with_reject.csv")
    first = ingest_file(store, path, kind="comtrade", max_reject_share=0.5)
    assert (first.landed, first.rejected) == (2, 1)
    store.raw.execute("DELETE FROM batch_sizes")  # as if landed before sizes were recorded
    store.raw.execute("DELETE FROM batches")  # ... and of a source the hint does not cover
    store.raw.execute(
        "INSERT INTO batches VALUES (?, ?, 'other', 'elsewhere', 2, 1, now())",
        [first.batch_id, first.content_hash],
    )
    before = snapshot(store)
    again = ingest_file(store, path, kind="comtrade", max_reject_share=0.5)
    assert (again.duplicate, again.landed, again.rejected, again.skipped) == (True, 0, 0, 0)
    assert again.first_rejects == []
    assert snapshot(store) == before
    assert not list((store.root / "flows").glob(".staging-*"))


@pytest.mark.usefixtures("hash_while_reading")
def test_other_file_of_the_same_size_lands(
    write_v1: Callable[..., Path], v1: Callable[..., str], store: Store
) -> None:
    one = write_v1([v1(period="201401")], name="one.csv")
    two = write_v1([v1(period="201402")], name="two.csv")
    assert one.stat().st_size == two.stat().st_size
    ingest_file(store, one, kind="comtrade")
    result = ingest_file(store, two, kind="comtrade")
    assert (result.duplicate, result.landed) == (False, 1)
    assert int(store.flows.count().execute()) == 2


def test_negative_six_digit_hs_code_is_rejected_not_a_crash(
    write_v1: Callable[..., Path], v1: Callable[..., str], store: Store
) -> None:
    """The HS lookup is a bit string: an out-of-range position must not abort the pass."""
    path = write_v1([v1(), v1(hs="-12345"), v1(hs="77")])
    result = ingest_file(store, path, kind="comtrade", max_reject_share=1.0)
    assert (result.landed, result.rejected) == (1, 2)
    reasons = sorted(r["reason"] for r in result.first_rejects)
    assert reasons[0] == "HS code '77' is not in the HS nomenclature (any edition 1992-2022)"
    assert reasons[1] == "invalid HS code '-12345'"


@pytest.mark.usefixtures("hash_while_reading")
def test_batch_file_of_the_older_layout_still_reads(
    write_v1: Callable[..., Path], v1: Callable[..., str], store: Store
) -> None:
    """Batch files written before the batch id moved to the view hold a batch_id column."""
    result = ingest_file(store, write_v1([v1(), v1(period="201402")]), kind="comtrade")
    path = store.root / "flows" / f"{result.batch_id}.parquet"
    old = path.with_name("old.parquet")
    store.raw.execute(
        f"COPY (SELECT *, 'stale' AS batch_id FROM read_parquet('{path}')) TO '{old}' "
        "(FORMAT parquet)"
    )
    old.replace(path)
    reopened = Store.open(store.root)
    rows = reopened.raw.execute("SELECT batch_id, count(*) FROM flows GROUP BY 1").fetchall()
    assert rows == [(result.batch_id, 2)]
