"""Test fixtures shared by every pillar.

Fixture policy (after yente's): use the smallest data that shows the behaviour, build specific
cases inline, and read ../shared only through the ``shared_data``/``shared_reference`` fixtures.
Those fail under CI=true when ../shared is missing (CI must have it) and skip elsewhere with a
clear reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oresight.report.browser import find_chromium

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _missing(message: str) -> None:
    # What CI must have is a failure there, and a skip with its reason elsewhere.
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def _require_shared(sub: str) -> Path:
    path = SHARED / sub
    if path.is_dir():
        return path
    _missing(f"{path} is missing: these tests read the real public data kept beside the repo")
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (real public data files); see its PROVENANCE.md."""
    return _require_shared("data")


@pytest.fixture(scope="session")
def shared_reference() -> Path:
    """``../shared/reference`` (researched facts with sources)."""
    return _require_shared("reference")


@pytest.fixture()
def oresight_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty ``$ORESIGHT_HOME`` for one test."""
    home = tmp_path / "home"
    monkeypatch.setenv("ORESIGHT_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of headless Chromium (Debian's, installed by ``make test``)."""
    exe = find_chromium()
    if exe is None:
        _missing("headless Chromium is missing (make test installs Debian's 'chromium')")
        raise AssertionError("unreachable")
    return exe
