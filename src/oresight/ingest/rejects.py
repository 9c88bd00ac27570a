"""Rejected rows: where they are, why, and the true line numbers of a file's rows.

DuckDB's CSV reader skips lines it cannot parse (recording them in its rejects tables); rows
after such a line sit further down the file than their row number says, which
:func:`fix_lines` corrects in the staged batch file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from oresight.ingest.reading import REJECTS_TABLE
from oresight.ingest.validate import malformed_lines_sql
from oresight.store.batchfiles import LINE
from oresight.store.sql import literal

_NO_MALFORMED = (
    "SELECT NULL::BIGINT AS line, NULL::VARCHAR AS field, NULL::VARCHAR AS reason, "
    "NULL::VARCHAR AS raw WHERE false"
)


def fix_lines(con: Any, staged: Path, offset: int) -> None:
    """Collect the lines the CSV reader could not parse into ``_malformed``.

    The reader skips them, so rows after a malformed line sit one line further down than
    their row number says: then ``_line`` in the staged file is filled with the true line.
    """
    has_table = REJECTS_TABLE in {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    malformed = malformed_lines_sql() if has_table else _NO_MALFORMED
    con.execute(f"CREATE TEMP TABLE _malformed AS {malformed}")
    if not con.execute("SELECT count(*) FROM _malformed").fetchone()[0]:
        return
    # t = number of good rows before the i-th malformed line; a good row k lies after it if k > t
    con.execute(
        "CREATE TEMP TABLE _offsets AS SELECT t, max(i) AS i FROM ("
        "  SELECT line - 1 - row_number() OVER (ORDER BY line) AS t,"
        "         row_number() OVER (ORDER BY line) AS i"
        "  FROM (SELECT DISTINCT line FROM _malformed)) GROUP BY t"
    )
    rn = "(file_row_number + 1)"
    shift = f"coalesce((SELECT max(o.i) FROM _offsets o WHERE o.t < {rn}), 0)"
    fixed = staged.with_name(staged.stem + "-lines.parquet")
    con.execute(
        f"COPY (SELECT * EXCLUDE (file_row_number) REPLACE ({rn} + {offset} + {shift} AS _line) "
        f"FROM read_parquet({literal(str(staged))}, file_row_number = true) "
        f"ORDER BY file_row_number) TO {literal(str(fixed))} (FORMAT parquet)"
    )
    fixed.replace(staged)


def rejects_sql_for(batch_id: str, file: str, staged: Path) -> str:
    cols = f"{literal(batch_id)}, {literal(file)}"
    return (
        f"SELECT {cols}, {LINE}, p.field, p.prefix || coalesce(s._raw, '') || p.suffix, s._raw "
        f"FROM read_parquet({literal(str(staged))}, file_row_number = true) s "
        "JOIN _problems p ON p.code = s._problem WHERE NOT s._skip "
        f"UNION ALL SELECT {cols}, line, field, reason, raw FROM _malformed"
    )


def first_rejects(con: Any, rejects_sql: str, n: int = 3) -> list[dict[str, Any]]:
    rows = con.execute(f"SELECT * FROM ({rejects_sql}) ORDER BY 3 LIMIT {n}").fetchall()
    return [{"line": r[2], "field": r[3], "reason": r[4]} for r in rows]
