"""The Spark backend: an Ibis PySpark connection over a version export of the store.

Local mode by default (``ORESIGHT_SPARK_MASTER``, ``local[2]``); a cluster URL and an object
store URL (``s3a://``, ``gs://``, ``abfss://``) work the same way. Flows are read from the
hive-partitioned ``flows/`` directory (``reporter_iso3=…/year=…``), so filters on reporter and
year prune files. Engine-specific code stays here: every query is the same Ibis expression.
"""

from __future__ import annotations

import json
from typing import Any

import ibis
import ibis.expr.datatypes as dt

from oresight.errors import StoreError
from oresight.store.catalog import EMPTY, Change, Manifest
from oresight.store.published import TABLE as PUBLISHED_TABLE
from oresight.store.published import shipped_figures
from oresight.store.schema import FLOW_COLUMNS

TABLES = ("flows", "batches", "rejects")


def open_spark(parquet_url: str, master: str) -> tuple[ibis.BaseBackend, Manifest]:
    """Connect Ibis to a Spark session and register the export's tables."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # the optional extra
        raise StoreError("the Spark backend needs PySpark: pip install 'oresight[spark]'") from exc
    try:
        session = (
            SparkSession.builder.master(master)
            .appName("oresight")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate()
        )
    except Exception as exc:  # no Java, a bad master URL: PySpark's own errors vary
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise StoreError(
            f"could not start Spark at {master!r} (ORESIGHT_SPARK_MASTER): {first}; "
            "the Spark backend needs Java 17+ (JAVA_HOME) and a reachable master"
        ) from exc
    session.sparkContext.setLogLevel("ERROR")
    con = ibis.pyspark.connect(session)
    base = parquet_url.rstrip("/")
    info = _version_info(session, base)
    for name in TABLES:
        path = f"{base}/flows" if name == "flows" else f"{base}/{name}.parquet"
        try:
            frame = session.read.parquet(path)
        except Exception as exc:  # Spark's AnalysisException: path missing
            raise StoreError(
                f"no {name} under {base}: run `oresight store export-parquet {base}` first"
            ) from exc
        if name == "flows":  # partition columns come last: restore the schema's order
            frame = frame.select(*FLOW_COLUMNS)
        frame.createOrReplaceTempView(name)
    _figures_frame(session, with_rows=False).createOrReplaceTempView(PUBLISHED_TABLE)
    manifest = Manifest(
        version=int(info.get("version", 0)),
        created_at="",
        files=[],
        change=Change(note=f"Spark export at {base}"),
        rows=int(info.get("rows", {}).get("flows", 0)),
    )
    return con, manifest if info else EMPTY


def as_store_types(table: ibis.Table) -> ibis.Table:
    """The table with the store's types where Ibis reads Spark's differently: a Spark
    ``TIMESTAMP`` is an instant (shown in the session's zone, UTC here) that Ibis types as a
    naive timestamp; the store's timestamps are UTC, so they are declared so (on DuckDB a
    batch's ``ingested_at`` is ``...+00:00`` and must read the same here)."""
    naive = [
        name
        for name, kind in table.schema().items()
        if kind.is_timestamp() and kind.timezone is None
    ]
    if not naive:
        return table
    return table.mutate(**{n: table[n].cast(dt.Timestamp(timezone="UTC")) for n in naive})


def register_published(con: ibis.BaseBackend, *, with_rows: bool) -> None:
    """The shipped published figures (or none of them) as this session's temp view."""
    session = con._session
    _figures_frame(session, with_rows=with_rows).createOrReplaceTempView(PUBLISHED_TABLE)


def _figures_frame(session: Any, *, with_rows: bool) -> Any:
    """The published figures as a Spark frame of their own schema. Not through pandas: a
    missing text becomes NaN there, and Spark then reads the string 'NaN' (a figure
    'published NaN' and filters on nulls that no longer match; the monitor's series differed)."""
    figures = shipped_figures()
    rows = figures.to_pylist() if with_rows else []
    return session.createDataFrame(rows, schema=_spark_schema(figures.schema))


def _spark_schema(schema: Any) -> Any:
    from pyspark.sql import types as T

    kinds = {
        "string": T.StringType(),
        "double": T.DoubleType(),
        "bool": T.BooleanType(),
        "date32[day]": T.DateType(),
    }
    return T.StructType([T.StructField(f.name, kinds[str(f.type)], True) for f in schema])


def _version_info(session: Any, base: str) -> dict[str, Any]:
    try:
        text = "\n".join(r.value for r in session.read.text(f"{base}/version.json").collect())
    except Exception as exc:
        raise StoreError(
            f"no version export under {base}: run `oresight store export-parquet {base}` first"
        ) from exc
    return dict(json.loads(text))
