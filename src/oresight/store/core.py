"""The Store: opens a backend, holds the flows/batches/rejects tables, lands batches atomically."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from oresight.errors import InputError, StoreError
from oresight.settings import get_settings
from oresight.store.batchfiles import (
    rebuild_view,
    remove_orphans,
)
from oresight.store.schema import (
    BATCHES_ARROW_SCHEMA,
    FLOWS_ARROW_SCHEMA,
    REJECTS_ARROW_SCHEMA,
    TABLE_SCHEMAS,
    create_table_sql,
)
from oresight.store.sql import literal

if TYPE_CHECKING:
    import ibis


@dataclass(frozen=True)
class BatchResult:
    """What one ingest did: how many rows landed and were rejected, or that it was a repeat."""

    batch_id: str
    landed: int
    rejected: int
    duplicate: bool


class Store:
    """The analytic store of trade flows.

    Examples
    --------
    >>> store = Store.open(tmp_path)                     # doctest: +SKIP
    >>> store.flows.filter(store.flows.partner_iso3 == "PRK").count().execute()  # doctest: +SKIP
    """

    def __init__(
        self,
        con: ibis.BaseBackend | None,
        *,
        location: str,
        backend: str = "duckdb",
        raw: Any = None,
    ) -> None:
        """``con`` is the Ibis backend; a DuckDB store may instead pass its ``raw`` connection,
        wrapped in Ibis on first use of :attr:`con` (ingest never needs Ibis: its import costs
        a third of a second on every command)."""
        self._con = con
        self._raw = raw
        self.location = location
        self.backend = backend
        self.root = Path(location).parent

    @property
    def con(self) -> ibis.BaseBackend:
        """The Ibis backend (every query is an Ibis expression over it)."""
        if self._con is None:
            import ibis

            self._con = ibis.duckdb.from_connection(self._raw)
        return self._con

    @classmethod
    def open(
        cls,
        home: Path | str | None = None,
        *,
        backend: str | None = None,
        parquet_url: str | None = None,
    ) -> Store:
        """Open the store: the DuckDB file under ``home`` (default ``$ORESIGHT_HOME``), created
        if needed, or with ``backend="spark"`` a Spark session reading the Parquet export at
        ``parquet_url`` (default ``$ORESIGHT_PARQUET_URL``, else ``<home>/parquet``)."""
        settings = get_settings()
        backend = backend or settings.backend
        root = Path(home) if home is not None else settings.home
        if backend == "spark":
            from oresight.store.spark import open_spark

            url = parquet_url or settings.parquet_url or str(root / "parquet")
            return cls(open_spark(url, settings.spark_master), location=url, backend="spark")
        if backend != "duckdb":
            raise StoreError(f"unknown backend {backend!r}: use 'duckdb' or 'spark'")
        root.mkdir(parents=True, exist_ok=True)
        path = root / "oresight.duckdb"
        import duckdb

        try:
            raw = duckdb.connect(str(path.absolute()))
        except Exception as exc:  # duckdb raises its own IOException family
            raise StoreError(f"cannot open the store at {path}: {exc}") from exc
        # what ibis.duckdb.connect sets, so that raw SQL and Ibis see the same session
        raw.execute("SET TimeZone = 'UTC'; SET python_enable_replacements = false")
        store = cls(None, location=str(path), raw=raw)
        store._ensure_tables()
        return store

    def _ensure_tables(self) -> None:
        raw = self.raw
        kinds = dict(
            raw.execute(
                "SELECT table_name, table_type FROM information_schema.tables "
                "WHERE table_schema = 'main'"
            ).fetchall()
        )
        if kinds.get("flows") == "BASE TABLE":  # a store from before flows became a view
            raw.execute("ALTER TABLE flows RENAME TO flows_base")
            kinds["flows_base"] = "BASE TABLE"
        for name, schema in TABLE_SCHEMAS.items():
            table = "flows_base" if name == "flows" else name
            if table not in kinds:
                raw.execute(create_table_sql(table, schema))
        # file sizes of file batches: ingest hashes a big file before reading it only when a
        # batch of its size exists (otherwise while reading it)
        raw.execute(
            "CREATE TABLE IF NOT EXISTS batch_sizes (content_hash VARCHAR NOT NULL, "
            "bytes BIGINT NOT NULL)"
        )
        raw.begin()
        rebuild_view(raw, self.root)
        raw.commit()
        remove_orphans(raw, self.root)

    @property
    def raw(self) -> Any:
        """The underlying DuckDB connection (ingest stages and lands batches through it)."""
        if self.backend != "duckdb":
            raise StoreError(
                f"the {self.backend} store is read-only here: ingest into the DuckDB store, "
                "then `oresight store export-parquet`"
            )
        return self._raw if self._raw is not None else self.con.con

    @property
    def flows(self) -> ibis.Table:
        return self.con.table("flows")

    @property
    def batches(self) -> ibis.Table:
        return self.con.table("batches")

    @property
    def rejects(self) -> ibis.Table:
        return self.con.table("rejects")

    def has_batch(self, content_hash: str) -> bool:
        if self.backend == "duckdb":  # plain SQL: ingest's first query, no Ibis needed
            # literals, not parameters: DuckDB imports pandas to bind Python parameters
            sql = f"SELECT count(*) FROM batches WHERE content_hash = {literal(content_hash)}"
            return bool(self.raw.execute(sql).fetchone()[0])
        hits = self.batches.filter(self.batches.content_hash == content_hash).count()
        return bool(hits.execute())

    def may_hold_file(self, size: int, sources: tuple[str, ...]) -> bool:
        """Whether a batch of one of ``sources`` may hold a file of ``size`` bytes: one was
        recorded with that size, or one has no recorded size (landed before sizes were)."""
        sql = (
            "SELECT count(*) FROM batches b LEFT JOIN batch_sizes s USING (content_hash) "
            f"WHERE b.source IN ({', '.join(map(literal, sources))}) "
            f"AND (s.bytes = {int(size)} OR s.bytes IS NULL)"
        )
        return bool(self.raw.execute(sql).fetchone()[0])

    def info(self) -> dict[str, Any]:
        """Summary of what the store holds (rows, sources, reporters, partners, periods)."""
        f = self.flows
        rows = int(f.count().execute())
        sources = f.group_by("source").aggregate(n=f.count()).to_pyarrow().to_pylist()
        span = f.aggregate(lo=f.period.min(), hi=f.period.max()).to_pyarrow().to_pylist()[0]
        return {
            "rows": rows,
            "sources": {r["source"]: int(r["n"]) for r in sources},
            "reporters": _distinct(f, "reporter_iso3"),
            "partners": _distinct(f, "partner_iso3"),
            "periods": {"from": span["lo"], "to": span["hi"]},
            "batches": int(self.batches.count().execute()),
            "location": self.location,
        }

    def query_flows(
        self,
        *,
        reporter: str | None = None,
        partner: str | None = None,
        hs: str | list[str] | None = None,
        start: str | None = None,
        end: str | None = None,
        flow: str | None = None,
        freq: str | None = None,
    ) -> ibis.Table:
        """Flows filtered by reporter/partner (ISO3), HS prefix(es), period range and flow kind.

        Returns an Ibis expression; run it with :func:`oresight.store.query.to` (``"arrow"``,
        ``"pandas"``, ``"polars"``) or Ibis's own ``to_pyarrow`` etc.
        """
        from oresight.store.query import filter_flows

        return filter_flows(
            self.flows,
            reporter=reporter,
            partner=partner,
            hs=hs,
            start=start,
            end=end,
            flow=flow,
            freq=freq,
        )

    @staticmethod
    def to(expr: ibis.Table, kind: str = "arrow") -> Any:
        """Execute an expression into ``"arrow"``, ``"pandas"`` or ``"polars"``."""
        from oresight.store.query import to

        return to(expr, kind)  # type: ignore[arg-type]

    def export_parquet(self, directory: Path | str) -> dict[str, int]:
        """Write flows, batches and rejects as ``<directory>/<table>.parquet`` (for Spark).

        Each table is written to a temporary file beside its target and renamed over it, so a
        reader (or a killed export) never sees a half-written Parquet file.
        """
        target = Path(directory)
        if target.exists() and not target.is_dir():
            raise InputError("not a directory: cannot export Parquet into it", file=str(target))
        target.mkdir(parents=True, exist_ok=True)
        counts = {}
        for name in TABLE_SCHEMAS:
            final = target / f"{name}.parquet"
            part = target / f".{name}.parquet.{uuid.uuid4().hex[:8]}.part"
            try:
                self.raw.execute(f"COPY (SELECT * FROM {name}) TO {literal(part)} (FORMAT parquet)")
                os.replace(part, final)
            finally:
                part.unlink(missing_ok=True)
            counts[name] = int(self.con.table(name).count().execute())
        return counts

    def land_parquet(
        self,
        staged: Path,
        *,
        rejects_sql: str,
        batch_id: str,
        content_hash: str,
        source: str,
        origin: str,
        check: Callable[[int], None] | None = None,
        size: int | None = None,
    ) -> BatchResult:
        """Land a batch file written by ingest; see :func:`oresight.store.landing.land_parquet`."""
        from oresight.store.landing import land_parquet

        return land_parquet(
            self,
            staged,
            rejects_sql=rejects_sql,
            batch_id=batch_id,
            content_hash=content_hash,
            source=source,
            origin=origin,
            check=check,
            size=size,
        )

    def land(
        self,
        flows: pa.Table,
        *,
        batch_id: str,
        content_hash: str,
        source: str,
        origin: str,
        rejects: pa.Table | None = None,
    ) -> BatchResult:
        """Land one batch: its flows, rejects and batch row together, or nothing at all.

        A batch whose content hash is already in the store lands nothing (idempotent ingest).
        """
        if self.has_batch(content_hash):
            return BatchResult(batch_id=batch_id, landed=0, rejected=0, duplicate=True)
        flows = flows.cast(FLOWS_ARROW_SCHEMA)
        rejects = (rejects if rejects is not None else REJECTS_ARROW_SCHEMA.empty_table()).cast(
            REJECTS_ARROW_SCHEMA
        )
        batch = pa.Table.from_pylist(
            [
                {
                    "batch_id": batch_id,
                    "content_hash": content_hash,
                    "source": source,
                    "origin": origin,
                    "rows": flows.num_rows,
                    "rejected": rejects.num_rows,
                    "ingested_at": datetime.now(UTC),
                }
            ],
            schema=BATCHES_ARROW_SCHEMA,
        )
        raw = self.raw  # the duckdb connection: one transaction for all three tables
        raw.begin()
        try:
            for name, table in (("flows", flows), ("rejects", rejects), ("batches", batch)):
                raw.register("_landing", table)
                target = "flows_base" if name == "flows" else name
                raw.execute(f"INSERT INTO {target} SELECT * FROM _landing")
                raw.unregister("_landing")
            raw.commit()
        except Exception as exc:
            raw.rollback()
            raise StoreError(f"batch {batch_id} from {origin} did not land: {exc}") from exc
        return BatchResult(
            batch_id=batch_id, landed=flows.num_rows, rejected=rejects.num_rows, duplicate=False
        )


def _distinct(table: ibis.Table, column: str) -> list[Any]:
    values = table.select(column).distinct().to_pyarrow().column(0).to_pylist()
    return sorted(values)
