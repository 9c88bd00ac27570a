"""Headless Chromium, run once per call with a fresh profile: PDF printing, DOM dumps, screenshots.

Flags follow the environment notes: no sandbox (containers), no GPU, and no background
networking, component updates or sync, so a render never reaches the network.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from oresight.report.errors import ReportError
from oresight.settings import get_settings

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)
# Give Vega time to draw before Chromium prints, dumps or shoots the page.
VIRTUAL_TIME_MS = 10_000


def find_chromium() -> str | None:
    """Path of a Chromium-family browser ($ORESIGHT_CHROMIUM first), or None."""
    explicit = get_settings().chromium
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def run(html_path: Path, *extra: str, timeout: float = 90.0) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on ``html_path`` with ``extra`` flags; raise ReportError on failure."""
    exe = find_chromium()
    if exe is None:
        raise ReportError(
            "no headless Chromium found (install Debian's 'chromium' or set ORESIGHT_CHROMIUM)"
        )
    url = Path(html_path).resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="oresight-chromium-") as profile:
        args = [
            exe,
            *BASE_FLAGS,
            f"--user-data-dir={profile}",
            f"--virtual-time-budget={VIRTUAL_TIME_MS}",
            *extra,
            url,
        ]
        try:
            done = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise ReportError(f"chromium timed out after {timeout:.0f} s on {html_path}") from exc
    if done.returncode != 0:
        raise ReportError(f"chromium failed on {html_path}: {done.stderr.strip()[-500:]}")
    return done


def dump_dom(html_path: Path) -> str:
    """The page's DOM after scripts ran (what the reader's browser would show)."""
    return run(html_path, "--dump-dom").stdout


def screenshot(html_path: Path, png_path: Path, *, size: str = "1200,2400") -> Path:
    """A PNG screenshot of the rendered page."""
    png_path.parent.mkdir(parents=True, exist_ok=True)
    run(html_path, f"--screenshot={png_path.resolve()}", f"--window-size={size}")
    if not png_path.exists():
        raise ReportError(f"chromium wrote no screenshot to {png_path}")
    return png_path
