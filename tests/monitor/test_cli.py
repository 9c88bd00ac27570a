"""The CLI on an empty store: figures come from the embedded snapshot; the done-when query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oresight.cli import main


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_monitor_json_done_when(oresight_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["monitor", "PRK", "--partner", "CHN", "--group", "rare_earths", "--freq", "M"]
    rc, out, err = _run([*args, "--from", "2014-01", "--to", "2014-12", "--json"], capsys)
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["country"] == "PRK" and doc["freq"] == "M"
    assert [(r["period"], r["value_usd"]) for r in doc["series"]] == [
        ("2014-05", 550_000.0),
        ("2014-06", 1_330_000.0),
    ]
    for row in doc["series"]:
        assert {"partner", "quantity", "quantity_unit", "yoy_pct", "source"} <= set(row)
    assert {"events", "sources"} <= set(doc)
    assert "embedded snapshot" in err
    # the snapshot ships read-only (it used to be loaded into the store by the first run): a
    # second run on the empty store says the same, and reading created no store
    rc, _, err = _run([*args, "--json"], capsys)
    assert rc == 0 and "embedded snapshot" in err
    assert not (oresight_home / "CURRENT").exists()


def test_monitor_csv_and_errors(oresight_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(["monitor", "PRK", "--group", "coal", "--freq", "Y", "--csv"], capsys)
    assert rc == 0 and out.startswith('"period"')
    rc, _, err = _run(["monitor", "PRK", "--freq", "W"], capsys)
    assert rc == 2 and "error:" in err and "frequency" in err


def test_brief_writes_html(
    oresight_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "brief.html"
    rc, out, err = _run(["brief", "PRK", "--out", str(target)], capsys)
    assert rc == 0, err
    assert f"brief: {target}" in out and "published figures only" in out
    page = target.read_text()
    for heading in ("Headline figures", "Events", "Coverage", "Sources", "Conflicting"):
        assert heading in page
    assert "Uses published figures" in page  # every chart that uses them says so
    assert "https://www.koreatimes.co.kr" in page
    assert "<script src=" not in page
