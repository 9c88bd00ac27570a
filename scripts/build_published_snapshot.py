"""Rebuild the shipped snapshot of published DPRK export figures.

Source: ../shared/reference/trade_figures/dprk_exports_published.csv (one cited figure per row).
Output: src/oresight/monitor/data/dprk_published.csv (the same rows, normalised by
oresight.ingest.published: period kind, measure, commodity group, SUSPECT/CONFLICT flags) and
dprk_published.meta.json (source file, its sha256, row count, rebuild command).

Run from the repository root:  .venv/bin/python scripts/build_published_snapshot.py
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.csv as pacsv

from oresight.ingest.published import parse_published

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "reference" / "trade_figures" / "dprk_exports_published.csv"
OUT = REPO / "src" / "oresight" / "monitor" / "data"


def main() -> None:
    table = parse_published(SOURCE)
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "dprk_published.csv"
    pacsv.write_csv(table, target)
    meta = {
        "source_file": "../shared/reference/trade_figures/dprk_exports_published.csv",
        "source_sha256": hashlib.sha256(SOURCE.read_bytes()).hexdigest(),
        "rows": table.num_rows,
        "rebuild": ".venv/bin/python scripts/build_published_snapshot.py",
        "normalised_by": "oresight.ingest.published.parse_published",
    }
    (OUT / "dprk_published.meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"wrote {target.relative_to(REPO)} ({table.num_rows} rows)")


if __name__ == "__main__":
    main()
