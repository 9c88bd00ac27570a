"""The state and outbox file: atomic, deduplicated, and never silently reset."""

from __future__ import annotations

from pathlib import Path

import pytest

from oresight.errors import InputError
from oresight.watch.model import Alert, FlowRef
from oresight.watch.state import State, alerts_since


def alert(period: str) -> Alert:
    return Alert(
        "coal", "new_flows", f"coal: new {period}", period, (FlowRef("b", "r", "new"),), (1, 2)
    )


def test_an_alert_enters_the_outbox_once_and_survives_a_reload(oresight_home: Path) -> None:
    state = State.load()
    assert len(state.add_alerts([alert("2024-01"), alert("2024-02")], ["stdout", "webhook"])) == 2
    assert state.add_alerts([alert("2024-01")], ["stdout"]) == []  # same id: not again
    state.watch("coal").version = 7
    state.save()
    again = State.load()
    assert again.watches["coal"].version == 7
    assert [e.pending() for e in again.outbox] == [["stdout", "webhook"]] * 2
    again.outbox[0].delivered["webhook"] = "now"
    again.save()
    assert State.load().outbox[0].pending() == ["stdout"]


def test_a_damaged_state_is_an_error_not_a_fresh_start(oresight_home: Path) -> None:
    state = State.load()
    state.add_alerts([alert("2024-01")], ["stdout"])
    state.save()
    state.path.write_text(state.path.read_text()[:40])
    with pytest.raises(InputError, match="damaged"):
        State.load()


def test_alerts_since_filters_by_time_and_rejects_a_bad_time(oresight_home: Path) -> None:
    state = State.load()
    (entry,) = state.add_alerts([alert("2024-01")], ["stdout"])
    entry.created_at = "2026-11-30T12:00:00+00:00"
    state.save()
    assert len(alerts_since("2026-11-30")) == 1
    assert alerts_since("2026-12-01") == []
    with pytest.raises(InputError, match="since"):
        alerts_since("yesterday")
