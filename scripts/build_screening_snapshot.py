"""Rebuild the DPRK screening snapshot shipped in src/oresight/screening/data/.

Reads the full UN consolidated list and OFAC SDN CSV files kept beside the repository
(../shared/data) and keeps the DPRK-related designations: UN reference numbers KPi.*/KPe.*
(1718 Committee) and OFAC entries under a DPRK* programme or tied to North Korea by
nationality, address, vessel flag or remarks, with all their aliases.

    .venv/bin/python scripts/build_screening_snapshot.py
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from oresight.screening.loaders import SNAPSHOT, load_path
from oresight.screening.loaders.snapshot import write_snapshot
from oresight.screening.model import Entity

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
UN_FILE = SHARED / "sanctions_un" / "UN_consolidated_2026-02-27.xml"
OFAC_FILE = SHARED / "sanctions_ofac" / "sdn_2021-07.csv"


DPRK_WORDS = ("north korea", "korea, north", "dprk", "democratic people's republic of korea")


def is_dprk(entity: Entity) -> bool:
    """UN 1718-Committee references (KP...); OFAC entries under a DPRK* programme, or tied to
    North Korea by nationality, address, flag or remarks (many North Koreans are designated
    under NPWMD alone, e.g. PAEK Se Bong)."""
    if entity.list == "UN":
        return entity.reference.startswith("KP")
    if any(p.startswith("DPRK") for p in entity.programmes) or "PRK" in entity.countries:
        return True
    remarks = (entity.remarks or "").lower()
    return any(word in remarks for word in DPRK_WORDS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=SNAPSHOT)
    args = parser.parse_args()
    entities = [e for f in (UN_FILE, OFAC_FILE) for e in load_path(f) if is_dprk(e)]
    for entity in entities:
        entity.remarks = None  # long legal boilerplate; the reference number leads to it
    provenance = {
        "sources": [
            {
                "file": f"../shared/data/sanctions_un/{UN_FILE.name}",
                "what": "UN SC consolidated list",
            },
            {
                "file": f"../shared/data/sanctions_ofac/{OFAC_FILE.name}",
                "what": "OFAC SDN CSV (+add, alt)",
            },
        ],
        "filter": "UN reference KPi.*/KPe.*; OFAC programme DPRK, DPRK2, DPRK3, DPRK4, "
        "DPRK-NKSPEA, or OFAC entries with North Korea in nationality, address, flag or remarks",
        "built": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "rebuild": ".venv/bin/python scripts/build_screening_snapshot.py",
        "counts": {
            "UN": sum(e.list == "UN" for e in entities),
            "OFAC": sum(e.list == "OFAC" for e in entities),
        },
    }
    write_snapshot(entities, args.out, provenance)
    print(f"wrote {len(entities)} entities to {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
