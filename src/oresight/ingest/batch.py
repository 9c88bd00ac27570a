"""One file -> one batch: parse and check in DuckDB, then land everything or nothing."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

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
from oresight.store import FLOW_COLUMNS, Store

Kind = Literal["comtrade", "baci"]
DEFAULT_MAX_REJECT_SHARE = 0.01
_TEMP = ("_parsed", "_malformed", "_offsets", REJECTS_TABLE, REJECTS_SCAN)


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
    batch_id = digest[:16]
    if store.has_batch(digest):
        return IngestResult(str(path), kind, batch_id, digest, 0, 0, duplicate=True)
    con = store.raw
    _drop_temp(con)
    try:
        layout, source = _prepare(con, path, kind, hs_edition)
        show = progress and path.stat().st_size > PROGRESS_MIN_BYTES
        try:
            sql = f"CREATE TEMP TABLE _parsed AS {parse_sql(layout, source)}"
            run_with_progress(con, sql, label=f"reading {path.name}", show=show)
        except Exception as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError(f"cannot read the file: {exc}", file=str(path)) from exc
        return _check_and_land(store, path, layout, digest, batch_id, max_reject_share)
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
        return baci_layout(read_header(path), file=str(path), edition=edition), csv_source(path)
    with path.open("rb") as fh:
        start = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if start[:1] in (b"{", b"["):
        records = load_json_records(path)
        con.register("_json_raw", records)
        layout = comtrade_layout(
            records.column_names, file=str(path), source="comtrade-api", line_offset=0
        )
        return layout, "_json_raw"
    header = read_header(path)
    return comtrade_layout(
        header, file=str(path), source="comtrade-csv", line_offset=1
    ), csv_source(path)


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
    store: Store, path: Path, layout: Layout, digest: str, batch_id: str, max_share: float
) -> IngestResult:
    con = store.raw
    register_lookups(con, "_parsed")
    has_malformed = REJECTS_TABLE in {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    malformed = malformed_lines_sql() if has_malformed else _NO_MALFORMED
    con.execute(f"CREATE TEMP TABLE _malformed AS {malformed}")
    checked = _with_lines(checked_sql("_parsed"), layout.line_offset, con)
    ok, bad = con.execute(
        "SELECT count(*) FILTER (field IS NULL), count(*) FILTER (field IS NOT NULL) "
        f"FROM ({checked})"
    ).fetchone()
    skipped = con.execute("SELECT count(*) FROM _parsed WHERE _breakdown").fetchone()[0]
    rejected = bad + con.execute("SELECT count(*) FROM _malformed").fetchone()[0]
    file = str(path)
    rejects_sql = _rejects_sql(checked, batch_id, file)
    first = _first_rejects(con, rejects_sql)
    total = ok + rejected
    if total and rejected / total > max_share:
        raise RejectShareError(
            f"{rejected} of {total} rows rejected ({rejected / total:.1%} > "
            f"--max-reject-share {max_share:.1%}); nothing landed. First: "
            + "; ".join(f"line {r['line']}, field {r['field']!r}: {r['reason']}" for r in first),
            file=file,
        )
    result = store.land_query(
        _flows_sql(checked, layout.source, batch_id, path.name),
        rejects_sql=rejects_sql,
        batch_id=batch_id,
        content_hash=digest,
        source=layout.source,
        origin=file,
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


_NO_MALFORMED = (
    "SELECT NULL::BIGINT AS line, NULL::VARCHAR AS field, NULL::VARCHAR AS reason, "
    "NULL::VARCHAR AS raw WHERE false"
)


def _with_lines(checked: str, offset: int, con: Any) -> str:
    """Add each row's file line: its row number, the header, and malformed lines before it."""
    if not con.execute("SELECT count(*) FROM _malformed").fetchone()[0]:
        return f"SELECT c.*, c._rn + {offset} AS line FROM ({checked}) c"
    # t = number of good rows before the i-th malformed line; a good row k lies after it if k > t
    con.execute(
        "CREATE TEMP TABLE _offsets AS SELECT t, max(i) AS i FROM ("
        "  SELECT line - 1 - row_number() OVER (ORDER BY line) AS t,"
        "         row_number() OVER (ORDER BY line) AS i"
        "  FROM (SELECT DISTINCT line FROM _malformed)) GROUP BY t"
    )
    return (
        f"SELECT c.*, c._rn + {offset} + coalesce(o.i, 0) AS line "
        f"FROM ({checked}) c ASOF LEFT JOIN _offsets o ON c._rn > o.t"
    )


def _flows_sql(checked: str, source: str, batch_id: str, name: str) -> str:
    computed = {
        "source": f"'{source}'",
        "source_record": "'" + name.replace("'", "''") + ":' || line",
        "batch_id": f"'{batch_id}'",
    }
    cols = ", ".join(computed.get(c, c) for c in FLOW_COLUMNS)
    return f"SELECT {cols} FROM ({checked}) WHERE field IS NULL"


def _rejects_sql(checked: str, batch_id: str, file: str) -> str:
    lit = "'" + file.replace("'", "''") + "'"
    cols = f"'{batch_id}', {lit}, line, field, reason, raw"
    return (
        f"SELECT {cols} FROM ({checked}) WHERE field IS NOT NULL "
        f"UNION ALL SELECT {cols} FROM _malformed"
    )


def _first_rejects(con: Any, rejects_sql: str, n: int = 3) -> list[dict[str, Any]]:
    rows = con.execute(f"SELECT * FROM ({rejects_sql}) ORDER BY 3 LIMIT {n}").fetchall()
    return [{"line": r[2], "field": r[3], "reason": r[4]} for r in rows]


def _drop_temp(con: Any) -> None:
    for name in _TEMP:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    for view in ("_json_raw", "_ref_country", "_ref_hs"):
        with contextlib.suppress(Exception):  # not registered: nothing to drop
            con.unregister(view)
