"""The store's history: its versions, and the flows that changed between two of them.

Two versions share every file that neither's landing touched, so a diff reads only the files
one of them has and the other has not, and joins them by flow key: a key only in the newer
files was added, only in the older ones removed, in both with other values revised (a key in
both with the same values is a row copied into a rewritten file, not a change).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from oresight.store.batchfiles import KEEP, SOURCE_RECORD, read_files
from oresight.store.catalog import Catalog, Manifest
from oresight.store.changes import FlowChange, StoreDiff, VersionInfo
from oresight.store.identity import KEY_COLUMNS, VALUE_COLUMNS, key_equal, key_select

PROVENANCE = ("batch_id", "source_record", "reporter_iso3", "partner_iso3")


def versions(catalog: Catalog) -> list[VersionInfo]:
    return [_info(m) for m in catalog.manifests()]


def _info(m: Manifest) -> VersionInfo:
    c = m.change
    return VersionInfo(
        version=m.version,
        created_at=m.created_at,
        batch_id=c.batch_id,
        source=c.source,
        origin=c.origin,
        rows=m.rows,
        added=c.added,
        revised=c.revised,
        removed=c.removed,
        unchanged=c.unchanged,
        repeated=c.repeated,
        note=c.note,
    )


def diff(catalog: Catalog, old: int, new: int) -> StoreDiff:
    """Flows added, revised and removed from version ``old`` to version ``new``."""
    from oresight.store.core import session

    before, after = catalog.manifest(old), catalog.manifest(new)
    _refuse_damaged(catalog, before)
    _refuse_damaged(catalog, after)
    shared = {f.path for f in before.of("flows")} & {f.path for f in after.of("flows")}
    gone = [str(catalog.absolute(f)) for f in before.of("flows") if f.path not in shared]
    came = [str(catalog.absolute(f)) for f in after.of("flows") if f.path not in shared]
    if not gone and not came:
        return StoreDiff(old=old, new=new)
    con = session()
    try:
        for name, paths in (("_a", gone), ("_b", came)):
            if paths:
                _side(con, name, paths)
        for name, other, paths in (("_a", "_b", gone), ("_b", "_a", came)):
            if not paths:
                con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM {other} WHERE false")
        table = con.execute(_diff_sql()).to_arrow_table()
    finally:
        con.close()
    return StoreDiff(old=old, new=new, changes=_changes(table))


def _side(con: Any, name: str, paths: list[str]) -> None:
    cols = ", ".join((*VALUE_COLUMNS, "batch_id", "reporter_iso3", "partner_iso3"))
    con.execute(
        f"CREATE TEMP TABLE {name} AS SELECT {key_select()}, {cols}, "
        f"CAST({SOURCE_RECORD} AS VARCHAR) AS source_record "
        f"FROM {read_files(paths)} WHERE {KEEP}"
    )


def _diff_sql() -> str:
    keys = ", ".join(f"coalesce(a.k_{k}, b.k_{k}) AS k_{k}" for k in KEY_COLUMNS)
    olds = ", ".join(f"a.{c} AS old_{c}" for c in (*VALUE_COLUMNS, *PROVENANCE))
    news = ", ".join(f"b.{c} AS new_{c}" for c in (*VALUE_COLUMNS, *PROVENANCE))
    same = " AND ".join(f"a.{c} IS NOT DISTINCT FROM b.{c}" for c in VALUE_COLUMNS)
    return f"""
        SELECT CASE WHEN a.k_period IS NULL THEN 'added' WHEN b.k_period IS NULL THEN 'removed'
                    ELSE 'revised' END AS kind, {keys}, {olds}, {news}
        FROM _a a FULL OUTER JOIN _b b ON {key_equal("a", "b")}
        WHERE a.k_period IS NULL OR b.k_period IS NULL OR NOT ({same})
        ORDER BY k_period, k_reporter_m49, k_partner_m49, k_hs_code, kind"""


def _changes(table: pa.Table) -> list[FlowChange]:
    out = []
    for row in table.to_pylist():
        key = {k: row[f"k_{k}"] for k in KEY_COLUMNS}
        cols = (*VALUE_COLUMNS, *PROVENANCE)
        old = {c: row[f"old_{c}"] for c in cols} if row["kind"] != "added" else None
        new = {c: row[f"new_{c}"] for c in cols} if row["kind"] != "removed" else None
        out.append(FlowChange(kind=row["kind"], key=key, old=old, new=new))
    return out


def _refuse_damaged(catalog: Catalog, manifest: Manifest) -> None:
    from oresight.errors import StoreError

    damaged = catalog.missing_files(manifest)
    if damaged:
        raise StoreError(
            f"version {manifest.version} is damaged ({damaged[0].path} missing or changed): "
            "run `oresight store verify`"
        )
