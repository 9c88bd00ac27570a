"""`oresight ingest` stays cheap to start: it imports neither Ibis nor pandas."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

SCRIPT = """
import json, sys
from oresight.cli import main
try:
    main(["ingest", "comtrade", sys.argv[1], "--json"])
except SystemExit:
    pass
heavy = ("ibis", "pandas", "polars", "altair")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def test_ingest_command_imports_no_heavy_library(
    write_v1: Callable[..., Path], v1: Callable[..., str], oresight_home: Path
) -> None:
    path = write_v1([v1()])
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout)["results"][0]["landed"] == 1
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
