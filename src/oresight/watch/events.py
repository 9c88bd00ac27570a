"""Monitor events (first-time exports, trade after a ban, spikes, diversion signals ...) that
appear only in the newer of two store versions.

Why its own small module: the monitor's events are being rebuilt elsewhere; this calls the
public :func:`oresight.monitor.exports` for the watch's selection on each version and compares
events by identity (kind, period, group, partner, source, HS code), so it follows the monitor
whatever events it grows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from oresight.watch.model import Alert, FlowRef, Watch

if TYPE_CHECKING:
    from oresight.store import Store

#: Comtrade's frequency codes to the monitor's.
MONITOR_FREQ = {"M": "M", "A": "Y"}


def event_identity(event: Any) -> tuple[Any, ...]:
    return (event.kind, event.period, event.group, event.partner, event.source, event.hs_code)


def monitor_events(watch: Watch, store: Store) -> list[Any]:
    """The monitor's events for the watch's selection: the partner's exports as the reporter
    records them (a watch of CHN imports from PRK reads PRK's exports to CHN)."""
    from oresight.monitor import exports

    years = sorted(int(year) for year in {p[:4] for p in watch.periods()})
    result = exports(
        watch.partner,
        partner=watch.reporter,
        group=watch.group,
        freq=MONITOR_FREQ[watch.freq],
        start=str(years[0]),
        end=str(years[-1]),
        store=store,
    )
    return list(result.events)


def new_event_alerts(
    watch: Watch,
    old_store: Store,
    new_store: Store,
    versions: tuple[int, int],
    *,
    events_of: Callable[[Watch, Store], list[Any]] = monitor_events,
) -> list[Alert]:
    """One alert per event of ``new_store`` whose identity ``old_store`` does not have."""
    before = {event_identity(event) for event in events_of(watch, old_store)}
    alerts = []
    for event in events_of(watch, new_store):
        if event_identity(event) in before:
            continue
        # the monitor names the batches behind an event (and the filter selecting its rows)
        batch_ids = (event.flows or {}).get("batch_ids") or []
        refs = tuple(FlowRef(str(batch), None, "new") for batch in batch_ids)
        alerts.append(
            Alert(
                watch=watch.name,
                kind="new_event",
                reason=f"{watch.name}: {event.kind} {event.period}: {event.reason}",
                period=event.period,
                flows=refs,
                versions=versions,
                detail={"event": event.to_dict()},
            )
        )
    return alerts
