"""Draft ``src/oresight/rules/data/measures.yaml`` from the researched reference table.

Source: ``../shared/reference/sanctions/dprk_export_measures.csv`` (47 rows, see its README).
Rebuild the draft with::

    .venv/bin/python scripts/build_measures.py > /tmp/measures.draft.yaml

The draft is a starting point only: the shipped YAML was curated by hand afterwards
(structured wind-downs, exemptions, caps, supersession, corrected dates; see docs/rules.md),
and the YAML, not this script, is the source of truth. Do not overwrite it with the draft.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import yaml

CSV = (
    Path(__file__).resolve().parents[1].parent
    / "shared/reference/sanctions/dprk_export_measures.csv"
)
HS_SOURCE = {"resolution": "stated", "regulation": "regulation", "interpretation": "interpretation"}


def _slug(row: dict[str, str], seen: set[str]) -> str:
    numbers = re.findall(r"\d{4}/?\d*", row["instrument"])
    base = f"{row['regime']}-{numbers[0] if numbers else 'x'}".lower().replace("/", "-")
    word = re.sub(r"[^a-z]+", "-", row["commodity"].lower()).strip("-")[:24].strip("-")
    slug, n = f"{base}-{word}", 2
    while slug in seen:
        slug, n = f"{base}-{word}-{n}", n + 1
    seen.add(slug)
    return slug


def _verification(note: str) -> str:
    if note.startswith("VERIFIED") or note.startswith("Previously verified"):
        return "verified"
    if note.startswith("PARTLY"):
        return "partly_verified"
    return "unverified"


def draft(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """One YAML measure per CSV row, with the mechanical fields filled in."""
    seen: set[str] = set()
    out = []
    for row in rows:
        hs = [c.replace(".", "") for c in row["hs_codes"].split(";") if c]
        out.append(
            {
                "id": _slug(row, seen),
                "regime": row["regime"],
                "instrument": row["instrument"],
                "paragraph": row["paragraph"],
                "adopted": row["adopted"],
                "effective_from": row["effective_from"],
                "kind": row["measure"],
                "commodity": row["commodity"],
                "hs": hs,
                "hs_source": HS_SOURCE[row["hs_source"]],
                "exemptions": [{"kind": "note", "text": row["exemptions"]}]
                if row["exemptions"]
                else [],
                "citation": row["citation_url"],
                "quote": row["quote"],
                "verification": _verification(row["check_note"]),
                "check_note": row["check_note"],
            }
        )
    return out


def main() -> None:
    with CSV.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    yaml.safe_dump(
        {"measures": draft(rows)}, sys.stdout, sort_keys=False, allow_unicode=True, width=100
    )


if __name__ == "__main__":
    main()
