"""The flows data files: what columns they hold and how a reader turns them into flows.

Ingest writes each file's rows in ONE pass, valid and rejected rows together: a rejected row
keeps its problem code (``_problem``), a breakdown row or a repeat is flagged ``_skip``, and
the readers keep ``_problem IS NULL AND NOT _skip``. ``source_record`` (file:line) is computed
by the reader from the file's name and the row's line: cheaper to write than millions of
strings. Files are never changed once a version names them; a revision writes a new file
without the superseded rows (copy on write), and the materialised ``_line`` keeps every
remaining row's line number.
"""

from __future__ import annotations

from typing import Any

from oresight.store.schema import FLOW_COLUMNS, FLOWS_ARROW_SCHEMA
from oresight.store.sql import literal

# Extra columns of a data file: the source file's name and what gives the row's line, the
# code of the row's first problem (NULL when valid) with the offending raw value, a skip flag.
EXTRA_COLUMNS = {
    "_src": "VARCHAR",
    "_line0": "BIGINT",  # line of the file's first data row (2 under a header; JSON record 1)
    "_line": "BIGINT",  # NULL unless lines had to be renumbered (or the file was rewritten)
    "_problem": "INTEGER",
    "_raw": "VARCHAR",
    "_skip": "BOOLEAN",
}
KEEP = "_problem IS NULL AND NOT _skip"
# the file's row order is the source's: its row number gives the line
LINE = "coalesce(_line, file_row_number + _line0)"
# a row landed from Arrow carries its whole source_record in _src (no line parts)
SOURCE_RECORD = f"coalesce(_src || ':' || {LINE}, _src)"
COMPUTED = {"source_record": SOURCE_RECORD}


def _sql_type(arrow_type: Any) -> str:
    return {
        "string": "VARCHAR",
        "int32": "INTEGER",
        "int64": "BIGINT",
        "double": "DOUBLE",
        "date32[day]": "DATE",
    }[str(arrow_type)]


COLUMN_TYPES = {f.name: _sql_type(f.type) for f in FLOWS_ARROW_SCHEMA if f.name not in COMPUTED}
FILE_COLUMNS = (*COLUMN_TYPES, *EXTRA_COLUMNS)


def typed_select(exprs: dict[str, str], enums: dict[str, list[str]] | None = None) -> str:
    """SELECT list casting each data-file column to its store type.

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


def read_files(paths: list[str], *, extra: str = "") -> str:
    """``read_parquet`` over data files with row numbers (``extra``: more options)."""
    files = "[" + ", ".join(literal(p) for p in paths) + "]"
    return f"read_parquet({files}, file_row_number = true{extra})"


def select_flows(paths: list[str]) -> str:
    """The flows (valid, not skipped rows, in schema order) of data files."""
    cols = ", ".join(
        f"CAST({COMPUTED[c]} AS VARCHAR) AS {c}" if c in COMPUTED else _as_text(c)
        for c in FLOW_COLUMNS
    )
    return f"SELECT {cols} FROM {read_files(paths)} WHERE {KEEP}"


def materialised(source: str, where: str = "true") -> str:
    """Every column of the data files read by ``source`` (a :func:`read_files` call), the
    line materialised, rows filtered by ``where`` (for a rewritten or merged copy)."""
    return (
        f"SELECT * EXCLUDE (file_row_number) REPLACE ({LINE} AS _line) FROM {source} WHERE {where}"
    )


def _as_text(column: str) -> str:
    # ENUM-typed columns differ per file (their dictionaries): read them back as text
    if COLUMN_TYPES.get(column) == "VARCHAR":
        return f"CAST({column} AS VARCHAR) AS {column}"
    return column
