"""The watch state and outbox: one JSON file, ``$ORESIGHT_HOME/watch/state.json``.

What it holds, per watch: the store version its alerts are computed up to, the data-availability
stamp of each period it has landed, and a fetch in progress (periods and since when, so a killed
run resumes it). Then the outbox: every alert, which sinks it is due to and which have it.

Why one file rewritten atomically (temporary file, fsync, rename): the alerts of a landing and
the version they were computed up to change in the same write, so a run killed at any moment
leaves either the old state (the next run computes the same alerts again, with the same ids) or
the new one (the alerts are in the outbox): none is lost, none is created twice. Delivery marks
are written after each delivery, so a sink that failed is retried on the next run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from oresight.errors import InputError
from oresight.ingest.http_cache import atomic_write
from oresight.settings import get_settings
from oresight.watch.model import Alert

#: Alerts delivered everywhere are kept this many (the feed and ``GET /alerts`` read them).
KEEP_DELIVERED = 2000


def watch_dir(home: Path | None = None) -> Path:
    return (home or get_settings().home) / "watch"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class WatchState:
    """How far one watch has got."""

    version: int | None = None  # store version its alerts are computed up to (None: not yet)
    releases: dict[str, str] = field(default_factory=dict)  # period -> availability stamp
    pending: dict[str, Any] | None = None  # {"periods", "fresh_after", "releases"} in progress
    last_run: str | None = None


@dataclass
class OutboxEntry:
    """An alert, when it was raised, the sinks it is due to and what became of each."""

    alert: Alert
    created_at: str
    due: list[str]
    delivered: dict[str, str] = field(default_factory=dict)  # sink -> when
    errors: dict[str, str] = field(default_factory=dict)  # sink -> last failure

    def pending(self) -> list[str]:
        return [sink for sink in self.due if sink not in self.delivered]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.alert.to_dict(),
            "created_at": self.created_at,
            "due": self.due,
            "delivered": self.delivered,
            "errors": self.errors,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OutboxEntry:
        return cls(
            alert=Alert.from_dict(data),
            created_at=data["created_at"],
            due=list(data.get("due", [])),
            delivered=dict(data.get("delivered", {})),
            errors=dict(data.get("errors", {})),
        )


@dataclass
class State:
    path: Path
    watches: dict[str, WatchState] = field(default_factory=dict)
    outbox: list[OutboxEntry] = field(default_factory=list)

    @classmethod
    def load(cls, home: Path | None = None) -> State:
        path = watch_dir(home) / "state.json"
        if not path.is_file():
            return cls(path)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            watches = {
                name: WatchState(**spec) for name, spec in document.get("watches", {}).items()
            }
            outbox = [OutboxEntry.from_dict(item) for item in document.get("alerts", [])]
        except (ValueError, TypeError, KeyError) as exc:
            # Never start afresh silently: that would send every alert again.
            raise InputError(
                f"the watch state is damaged ({exc}); move it aside to start again", file=str(path)
            ) from exc
        return cls(path, watches, outbox)

    def watch(self, name: str) -> WatchState:
        return self.watches.setdefault(name, WatchState())

    def ids(self) -> set[str]:
        return {entry.alert.id for entry in self.outbox}

    def add_alerts(self, alerts: list[Alert], due: list[str]) -> list[OutboxEntry]:
        """Put new alerts in the outbox; an alert already there (same id) is not added again."""
        known = self.ids()
        added = []
        for alert in alerts:
            if alert.id in known:
                continue
            known.add(alert.id)
            entry = OutboxEntry(alert, now_iso(), list(due))
            self.outbox.append(entry)
            added.append(entry)
        return added

    def save(self) -> None:
        self._prune()
        document = {
            "watches": {name: vars(state) for name, state in self.watches.items()},
            "alerts": [entry.to_dict() for entry in self.outbox],
        }
        atomic_write(self.path, json.dumps(document, indent=1, default=str).encode())

    def _prune(self) -> None:
        done = [entry for entry in self.outbox if not entry.pending()]
        if len(done) > KEEP_DELIVERED:
            drop = {id(entry) for entry in done[: len(done) - KEEP_DELIVERED]}
            self.outbox = [entry for entry in self.outbox if id(entry) not in drop]


def alerts_since(since: str | None = None, home: Path | None = None) -> list[dict[str, Any]]:
    """Alerts raised at or after ``since`` (ISO 8601 date or time), oldest first (read-only)."""
    entries = State.load(home).outbox
    if since:
        cut = _parse_since(since)
        entries = [e for e in entries if datetime.fromisoformat(e.created_at) >= cut]
    return [entry.to_dict() for entry in entries]


def _parse_since(text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"not an ISO 8601 date or time: {text!r}", field="since") from exc
    return when if when.tzinfo else when.replace(tzinfo=UTC)
