"""The monitor asks the rules about the monitored country, never a fixed one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from monitor_flows import flow, land, months

from oresight.cli import main
from oresight.monitor import exports
from oresight.store import Store


def _coal_to_china(store: Store, origin: str) -> None:
    rows = [flow("CHN", origin, "270112", p, 5e6, kg=5e7) for p in months("2017-01", 24)]
    land(store, rows)


def test_cli_russian_coal_to_china_2018_is_not_sanctioned(
    oresight_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _coal_to_china(Store.open(), "RUS")
    with pytest.raises(SystemExit) as exit_info:
        main(["monitor", "RUS", "--partner", "CHN", "--from", "2018-01", "--to", "2018-12",
              "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert exit_info.value.code in (0, None), err
    doc = json.loads(out)
    coal = [r for r in doc["series"] if r["group"] == "coal" and r["source"] != "published"]
    assert len(coal) == 12  # the flows are there ...
    assert [e for e in doc["events"] if e["kind"] == "sanctioned"] == []  # ... and allowed


def test_the_same_flows_from_the_dprk_are_sanctioned(oresight_home: Path) -> None:
    # The control: identical flows with the DPRK as origin are prohibited after UNSCR 2371.
    store = Store.open()
    _coal_to_china(store, "PRK")
    result = exports("PRK", partner="CHN", start="2018-01", end="2018-12", store=store)
    sanctioned = [e for e in result.events if e.kind == "sanctioned"]
    assert sanctioned and all(e.period.startswith("2018") for e in sanctioned)
