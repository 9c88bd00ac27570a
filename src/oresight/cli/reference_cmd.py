"""CLI commands of the commodity reference tables: ``oresight reference show ...``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

reference_app = typer.Typer(help="Commodity reference tables (production, reserves, prices).")

TABLES = ("production", "reserves", "prices", "signatures")


@reference_app.command("show")
def show(
    table: Annotated[str, typer.Argument(help="production, reserves, prices or signatures")],
    commodity: Annotated[str | None, typer.Argument(help="e.g. palladium")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO3 or WORLD")] = None,
    all_rows: Annotated[
        bool, typer.Option("--all", help="include rows superseded by a later edition")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print rows as JSON")] = False,
) -> None:
    """Print a reference table for a commodity, every row with its source and flags."""
    from rich.console import Console
    from rich.table import Table

    from oresight.errors import InputError
    from oresight.reference import commodities as ref

    if table not in TABLES:
        raise InputError(f"unknown table {table!r} (one of {', '.join(TABLES)})", field="table")
    if table == "signatures":
        rows = [s.to_dict() for s in ref.signatures()]
    elif commodity is None:
        raise InputError(f"name a commodity for the {table} table", field="commodity")
    else:
        key = commodity
        if commodity in ref.commodities():
            spec = ref.commodity(commodity)
            key = (spec.production_key if table == "production" else spec.price_key) or commodity
        if table == "production":
            found = ref.production(key, country, include_superseded=all_rows)
            rows = [f.to_dict() for f in sorted(found, key=lambda f: (f.period, f.country))]
        elif table == "reserves":
            rows = [f.to_dict() for f in ref.reserves(key, country)]
        else:
            rows = [p.to_dict() for p in ref.prices(key, include_superseded=all_rows)]
        if not rows:
            raise InputError(f"no {table} rows for {commodity!r}", field="commodity")
    if as_json:
        typer.echo(json.dumps(rows, indent=2, default=str))
        return
    cols = {
        "production": [
            "period",
            "country",
            "quantity",
            "unit",
            "tonnes",
            "basis",
            "flags",
            "source",
        ],
        "reserves": ["period", "country", "quantity", "unit", "flags", "source"],
        "prices": ["period", "price", "unit", "flags", "source"],
        "signatures": ["name", "country", "shares_pct", "source"],
    }[table]
    out = Table(title=f"{table} {commodity or ''}".strip(), show_lines=False)
    for c in cols:
        out.add_column(c, overflow="fold")
    for r in rows:
        out.add_row(*(_cell(r.get(c)) for c in cols))
    Console(width=200).print(out)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, float):
        return f"{value:,.6g}"
    return str(value)


def register(app: typer.Typer) -> None:
    """Add ``oresight reference ...`` to the main app."""
    app.add_typer(reference_app, name="reference")
