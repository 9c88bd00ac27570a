"""`oresight store info|export-parquet` and `oresight flows`: reading the store back."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

store_app = typer.Typer(help="The trade store: summary and Parquet export.")

Backend = Annotated[
    str | None,
    typer.Option("--backend", help="duckdb (default) or spark (reads the Parquet export)"),
]
JsonOut = Annotated[bool, typer.Option("--json", help="one JSON document on stdout")]


def _open(backend: str | None) -> Any:
    from oresight.store import Store

    return Store.open(backend=backend)


@store_app.command("info")
def info(as_json: JsonOut = False, backend: Backend = None) -> None:
    """What the store holds: rows, sources, reporters, partners, periods, batches."""
    summary = _open(backend).info()
    if as_json:
        typer.echo(json.dumps(summary, default=str))
        return
    table = Table("", "", show_header=False)
    for key, value in summary.items():
        if isinstance(value, list):
            value = ", ".join(map(str, value[:30])) + (" ..." if len(value) > 30 else "")
        table.add_row(key, str(value))
    Console().print(table)


@store_app.command("export-parquet")
def export_parquet(directory: Annotated[Path, typer.Argument(help="target directory")]) -> None:
    """Write flows/batches/rejects as Parquet (what ``--backend spark`` reads)."""
    counts = _open("duckdb").export_parquet(directory)
    typer.echo(", ".join(f"{name}: {n} rows" for name, n in counts.items()) + f" -> {directory}")


def flows(
    reporter: Annotated[str | None, typer.Option(help="reporter ISO3, e.g. CHN")] = None,
    partner: Annotated[str | None, typer.Option(help="partner ISO3, e.g. PRK")] = None,
    hs: Annotated[str | None, typer.Option(help="HS prefix(es), comma-separated")] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="first period, YYYY or YYYY-MM")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="last period, YYYY or YYYY-MM")] = None,
    flow: Annotated[str | None, typer.Option(help="import, export, re-import, re-export")] = None,
    as_json: JsonOut = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV on stdout")] = False,
    backend: Backend = None,
) -> None:
    """Flows matching the filters (HS codes match as prefixes)."""
    store = _open(backend)
    result = store.query_flows(
        reporter=reporter, partner=partner, hs=hs, start=start, end=end, flow=flow
    ).to_pyarrow()
    if as_json:
        typer.echo(json.dumps(result.to_pylist(), default=str))
    elif as_csv:
        import pyarrow.csv as pacsv

        buffer = io.BytesIO()
        pacsv.write_csv(result, buffer)
        sys.stdout.write(buffer.getvalue().decode("utf-8"))
    else:
        _print_flows(result)


def _print_flows(result: Any) -> None:
    cols = [
        "period",
        "reporter_iso3",
        "partner_iso3",
        "flow",
        "hs_code",
        "value_usd",
        "value_basis",
        "net_weight_kg",
        "source_record",
    ]
    table = Table(*cols, title=f"{result.num_rows} flows")
    for row in result.select(cols).slice(0, 200).to_pylist():
        table.add_row(
            *(
                ""
                if row[c] is None
                else f"{row[c]:,.0f}"
                if isinstance(row[c], float)
                else str(row[c])
                for c in cols
            )
        )
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add ``oresight store ...`` and ``oresight flows`` to the main app."""
    app.add_typer(store_app, name="store")
    app.command("flows")(flows)
