"""The ``oresight rules`` commands, run through the real CLI entry point."""

from __future__ import annotations

import json

import pytest

from oresight.cli import main


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_check_json_all_regimes(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rules", "check", "--origin", "PRK", "--hs", "711021", "--date", "2025-06-01",
            "--regime", "all", "--json"]  # fmt: skip
    rc, out, _ = _run(argv, capsys)
    doc = json.loads(out)
    assert rc == 0
    assert (doc["origin"], doc["hs_code"], doc["date"]) == ("PRK", "711021", "2025-06-01")
    assert [v["regime"] for v in doc["verdicts"]] == ["UN", "EU", "US", "JP", "KR", "UK"]
    eu = doc["verdicts"][1]
    assert eu["status"] == "prohibited"
    assert {"instrument", "paragraph", "citation", "verified"} <= set(eu["measures"][0])
    assert eu["measures"][0]["verified"] is False


def test_not_an_hs_code_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _run(["rules", "check", "--origin", "PRK", "--hs", "710021",
                         "--date", "2025-06-01"], capsys)  # fmt: skip
    assert rc == 2 and out == ""
    assert "710021" in err and err.startswith("error:")


def test_bad_regime_and_date(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["rules", "check", "--origin", "PRK", "--hs", "2701"]
    assert _run([*base, "--date", "2017-13-01"], capsys)[0] == 2
    assert _run([*base, "--date", "2017-01-01", "--regime", "XX"], capsys)[0] == 2


def test_human_output_flags_unverified(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(["rules", "check", "--origin", "PRK", "--hs", "2846",
                       "--date", "2016-06-01", "--regime", "UN"], capsys)  # fmt: skip
    assert rc == 0 and "UNVERIFIED" in out and "prohibited" in out


def test_list_on_date(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(["rules", "list", "--regime", "UN", "--on", "2017-03-15", "--json"], capsys)
    ids = {m["id"] for m in json.loads(out)}
    assert rc == 0 and "un-2321-26-coal" in ids and "un-2270-29-coal" not in ids


def test_timeline_json_for_charts(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(["rules", "timeline", "--hs", "2701", "--regime", "UN", "--json"], capsys)
    spans = json.loads(out)
    assert rc == 0
    assert [(s["from"], s["status"]) for s in spans] == [
        ("2016-03-02", "conditional"),
        ("2016-11-30", "capped"),
        ("2017-08-05", "conditional"),
        ("2017-09-05", "prohibited"),
    ]
    assert set(spans[0]) >= {"regime", "from", "to", "status", "instrument", "paragraph"}


def test_timeline_of_another_origin_says_no_measure_reaches_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rc, out, _ = _run(["rules", "timeline", "--hs", "2701", "--origin", "RUS"], capsys)
    assert rc == 0
    assert "No regime restricted HS 2701 goods of RUS origin" in " ".join(out.split())
    assert "PRK" in out  # whom the measures do target
