"""Monitor events that appear only in the newer version become alerts (compared by identity)."""

from __future__ import annotations

from typing import Any

from oresight.monitor.events import Event
from oresight.watch import Watch
from oresight.watch.events import new_event_alerts

WATCH = Watch(name="coal", reporter="CHN", partner="PRK", hs=("2701",), years="2023-2024")


def event(kind: str, period: str, value: float = 1.0, batches: tuple[str, ...] = ()) -> Event:
    return Event(
        kind=kind,
        period=period,
        group="coal",
        partner="CHN",
        source="comtrade",
        reason=f"{kind} in {period}",
        value_usd=value,
        flows={"batch_ids": list(batches), "records": 1},
    )


def test_only_events_new_in_the_newer_version_are_alerts() -> None:
    old_events = [event("after_ban", "2024-01")]
    new_events = [
        event("after_ban", "2024-01", value=2.0),  # same identity, other value: not new
        event("first_time", "2024-03", batches=("b7",)),
    ]
    stores: dict[str, list[Event]] = {"old": old_events, "new": new_events}

    def events_of(watch: Watch, store: Any) -> list[Event]:
        return stores[store]

    alerts = new_event_alerts(WATCH, "old", "new", (1, 2), events_of=events_of)  # type: ignore[arg-type]
    assert [a.kind for a in alerts] == ["new_event"]
    (alert,) = alerts
    assert alert.period == "2024-03" and alert.flows[0].batch_id == "b7"
    assert "first_time 2024-03" in alert.reason
    assert alert.detail["event"]["kind"] == "first_time"
