"""The Spark backend: an Ibis PySpark connection over the store's Parquet export.

Local mode by default (``ORESIGHT_SPARK_MASTER``, ``local[2]``); a cluster URL and an object
store URL (``s3a://bucket/prefix``) work the same way.
"""

from __future__ import annotations

import ibis

from oresight.errors import StoreError

TABLES = ("flows", "batches", "rejects")


def open_spark(parquet_url: str, master: str) -> ibis.BaseBackend:
    """Connect Ibis to a Spark session and register ``<parquet_url>/<table>.parquet``."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # the optional extra
        raise StoreError("the Spark backend needs PySpark: pip install 'oresight[spark]'") from exc
    session = (
        SparkSession.builder.master(master)
        .appName("oresight")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    con = ibis.pyspark.connect(session)
    base = parquet_url.rstrip("/")
    for name in TABLES:
        try:
            con.read_parquet(f"{base}/{name}.parquet", table_name=name)
        except Exception as exc:  # Spark's AnalysisException: path missing
            raise StoreError(
                f"no {name}.parquet under {base}: run `oresight store export-parquet {base}` first"
            ) from exc
    return con
