"""``watch run``: for each watch, fetch what UN Comtrade released or revised, land it as a new
store version, turn the difference into alerts, and deliver them.

Order of work, and why it is kill-safe (state is :mod:`oresight.watch.state`):

1. *Plan*: the data-availability API says which periods are new or updated since the stamps
   recorded for the watch (where it is not available: the whole selection). The plan and the
   time it was made are saved before any data request, so a killed run resumes it.
2. *Fetch* through :class:`ComtradeClient` with ``fresh_after`` = that time: a cached answer
   older than the plan goes out again (it may be the unrevised data); one saved by this plan is
   reused. *Land* the files (each a new store version, atomically).
3. *Compare*: alerts are a pure function of (the version the watch's alerts reached, the current
   version). They, the new version and the availability stamps are saved in one atomic write,
   so a kill before it recomputes the same alerts (same ids), and a kill after it has them in
   the outbox.
4. *Deliver* each sink's due alerts and record each delivery; a failing sink keeps them due.

A file lock makes sure two runs (a scheduler and a cron line, two terminals) never overlap.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from oresight.errors import OresightError
from oresight.ingest.comtrade_api import ComtradeClient, ingest_fetched
from oresight.ingest.comtrade_availability import AvailabilityUnavailable, fetch_releases
from oresight.ingest.comtrade_http import RetryPolicy
from oresight.settings import get_settings
from oresight.watch import store_link
from oresight.watch.alerts import alerts_from_diff, covered
from oresight.watch.events import new_event_alerts
from oresight.watch.model import Alert, Watch
from oresight.watch.sinks import Sink, SinkError
from oresight.watch.state import OutboxEntry, State, now_iso, watch_dir
from oresight.watch.watchfile import load_watches

STDOUT = "stdout"
MODES = {
    "availability": "new or revised periods released",
    "fallback": "selection refetched (no availability API)",
    "resumed": "resumed an interrupted fetch",
    "nothing new": "no period released or revised",
}


class WatchBusy(OresightError):
    """Another ``watch run`` holds the lock."""


def checkpoint(name: str) -> None:
    """A named point between two durable steps (the kill-safety tests stop a run here)."""


@dataclass
class WatchReport:
    """What one watch's run did."""

    watch: str
    mode: str = "nothing new"  # availability | fallback | resumed | nothing new | baseline
    periods: list[str] = field(default_factory=list)
    rows: int = 0
    versions: tuple[int | None, int | None] = (None, None)
    alerts: int = 0
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.error:
            return f"{self.watch}: failed: {self.error}"
        fetched = (
            f", fetched {len(self.periods)} periods ({self.rows} rows)" if self.periods else ""
        )
        old, new = self.versions
        compared = f", store v{old} -> v{new}" if old is not None and old != new else ""
        if self.mode == "baseline":
            return f"{self.watch}: baseline at store v{new}{fetched}; alerts start from here"
        alerts = f"{self.alerts} new alerts" if self.alerts else "nothing new, no alert"
        return f"{self.watch}: {MODES.get(self.mode, self.mode)}{fetched}{compared}: {alerts}"


@dataclass
class RunReport:
    watches: list[WatchReport] = field(default_factory=list)
    new_alerts: list[Alert] = field(default_factory=list)
    delivered: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # sink -> error
    waiting: dict[str, int] = field(default_factory=dict)  # sink not configured -> alerts
    stdout: list[OutboxEntry] = field(default_factory=list)  # due to stdout: the CLI prints
    state: State | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return not self.failed and not any(w.error for w in self.watches)

    def confirm_stdout(self) -> None:
        """Record that the CLI printed the alerts due to stdout (call after printing)."""
        if self.state is not None and self.stdout:
            _mark(self.state, self.stdout, STDOUT)
            self.state.save()

    def to_dict(self) -> dict[str, Any]:
        return {
            "watches": [vars(w) | {"versions": list(w.versions)} for w in self.watches],
            "alerts": [entry.to_dict() for entry in self.stdout],
            "new_alerts": len(self.new_alerts),
            "delivered": self.delivered,
            "failed": self.failed,
            "waiting": self.waiting,
        }


@dataclass
class RunOptions:
    """How to reach UN Comtrade (defaults from settings) and where alerts go."""

    sinks: Sequence[Sink] = ()
    api_key: str | None = None
    base_url: str | None = None
    cache_dir: Path | None = None
    policy: RetryPolicy | None = None
    lock_wait: float = 0.0
    names: Sequence[str] = ()  # only these watches (default: every one)
    on_progress: Callable[[str], None] | None = None


def run(options: RunOptions | None = None, home: Path | None = None) -> RunReport:
    """Run every watch once, then deliver; raise :class:`WatchBusy` if a run is under way."""
    options = options or RunOptions()
    directory = watch_dir(home)
    directory.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(directory / "run.lock"))
    holder = directory / "run.holder"
    try:
        lock.acquire(timeout=options.lock_wait)
    except Timeout as exc:
        who = holder.read_text(encoding="utf-8").strip() if holder.is_file() else "unknown"
        raise WatchBusy(f"another watch run holds {lock.lock_file} ({who})") from exc
    try:
        holder.write_text(f"pid {os.getpid()} since {now_iso()}", encoding="utf-8")
        return _run_locked(options, home)
    finally:
        holder.unlink(missing_ok=True)
        lock.release()


