"""Flows landed by file ingest live in one Parquet file per batch; ``flows`` is a view.

Why: writing Parquet is about twice as fast as inserting into DuckDB's own storage, a file's
rows are checked and written in ONE pass (valid and rejected rows together, rejected ones
filtered out by the view), and Spark reads the same format. The view lists only the files of
batches recorded in ``batches``, and it is replaced in the same transaction that records the
batch: a killed ingest leaves at most an orphan file that no view reads (and the next
:func:`rebuild_view` deletes). Small batches landed from Arrow (``Store.land``) go to the
native table ``flows_base``; the view is the union of both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from oresight.store.schema import FLOW_COLUMNS, FLOWS_ARROW_SCHEMA
from oresight.store.sql import literal

# Extra columns of a batch file: the source file's name and what gives the row's line (the
# view builds ``source_record`` from them: cheaper to write than millions of strings), the code
# of the row's first problem (NULL when valid) with the offending raw value, and a skip flag.
EXTRA_COLUMNS = {
    "_src": "VARCHAR",
    "_line0": "BIGINT",  # line of the file's first data row (2 under a header; JSON record 1)
    "_line": "BIGINT",  # NULL unless lines had to be renumbered (malformed lines skipped)
    "_problem": "INTEGER",
    "_raw": "VARCHAR",
    "_skip": "BOOLEAN",
}
KEEP = "_problem IS NULL AND NOT _skip"
SMALL_BATCH_ROWS = 100_000  # smaller batches are copied into flows_base (see Store.land_parquet)
# the batch file's row order is the source's: its row number gives the line
LINE = "coalesce(_line, file_row_number + _line0)"
COMPUTED = {"source_record": f"_src || ':' || {LINE}"}
# given per file by the view (a literal): a file can be written before its content hash, hence
# its batch id, is known (ingest hashes the file while the pass runs)
PER_FILE = ("batch_id",)


def _sql_type(arrow_type: Any) -> str:
    return {
        "string": "VARCHAR",
        "int32": "INTEGER",
        "int64": "BIGINT",
        "double": "DOUBLE",
        "date32[day]": "DATE",
    }[str(arrow_type)]


COLUMN_TYPES = {
    f.name: _sql_type(f.type)
    for f in FLOWS_ARROW_SCHEMA
    if f.name not in COMPUTED and f.name not in PER_FILE
}


def batch_dir(root: Path) -> Path:
    return root / "flows"


def batch_file(root: Path, batch_id: str) -> Path:
    return batch_dir(root) / f"{batch_id}.parquet"


def typed_select(exprs: dict[str, str], enums: dict[str, list[str]] | None = None) -> str:
    """SELECT list casting each flows column (and the extras) to its store type.

    A column named in ``enums`` is written as a Parquet dictionary of those values (an
    ENUM: no per-row dictionary lookup in the writer; read back it is VARCHAR). A value
    outside them (only in rejected rows, e.g. an unknown frequency) is written as NULL.
    """
    cols = {**COLUMN_TYPES, **EXTRA_COLUMNS}
    enums = enums or {}

    def one(col: str, sql_type: str) -> str:
        expr = f"CAST({exprs.get(col, col)} AS {sql_type})"
        if col in enums:
            values = ", ".join(literal(v) for v in dict.fromkeys(enums[col]))
            expr = f"TRY_CAST({expr} AS ENUM({values}))"
        return f"{expr} AS {col}"

    return ", ".join(one(c, t) for c, t in cols.items())


def rebuild_view(raw: Any, root: Path) -> None:
    """(Re)create ``flows`` over ``flows_base`` and the files of recorded batches.

    Call inside the landing transaction; also on open, so a moved ``$ORESIGHT_HOME`` works.
    """
    ids = [r[0] for r in raw.execute("SELECT batch_id FROM batches ORDER BY batch_id").fetchall()]
    files = [(batch_file(root, b), b) for b in ids if batch_file(root, b).is_file()]
    sql = f"CREATE OR REPLACE VIEW flows AS SELECT {', '.join(FLOW_COLUMNS)} FROM flows_base"
    for path, batch_id in files:
        sql += f" UNION ALL {select_flows(path, batch_id)}"
    raw.execute(sql)


def select_flows(path: Path, batch_id: str) -> str:
    """The flows (valid, not skipped rows, in schema order) of one batch file."""
    exprs = {**COMPUTED, "batch_id": literal(batch_id)}
    cols = ", ".join(f"{exprs[c]} AS {c}" if c in exprs else c for c in FLOW_COLUMNS)
    return f"SELECT {cols} FROM read_parquet({literal(path)}, file_row_number = true) WHERE {KEEP}"


def remove_orphans(raw: Any, root: Path) -> None:
    """Delete batch files that no recorded batch owns (left by a killed ingest)."""
    folder = batch_dir(root)
    if not folder.is_dir():
        return
    ids = {r[0] for r in raw.execute("SELECT batch_id FROM batches").fetchall()}
    for path in folder.glob("*.parquet"):
        if path.stem not in ids:
            path.unlink(missing_ok=True)
