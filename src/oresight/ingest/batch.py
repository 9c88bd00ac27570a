"""One file -> one batch: parse and check in DuckDB, then land everything or nothing."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb

from oresight.errors import InputError
from oresight.ingest.columns import HS_EDITIONS
from oresight.ingest.layouts import Layout, baci_layout, comtrade_layout
from oresight.ingest.reading import (
    PROGRESS_MIN_BYTES,
    REJECTS_SCAN,
    REJECTS_TABLE,
    content_hash,
    csv_source,
    load_json_records,
    read_header,
    run_with_progress,
)
from oresight.ingest.transform import checked_sql, parse_sql
from oresight.ingest.validate import malformed_lines_sql, register_lookups
from oresight.store import Store
from oresight.store.batchfiles import LINE, batch_file, typed_select

Kind = Literal["comtrade", "baci"]
DEFAULT_MAX_REJECT_SHARE = 0.01
_TEMP = (
    "_malformed",
    "_offsets",
    "_lookups",
    "_problems",
    REJECTS_TABLE,
    REJECTS_SCAN,
)


class RejectShareError(InputError):
    """Too many rows of a file were rejected: nothing of it landed."""


@dataclass(frozen=True)
class IngestResult:
    """What ingesting one file did (``duplicate``: same content already in the store)."""

    file: str
    source: str
    batch_id: str
    content_hash: str
    landed: int
    rejected: int
    duplicate: bool
    skipped: int = 0  # breakdown rows (second partner, transport mode) that repeat totals
    first_rejects: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def ingest_file(
    store: Store,
    path: Path | str,
    *,
    kind: Kind,
    hs_edition: str | None = None,
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE,
    progress: bool = True,
) -> IngestResult:
    """Ingest one Comtrade (API JSON, v1 or legacy CSV) or BACI file as one atomic batch."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    digest = content_hash(path)
    if store.has_batch(digest):
        return IngestResult(str(path), kind, digest[:16], digest, 0, 0, duplicate=True)
    con = store.raw
    _drop_temp(con)
    try:
        layout, source = _prepare(con, path, kind, hs_edition)
        show = progress and path.stat().st_size > PROGRESS_MIN_BYTES
        return _check_and_land(store, path, layout, source, digest, max_reject_share, show)
    finally:
        _drop_temp(con)


def ingest_files(
    kind: Kind,
    paths: Iterable[Path | str],
    store: Store | None = None,
    *,
    hs_edition: str | None = None,
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE,
    progress: bool = False,
) -> list[IngestResult]:
    """Ingest files of one kind, each as its own batch; raise on the first bad file.

    The entry point for other code (``oresight fetch`` hands its downloaded JSON here).
    """
    store = store or Store.open(backend="duckdb")
    return [
        ingest_file(
            store,
            p,
            kind=kind,
            hs_edition=hs_edition,
            max_reject_share=max_reject_share,
            progress=progress,
        )
        for p in paths
    ]


def _prepare(con: Any, path: Path, kind: Kind, hs_edition: str | None) -> tuple[Layout, str]:
    """The file's layout and the SQL source its rows are read from."""
    if kind == "baci":
        edition = _baci_edition(path, hs_edition)
        layout = baci_layout(read_header(path), file=str(path), edition=edition)
        return layout, _csv(path, layout)
    with path.open("rb") as fh:
        start = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if start[:1] in (b"{", b"["):
        records = load_json_records(path)
        con.register("_json_raw", records)
        layout = comtrade_layout(
            records.column_names, file=str(path), source="comtrade-api", line_offset=0
        )
        return layout, "_json_raw"
    layout = comtrade_layout(
        read_header(path), file=str(path), source="comtrade-csv", line_offset=1
    )
    return layout, _csv(path, layout)


def _csv(path: Path, layout: Layout) -> str:
    return csv_source(path, layout.numeric_columns(), layout.null_strings)


def _baci_edition(path: Path, option: str | None) -> str:
    label = (option or "").upper().replace("HS20", "HS")
    if not label:
        match = re.search(r"BACI_(HS\d\d)", path.name, re.IGNORECASE)
        label = match.group(1).upper() if match else ""
    if label in HS_EDITIONS.values():
        return label
    if label in HS_EDITIONS:
        return HS_EDITIONS[label]
    raise InputError(
        "cannot tell the HS edition: name the file like BACI_HS17_Y2022_V202401.csv "
        f"or pass --hs-edition (one of {', '.join(HS_EDITIONS)})",
        file=str(path),
    )


