"""The content hash is computed while DuckDB reads a big file: a repeat still lands nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from oresight.ingest import batch, ingest_file
from oresight.store import Store

Snapshot = Callable[[Store], tuple[int, int, int]]


@pytest.fixture()
def hash_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat every file as big: hashed in a thread beside the pass."""
    monkeypatch.setattr(batch, "HASH_FIRST_BYTES", 0)


@pytest.mark.usefixtures("hash_while_reading")
def test_every_row_carries_its_batch_and_the_batch_its_content_hash(
    write_v1: Callable[..., Path], v1: Callable[..., str], store: Store
) -> None:
    # the batch id is no longer the hash's first 16 digits: it is given before the pass (the
    # pass writes it into every row) while the hash is computed beside it
    path = write_v1([v1(), v1(period="201402")])
    result = ingest_file(store, path, kind="comtrade")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert (result.landed, result.content_hash) == (2, digest)
    ids = store.flows.select("batch_id").distinct().to_pyarrow().column(0).to_pylist()
    assert ids == [result.batch_id]
    hashes = store.batches.select("batch_id", "content_hash").to_pyarrow().to_pylist()
    assert hashes == [{"batch_id": result.batch_id, "content_hash": digest}]


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
def test_repeat_with_rejects_lands_nothing_and_leaves_no_staging_file(
    write_v1: Callable[..., Path], v1: Callable[..., str], store: Store, snapshot: Snapshot
) -> None:
    path = write_v1([v1(), v1(period="201402"), v1(hs="123456")], name="with_reject.csv")
    first = ingest_file(store, path, kind="comtrade", max_reject_share=0.5)
    assert (first.landed, first.rejected) == (2, 1)
    before = snapshot(store)
    again = ingest_file(store, path, kind="comtrade", max_reject_share=0.5)
    assert (again.duplicate, again.landed, again.rejected, again.skipped) == (True, 0, 0, 0)
    assert again.first_rejects == []
    assert snapshot(store) == before
    assert not list((store.root / "staging").glob("*"))


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
