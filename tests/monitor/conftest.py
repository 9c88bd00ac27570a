"""Fixtures for the report tests: a headless Chromium, or a clear skip (failure under CI)."""

from __future__ import annotations

import os

import pytest

from oresight.report.browser import find_chromium


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of headless Chromium; missing is a failure under CI=true and a skip elsewhere."""
    exe = find_chromium()
    if exe:
        return exe
    message = "headless Chromium is missing (make test installs Debian's 'chromium')"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