def _check_and_land(
    store: Store,
    path: Path,
    layout: Layout,
    source: str,
    digest: str,
    max_share: float,
    show: bool,
) -> IngestResult:
    """One pass parses, checks and writes every row to the batch's Parquet file (problems in
    its ``_field`` column); the store then lands it, unless too many rows were rejected."""
    con, file, batch_id = store.raw, str(path), digest[:16]
    register_lookups(con)
    staged = batch_file(store.root, f".staging-{batch_id}")
    staged.parent.mkdir(parents=True, exist_ok=True)
    exprs = {
        "source": _lit(layout.source),
        "batch_id": _lit(batch_id),
        "_src": _lit(path.name),
        "_line0": str(layout.line_offset + 1),
        "_line": "NULL",
        "_problem": "problem",
        "_raw": "problem_raw",
        "_skip": "_breakdown",
    }
    checked = checked_sql(parse_sql(layout, source, from_csv=source != "_json_raw"))
    target = _lit(str(staged))
    copy = f"COPY (SELECT {typed_select(exprs)} FROM ({checked})) TO {target} (FORMAT parquet)"
    try:
        _run(con, copy, file, label=f"reading {path.name}", show=show)
        _fix_lines(con, staged, layout.line_offset)
        skipped, bad = con.execute(
            "SELECT count(*) FILTER (_skip), count(*) FILTER (_problem IS NOT NULL AND NOT _skip) "
            f"FROM read_parquet({_lit(str(staged))})"
        ).fetchone()
        rejected = bad + con.execute("SELECT count(*) FROM _malformed").fetchone()[0]
        rejects_sql = _rejects_sql(batch_id, file, staged)
        first = _first_rejects(con, rejects_sql)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise

    def check(landed: int) -> None:
        total = landed + rejected
        if total and rejected / total > max_share:
            raise RejectShareError(
                f"{rejected} of {total} rows rejected ({rejected / total:.1%} > "
                f"--max-reject-share {max_share:.1%}); nothing landed. First: "
                + "; ".join(
                    f"line {r['line']}, field {r['field']!r}: {r['reason']}" for r in first
                ),
                file=file,
            )

    result = store.land_parquet(
        staged,
        rejects_sql=rejects_sql,
        batch_id=batch_id,
        content_hash=digest,
        source=layout.source,
        origin=file,
        check=check,
    )
    return IngestResult(
        file,
        layout.source,
        batch_id,
        digest,
        result.landed,
        result.rejected,
        result.duplicate,
        skipped,
        first,
    )


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _run(con: Any, sql: str, file: str, *, label: str, show: bool) -> int:
    """Run one pass over the file; DuckDB's own errors become an InputError naming the file."""
    try:
        return run_with_progress(con, sql, label=label, show=show)
    except duckdb.Error as exc:
        raise InputError(f"cannot read the file: {exc}", file=file) from exc


_NO_MALFORMED = (
    "SELECT NULL::BIGINT AS line, NULL::VARCHAR AS field, NULL::VARCHAR AS reason, "
    "NULL::VARCHAR AS raw WHERE false"
)


def _fix_lines(con: Any, staged: Path, offset: int) -> None:
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
        f"FROM read_parquet({_lit(str(staged))}, file_row_number = true) "
        f"ORDER BY file_row_number) TO {_lit(str(fixed))} (FORMAT parquet)"
    )
    fixed.replace(staged)


def _rejects_sql(batch_id: str, file: str, staged: Path) -> str:
    cols = f"{_lit(batch_id)}, {_lit(file)}"
    return (
        f"SELECT {cols}, {LINE}, p.field, p.prefix || coalesce(s._raw, '') || p.suffix, s._raw "
        f"FROM read_parquet({_lit(str(staged))}, file_row_number = true) s "
        "JOIN _problems p ON p.code = s._problem WHERE NOT s._skip "
        f"UNION ALL SELECT {cols}, line, field, reason, raw FROM _malformed"
    )


def _first_rejects(con: Any, rejects_sql: str, n: int = 3) -> list[dict[str, Any]]:
    rows = con.execute(f"SELECT * FROM ({rejects_sql}) ORDER BY 3 LIMIT {n}").fetchall()
    return [{"line": r[2], "field": r[3], "reason": r[4]} for r in rows]


def _drop_temp(con: Any) -> None:
    for name in _TEMP:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    for view in ("_json_raw",):
        with contextlib.suppress(Exception):  # not registered: nothing to drop
            con.unregister(view)
