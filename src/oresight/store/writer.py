"""The store's one writer: lands a batch as a new version, or nothing at all.

Under the write lock (:mod:`oresight.store.lock`) the writer

1. reads the staged data file ingest wrote (valid, rejected and skipped rows together);
2. recognises rows repeated inside the file (the first is kept; a repeat with other values
   is a reject naming the line it repeats);
3. finds, by flow key (:mod:`oresight.store.identity`), the current rows the batch holds
   again: an exact repeat lands nothing (``unchanged``), another value supersedes the
   current row (``revised``): the file holding it is copied without it (copy on write; the
   old file stays for the older versions, which is the history);
4. writes the batch's flows and rejects files, the version's batches file and a manifest, and
   makes it current by swapping ``CURRENT`` — the only step a reader can observe.

A kill at any moment leaves files no manifest names (removed by the next writer) and the
store at its previous version. Nothing new (every row an exact repeat) publishes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from oresight.errors import OresightError, StoreError
from oresight.store.batchfiles import KEEP, LINE, materialised, read_files, typed_select
from oresight.store.catalog import Catalog, Change, DataFile, Manifest
from oresight.store.core import BatchResult, session
from oresight.store.identity import VALUE_COLUMNS, key_equal, key_hash, key_select, values_equal
from oresight.store.lock import WriteLock
from oresight.store.schema import BATCHES_ARROW_SCHEMA, FLOWS_ARROW_SCHEMA, REJECTS_ARROW_SCHEMA
from oresight.store.sql import literal

# small flows files are merged into one when there are more than this many of them (one per
# API answer would otherwise make every query open thousands of files)
SMALL_FILE_ROWS = 100_000
MAX_SMALL_FILES = 32


def new_batch_id() -> str:
    """A batch id that sorts by landing time and is unique across processes."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


@dataclass
class _Plan:
    """What landing one staged file will do."""

    kept: int = 0  # valid rows in the file
    repeated: int = 0
    conflicts: int = 0
    unchanged: int = 0
    revised: int = 0
    skip_rows: bool = False  # rows of the staged file to flag _skip (in temp table _skip)
    superseded: bool = False  # rows of current files to drop (in temp table _gone)

    @property
    def added(self) -> int:
        return self.kept - self.repeated - self.conflicts - self.unchanged - self.revised


