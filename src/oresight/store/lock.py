"""One writer at a time: an OS file lock, and a note saying who holds it.

``filelock`` takes an advisory lock on ``write.lock`` (released by the OS if the holder dies,
so a killed ingest never leaves the store locked); ``write.holder`` says which process holds it
and since when, so a second writer that gives up can name the holder in one line.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from oresight.errors import StoreError


class StoreLockedError(StoreError):
    """Another writer held the store for longer than we were willing to wait."""


class WriteLock:
    def __init__(self, home: Path, *, wait: float = 60.0, purpose: str = "") -> None:
        if wait < 0:
            raise StoreError(f"--wait {wait} is negative")
        self.home = home
        self.wait = wait
        self.purpose = purpose or " ".join(
            Path(a).name if i == 0 else a for i, a in enumerate(sys.argv)
        )
        self._lock = FileLock(str(home / "write.lock"))

    @property
    def holder_file(self) -> Path:
        return self.home / "write.holder"

    def __enter__(self) -> WriteLock:
        self.home.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=self.wait)
        except Timeout as exc:
            raise StoreLockedError(
                f"the store at {self.home} is being written by {self.holder()}; gave up after "
                f"waiting {self.wait:g} s (--wait SECONDS to wait longer)"
            ) from exc
        note = {"pid": os.getpid(), "command": self.purpose, "since": _now()}
        self.holder_file.write_text(json.dumps(note), encoding="utf-8")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.holder_file.unlink(missing_ok=True)
        self._lock.release()

    def holder(self) -> str:
        try:
            note = json.loads(self.holder_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return "another process"
        return (
            f"pid {note.get('pid')} ({note.get('command') or 'oresight'}) since {note.get('since')}"
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
