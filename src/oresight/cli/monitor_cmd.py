"""CLI of the monitor pillar: ``oresight monitor`` and ``oresight brief``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

FROM_HELP = "first period, YYYY or YYYY-MM"
TO_HELP = "last period, YYYY or YYYY-MM"


def _store_with_snapshot() -> Any:
    """Open the store (read-only); its published figures are the shipped snapshot."""
    from oresight.ingest.published_store import open_with_published

    store, loaded = open_with_published()
    if not store.version:  # say where the figures come from when no flows were ingested
        typer.echo(
            "the store has no ingested flows: figures come from the embedded snapshot of "
            f"published figures ({loaded.rows} rows)",
            err=True,
        )
    return store


def monitor(
    country: Annotated[str, typer.Argument(help="exporting country (ISO3, e.g. PRK)")],
    partner: Annotated[
        str | None, typer.Option(help="importing partner ISO3, or 'all' for one series each")
    ] = None,
    group: Annotated[str, typer.Option(help="commodity group key (groups.yaml) or 'all'")] = "all",
    freq: Annotated[str, typer.Option(help="M, Q, H or Y")] = "M",
    start: Annotated[str | None, typer.Option("--from", help=FROM_HELP)] = None,
    end: Annotated[str | None, typer.Option("--to", help=TO_HELP)] = None,
    cif_fob: Annotated[
        float | None, typer.Option("--cif-fob", help="multiply CIF values by this factor")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON document on stdout")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="the series table as CSV")] = False,
) -> None:
    """A country's exports per period and commodity group, with events (mirror data plus
    published figures)."""
    from oresight.monitor import exports

    store = _store_with_snapshot()
    result = exports(
        country,
        partner=partner,
        group=group,
        freq=freq,
        start=start,
        end=end,
        store=store,
        cif_fob=cif_fob,
    )
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
        return
    if as_csv:
        typer.echo(result.to_csv(), nl=False)
        return
    _print_human(result)


def _print_human(result: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"Exports of {result.country} ({result.freq})")
    for col in ("period", "group", "partner", "source", "USD", "yoy %", "citation"):
        table.add_column(col, justify="right" if col in ("USD", "yoy %") else "left")
    for r in result.rows():
        value = r.get("value_usd")
        yoy = r.get("yoy_pct")
        table.add_row(
            str(r["period"]),
            str(r["group"]),
            str(r["partner"]),
            str(r["source"]),
            f"{value:,.0f}" if value is not None else "",
            f"{yoy:+.1f}" if yoy is not None else "",
            str(r.get("citation") or "")[:60],
        )
    console.print(table)
    console.print(f"{len(result.events)} events")
    for event in result.events[-20:]:
        console.print(f"  {event.period} {event.kind}: {event.reason}")
    for note in result.notes:
        console.print(f"note: {note}")


def brief(
    country: Annotated[str, typer.Argument(help="exporting country (ISO3, e.g. PRK)")],
    out: Annotated[Path | None, typer.Option(help="HTML file to write")] = None,
    pdf: Annotated[Path | None, typer.Option(help="also print a PDF (headless Chromium)")] = None,
) -> None:
    """Write the country brief: headline figures, charts with the sanctions timeline, events,
    latest changes, coverage and every source; self-contained HTML (and PDF)."""
    from oresight.monitor.brief import build
    from oresight.report.brief import render
    from oresight.report.pdf import html_to_pdf

    store = _store_with_snapshot()
    data = build(country, store=store)
    target = out or Path(f"brief-{data.country}.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(data), encoding="utf-8")
    typer.echo(data.summary())
    typer.echo(f"brief: {target}")
    if pdf is not None:
        printable = pdf.with_suffix(".print.html")
        printable.parent.mkdir(parents=True, exist_ok=True)
        printable.write_text(render(data, static=True), encoding="utf-8")
        try:
            html_to_pdf(printable, pdf)
        finally:
            printable.unlink(missing_ok=True)
        typer.echo(f"pdf: {pdf}")


def register(app: typer.Typer) -> None:
    """Add ``monitor`` and ``brief`` to the main app."""
    app.command("monitor")(monitor)
    app.command("brief")(brief)
