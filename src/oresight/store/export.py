"""``oresight store export-parquet``: one version, laid out for Spark.

Flows are written partitioned by reporter and year (hive layout: Spark prunes partitions on
filters), with ``source_record`` materialised and only current rows; batches and rejects are
single files; ``version.json`` names the version. The export is built beside the target and
renamed into place, so a reader (or a killed export) never sees half of one.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from oresight.errors import InputError
from oresight.store.sql import literal

if TYPE_CHECKING:
    from oresight.store.core import Store

TABLES = ("flows", "batches", "rejects")


def export_version(store: Store, target: Path) -> dict[str, int]:
    if target.exists() and not target.is_dir():
        raise InputError("not a directory: cannot export Parquet into it", file=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    part.mkdir()
    raw = store.raw
    counts: dict[str, int] = {}
    try:
        flows = part / "flows"
        n = int(raw.execute("SELECT count(*) FROM flows").fetchone()[0])
        if n:
            raw.execute(
                f"COPY (SELECT * FROM flows) TO {literal(str(flows))} "
                "(FORMAT parquet, PARTITION_BY (reporter_iso3, year))"
            )
        else:  # an empty version still exports a readable (empty) flows table
            flows.mkdir()
            raw.execute(f"COPY (SELECT * FROM flows) TO {literal(str(flows / 'empty.parquet'))}")
        counts["flows"] = n
        for name in ("batches", "rejects"):
            raw.execute(f"COPY (SELECT * FROM {name}) TO {literal(str(part / f'{name}.parquet'))}")
            counts[name] = int(raw.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
        (part / "version.json").write_text(
            json.dumps({"version": store.version, "rows": counts, "store": str(store.root)}),
            encoding="utf-8",
        )
        if target.exists():
            old = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.old")
            target.rename(old)
            part.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            part.rename(target)
    finally:
        if part.exists():
            shutil.rmtree(part, ignore_errors=True)
    return counts