class StoreWriter:
    """Context manager: hold the write lock, land batches, publish versions."""

    def __init__(self, home: Path, *, wait: float = 60.0, purpose: str = "") -> None:
        self.catalog = Catalog(home)
        self.catalog.refuse_legacy()
        self._lock = WriteLock(home, wait=wait, purpose=purpose)
        self.con: Any = None
        self.base: Manifest = self.catalog.manifest()

    def __enter__(self) -> StoreWriter:
        self._lock.__enter__()
        try:
            self.catalog.init()
            self._remove_unpublished()
            self.base = self.catalog.manifest()
            self.con = session()
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        with contextlib.suppress(Exception):
            self.con.close()
        self._lock.__exit__(exc_type, exc, tb)

    @property
    def home(self) -> Path:
        return self.catalog.home

    def staging_file(self) -> Path:
        """Where ingest writes a batch's data file before landing it."""
        return self.catalog.staging_dir / f"{uuid.uuid4().hex[:16]}.parquet"

    # -- batches -------------------------------------------------------------------------
    def batch_record(self, content_hash: str) -> dict[str, Any] | None:
        files = self.base.of("batches")
        if not files:
            return None
        cursor = self.con.execute(
            "SELECT batch_id, content_hash, source, origin "
            f"FROM read_parquet({literal(self._abs(files[0]))}) "
            f"WHERE content_hash = {literal(content_hash)} LIMIT 1"
        )
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
        return dict(zip(names, row, strict=True)) if row else None

    def has_batch(self, content_hash: str) -> bool:
        """The content is in the current version and its files are intact."""
        record = self.batch_record(content_hash)
        return record is not None and not self._damaged(record["batch_id"])

    def _damaged(self, batch_id: str) -> list[DataFile]:
        return [f for f in self.catalog.missing_files(self.base) if f.batch_id == batch_id]

    # -- landing -------------------------------------------------------------------------
    def land_arrow(
        self,
        flows: pa.Table,
        *,
        batch_id: str,
        content_hash: str,
        source: str,
        origin: str,
        rejects: pa.Table | None = None,
    ) -> BatchResult:
        """Land flows built in Python (each row's ``source_record`` kept as given)."""
        flows = flows.cast(FLOWS_ARROW_SCHEMA)
        rejects = (rejects if rejects is not None else REJECTS_ARROW_SCHEMA.empty_table()).cast(
            REJECTS_ARROW_SCHEMA
        )
        staged = self.staging_file()
        self.con.register("_arrow_flows", flows)
        self.con.register("_arrow_rejects", rejects)
        try:
            exprs = {
                "batch_id": literal(batch_id),
                "_src": "source_record",
                "_line0": "NULL",
                "_line": "NULL",
                "_problem": "NULL",
                "_raw": "NULL",
                "_skip": "false",
            }
            self.con.execute(
                f"COPY (SELECT {typed_select(exprs)} FROM _arrow_flows) TO "
                f"{literal(str(staged))} (FORMAT parquet)"
            )
            rejects_sql = (
                f"SELECT {literal(batch_id)}, file, line, field, reason, raw FROM _arrow_rejects"
            )
            return self.land_staged(
                staged,
                batch_id=batch_id,
                content_hash=content_hash,
                source=source,
                origin=origin,
                rejects_sql=rejects_sql,
            )
        finally:
            staged.unlink(missing_ok=True)
            for name in ("_arrow_flows", "_arrow_rejects"):
                with contextlib.suppress(Exception):
                    self.con.unregister(name)

    def land_staged(
        self,
        staged: Path,
        *,
        batch_id: str,
        content_hash: str,
        source: str,
        origin: str,
        rejects_sql: str,
        check: Callable[[int], None] | None = None,
        size: int | None = None,
    ) -> BatchResult:
        """Land the staged data file of one batch (see the module's docstring).

        ``rejects_sql`` selects the batch's rejects (it may read ``staged``); ``check(kept)``
        may raise to refuse the batch (e.g. too many rejects). The staged file is consumed.
        """
        try:
            return self._land(
                staged, batch_id, content_hash, source, origin, rejects_sql, check, size
            )
        except OresightError:
            self._discard_journaled(self.base)
            raise
        except Exception as exc:
            self._discard_journaled(self.base)
            raise StoreError(f"batch {batch_id} from {origin} did not land: {exc}") from exc
        finally:
            staged.unlink(missing_ok=True)
            self._drop_temp()

    def _land(
        self,
        staged: Path,
        batch_id: str,
        content_hash: str,
        source: str,
        origin: str,
        rejects_sql: str,
        check: Callable[[int], None] | None,
        size: int | None,
    ) -> BatchResult:
        src = read_files([str(staged)])
        total, kept, unique, reporters, first, last = self.con.execute(
            f"SELECT count(*), count(*) FILTER ({KEEP}), "
            f"count(DISTINCT {key_hash()}) FILTER ({KEEP}), "
            f"list(DISTINCT reporter_m49) FILTER ({KEEP}), min(year) FILTER ({KEEP}), "
            f"max(year) FILTER ({KEEP}) FROM {src}"
        ).fetchone()
        staged_stats = (int(total), sorted(int(r) for r in reporters or []), first, last)
        if check is not None:
            check(int(kept))
        record = self.batch_record(content_hash)
        if record is not None:
            damaged = self._damaged(record["batch_id"])
            if not damaged:
                return BatchResult(record["batch_id"], 0, 0, duplicate=True)
            return self._repair(staged, record, damaged, rejects_sql)
        plan = _Plan(kept=int(kept))
        self._plan_repeats(src, plan, int(unique))
        candidates = self._overlapping(reporters or [], first, last)
        self._plan_overlap(src, candidates, plan)
        rejected = int(self.con.execute(f"SELECT count(*) FROM ({rejects_sql})").fetchone()[0])
        rejects = [*self.base.of("rejects")]
        rejects_file = self._write_rejects(batch_id, rejects_sql, origin)  # reads the staged file
        if rejects_file is not None:
            rejects.append(rejects_file)
        files = [f for f in self.base.files if f.table == "flows"]
        files = self._supersede(files, plan)
        if plan.added + plan.revised:  # a file of exact repeats records its batch, no flows
            files.append(self._write_batch_file(staged, src, batch_id, plan, staged_stats))
        note = "" if plan.added + plan.revised else "nothing new: every row repeats a current flow"
        files, merged = self._compact(files, "flows")
        rejects, merged_rejects = self._compact(rejects, "rejects")
        if merged or merged_rejects:
            note += ("; " if note else "") + f"merged {merged + merged_rejects} small files"
        version = self.base.version + 1
        change = Change(
            batch_id=batch_id,
            source=source,
            origin=origin,
            added=plan.added,
            revised=plan.revised,
            unchanged=plan.unchanged,
            repeated=plan.repeated,
            rejected=rejected + plan.conflicts,
            note=note,
        )
        batch_row = {
            "batch_id": batch_id,
            "content_hash": content_hash,
            "source": source,
            "origin": origin,
            "rows": plan.added + plan.revised,
            "rejected": rejected + plan.conflicts,
            "ingested_at": None,  # now(), in SQL
            "bytes": size,
            "version": version,
            "added": plan.added,
            "revised": plan.revised,
            "unchanged": plan.unchanged,
            "repeated": plan.repeated,
        }
        batches = self._write_batches(batch_row)
        self._publish(version, [*files, *rejects, batches], change)
        return BatchResult(
            batch_id,
            plan.added + plan.revised,
            rejected + plan.conflicts,
            duplicate=False,
            added=plan.added,
            revised=plan.revised,
            unchanged=plan.unchanged,
            repeated=plan.repeated,
            version=version,
        )

    # -- planning --------------------------------------------------------------------------
    def _plan_repeats(self, src: str, plan: _Plan, unique: int) -> None:
        """Rows repeating an earlier row's key inside the file: skipped; other values: rejected."""
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE _skip (row BIGINT, line BIGINT, why VARCHAR, "
            "first_line BIGINT, old_value DOUBLE, new_value DOUBLE)"
        )
        self.con.execute("CREATE OR REPLACE TEMP TABLE _gone (filename VARCHAR, row BIGINT)")
        if unique >= plan.kept:  # distinct hashes: no key can repeat
            return
        values = ", ".join(VALUE_COLUMNS)
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _dups AS
            SELECT file_row_number AS row, {LINE} AS line, {key_select()}, {values}
            FROM {src} WHERE {KEEP} AND {key_hash()} IN (
                SELECT h FROM (SELECT {key_hash()} AS h FROM {src} WHERE {KEEP})
                GROUP BY h HAVING count(*) > 1)"""
        )
        keys = ", ".join(f"k_{c}" for c in _key_names())
        self.con.execute(
            f"""INSERT INTO _skip
            SELECT d.row, d.line, CASE WHEN {values_equal("d", "f")} THEN 'repeat' ELSE 'conflict'
                   END, f.line, f.value_usd, d.value_usd
            FROM (SELECT *, row_number() OVER (PARTITION BY {keys} ORDER BY row) AS rn
                  FROM _dups) d
            JOIN (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY {keys} ORDER BY row)
                  AS rn FROM _dups) WHERE rn = 1) f ON {key_equal("d", "f")}
            WHERE d.rn > 1"""
        )
        plan.repeated, plan.conflicts = self.con.execute(
            "SELECT count(*) FILTER (why = 'repeat'), count(*) FILTER (why = 'conflict') FROM _skip"
        ).fetchone()
        plan.skip_rows = plan.repeated + plan.conflicts > 0

    def _overlapping(
        self, reporters: list[int], first: int | None, last: int | None
    ) -> list[DataFile]:
        """Current flows files that may hold a key of the batch (by reporter and year)."""
        if first is None or last is None:
            return []
        wanted = set(reporters)
        out = []
        for f in self.base.of("flows"):
            if f.years and (f.years[1] < first or f.years[0] > last):
                continue
            if f.reporters and not wanted.intersection(f.reporters):
                continue
            out.append(f)
        return out

    def _plan_overlap(self, src: str, candidates: list[DataFile], plan: _Plan) -> None:
        if not candidates:
            return
        old = read_files([self._abs(f) for f in candidates], extra=", filename = true")
        values = ", ".join(VALUE_COLUMNS)
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _hits AS
            SELECT DISTINCT {key_hash()} AS h FROM {src} WHERE {KEEP}
            INTERSECT SELECT {key_hash()} FROM {old} WHERE {KEEP}"""
        )
        if not self.con.execute("SELECT count(*) FROM _hits").fetchone()[0]:
            return
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _new AS
            SELECT file_row_number AS row, {key_select()}, {values} FROM {src}
            WHERE {KEEP} AND {key_hash()} IN (SELECT h FROM _hits)
              AND file_row_number NOT IN (SELECT row FROM _skip)"""
        )
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _old AS
            SELECT filename, file_row_number AS row, {key_select()}, {values} FROM {old}
            WHERE {KEEP} AND {key_hash()} IN (SELECT h FROM _hits)"""
        )
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _match AS
            SELECT n.row AS new_row, o.filename, o.row AS old_row,
                   {values_equal("n", "o")} AS same
            FROM _new n JOIN _old o ON {key_equal("n", "o")}"""
        )
        self.con.execute(
            "INSERT INTO _skip SELECT new_row, NULL, 'unchanged', NULL, NULL, NULL "
            "FROM _match WHERE same"
        )
        self.con.execute("INSERT INTO _gone SELECT filename, old_row FROM _match WHERE NOT same")
        plan.unchanged, plan.revised = self.con.execute(
            "SELECT count(*) FILTER (same), count(*) FILTER (NOT same) FROM _match"
        ).fetchone()
        plan.skip_rows = plan.skip_rows or plan.unchanged > 0
        plan.superseded = plan.revised > 0

    # -- writing files ---------------------------------------------------------------------
    def _write_batch_file(
        self, staged: Path, src: str, batch_id: str, plan: _Plan, stats: tuple[Any, ...]
    ) -> DataFile:
        path, rel = self._new_file("flows", batch_id)
        if plan.skip_rows:
            self.con.execute(
                "COPY (SELECT * EXCLUDE (file_row_number) REPLACE ("
                f"{LINE} AS _line, _skip OR file_row_number IN (SELECT row FROM _skip) AS _skip) "
                f"FROM {src}) TO {literal(str(path))} (FORMAT parquet)"
            )
            return self._describe("flows", path, rel, batch_id)
        os.replace(staged, path)  # as written by the pass: its statistics are known already
        total, reporters, first, last = stats
        return DataFile(
            table="flows",
            path=rel,
            rows=plan.kept,
            bytes=path.stat().st_size,
            sha256=file_sha256(path),
            batch_id=batch_id,
            reporters=reporters,
            years=[int(first), int(last)] if first is not None else [],
            file_rows=total,
        )

    def _supersede(self, files: list[DataFile], plan: _Plan) -> list[DataFile]:
        """Copies of the files holding superseded rows, without them (copy on write)."""
        if not plan.superseded:
            return files
        hit = {r[0] for r in self.con.execute("SELECT DISTINCT filename FROM _gone").fetchall()}
        out = []
        for f in files:
            absolute = self._abs(f)
            if absolute not in hit:
                out.append(f)
                continue
            path, rel = self._new_file("flows", f.batch_id or "merged")
            source = read_files([absolute])
            where = (
                "file_row_number NOT IN (SELECT row FROM _gone WHERE filename = "
                f"{literal(absolute)})"
            )
            self.con.execute(
                f"COPY ({materialised(source, where)}) TO {literal(str(path))} (FORMAT parquet)"
            )
            out.append(self._describe("flows", path, rel, f.batch_id))
        return out

    def _write_rejects(self, batch_id: str, rejects_sql: str, origin: str) -> DataFile | None:
        conflicts = (
            f"SELECT {literal(batch_id)}, {literal(origin)}, line, 'value_usd', "
            "'repeats the flow of line ' || first_line || ' with another value (' || "
            "coalesce(CAST(new_value AS VARCHAR), 'none') || ' against ' || "
            "coalesce(CAST(old_value AS VARCHAR), 'none') || '); the first is kept', NULL "
            "FROM _skip WHERE why = 'conflict'"
        )
        every = f"{rejects_sql} UNION ALL {conflicts}"
        if not self.con.execute(f"SELECT count(*) FROM ({every})").fetchone()[0]:
            return None
        path, rel = self._new_file("rejects", batch_id)
        cols = ", ".join(REJECTS_ARROW_SCHEMA.names)
        self.con.execute(
            f"COPY (SELECT * FROM ({every}) AS r({cols})) TO {literal(str(path))} (FORMAT parquet)"
        )
        return self._describe("rejects", path, rel, batch_id)

    def _write_batches(self, row: dict[str, Any]) -> DataFile:
        """The version's batches table: the previous one and this batch's row (SQL, not
        Arrow: building a timestamp column in pyarrow would import pandas into ingest)."""
        types = {f.name: _SQL_TYPES[str(f.type)] for f in BATCHES_ARROW_SCHEMA}
        values = ", ".join(
            f"CAST({'now()' if name == 'ingested_at' else _sql_value(row[name])} AS {t}) AS {name}"
            for name, t in types.items()
        )
        sql = f"SELECT {values}"
        previous = self.base.of("batches")
        if previous:
            old = literal(self._abs(previous[0]))
            cols = ", ".join(types)
            sql = f"SELECT {cols} FROM read_parquet({old}, union_by_name = true) UNION ALL {sql}"
        path, rel = self._new_file("batches", f"v{self.base.version + 1:06d}")
        part = path.with_name("." + path.name + ".part")
        self.con.execute(f"COPY ({sql}) TO {literal(str(part))} (FORMAT parquet)")
        os.replace(part, path)
        return self._describe("batches", path, rel, None)

    def _compact(self, files: list[DataFile], table: str) -> tuple[list[DataFile], int]:
        """Merge small files into one when there are too many of them (same rows)."""
        small = [f for f in files if f.table == table and f.file_rows < SMALL_FILE_ROWS]
        if len(small) <= MAX_SMALL_FILES:
            return files, 0
        path, rel = self._new_file(table, "merged")
        paths = [self._abs(f) for f in small]
        if table == "flows":
            sql = materialised(read_files(paths), KEEP)
        else:
            sql = f"SELECT * FROM read_parquet({_list(paths)}, union_by_name = true)"
        self.con.execute(f"COPY ({sql}) TO {literal(str(path))} (FORMAT parquet)")
        merged = self._describe(table, path, rel, None)
        ids = {f.path for f in small}
        return [f for f in files if f.path not in ids] + [merged], len(small)

    def _describe(self, table: str, path: Path, rel: str, batch_id: str | None) -> DataFile:
        """The catalogue entry of a data file just written."""
        reporters: list[int] = []
        years: list[int] = []
        if table == "flows":
            src = read_files([str(path)])
            rows, total, reps, lo, hi = self.con.execute(
                f"SELECT count(*) FILTER ({KEEP}), count(*), "
                f"list(DISTINCT reporter_m49) FILTER ({KEEP}), min(year) FILTER ({KEEP}), "
                f"max(year) FILTER ({KEEP}) FROM {src}"
            ).fetchone()
            reporters = sorted(int(r) for r in reps or [])
            years = [int(lo), int(hi)] if lo is not None else []
        else:
            rows = total = pq.ParquetFile(path).metadata.num_rows
        return DataFile(
            table=table,  # type: ignore[arg-type]
            path=rel,
            rows=int(rows),
            bytes=path.stat().st_size,
            sha256=file_sha256(path),
            batch_id=batch_id,
            reporters=reporters,
            years=years,
            file_rows=int(total),
        )

    # -- repair ----------------------------------------------------------------------------
    def _repair(
        self, staged: Path, record: dict[str, Any], damaged: list[DataFile], rejects_sql: str
    ) -> BatchResult:
        """Rewrite the missing or damaged files of a batch from its re-ingested source."""
        batch_id = record["batch_id"]
        if any(f.table not in ("flows", "rejects") for f in damaged):
            raise StoreError(
                f"the batches file of version {self.base.version} is damaged: restore it "
                "from a backup or rebuild the store"
            )
        src = read_files([str(staged)])
        plan = _Plan(kept=0)
        kept, unique = self.con.execute(
            f"SELECT count(*), count(DISTINCT {key_hash()}) FROM {src} WHERE {KEEP}"
        ).fetchone()
        plan.kept = int(kept)
        self._plan_repeats(src, plan, int(unique))
        broken = {f.path for f in damaged}
        others = [f for f in self.base.of("flows") if f.path not in broken]
        files = [f for f in self.base.files if f.path not in broken]
        for lost in damaged:
            if lost.table == "rejects":
                fixed = self._write_rejects(batch_id, rejects_sql, record["origin"])
                if fixed is not None:
                    files.append(fixed)
                continue
            if others:  # rows another batch superseded since are not restored
                old = read_files([self._abs(f) for f in others])
                self.con.execute(
                    f"INSERT INTO _skip SELECT file_row_number, NULL, 'superseded', NULL, NULL, "
                    f"NULL FROM {src} WHERE {KEEP} AND {key_hash()} IN "
                    f"(SELECT {key_hash()} FROM {old} WHERE {KEEP})"
                )
            path, rel = self._new_file("flows", batch_id)
            self.con.execute(
                "COPY (SELECT * EXCLUDE (file_row_number) REPLACE ("
                f"{LINE} AS _line, {literal(batch_id)} AS batch_id, "
                "_skip OR file_row_number IN (SELECT row FROM _skip) AS _skip) "
                f"FROM {src}) TO {literal(str(path))} (FORMAT parquet)"
            )
            fixed = self._describe("flows", path, rel, batch_id)
            if fixed.rows != lost.rows:
                path.unlink(missing_ok=True)
                raise StoreError(
                    f"cannot repair {lost.path}: the re-ingested file gives {fixed.rows} rows "
                    f"where the lost file held {lost.rows}"
                )
            files.append(fixed)
        change = Change(
            batch_id=batch_id,
            source=record["source"],
            origin=record["origin"],
            note=f"repaired {len(damaged)} file(s) of batch {batch_id}",
        )
        version = self.base.version + 1
        self._publish(version, files, change)
        return BatchResult(batch_id, 0, 0, duplicate=False, version=version, repaired=True)

    # -- publishing --------------------------------------------------------------------------
    def _publish(self, version: int, files: list[DataFile], change: Change) -> None:
        rows = sum(f.rows for f in files if f.table == "flows")
        manifest = Manifest(
            version=version,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            files=files,
            change=change,
            rows=rows,
        )
        self.catalog.publish(manifest)
        self._journal.unlink(missing_ok=True)  # every journaled file is named by a version now
        self.base = manifest

    @property
    def _journal(self) -> Path:
        return self.catalog.staging_dir / "journal.txt"

    def _new_file(self, table: str, stem: str) -> tuple[Path, str]:
        """A new data file, written down in the journal before it exists: a killed writer's
        files are then found without reading every manifest."""
        path, rel = self.catalog.new_file(table, stem)
        with self._journal.open("a", encoding="utf-8") as fh:
            fh.write(rel + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        return path, rel

    def _remove_unpublished(self) -> None:
        """Files a killed writer left: journaled, but named by no version up to the current."""
        current = self.catalog.current_version()
        for stale in self.catalog.versions_dir.glob("*.json"):
            with contextlib.suppress(ValueError):
                if int(stale.stem) > current:
                    stale.unlink(missing_ok=True)
        self._discard_journaled(self.catalog.manifest(current))
        for leftover in self.catalog.staging_dir.glob("*"):
            leftover.unlink(missing_ok=True)

    def _discard_journaled(self, current: Manifest) -> None:
        """Delete the journaled files ``current`` does not name (a failed or killed landing)."""
        journal = self._journal
        if not journal.exists():
            return
        named = {f.path for f in current.files}
        for rel in journal.read_text(encoding="utf-8").split():
            if rel not in named:
                (self.home / rel).unlink(missing_ok=True)
        journal.unlink(missing_ok=True)

    def _drop_temp(self) -> None:
        for name in ("_skip", "_gone", "_dups", "_hits", "_new", "_old", "_match"):
            with contextlib.suppress(Exception):
                self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def _abs(self, data_file: DataFile) -> str:
        return str(self.catalog.absolute(data_file))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _key_names() -> tuple[str, ...]:
    from oresight.store.identity import KEY_COLUMNS

    return KEY_COLUMNS


def _list(paths: list[str]) -> str:
    return "[" + ", ".join(literal(p) for p in paths) + "]"


_SQL_TYPES = {
    "string": "VARCHAR",
    "int64": "BIGINT",
    "timestamp[us, tz=UTC]": "TIMESTAMP WITH TIME ZONE",
}


def _sql_value(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(int(value))
    return literal(str(value))


__all__ = ["StoreWriter", "new_batch_id"]
