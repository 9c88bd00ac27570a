"""The versioned store: flow identity, revisions, versions, diffs, repeats and re-encoded copies."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from oresight.ingest import ingest_file
from oresight.store import Store

HEADER = "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue,netWgt"


def _csv(path: Path, rows: list[str], *, newline: str = "\n") -> Path:
    path.write_bytes((newline.join([HEADER, *rows]) + newline).encode("utf-8"))
    return path


def _coal(value: str, period: str = "201401", partner: str = "408", hs: str = "270112") -> str:
    return f"M,{period},156,M,{partner},{hs},{value},1000"


def _values(store: Store) -> dict[tuple[str, str, str], float]:
    rows = store.flows.select("period", "partner_iso3", "hs_code", "value_usd").to_pyarrow()
    return {
        (r["period"], r["partner_iso3"], r["hs_code"]): r["value_usd"] for r in rows.to_pylist()
    }


def test_a_revision_supersedes_and_the_diff_shows_old_and_new(
    tmp_path: Path, oresight_home: Path
) -> None:
    store = Store.open()
    first = ingest_file(store, _csv(tmp_path / "a.csv", [_coal("100")]), kind="comtrade")
    second = ingest_file(
        store,
        _csv(tmp_path / "b.csv", [_coal("120"), _coal("7", period="201402")]),
        kind="comtrade",
    )
    assert (first.added, first.version) == (1, 1)
    assert (second.added, second.revised, second.version) == (1, 1, 2)
    assert _values(store) == {
        ("2014-01", "PRK", "270112"): 120.0,
        ("2014-02", "PRK", "270112"): 7.0,
    }
    assert store.info()["rows"] == 2
    assert [(v.version, v.added, v.revised) for v in store.versions()] == [(1, 1, 0), (2, 1, 1)]
    diff = store.diff(1, 2)
    assert diff.counts() == {"added": 1, "revised": 1, "removed": 0}
    revised = diff.revised[0]
    assert (revised.old_value, revised.new_value) == (100.0, 120.0)
    assert revised.old is not None and revised.old["batch_id"] == first.batch_id
    assert revised.new is not None and revised.new["source_record"] == "b.csv:2"
    # the history stays: version 1 still reads 100
    assert _values(Store.open(version=1)) == {("2014-01", "PRK", "270112"): 100.0}


def test_the_monitor_counts_a_revised_flow_once(tmp_path: Path, oresight_home: Path) -> None:
    from oresight.monitor import exports

    store = Store.open()
    ingest_file(store, _csv(tmp_path / "a.csv", [_coal("100")]), kind="comtrade")
    ingest_file(store, _csv(tmp_path / "b.csv", [_coal("120")]), kind="comtrade")
    result = exports(
        "PRK",
        partner="CHN",
        group="coal",
        start="2014-01",
        end="2014-01",
        freq="M",
        store=Store.open(),
    )
    values = [row for row in result.to_dict()["series"] if row.get("value_usd")]
    assert values and {row["value_usd"] for row in values} == {120.0}


def test_a_reader_keeps_its_version_while_another_lands(
    tmp_path: Path, oresight_home: Path
) -> None:
    ingest_file(Store.open(), _csv(tmp_path / "a.csv", [_coal("100")]), kind="comtrade")
    reader = Store.open()
    ingest_file(Store.open(), _csv(tmp_path / "b.csv", [_coal("120")]), kind="comtrade")
    assert reader.version == 1 and _values(reader) == {("2014-01", "PRK", "270112"): 100.0}
    assert Store.open().version == 2


@pytest.mark.parametrize("encoding", ["crlf", "gzip", "reordered"])
def test_a_reencoded_copy_lands_nothing_new(
    tmp_path: Path, oresight_home: Path, encoding: str
) -> None:
    rows = [_coal("100"), _coal("5", period="201402"), _coal("9", partner="643")]
    store = Store.open()
    ingest_file(store, _csv(tmp_path / "a.csv", rows), kind="comtrade")
    if encoding == "crlf":
        copy = _csv(tmp_path / "copy.csv", rows, newline="\r\n")
    elif encoding == "reordered":
        copy = _csv(tmp_path / "copy.csv", rows[::-1])
    else:
        copy = tmp_path / "copy.csv.gz"
        copy.write_bytes(gzip.compress((tmp_path / "a.csv").read_bytes()))
    again = ingest_file(store, copy, kind="comtrade")
    assert (again.duplicate, again.landed, again.unchanged) == (False, 0, 3)
    assert store.info()["rows"] == 3
    assert store.diff(1, 2).counts() == {"added": 0, "revised": 0, "removed": 0}


def test_rows_repeated_inside_a_file_count_once_and_a_conflict_is_a_reject(
    tmp_path: Path, oresight_home: Path
) -> None:
    rows = [_coal("100"), _coal("100"), _coal("5", period="201402"), _coal("6", period="201402")]
    store = Store.open()
    result = ingest_file(
        store, _csv(tmp_path / "a.csv", rows), kind="comtrade", max_reject_share=0.5
    )
    assert (result.added, result.repeated, result.rejected) == (2, 1, 1)
    assert _values(store) == {
        ("2014-01", "PRK", "270112"): 100.0,
        ("2014-02", "PRK", "270112"): 5.0,
    }
    reject = store.rejects.to_pyarrow().to_pylist()[0]
    assert (reject["line"], reject["field"]) == (5, "value_usd")
    assert "repeats the flow of line 4" in reject["reason"]
    assert store.info()["repeats_recognised"]["in_file"] == 1


def test_a_truncated_gzip_file_is_rejected_whole(tmp_path: Path, oresight_home: Path) -> None:
    from oresight.errors import InputError

    rows = [_coal(str(i), period=f"20{10 + i // 12}{1 + i % 12:02d}") for i in range(2000)]
    whole = gzip.compress(_csv(tmp_path / "a.csv", rows).read_bytes())
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    store = Store.open()
    with pytest.raises(InputError, match=rf"file {cut}.*truncated gzip"):
        ingest_file(store, cut, kind="comtrade")
    assert Store.open().version == 0


@pytest.mark.parametrize("value", ["NaN", "inf", "-Infinity", "1e309"])
def test_non_finite_values_are_rejects_with_line_and_field(
    tmp_path: Path, oresight_home: Path, value: str
) -> None:
    from oresight.ingest.batch import RejectShareError

    rows = [_coal("100"), _coal(value, period="201402")]
    store = Store.open()
    with pytest.raises(RejectShareError, match=r"line 3, field 'primaryValue': non-finite"):
        ingest_file(store, _csv(tmp_path / "a.csv", rows), kind="comtrade")
    assert Store.open().version == 0
    kept = ingest_file(store, _csv(tmp_path / "a.csv", rows), kind="comtrade", max_reject_share=1)
    assert (kept.landed, kept.rejected) == (1, 1)
    reject = store.rejects.to_pyarrow().to_pylist()[0]
    assert (reject["line"], reject["field"]) == (3, "primaryValue")


def test_a_duplicated_column_or_a_huge_header_is_one_clear_error(
    tmp_path: Path, oresight_home: Path
) -> None:
    from oresight.errors import InputError

    twice = tmp_path / "twice.csv"
    twice.write_text(HEADER + ",netWgt\n" + _coal("1") + ",2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1, field 'netWgt': column 'netWgt' appears twice"):
        ingest_file(Store.open(), twice, kind="comtrade")
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(1_000_000)) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"header has 1,000,000 columns"):
        ingest_file(Store.open(), wide, kind="comtrade")


def test_verify_names_a_deleted_file_readers_refuse_and_reingest_repairs(
    tmp_path: Path, oresight_home: Path
) -> None:
    from oresight.errors import StoreError

    a = _csv(tmp_path / "a.csv", [_coal("100"), _coal("5", period="201402")])
    b = _csv(tmp_path / "b.csv", [_coal("120"), _coal("7", period="201403")])
    store = Store.open()
    first = ingest_file(store, a, kind="comtrade")
    ingest_file(store, b, kind="comtrade")
    lost = next(f for f in store.manifest.of("flows") if f.batch_id == first.batch_id)
    (oresight_home / lost.path).unlink()
    report = Store.open(allow_damaged=True).verify()
    assert not report.ok
    assert [(p.path, p.problem, p.rows) for p in report.problems] == [(lost.path, "missing", 1)]
    with pytest.raises(
        StoreError, match=rf"damaged.*{lost.path}.*1 rows of batch {first.batch_id}"
    ):
        Store.open()
    repaired = ingest_file(Store.open(allow_damaged=True), a, kind="comtrade")
    assert repaired.repaired
    healed = Store.open()
    assert healed.verify().ok
    assert _values(healed) == {
        ("2014-01", "PRK", "270112"): 120.0,  # the revision of b stays
        ("2014-02", "PRK", "270112"): 5.0,
        ("2014-03", "PRK", "270112"): 7.0,
    }


def test_many_small_batches_are_merged_without_changing_a_flow(
    tmp_path: Path, oresight_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oresight.store import writer

    monkeypatch.setattr(writer, "MAX_SMALL_FILES", 3)
    store = Store.open()
    for i in range(6):
        ingest_file(
            store,
            _csv(tmp_path / f"{i}.csv", [_coal(str(i + 1), period=f"20140{i + 1}")]),
            kind="comtrade",
        )
    assert len(store.manifest.of("flows")) <= 3
    assert sorted(_values(store).values()) == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    lines = store.flows.select("source_record").to_pyarrow().column(0).to_pylist()
    assert sorted(lines) == [f"{i}.csv:2" for i in range(6)]
    assert store.diff(3, 6).counts() == {"added": 3, "revised": 0, "removed": 0}


def test_a_second_writer_waits_then_names_the_holder(tmp_path: Path, oresight_home: Path) -> None:
    from oresight.store.lock import StoreLockedError

    store = Store.open()
    with store.writer(purpose="oresight ingest comtrade big.csv"), pytest.raises(
        StoreLockedError,
        match=r"being written by pid \d+ \(oresight ingest "
        r"comtrade big.csv\) since .*waiting 0.2 s",
    ):
        ingest_file(
            Store.open(), _csv(tmp_path / "a.csv", [_coal("1")]), kind="comtrade", wait=0.2
        )
    assert Store.open().version == 0


def test_opening_and_reading_write_nothing(tmp_path: Path, oresight_home: Path) -> None:
    assert not Store.open().info()["rows"]
    assert not oresight_home.exists()  # no store is created by reading
    ingest_file(Store.open(), _csv(tmp_path / "a.csv", [_coal("1")]), kind="comtrade")
    before = {p: p.stat().st_mtime_ns for p in oresight_home.rglob("*")}
    reader = Store.open()
    reader.info(), reader.versions(), reader.verify(), reader.published_figures.count().execute()
    assert {p: p.stat().st_mtime_ns for p in oresight_home.rglob("*")} == before


def test_a_store_of_the_first_layout_is_refused_with_how_to_rebuild(
    oresight_home: Path,
) -> None:
    from oresight.errors import StoreError

    oresight_home.mkdir(parents=True)
    (oresight_home / "oresight.duckdb").write_bytes(b"")
    with pytest.raises(StoreError, match=r"first layout.*ingest your files again"):
        Store.open()


def test_cli_versions_diff_verify_and_rejects(
    tmp_path: Path, oresight_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from oresight.cli import main

    ingest_file(Store.open(), _csv(tmp_path / "a.csv", [_coal("100")]), kind="comtrade")
    ingest_file(
        Store.open(),
        _csv(tmp_path / "b.csv", [_coal("120"), _coal("x", "201402")]),
        kind="comtrade",
        max_reject_share=1,
    )

    def run(*args: str) -> tuple[int, str]:
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        return code, capsys.readouterr().out

    code, out = run("store", "versions", "--json")
    assert code == 0 and [v["version"] for v in json.loads(out)] == [1, 2]
    code, out = run("store", "diff", "1", "2", "--json")
    change = json.loads(out)["changes"][0]
    assert (change["kind"], change["old"]["value_usd"], change["new"]["value_usd"]) == (
        "revised",
        100.0,
        120.0,
    )
    assert run("store", "verify")[0] == 0
    code, out = run("store", "rejects", "--csv")
    assert code == 0 and "b.csv" in out and "primaryValue" in out
    store = Store.open()
    (oresight_home / store.manifest.of("flows")[0].path).unlink()
    code, out = run("store", "verify")
    assert code == 1 and "missing" in out


def test_every_duckdb_session_runs_under_the_memory_limit(
    tmp_path: Path, oresight_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORESIGHT_MEMORY_LIMIT", "700MiB")
    reader = Store.open()
    limit = reader.raw.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    with reader.writer() as writer:
        assert writer.con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == limit
    assert limit.replace(" ", "") in ("700.0MiB", "734.0MB", "700MiB")
