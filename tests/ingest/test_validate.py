"""Each kind of bad file: a clear message naming file, line and field, and an unchanged store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from oresight.errors import InputError
from oresight.ingest import RejectShareError, ingest_file
from oresight.store import Store

Snapshot = Callable[[Store], tuple[int, int, int]]


@pytest.fixture()
def landed(write_v1: Callable[..., Path], v1: Callable[..., str], store: Store) -> Store:
    """A store that already holds one good batch (so 'unchanged' is not just 'empty')."""
    ingest_file(store, write_v1([v1(period="201312")], name="good.csv"), kind="comtrade")
    return store


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {"hs": "123456"},
            "line 3, field 'cmdCode': HS code '123456' is not in the HS nomenclature",
        ),
        ({"reporter": "999"}, "line 3, field 'reporterCode': unknown country code '999'"),
        ({"partner": "XYZ"}, "line 3, field 'partnerCode': unknown country code 'XYZ'"),
        (
            {"value": "12.5x"},
            "line 3, field 'cifvalue': non-numeric value: Error when converting column "
            '"cifvalue". Could not convert string "12.5x"',
        ),
        ({"value": "-5"}, "line 3, field 'primaryValue': negative value -5"),
        (
            {"weight": "heavy"},
            "line 3, field 'qty': non-numeric value: Error when converting column \"qty\"",
        ),
        ({"period": "201413"}, "line 3, field 'period': invalid period '201413'"),
        ({"hs": "27A1"}, "line 3, field 'cmdCode': invalid HS code '27A1'"),
    ],
)
def test_bad_value_is_rejected_and_nothing_lands(
    row: dict[str, str],
    expected: str,
    write_v1: Callable[..., Path],
    v1: Callable[..., str],
    landed: Store,
    snapshot: Snapshot,
) -> None:
    before = snapshot(landed)
    path = write_v1([v1(), v1(**row)])
    with pytest.raises(RejectShareError) as caught:
        ingest_file(landed, path, kind="comtrade")
    message = str(caught.value)
    assert message.startswith(
        f"file {path}: 1 of 2 rows rejected (50.0% > --max-reject-share 1.0%)"
    )
    assert expected in message
    assert snapshot(landed) == before
    assert not list((landed.root / "flows").glob(".staging-*"))


def test_wrong_column_count(
    tmp_path: Path,
    write_v1: Callable[..., Path],
    v1: Callable[..., str],
    landed: Store,
    snapshot: Snapshot,
) -> None:
    before = snapshot(landed)
    path = write_v1([v1(), v1() + ",extra", ",".join(v1().split(",")[:-2])])
    with pytest.raises(RejectShareError) as caught:
        ingest_file(landed, path, kind="comtrade")
    assert "2 of 3 rows rejected" in str(caught.value)
    assert "line 3, field None: wrong column count (too many columns)" in str(caught.value)
    assert "line 4, field 'fobvalue': wrong column count (too few columns; truncated line?)" in str(
        caught.value
    )
    assert snapshot(landed) == before


def test_bad_encoding(
    tmp_path: Path,
    write_v1: Callable[..., Path],
    v1: Callable[..., str],
    landed: Store,
    snapshot: Snapshot,
) -> None:
    before = snapshot(landed)
    path = write_v1([v1(), v1()])
    path.write_bytes(path.read_bytes().replace(b",H4,", b",H\xff\xfe,", 1))
    with pytest.raises(
        RejectShareError, match=r"line 2, field 'classificationCode': bad encoding \(not UTF-8\)"
    ):
        ingest_file(landed, path, kind="comtrade")
    assert snapshot(landed) == before


def test_truncated_csv(
    write_v1: Callable[..., Path], v1: Callable[..., str], landed: Store, snapshot: Snapshot
) -> None:
    before = snapshot(landed)
    path = write_v1([v1(), v1()])
    path.write_bytes(path.read_bytes()[:-20])  # cut in the middle of the last line
    with pytest.raises(
        RejectShareError, match=r"line 3, field .*: wrong column count .*truncated line"
    ):
        ingest_file(landed, path, kind="comtrade")
    assert snapshot(landed) == before


def test_truncated_json(
    shared_data: Path, tmp_path: Path, landed: Store, snapshot: Snapshot
) -> None:
    before = snapshot(landed)
    sample = (shared_data / "comtrade_api_samples/get_C_A_HS_reporter156_2010.json").read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(sample[: len(sample) // 2])
    with pytest.raises(InputError, match=rf"file {path}, line \d+: truncated or malformed JSON"):
        ingest_file(landed, path, kind="comtrade")
    assert snapshot(landed) == before


def test_json_bad_encoding(tmp_path: Path, landed: Store, snapshot: Snapshot) -> None:
    before = snapshot(landed)
    path = tmp_path / "latin1.json"
    path.write_bytes('{"data": [{"reporterDesc": "Côte"}]}'.encode("latin-1"))
    with pytest.raises(InputError, match=rf"file {path}, line 1: bad encoding: not UTF-8"):
        ingest_file(landed, path, kind="comtrade")
    assert snapshot(landed) == before


def test_under_the_threshold_rejects_are_kept_with_their_lines(
    write_v1: Callable[..., Path], v1: Callable[..., str], store: Store
) -> None:
    # 120 good rows, each its own flow (rows of one flow would now be recognised as repeats)
    rows = [v1(period=f"{y}{m:02d}") for y in range(2005, 2015) for m in range(1, 13)]
    rows.insert(4, v1() + ",extra")  # line 6: malformed
    rows.insert(50, v1(hs="123456"))  # line 52: unknown HS code
    result = ingest_file(store, write_v1(rows), kind="comtrade", max_reject_share=0.05)
    assert (result.landed, result.rejected) == (120, 2)
    rejects = store.rejects.order_by("line").to_pyarrow().to_pylist()
    assert [(r["line"], r["field"]) for r in rejects] == [(6, None), (52, "cmdCode")]
    assert rejects[1]["raw"] == "123456"
    records = store.flows.source_record.to_pyarrow().to_pylist()
    lines = sorted(int(r.split(":")[1]) for r in records)
    assert lines == [n for n in range(2, 124) if n not in (6, 52)]  # true file lines


def test_cli_exits_non_zero_and_names_the_problem(
    write_v1: Callable[..., Path],
    v1: Callable[..., str],
    oresight_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from oresight.cli import main

    path = write_v1([v1(), v1(value="-1")])
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "comtrade", str(path)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "error: file" in err and "field 'primaryValue': negative value -1" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "comtrade", str(path), "--max-reject-share", "0.6"])
    assert exit_info.value.code == 0
    assert Store.open().info()["rows"] == 1
