"""The Store: a read-only view of one version of the versioned trade dataset.

A ``Store`` reads; it never writes (no DDL on the store, no loading, no clean-up on open).
Its DuckDB session is private and in memory: the version's data files are its views. Writing
goes through :class:`oresight.store.writer.StoreWriter` (``store.writer()``), one process at a
time. A store opened without a version reads the current one and follows this process's own
landings (read your writes); another process's landing is seen on the next ``Store.open``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from oresight.errors import StoreError
from oresight.settings import get_settings
from oresight.store.batchfiles import select_flows
from oresight.store.catalog import EMPTY, Catalog, Manifest
from oresight.store.published import TABLE as PUBLISHED_TABLE
from oresight.store.published import shipped_figures
from oresight.store.schema import BATCHES_ARROW_SCHEMA, FLOWS_ARROW_SCHEMA, REJECTS_ARROW_SCHEMA
from oresight.store.sql import literal

if TYPE_CHECKING:
    import ibis

    from oresight.store.changes import StoreDiff, VersionInfo
    from oresight.store.verify import VerifyReport
    from oresight.store.writer import StoreWriter


@dataclass(frozen=True)
class BatchResult:
    """What one landing did. ``duplicate``: the same content is in the store already;
    ``landed`` = ``added`` + ``revised``; ``version``: the version it published (None when
    nothing was new)."""

    batch_id: str
    landed: int
    rejected: int
    duplicate: bool
    added: int = 0
    revised: int = 0
    unchanged: int = 0
    repeated: int = 0
    version: int | None = None
    repaired: bool = False


def session(memory_limit: str | None = None) -> Any:
    """A private in-memory DuckDB session under the configured memory limit."""
    import duckdb

    limit = memory_limit or get_settings().memory_limit
    con = duckdb.connect(":memory:", config={"memory_limit": limit})
    # what ibis.duckdb.connect sets, so that raw SQL and Ibis see the same session
    con.execute("SET TimeZone = 'UTC'; SET python_enable_replacements = false")
    return con


class Store:
    """One version of the analytic store of trade flows (read-only).

    Examples
    --------
    >>> store = Store.open(tmp_path)                     # doctest: +SKIP
    >>> store.flows.filter(store.flows.reporter_iso3 == "CHN").count().execute()  # doctest: +SKIP
    """

    def __init__(
        self,
        con: ibis.BaseBackend | None,
        *,
        location: str,
        backend: str = "duckdb",
        raw: Any = None,
        home: Path | None = None,
        manifest: Manifest = EMPTY,
        follow: bool = False,
    ) -> None:
        self._con = con
        self._raw = raw
        self.location = location
        self.backend = backend
        self.root = home if home is not None else Path(location)
        self.manifest = manifest
        self._follow = follow

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        home: Path | str | None = None,
        *,
        backend: str | None = None,
        version: int | None = None,
        parquet_url: str | None = None,
        allow_damaged: bool = False,
    ) -> Store:
        """Open version ``version`` (default: the current one) of the store under ``home``
        (default ``$ORESIGHT_HOME``), or with ``backend="spark"`` the version export at
        ``parquet_url`` (default ``$ORESIGHT_PARQUET_URL``, else ``<home>/parquet``).

        Nothing is created or written: an absent store reads as version 0, empty. A version
        with a missing or damaged file is refused (never a silently smaller total), unless
        ``allow_damaged`` (for ingest, which may repair it, and ``store verify``): then the
        damaged files are left out and :attr:`damaged` lists them.
        """
        settings = get_settings()
        backend = backend or settings.backend
        root = Path(home) if home is not None else settings.home
        if backend == "spark":
            from oresight.store.spark import open_spark

            url = parquet_url or settings.parquet_url or str(root / "parquet")
            con, manifest = open_spark(url, settings.spark_master)
            return cls(con, location=url, backend="spark", home=root, manifest=manifest)
        if backend != "duckdb":
            raise StoreError(f"unknown backend {backend!r}: use 'duckdb' or 'spark'")
        catalog = Catalog(root)
        manifest = catalog.manifest(version)
        store = cls(
            None,
            location=str(root),
            raw=session(settings.memory_limit),
            home=root,
            manifest=manifest,
            follow=version is None,
        )
        store._allow_damaged = allow_damaged
        store._pin(manifest)
        return store

    _allow_damaged = False
    damaged: tuple[str, ...] = ()

    def _pin(self, manifest: Manifest) -> None:
        """Point this session's tables at the files of ``manifest`` (refusing damaged ones)."""
        catalog = Catalog(self.root)
        damaged = catalog.missing_files(manifest)
        self.damaged = tuple(f.path for f in damaged)
        if damaged and self._allow_damaged:
            present = replace(manifest, files=[f for f in manifest.files if f not in damaged])
            self._pin_files(catalog, present)
            self.manifest = manifest
            return
        if damaged:
            first = damaged[0]
            raise StoreError(
                f"version {manifest.version} of the store at {self.root} is damaged: "
                f"{len(damaged)} file(s) missing or changed, first {first.path} "
                f"({first.table}, {first.rows} rows of batch {first.batch_id or 'merged'}); "
                "run `oresight store verify`, and re-ingest that batch's file to repair it"
            )
        self._pin_files(catalog, manifest)
        self.manifest = manifest

    def _pin_files(self, catalog: Catalog, manifest: Manifest) -> None:
        raw = self._raw
        _view(raw, "flows", [str(catalog.absolute(f)) for f in manifest.of("flows")])
        _plain_view(raw, "batches", manifest, catalog, BATCHES_ARROW_SCHEMA)
        _plain_view(raw, "rejects", manifest, catalog, REJECTS_ARROW_SCHEMA)

    _with_published = False

    def with_published(self) -> Store:
        """Include the shipped published figures in this reader's ``published_figures`` table
        (session-local: nothing is written). The CLI, the API and the brief read them; a bare
        ``Store.open()`` reads the trade flows alone."""
        self._with_published = True
        if self.backend == "spark":
            from oresight.store.spark import register_published

            register_published(self.con, with_rows=True)
        elif self._con is not None:
            self._raw.unregister(PUBLISHED_TABLE)
            self._register_published()
        return self

    def _register_published(self) -> None:
        # on first use only: registering Arrow makes DuckDB import pandas, which ingest avoids
        figures = shipped_figures()
        self._raw.register(
            PUBLISHED_TABLE, figures if self._with_published else figures.schema.empty_table()
        )

    def refresh(self) -> Store:
        """Move to the current version (used after this process's own landing)."""
        if self.backend == "duckdb":
            self._pin(Catalog(self.root).manifest())
        return self

    @property
    def version(self) -> int:
        return self.manifest.version

    @property
    def con(self) -> ibis.BaseBackend:
        """The Ibis backend (every query is an Ibis expression over it)."""
        if self._con is None:
            import ibis

            self._register_published()
            self._con = ibis.duckdb.from_connection(self._raw)
        return self._con

    @property
    def raw(self) -> Any:
        """This reader's private DuckDB session (in memory; the store's files are its views)."""
        if self.backend != "duckdb":
            raise StoreError(f"the {self.backend} backend has no DuckDB session")
        return self._raw

    # -- tables ----------------------------------------------------------------------------
    @property
    def flows(self) -> ibis.Table:
        return self._table("flows")

    @property
    def batches(self) -> ibis.Table:
        return self._table("batches")

    @property
    def rejects(self) -> ibis.Table:
        return self._table("rejects")

    @property
    def published_figures(self) -> ibis.Table:
        return self._table(PUBLISHED_TABLE)

    def _table(self, name: str) -> ibis.Table:
        table = self.con.table(name)
        if self.backend == "spark":
            from oresight.store.spark import as_store_types

            table = as_store_types(table)
        return table

    def has_batch(self, content_hash: str) -> bool:
        if self.backend == "duckdb":  # plain SQL: ingest's first query, no Ibis needed
            sql = f"SELECT count(*) FROM batches WHERE content_hash = {literal(content_hash)}"
            return bool(self.raw.execute(sql).fetchone()[0])
        hits = self.batches.filter(self.batches.content_hash == content_hash).count()
        return bool(hits.execute())

    def may_hold_file(self, size: int, sources: tuple[str, ...]) -> bool:
        """Whether a batch of one of ``sources`` may hold a file of ``size`` bytes: one was
        recorded with that size, or one has no recorded size."""
        if self.backend != "duckdb":
            return True
        sql = (
            f"SELECT count(*) FROM batches WHERE source IN ({', '.join(map(literal, sources))}) "
            f"AND (bytes = {int(size)} OR bytes IS NULL)"
        )
        return bool(self.raw.execute(sql).fetchone()[0])

    def damaged_batch(self, content_hash: str) -> bool:
        """Whether the batch of this content has a missing or damaged file in this version."""
        if not self.damaged:
            return False
        sql = f"SELECT batch_id FROM batches WHERE content_hash = {literal(content_hash)}"
        ids = {r[0] for r in self.raw.execute(sql).fetchall()}
        return any(f.batch_id in ids for f in self.manifest.files if f.path in self.damaged)

    # -- questions -------------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        """Summary of what the version holds (rows, sources, reporters, partners, periods)."""
        f = self.flows
        rows = int(f.count().execute())
        sources = f.group_by("source").aggregate(n=f.count()).to_pyarrow().to_pylist()
        span = f.aggregate(lo=f.period.min(), hi=f.period.max()).to_pyarrow().to_pylist()[0]
        b = self.batches
        totals = (
            b.aggregate(
                repeated=b.repeated.sum(), unchanged=b.unchanged.sum(), revised=b.revised.sum()
            )
            .to_pyarrow()
            .to_pylist()[0]
        )
        return {
            "version": self.version,
            "rows": rows,
            "sources": {r["source"]: int(r["n"]) for r in sources},
            "reporters": _distinct(f, "reporter_iso3"),
            "partners": _distinct(f, "partner_iso3"),
            "periods": {"from": span["lo"], "to": span["hi"]},
            "batches": int(b.count().execute()),
            "repeats_recognised": {
                "in_file": int(totals["repeated"] or 0),
                "already_in_store": int(totals["unchanged"] or 0),
            },
            "revisions": int(totals["revised"] or 0),
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
        """Current flows filtered by reporter/partner (ISO3), HS prefix(es), period range
        and flow kind: an Ibis expression (run it with :func:`oresight.store.query.to`)."""
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

    def versions(self) -> list[VersionInfo]:
        """Every version of the store, oldest first."""
        from oresight.store.history import versions

        return versions(Catalog(self.root))

    def diff(self, old: int, new: int | None = None) -> StoreDiff:
        """The flows added, revised and removed from version ``old`` to ``new`` (default:
        this store's version)."""
        from oresight.store.history import diff

        return diff(Catalog(self.root), old, self.version if new is None else new)

    def verify(self) -> VerifyReport:
        """Check every file of this version: present, its size, checksum and row count."""
        from oresight.store.verify import verify

        return verify(Catalog(self.root), self.manifest)

    def export_parquet(self, directory: Path | str) -> dict[str, int]:
        """Write this version for Spark (flows partitioned by reporter and year)."""
        from oresight.store.export import export_version

        return export_version(self, Path(directory))

    # -- writing (through the one writer) ---------------------------------------------------
    @contextmanager
    def writer(self, *, wait: float = 60.0, purpose: str = "") -> Iterator[StoreWriter]:
        """The store's one writer (waits up to ``wait`` seconds for another to finish); on
        exit this reader moves to the version it published (read your writes)."""
        if self.backend != "duckdb":
            raise StoreError(
                f"the {self.backend} store is read-only here: ingest into the DuckDB store, "
                "then `oresight store export-parquet`"
            )
        from oresight.store.writer import StoreWriter

        with StoreWriter(self.root, wait=wait, purpose=purpose) as writer:
            yield writer
        if self._follow:
            self.refresh()

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
        """Land one batch of flows (Arrow): a new version, or nothing when nothing is new.

        A batch whose content hash is already in the store lands nothing (idempotent ingest).
        """
        with self.writer() as writer:
            return writer.land_arrow(
                flows,
                batch_id=batch_id,
                content_hash=content_hash,
                source=source,
                origin=origin,
                rejects=rejects,
            )


def _drop(raw: Any, name: str) -> None:
    """Drop ``name`` from this session, whether it is a view or a table."""
    kinds = dict(
        raw.execute(
            "SELECT table_name, table_type FROM information_schema.tables "
            f"WHERE table_name = {literal(name)}"
        ).fetchall()
    )
    if kinds.get(name) == "VIEW":
        raw.execute(f"DROP VIEW {name}")
    elif name in kinds:
        raw.execute(f"DROP TABLE {name}")


def _view(raw: Any, name: str, paths: list[str]) -> None:
    _drop(raw, name)
    if paths:
        raw.execute(f"CREATE VIEW {name} AS {select_flows(paths)}")
    else:
        _empty(raw, name, FLOWS_ARROW_SCHEMA)


def _plain_view(
    raw: Any, name: str, manifest: Manifest, catalog: Catalog, schema: pa.Schema
) -> None:
    paths = [str(catalog.absolute(f)) for f in manifest.of(name)]  # type: ignore[arg-type]
    if not paths:
        _empty(raw, name, schema)
        return
    files = "[" + ", ".join(literal(p) for p in paths) + "]"
    cols = ", ".join(f'"{c}"' for c in schema.names)
    _drop(raw, name)
    raw.execute(
        f"CREATE VIEW {name} AS SELECT {cols} FROM read_parquet({files}, union_by_name = true)"
    )


def _empty(raw: Any, name: str, schema: pa.Schema) -> None:
    from oresight.store.schema import create_table_sql

    _drop(raw, name)
    raw.execute(create_table_sql(name, schema))


def _distinct(table: ibis.Table, column: str) -> list[Any]:
    values = table.select(column).distinct().to_pyarrow().column(0).to_pylist()
    return sorted(values)
