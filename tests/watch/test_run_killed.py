"""A ``watch run`` killed at any moment loses no alert and sends none twice.

Each case runs ``oresight watch run`` in a subprocess that dies (``os._exit``, like ``kill -9``:
no clean-up, no ``finally``) at one named point between two durable steps, then runs it again
to completion; the webhook receiver (a real server on loopback) must hold each alert exactly
once. A last case kills real processes with SIGKILL at spread-out moments (bounded: 4 kills).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from comtrade_fake import FakeComtrade, serve
from servers import Hook, webhook

from oresight.ingest.comtrade_http import RetryPolicy
from oresight.watch import RunOptions, Watch, run
from oresight.watch.sinks import WebhookSink
from oresight.watch.state import State
from oresight.watch.watchfile import add_watch

REPO = Path(__file__).resolve().parents[2]
COAL = "270112"
#: Dies at the named checkpoint of oresight.watch.run, then runs the CLI.
SCRIPT = """
import importlib, os, sys
run = importlib.import_module("oresight.watch.run")  # the module, not the function
point = sys.argv[1]
def checkpoint(name):
    if name == point:
        os._exit(9)
run.checkpoint = checkpoint
from oresight.cli import main
main(sys.argv[2:])
"""
FAST = RetryPolicy(max_tries=2, backoff_base=0.001, backoff_max=0.01, min_interval=0.0)
POINTS = ["planned", "fetched", "landed", "recorded", "delivered:webhook"]


@pytest.fixture()
def world(
    oresight_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[FakeComtrade, Hook]]:
    with serve() as fake, webhook() as hook:
        monkeypatch.setenv("ORESIGHT_COMTRADE_URL", fake.url)
        fake.release("202401", {COAL: 100.0})
        add_watch(Watch(name="coal", reporter="CHN", partner="PRK", hs=(COAL,), years="2024"))
        yield fake, hook


def watch_run(hook: Hook, point: str = "-", *, wait: bool = True) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    argv = [sys.executable, "-c", SCRIPT, point, "watch", "run", "--webhook", hook.url]
    process = subprocess.Popen(
        [*argv, "--min-interval", "0"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    if wait:
        process.wait(timeout=120)
    return process


def run_here(hook: Hook) -> None:
    """A whole run in this process (cheaper than a subprocess where nothing is killed)."""
    report = run(RunOptions(sinks=[WebhookSink(hook.url)], policy=FAST))
    report.confirm_stdout()
    assert report.ok, report.to_dict()


def release_news(fake: FakeComtrade) -> None:
    fake.release("202402", {COAL: 200.0})  # a new month
    fake.release("202401", {COAL: 130.0})  # a revision


def outbox_ids() -> set[str]:
    return {entry.alert.id for entry in State.load().outbox}


@pytest.mark.parametrize("point", POINTS)
def test_a_run_killed_at_a_checkpoint_loses_nothing_and_repeats_nothing(
    world: tuple[FakeComtrade, Hook], point: str
) -> None:
    fake, hook = world
    run_here(hook)  # baseline
    release_news(fake)
    killed = watch_run(hook, point)
    assert killed.returncode == 9, killed.stderr.read() if killed.stderr else ""
    finished = watch_run(hook)
    assert finished.returncode == 0, finished.stderr.read() if finished.stderr else ""
    ids = outbox_ids()
    kinds = {entry.alert.kind for entry in State.load().outbox}
    assert {"new_flows", "revised_flow"} <= kinds
    assert sorted(hook.keys()) == sorted(ids)  # every alert, each exactly once
    run_here(hook)
    assert sorted(hook.keys()) == sorted(ids)
    assert all(not entry.pending() for entry in State.load().outbox)


def test_runs_killed_at_random_moments_lose_nothing(world: tuple[FakeComtrade, Hook]) -> None:
    fake, hook = world
    run_here(hook)
    release_news(fake)
    for delay in (0.5, 1.5, 2.5, 3.5):  # bounded: four kills, then one full run
        process = watch_run(hook, wait=False)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    assert watch_run(hook).returncode == 0
    ids = outbox_ids()
    assert {"new_flows", "revised_flow"} <= {e.alert.kind for e in State.load().outbox}
    # No alert lost; a kill between a POST and its record may repeat that one alert, with
    # the same Idempotency-Key (the receiver keeps it once).
    assert hook.distinct() == ids
    assert len(hook.keys()) - len(ids) <= 4
