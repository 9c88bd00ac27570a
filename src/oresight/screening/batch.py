"""Batch screening: a CSV of names in, a CSV of explained matches out."""

from __future__ import annotations

import csv
import io
import os
import uuid
from pathlib import Path

from oresight.errors import InputError
from oresight.screening.api import DEFAULT_THRESHOLD, get_screener, screen
from oresight.screening.index import Screener
from oresight.screening.results import Match

OUT_FIELDS = [
    "query",
    "rank",
    "list",
    "reference",
    "entity_id",
    "name",
    "matched_name",
    "score",
    "match",
    "deciding_feature",
    "explanation",
]
NAME_COLUMNS = ("name", "query")


def _int_or_none(value: str | None, file: str, line: int) -> int | None:
    if not value or not value.strip():
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise InputError(
            f"not a year: {value!r}", file=file, line=line, field="birth_year"
        ) from exc


def _decode(src: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252/Latin-1: spreadsheets export CSV in
    the machine's code page, and a name list in Latin-1 is still a name list."""
    data = src.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a Latin-1 character


def screen_file(
    src: Path,
    out: Path,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 3,
    screener: Screener | None = None,
    type: str | None = None,
    country: str | None = None,
    birth_year: int | None = None,
) -> tuple[int, int]:
    """Screen each row of ``src`` (columns name/query, and optional type, country,
    birth_year); write one row per match at or above the threshold, or one empty row when
    none. ``type``, ``country`` and ``birth_year`` apply to rows whose own cell is empty.
    Returns (names screened, names with a match)."""
    if not src.is_file():  # before the lists load: a typo costs no wait and no traceback
        what = "is a directory, not a file" if src.is_dir() else "no such file"
        raise InputError(what, file=str(src))
    if not out.parent.is_dir():
        raise InputError(f"no such directory {str(out.parent)!r}", file=str(out), field="out")
    engine = screener or get_screener()
    with io.StringIO(_decode(src), newline="") as fh:
        reader = csv.DictReader(fh)
        column = next((c for c in NAME_COLUMNS if c in (reader.fieldnames or [])), None)
        if column is None:
            raise InputError("needs a 'name' (or 'query') column", file=str(src), field="name")
        rows = list(enumerate(reader, start=2))
    screened = hits = 0
    # written beside ``out`` and renamed over it: a bad row leaves no half-written results
    part = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with part.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=OUT_FIELDS)
            writer.writeheader()
            for line, row in rows:
                name = (row.get(column) or "").strip()
                born = _int_or_none(row.get("birth_year"), str(src), line)
                try:
                    result = screen(
                        name,
                        type=(row.get("type") or "").strip() or type,
                        country=(row.get("country") or "").strip() or country,
                        birth_year=born if born is not None else birth_year,
                        threshold=threshold,
                        limit=limit,
                        screener=engine,
                    )
                except InputError as exc:
                    raise InputError(str(exc), file=str(src), line=line) from exc
                screened += 1
                found = [m for m in result.matches if m.match]
                hits += bool(found)
                _write(writer, name, found)
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return screened, hits


def _write(writer: csv.DictWriter[str], name: str, found: list[Match]) -> None:
    """One row per match (ranked), or one row saying there is none."""
    for rank, m in enumerate(found, start=1):
        writer.writerow(
            {
                "query": name,
                "rank": rank,
                **{k: getattr(m, k) for k in OUT_FIELDS if k not in ("query", "rank")},
            }
        )
    if not found:
        writer.writerow({"query": name, "rank": 0, "match": False})
