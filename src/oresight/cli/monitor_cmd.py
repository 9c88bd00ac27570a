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
    by_hs6: Annotated[
        bool, typer.Option("--by-hs6", help="one series per HS6 code (of --group) instead")
    ] = False,
) -> None:
    """A country's exports per period and commodity group, with events (mirror data plus
    published figures). Analyst views: --by-hs6 (per-code series of a group), --partner all
    (partner breakdown; share_pct is each partner's share of the country's exports)."""
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
        by_hs6=by_hs6,
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
    as_json: Annotated[
        bool,
        typer.Option("--json", help="print the brief's content as JSON (no HTML unless --out)"),
    ] = False,
    csv_dir: Annotated[
        Path | None, typer.Option("--csv", help="write every chart's data as CSV in this folder")
    ] = None,
) -> None:
    """Write the country brief: headline figures, charts with the sanctions timeline, events,
    latest changes, coverage and every source; self-contained HTML (and PDF)."""
    from oresight.monitor.brief import build
    from oresight.report.brief import chart_data, render
    from oresight.report.pdf import html_to_pdf

    store = _store_with_snapshot()
    data = build(country, store=store)
    if csv_dir is not None:
        csv_dir.mkdir(parents=True, exist_ok=True)
        for name, text in chart_data(data).items():
            (csv_dir / name).write_text(text, encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(data.to_dict(), ensure_ascii=False, default=str))
        if out is None and pdf is None:
            return
    target = out or Path(f"brief-{data.country}.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(data), encoding="utf-8")
    if not as_json:
        typer.echo(data.summary())
    typer.echo(f"brief: {target}", err=as_json)
    if pdf is not None:
        printable = pdf.with_suffix(".print.html")
        printable.parent.mkdir(parents=True, exist_ok=True)
        printable.write_text(render(data, static=True), encoding="utf-8")
        try:
            html_to_pdf(printable, pdf)
        finally:
            printable.unlink(missing_ok=True)
        for name, text in chart_data(data).items():  # the charts' data beside the PDF
            (pdf.parent / name).write_text(text, encoding="utf-8")
        typer.echo(f"pdf: {pdf}")


def diversion(
    country: Annotated[str, typer.Argument(help="exporting country (ISO3, e.g. PRK)")],
    partner: Annotated[str, typer.Option(help="importing partner ISO3, or 'all'")] = "all",
    hs: Annotated[str | None, typer.Option(help="HS codes, comma-separated (e.g. 2701)")] = None,
    group: Annotated[str | None, typer.Option(help="commodity group key (groups.yaml)")] = None,
    around: Annotated[
        str | None, typer.Option(help="YYYY-MM: first month after the fall (else detected)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON document on stdout")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="the signals' before/after series as CSV")
    ] = False,
) -> None:
    """Where did the trade go? Diversion signals around collapses of a country's exports
    (unallocated partners, third countries beyond their trend, mirror gaps, unit values)."""
    from oresight.monitor import diversion as find

    result = find(
        country, partner=partner, hs=hs, group=group, around=around, store=_store_with_snapshot()
    )
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
        return
    if as_csv:
        typer.echo(result.to_csv(), nl=False)
        return
    _print_diversion(result)


def _print_diversion(result: Any) -> None:
    from rich.console import Console

    console = Console()
    for c in result.collapses:
        console.print(f"collapse: {c.explanation}", markup=False)
    for rank, s in enumerate(result.signals, 1):
        console.print(
            f"{rank}. [{s.kind}] {s.partner} <- {s.origin_name} ({s.origin}), HS {s.product}, "
            f"score {s.score:.2f}; {s.rows_total} rows behind it",
            markup=False,
        )
        console.print(f"   {s.explanation}", highlight=False, markup=False)
    for note in result.notes:
        console.print(f"note: {note}")
    console.print(result.caveat)


def register(app: typer.Typer) -> None:
    """Add ``monitor``, ``brief`` and ``diversion`` to the main app."""
    app.command("monitor")(monitor)
    app.command("brief")(brief)
    app.command("diversion")(diversion)
