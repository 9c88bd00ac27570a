"""``watch serve``: intervals, the scheduler loop, and the lock that keeps runs apart."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from filelock import FileLock

from oresight.errors import InputError
from oresight.watch import WatchBusy, run
from oresight.watch.schedule import parse_every, serve
from oresight.watch.state import watch_dir


@pytest.mark.parametrize(
    ("text", "seconds"), [("1d", 86400), ("6h", 21600), ("30m", 1800), ("90", 90)]
)
def test_intervals(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "often", "0s", "1y"])
def test_bad_intervals_name_the_option(text: str) -> None:
    with pytest.raises(InputError, match="every"):
        parse_every(text)


def test_serve_runs_the_job_now_and_then_on_the_interval() -> None:
    runs: list[int] = []
    serve(lambda: runs.append(1), 1.0, max_runs=2)
    assert len(runs) == 2


def test_a_run_while_another_holds_the_lock_is_refused_naming_it(oresight_home: Path) -> None:
    directory = watch_dir()
    directory.mkdir(parents=True)
    (directory / "run.holder").write_text("pid 4242 since then")
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with FileLock(str(directory / "run.lock")):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    try:
        with pytest.raises(WatchBusy, match="pid 4242"):
            run()
    finally:
        release.set()
        thread.join()
    assert run().watches == []  # free again: a run with no watches does nothing


def test_cli_serve_runs_on_the_interval_and_skips_while_the_lock_is_held(
    oresight_home: Path,
) -> None:
    from typer.testing import CliRunner

    from oresight.cli import app

    runner = CliRunner()
    free = runner.invoke(app, ["watch", "serve", "--every", "1s", "--max-runs", "2"])
    assert free.exit_code == 0, free.output
    assert "watching every 1s" in free.output and "skipped" not in free.output
    directory = watch_dir()
    with FileLock(str(directory / "run.lock")):
        held = runner.invoke(app, ["watch", "serve", "--every", "1s", "--max-runs", "1"])
    assert held.exit_code == 0 and "skipped: another watch run holds" in held.output