def _run_locked(options: RunOptions, home: Path | None) -> RunReport:
    state = State.load(home)
    report = RunReport(state=state)
    watches = load_watches()
    for name in options.names:
        if name not in watches:
            raise OresightError(f"no watch called {name!r}")
    due = [STDOUT, *(sink.name for sink in options.sinks)]
    for watch in watches.values():
        if options.names and watch.name not in options.names:
            continue
        item = WatchReport(watch.name)
        report.watches.append(item)
        try:
            alerts = _run_watch(watch, state, options, item)
        except OresightError as exc:
            item.error = str(exc)  # the plan stays saved: the next run resumes it
            continue
        added = state.add_alerts(alerts, due)
        state.watch(watch.name).last_run = now_iso()
        state.save()  # alerts, version and stamps together (see _record)
        checkpoint("recorded")
        item.alerts = len(added)
        report.new_alerts.extend(entry.alert for entry in added)
    _deliver(state, options.sinks, report)
    report.stdout = [entry for entry in state.outbox if STDOUT in entry.pending()]
    return report


def _run_watch(watch: Watch, state: State, options: RunOptions, item: WatchReport) -> list[Alert]:
    settings = get_settings()
    mine = state.watch(watch.name)
    api_key = options.api_key if options.api_key is not None else settings.comtrade_api_key
    if mine.pending is None:
        mine.pending = _plan(watch, mine.releases, options, api_key, item)
        if mine.pending is not None:
            state.save()
            checkpoint("planned")
    else:
        item.mode = "resumed"
    if mine.pending is not None:
        item.periods = list(mine.pending["periods"])
        client = ComtradeClient(
            cache_dir=options.cache_dir or settings.cache_dir / "comtrade",
            api_key=api_key,
            base_url=options.base_url,
            policy=options.policy,
        )
        query = watch.query(only_periods=tuple(item.periods))
        fetched = client.fetch(
            query,
            require_data=False,
            fresh_after=float(mine.pending["fresh_after"]),
            on_answer=options.on_progress,
        )
        checkpoint("fetched")
        item.rows = fetched.rows
        ingest_fetched(fetched, store_link.open_store())
        checkpoint("landed")
    return _compare(watch, state, item)


def _plan(
    watch: Watch,
    seen: dict[str, str],
    options: RunOptions,
    api_key: str | None,
    item: WatchReport,
) -> dict[str, Any] | None:
    """Periods to fetch (with their new stamps) and since when; None when nothing is new."""
    periods = watch.periods()
    started = time.time()
    try:
        released = fetch_releases(
            watch.reporter,
            watch.freq,
            periods,
            api_key=api_key,
            base_url=options.base_url,
            policy=options.policy,
        )
    except AvailabilityUnavailable as exc:
        item.mode = "fallback"
        item.notes.append(f"no data-availability endpoint ({exc}); refetching the selection")
        return {"periods": periods, "fresh_after": started, "releases": {}, "mode": "fallback"}
    changed = {period: stamp for period, stamp in released.items() if seen.get(period) != stamp}
    if not changed:
        return None
    item.mode = "availability"
    return {"periods": sorted(changed), "fresh_after": started, "releases": changed}


def _compare(watch: Watch, state: State, item: WatchReport) -> list[Alert]:
    """Alerts from the watch's last version to the current one; records both in the state
    (saved by the caller together with the alerts)."""
    mine = state.watch(watch.name)
    store = store_link.open_store()
    new = store_link.current_version(store)
    old = mine.version
    item.versions = (old, new)
    alerts: list[Alert] = []
    if old is None:
        item.mode = "baseline"
    elif new != old:
        changes = store_link.diff(store, old, new)
        alerts = alerts_from_diff(watch, changes)
        if any(covered(watch, change) for change in changes.changes):
            old_store, new_store = store_link.open_store(old), store_link.open_store(new)
            alerts += new_event_alerts(watch, old_store, new_store, (old, new))
    mine.version = new
    if mine.pending is not None:
        mine.releases.update(mine.pending.get("releases") or {})
        mine.pending = None
    return alerts


def _deliver(state: State, sinks: Sequence[Sink], report: RunReport) -> None:
    configured = {sink.name for sink in sinks} | {STDOUT}
    for sink in sinks:
        due = [entry for entry in state.outbox if sink.name in entry.pending()]
        if not due:
            continue
        size = sink.batch or len(due)
        for start in range(0, len(due), size):
            part = due[start : start + size]
            try:
                sink.send(part, state.outbox)
            except SinkError as exc:
                for entry in part:
                    entry.errors[sink.name] = str(exc)
                state.save()
                report.failed[sink.name] = str(exc)
                break
            _mark(state, part, sink.name)
            state.save()
            checkpoint(f"delivered:{sink.name}")
            report.delivered[sink.name] = report.delivered.get(sink.name, 0) + len(part)
    for entry in state.outbox:
        for name in entry.pending():
            if name not in configured:
                report.waiting[name] = report.waiting.get(name, 0) + 1


def _mark(state: State, entries: Sequence[OutboxEntry], sink: str) -> None:
    when = now_iso()
    for entry in entries:
        entry.delivered[sink] = when
        entry.errors.pop(sink, None)
