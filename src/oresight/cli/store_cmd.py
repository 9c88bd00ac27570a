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

store_app = typer.Typer(
    help="The trade store: summary, versions and diffs, integrity, rejects, Parquet export."
)

Backend = Annotated[
    str | None,
    typer.Option("--backend", help="duckdb (default) or spark (reads the Parquet export)"),
]
JsonOut = Annotated[bool, typer.Option("--json", help="one JSON document on stdout")]


def _open(backend: str | None, *, allow_damaged: bool = False) -> Any:
    from oresight.store import Store

    return Store.open(backend=backend, allow_damaged=allow_damaged)


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
    """Write the current version for Spark: flows partitioned by reporter and year."""
    store = _open("duckdb")
    counts = store.export_parquet(directory)
    typer.echo(
        f"version {store.version}: "
        + ", ".join(f"{name}: {n} rows" for name, n in counts.items())
        + f" -> {directory}"
    )


@store_app.command("versions")
def versions(as_json: JsonOut = False) -> None:
    """Every version of the store: when, which batch, rows added, revised, removed."""
    rows = [v.to_dict() for v in _open("duckdb", allow_damaged=True).versions()]
    if as_json:
        typer.echo(json.dumps(rows))
        return
    cols = [
        "version",
        "created_at",
        "batch_id",
        "rows",
        "added",
        "revised",
        "removed",
        "unchanged",
        "repeated",
        "origin",
        "note",
    ]
    table = Table(*cols, title=f"{len(rows)} versions")
    for row in rows:
        origin = Path(row["origin"]).name if row["origin"] else ""
        table.add_row(*(str(row[c] if c != "origin" else origin) for c in cols))
    Console().print(table)


@store_app.command("diff")
def diff(
    old: Annotated[int, typer.Argument(help="the older version")],
    new: Annotated[int, typer.Argument(help="the newer version")],
    as_json: JsonOut = False,
) -> None:
    """The flows added, revised (old and new value) and removed between two versions."""
    result = _open("duckdb", allow_damaged=True).diff(old, new)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), default=str))
        return
    counts = result.counts()
    table = Table(
        "change",
        "period",
        "reporter",
        "partner",
        "flow",
        "hs",
        "old value",
        "new value",
        "record",
        title=f"version {old} -> {new}: {counts['added']} added, "
        f"{counts['revised']} revised, {counts['removed']} removed",
    )
    for change in result.changes[:500]:
        side = change.new or change.old or {}
        table.add_row(
            change.kind,
            str(change.key["period"]),
            str(side.get("reporter_iso3")),
            str(side.get("partner_iso3")),
            str(change.key["flow"]),
            str(change.key["hs_code"]),
            _money(change.old_value),
            _money(change.new_value),
            str(side.get("source_record")),
        )
    Console().print(table)


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


@store_app.command("verify")
def verify(as_json: JsonOut = False) -> None:
    """Check every file of the current version (present, size, checksum, rows); exit 1 if not."""
    report = _open("duckdb", allow_damaged=True).verify()
    if as_json:
        typer.echo(json.dumps(report.to_dict()))
    elif report.ok:
        typer.echo(f"version {report.version}: all {report.files} files present and intact")
    else:
        for problem in report.problems:
            typer.echo(f"damaged: {problem.describe()}")
        typer.echo(
            f"version {report.version}: {len(report.problems)} of {report.files} files damaged; "
            "re-ingest the named batches' files to repair them"
        )
    if not report.ok:
        raise typer.Exit(1)


@store_app.command("rejects")
def rejects(
    batch: Annotated[str | None, typer.Option("--batch", help="one batch id")] = None,
    as_json: JsonOut = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV on stdout")] = False,
) -> None:
    """Rows that were rejected at ingest: file, line, field, reason, raw value."""
    from oresight.errors import InputError

    store = _open("duckdb")
    table = store.rejects
    if batch:
        known = store.batches.filter(store.batches.batch_id == batch).count().execute()
        if not known:
            raise InputError(f"no batch {batch!r} in version {store.version}", field="batch")
        table = table.filter(table.batch_id == batch)
    result = table.order_by(["batch_id", "line"]).to_pyarrow()
    if as_json:
        typer.echo(json.dumps(result.to_pylist(), default=str))
    elif as_csv:
        import pyarrow.csv as pacsv

        buffer = io.BytesIO()
        pacsv.write_csv(result, buffer)
        sys.stdout.write(buffer.getvalue().decode("utf-8"))
    else:
        out = Table("batch", "file", "line", "field", "reason", title=f"{result.num_rows} rejects")
        for row in result.slice(0, 500).to_pylist():
            out.add_row(
                row["batch_id"],
                Path(row["file"]).name,
                str(row["line"]),
                str(row["field"]),
                row["reason"],
            )
        Console().print(out)


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
