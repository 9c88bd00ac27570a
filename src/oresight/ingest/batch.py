"""One file -> one batch: parse and check in DuckDB, then land everything or nothing."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
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
    open_maybe_gzip,
    read_header,
    run_with_progress,
)
from oresight.ingest.rejects import first_rejects, fix_lines, rejects_sql_for
from oresight.ingest.transform import checked_sql, parse_sql
from oresight.ingest.validate import register_lookups
from oresight.store import Store
from oresight.store.batchfiles import typed_select
from oresight.store.schema import FLOW_KINDS, FREQUENCIES, VALUE_BASES
from oresight.store.sql import literal
from oresight.store.writer import StoreWriter, new_batch_id

Kind = Literal["comtrade", "baci"]
DEFAULT_MAX_REJECT_SHARE = 0.01
# files up to this size are hashed before reading (a repeat is then caught before the pass)
HASH_FIRST_BYTES = 16 * 1024 * 1024
FILE_SOURCES = ("comtrade-csv", "comtrade-api", "baci")  # what ingest_file records as source
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
    repeated: int = 0  # rows repeating an earlier row of the same file (counted once)
    first_rejects: list[dict[str, Any]] = field(default_factory=list)
    added: int = 0  # flows new to the store
    revised: int = 0  # flows that superseded the store's current row (a revision)
    unchanged: int = 0  # rows the store held already with the same values (landed nothing)
    version: int | None = None  # the store version this landing published (None: nothing new)
    repaired: bool = False  # the file restored a damaged batch's missing files

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
    wait: float = 60.0,
) -> IngestResult:
    """Ingest one Comtrade (API JSON, v1 or legacy CSV) or BACI file as one atomic batch.

    The content hash (the batch identity) is computed while DuckDB reads the file, and checked
    before anything lands. A file that may already be in the store (small, or of the size of a
    landed file) is hashed first instead, so that a repeat costs a hash, not a pass.
    """
    path = Path(path)
    if not 0.0 <= max_reject_share <= 1.0:  # also refuses NaN, which would never fail
        raise InputError(
            f"--max-reject-share {max_reject_share} is not a share between 0 and 1",
            field="max_reject_share",
        )
    if not path.is_file():
        what = "is a directory, not a file" if path.is_dir() else "no such file"
        raise InputError(what, file=str(path))
    size = path.stat().st_size
    hashing: Future[str] = Future()
    if size <= HASH_FIRST_BYTES or store.may_hold_file(size, FILE_SOURCES):
        hashing.set_result(content_hash(path))
        if store.has_batch(hashing.result()) and _intact(store, hashing.result()):
            return _duplicate(path, kind, hashing.result())
    else:  # hashlib releases the GIL: the hash costs (almost) no wall time beside the pass
        pool = ThreadPoolExecutor(1, thread_name_prefix="oresight-hash")
        hashing = pool.submit(content_hash, path)
        pool.shutdown(wait=False)  # the thread ends with the hash; result() waits for it
    with store.writer(wait=wait, purpose=f"oresight ingest {kind} {path.name}") as writer:
        con = writer.con
        layout, source = _prepare(con, path, kind, hs_edition)
        show = progress and size > PROGRESS_MIN_BYTES
        return _check_and_land(writer, path, layout, source, hashing, max_reject_share, show)


def _intact(store: Store, digest: str) -> bool:
    """The batch of this content is in the store with all its files (else: a repair)."""
    return not store.damaged_batch(digest)


def kind_of(layout: Layout) -> str:
    """The ``kind`` a file was ingested as (what a repeat reports as its source)."""
    return "baci" if layout.source == "baci" else "comtrade"


def _duplicate(path: Path, kind: str, digest: str) -> IngestResult:
    return IngestResult(str(path), kind, digest[:16], digest, 0, 0, duplicate=True)


def ingest_files(
    kind: Kind,
    paths: Iterable[Path | str],
    store: Store | None = None,
    *,
    hs_edition: str | None = None,
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE,
    progress: bool = False,
    wait: float = 60.0,
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
            wait=wait,
        )
        for p in paths
    ]


def _prepare(con: Any, path: Path, kind: Kind, hs_edition: str | None) -> tuple[Layout, str]:
    """The file's layout and the SQL source its rows are read from."""
    if kind == "baci":
        edition = _baci_edition(path, hs_edition)
        layout = baci_layout(read_header(path), file=str(path), edition=edition)
        return layout, _csv(path, layout)
    with open_maybe_gzip(path) as fh:
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
    writer: StoreWriter,
    path: Path,
    layout: Layout,
    source: str,
    hashing: Future[str],
    max_share: float,
    show: bool,
) -> IngestResult:
    """One pass parses, checks and writes every row to the batch's data file (problems in its
    ``_problem`` column); the writer then lands it, unless too many rows were rejected or the
    content (hashed meanwhile) is already there."""
    con, file = writer.con, str(path)
    register_lookups(con)
    staged = writer.staging_file()
    batch_id = new_batch_id()
    exprs = {
        "source": literal(layout.source),
        "batch_id": literal(batch_id),
        "_src": literal(path.name),
        "_line0": str(layout.line_offset + 1),
        "_line": "NULL",
        "_problem": "problem",
        "_raw": "problem_raw",
        "_skip": "_breakdown",
    }
    checked = checked_sql(parse_sql(layout, source, from_csv=source != "_json_raw"))
    target = literal(str(staged))
    select = typed_select(exprs, _enums(con, layout.source, path.name))
    copy = f"COPY (SELECT {select} FROM ({checked})) TO {target} (FORMAT parquet)"
    try:
        _run(con, copy, file, label=f"reading {path.name}", show=show)
        fix_lines(con, staged, layout.line_offset)
        digest = hashing.result()
        if writer.has_batch(digest):  # same content landed already: nothing lands, 0 rows
            staged.unlink(missing_ok=True)
            return _duplicate(path, kind_of(layout), digest)
        skipped, bad = con.execute(
            "SELECT count(*) FILTER (_skip), count(*) FILTER (_problem IS NOT NULL AND NOT _skip) "
            f"FROM read_parquet({literal(str(staged))})"
        ).fetchone()
        rejected = bad + con.execute("SELECT count(*) FROM _malformed").fetchone()[0]
        rejects_sql = rejects_sql_for(batch_id, file, staged)
        first = first_rejects(con, rejects_sql)
    except BaseException:
        staged.unlink(missing_ok=True)
        _drop_temp(con)
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

    try:
        result = writer.land_staged(
            staged,
            batch_id=batch_id,
            content_hash=digest,
            source=layout.source,
            origin=file,
            rejects_sql=rejects_sql,
            check=check,
            size=path.stat().st_size,
        )
    finally:
        _drop_temp(con)
    if result.duplicate:
        return _duplicate(path, kind_of(layout), digest)
    return IngestResult(
        file,
        layout.source,
        result.batch_id,
        digest,
        result.landed,
        result.rejected,
        result.duplicate,
        skipped,
        result.repeated,
        first,
        added=result.added,
        revised=result.revised,
        unchanged=result.unchanged,
        version=result.version,
        repaired=result.repaired,
    )


def _enums(con: Any, source: str, name: str) -> dict[str, list[str]]:
    """Values of the batch file's low-cardinality text columns (written as dictionaries)."""
    countries = [r[0] for r in con.execute(LOOKUP_COUNTRIES).fetchall()]
    return {
        "reporter_iso3": countries,
        "partner_iso3": countries,
        "flow": list(FLOW_KINDS),
        "freq": list(FREQUENCIES),
        "value_basis": list(VALUE_BASES),
        "source": [source],
        "_src": [name],
    }


LOOKUP_COUNTRIES = (
    "SELECT DISTINCT c FROM (SELECT unnest(iso3) AS c FROM _lookups) WHERE c IS NOT NULL"
)


def _run(con: Any, sql: str, file: str, *, label: str, show: bool) -> int:
    """Run one pass over the file; DuckDB's own errors become an InputError naming the file."""
    try:
        return run_with_progress(con, sql, label=label, show=show)
    except duckdb.Error as exc:
        raise InputError(f"cannot read the file: {exc}", file=file) from exc


def _drop_temp(con: Any) -> None:
    for name in _TEMP:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    for view in ("_json_raw",):
        with contextlib.suppress(Exception):  # not registered: nothing to drop
            con.unregister(view)
