"""``oresight fetch comtrade`` end to end against the loopback Comtrade server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_comtrade_api import DATA, FakeComtrade, Reply, serve

from oresight.cli import main
from oresight.store import Store

ARGS = ["fetch", "comtrade", "--reporter", "CHN", "--partner", "PRK", "--min-interval", "0"]


@pytest.fixture()
def fake(oresight_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeComtrade]:
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    with serve() as server:
        monkeypatch.setenv("ORESIGHT_COMTRADE_URL", server.url)
        yield server


def run(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_fetch_no_ingest_prints_one_json_document(
    fake: FakeComtrade, oresight_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run([*ARGS, "--years", "2013-2014", "--hs", "2701", "--no-ingest", "--json"])
    assert code == 0
    out, err = capsys.readouterr()
    document = json.loads(out)
    assert document["ingest"] is None
    assert err.splitlines() == [
        "reporter CHN, partner PRK, 2013-01..2013-12, HS 2701, import: 12 rows",
        "reporter CHN, partner PRK, 2014-01..2014-12, HS 2701, import: 12 rows",
    ]
    assert document["fetch"]["rows"] == 24 and document["fetch"]["sent"] == 2
    assert document["fetch"]["cache_dir"] == str(oresight_home / "cache" / "comtrade")
    assert all(Path(f).is_file() for f in document["fetch"]["files"])


def test_fetch_with_a_key_uses_the_full_api(
    fake: FakeComtrade, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COMTRADE_API_KEY", "k-123")
    code = run([*ARGS, "--years", "2014", "--hs", "2701", "--no-ingest", "--out", str(tmp_path)])
    assert code == 0 and fake.log[0][0] == "/data/v1/get/C/M/HS"
    assert list((tmp_path / "responses").glob("*.json"))


def test_empty_selection_exits_2_with_a_clear_message(
    fake: FakeComtrade, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.empty_years = {"2013"}
    assert run([*ARGS, "--years", "2013", "--hs", "2701", "--no-ingest"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: no data for this selection: reporter CHN, partner PRK, 2013-01..2013-12, "
        "HS 2701, import"
    )


def test_rate_limit_exits_2_naming_the_url(
    fake: FakeComtrade, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.script = [Reply(429, (DATA / "rate_limited.json").read_bytes(), {"Retry-After": "1"})]
    argv = [*ARGS, "--years", "2014", "--hs", "2701", "--no-ingest", "--max-tries", "1"]
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert "HTTP 429" in err and fake.url + "/public/v1/preview/C/M/HS?" in err


def test_bad_input_exits_2_before_any_request(
    fake: FakeComtrade, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([*ARGS, "--years", "2014", "--freq", "Q"]) == 2
    assert "field 'freq'" in capsys.readouterr().err and fake.log == []


def test_fetch_then_ingest_lands_rows_once(
    fake: FakeComtrade, oresight_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([*ARGS, "--years", "2013-2014", "--hs", "270112"]) == 0
    assert Store.open().info()["rows"] == 24
    out = capsys.readouterr().out
    assert out.count(": 12 rows landed, 0 rejected\n") == 2, out
    assert run([*ARGS, "--years", "2013-2014", "--hs", "270112", "--json"]) == 0
    assert len(fake.log) == 2  # the rerun is served from the cache
    out, err = capsys.readouterr()
    assert err.count("12 rows (from the cache)") == 2
    ingest = json.loads(out)["ingest"]
    assert [(i["landed"], i["duplicate"]) for i in ingest] == [(0, True), (0, True)]
    assert Store.open().info()["rows"] == 24  # and the same files land nothing new
