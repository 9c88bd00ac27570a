"""SQL text for DuckDB statements that cannot take bound parameters.

Ingest writes values into its SQL as literals (binding parameters or registering Arrow tables
makes DuckDB import pandas, a second of start-up per command), so quoting lives in one place.
"""

from __future__ import annotations

from pathlib import Path


def literal(value: str | Path | int | None) -> str:
    """A SQL literal: NULL, a number as is, anything else a string with quotes doubled."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"
