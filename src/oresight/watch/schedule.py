"""``watch serve --every 1d``: run the watches on an interval with APScheduler.

Why APScheduler and a lock: the scheduler gives intervals, misfire handling and one instance
of the job at a time (``max_instances=1``, ``coalesce``) in this process; the run's file lock
covers the rest (a cron line or a second ``serve`` on the same ``$ORESIGHT_HOME``): a run that
finds the lock taken is skipped and says so, it never waits behind or overlaps another.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import UTC, datetime

from oresight.errors import InputError

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_every(text: str) -> float:
    """``90s``, ``30m``, ``6h``, ``1d``, ``2w`` (or plain seconds) -> seconds (at least 1)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*", text.lower())
    if not match:
        raise InputError(f"not an interval: {text!r} (e.g. 1d, 6h, 30m)", field="every")
    seconds = float(match[1]) * UNITS[match[2] or "s"]
    if seconds < 1:
        raise InputError(f"interval {text!r} is shorter than a second", field="every")
    return seconds


def serve(
    job: Callable[[], None],
    every: float,
    *,
    max_runs: int | None = None,
) -> None:
    """Call ``job`` now and then every ``every`` seconds until interrupted (or ``max_runs``)."""
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler = BlockingScheduler(timezone=UTC)
    runs = 0

    def tick() -> None:
        nonlocal runs
        try:
            job()
        finally:
            runs += 1
            if max_runs is not None and runs >= max_runs:
                scheduler.shutdown(wait=False)

    scheduler.add_job(
        tick,
        IntervalTrigger(seconds=every, timezone=UTC),
        next_run_time=datetime.now(UTC),
        max_instances=1,
        coalesce=True,
        misfire_grace_time=int(max(1, every)),
    )
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()
