"""Reading files into DuckDB: content hash, header sniffing, CSV and JSON sources, progress."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import threading
import time
import zlib
from pathlib import Path
from typing import IO, Any, cast

import pyarrow as pa

from oresight.errors import InputError
from oresight.ingest.columns import V1_REQUIRED
from oresight.store.sql import literal

PROGRESS_MIN_BYTES = 4 * 1024 * 1024  # show a progress bar on files over 4 MB
REJECTS_TABLE, REJECTS_SCAN = "_rej_errors", "_rej_scans"


def content_hash(path: Path) -> str:
    """sha256 of the file's bytes: the batch identity that makes ingest idempotent.

    A gzip file is also decompressed to its end on the way: DuckDB's reader stops quietly at
    a truncated stream (179,982 of 300,000 rows landed with exit 0), so a truncated or corrupt
    file must be caught here, and rejected whole.
    """
    digest = hashlib.sha256()
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if is_gzip(path) else None
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            if inflate is not None:
                inflate = _inflate(path, inflate, chunk)
    if inflate is not None and not inflate.eof:
        raise InputError("truncated gzip file: the compressed stream ends early", file=str(path))
    return digest.hexdigest()


def _inflate(path: Path, inflate: Any, chunk: bytes) -> Any:
    """Feed ``chunk`` through the decompressor, output discarded, and through the members
    that follow (concatenated .gz files)."""
    data = chunk
    while data:
        try:
            inflate.decompress(data, 1 << 22)  # bounded output: memory stays flat
        except zlib.error as exc:
            raise InputError(f"corrupt gzip file: {exc}", file=str(path)) from exc
        if inflate.unconsumed_tail:
            data = inflate.unconsumed_tail
        elif inflate.eof and inflate.unused_data:
            data = inflate.unused_data
            inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        else:
            data = b""
    return inflate


GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(path: Path) -> bool:
    """Whether the file is gzip-compressed (by its magic bytes, whatever its name)."""
    with path.open("rb") as fh:
        return fh.read(2) == GZIP_MAGIC


def open_maybe_gzip(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when it is gzip (Comtrade and BACI ship .gz/.csv.gz)."""
    if is_gzip(path):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def read_header(path: Path) -> list[str]:
    """The CSV header row (a UTF-8 BOM is allowed); bad encoding or an empty file is an error."""
    try:
        with open_maybe_gzip(path) as fh:
            first = fh.readline()
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        raise InputError(f"cannot read the gzip file: {exc}", file=str(path), line=1) from exc
    if not first.strip():
        raise InputError("empty file: no header row", file=str(path), line=1)
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"bad encoding: header is not UTF-8 ({exc.reason})", file=str(path), line=1
        ) from exc
    return checked_header(next(csv.reader(io.StringIO(text))), path)


# a Comtrade CSV has 47 columns, BACI 6: far more is not a trade file, and DuckDB's reader would
# plan every column (a 5 MB header of millions of columns took 19 GiB before failing)
MAX_COLUMNS = 500


def checked_header(names: list[str], path: Path) -> list[str]:
    """Refuse a header with too many columns or a column name given twice."""
    if len(names) > MAX_COLUMNS:
        raise InputError(
            f"header has {len(names):,} columns (a trade file has at most {MAX_COLUMNS}): "
            "not a Comtrade or BACI file",
            file=str(path),
            line=1,
        )
    seen: set[str] = set()
    for name in names:
        key = name.strip()
        if key in seen and key:
            raise InputError(
                f"column {key!r} appears twice in the header", file=str(path), line=1, field=key
            )
        seen.add(key)
    return names


def csv_source(path: Path, numeric: list[str], null_strings: tuple[str, ...] = ("",)) -> str:
    """A DuckDB ``read_csv`` call: text columns, the ``numeric`` ones parsed as DOUBLE by the
    reader itself (faster than casting text; a bad number becomes a rejected line), malformed
    lines kept in the rejects tables. Rows come out in file order (malformed lines skipped).
    """
    types = ", ".join(f"{literal(c)}: 'DOUBLE'" for c in numeric)
    nulls = ", ".join(literal(n) for n in null_strings)
    compression = "gzip" if is_gzip(path) else "none"  # by content: a name may not say .gz
    return (
        f"read_csv({literal(path)}, all_varchar=true, compression='{compression}', "
        f"types={{{types}}}, nullstr=[{nulls}], header=true, delim=',', quote='\"', "
        f"escape='\"', store_rejects=true, rejects_table='{REJECTS_TABLE}', "
        f"rejects_scan='{REJECTS_SCAN}')"
    )


def load_json_records(path: Path) -> pa.Table:
    """The ``data`` records of a Comtrade API response as an all-text Arrow table.

    Truncated or malformed JSON and bad encoding raise :class:`InputError` with the line.
    """
    try:
        with open_maybe_gzip(path) as fh:
            raw = fh.read()
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        raise InputError(f"cannot read the gzip file: {exc}", file=str(path)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"bad encoding: not UTF-8 ({exc.reason})", file=str(path), line=line
        ) from exc
    try:
        doc: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"truncated or malformed JSON: {exc.msg}", file=str(path), line=exc.lineno
        ) from exc
    records = doc.get("data") if isinstance(doc, dict) else doc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InputError(
            "not a Comtrade API response: no list of records under 'data'", file=str(path)
        )
    keys: dict[str, None] = dict.fromkeys(V1_REQUIRED) if not records else {}  # empty answer
    for record in records:
        keys.update(dict.fromkeys(record))
    columns = {k: pa.array([_text(r.get(k)) for r in records], type=pa.string()) for k in keys}
    return pa.table(columns)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def run_with_progress(con: Any, sql: str, *, label: str, show: bool) -> int:
    """Execute ``sql`` on the raw DuckDB connection (Rich progress bar when ``show``).

    Returns the first value of the result (DuckDB's row count for INSERT/CREATE ... AS).
    """
    con.execute(
        f"SET enable_progress_bar = {str(show).lower()}; SET enable_progress_bar_print = false"
    )
    if not show:
        return _first_value(con.execute(sql))
    from rich.console import Console  # only for a bar: importing rich costs 0.1 s
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    failure: list[BaseException] = []
    result: list[int] = []

    def work() -> None:
        try:
            result.append(_first_value(con.execute(sql)))
        except BaseException as exc:  # re-raised in the calling thread
            failure.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task(label, total=100)
        worker.start()
        while worker.is_alive():
            done = con.query_progress()
            if done >= 0:
                progress.update(task, completed=done)
            time.sleep(0.1)
        worker.join()
    if failure:
        raise failure[0]
    return result[0]


def _first_value(cursor: Any) -> int:
    row = cursor.fetchone()
    return int(row[0]) if row and isinstance(row[0], int) else 0
