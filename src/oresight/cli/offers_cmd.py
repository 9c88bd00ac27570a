"""CLI commands of the offers pillar: ``oresight offer check``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

offer_app = typer.Typer(help="Offer due diligence: from a proposed deal to a dossier.")


@offer_app.command("check")
def check(
    offer: Annotated[Path, typer.Argument(help="offer file (YAML or JSON)")],
    as_json: Annotated[bool, typer.Option("--json", help="print the assessment as JSON")] = False,
    html: Annotated[Path | None, typer.Option("--html", help="write the dossier as HTML")] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="print the dossier to PDF")] = None,
    price: Annotated[
        list[str] | None,
        typer.Option(
            "--price",
            help="benchmark price COMMODITY=AMOUNT/UNIT[@YYYY-MM-DD] in USD, e.g. "
            "palladium=1050/ozt@2026-01-15 (repeatable); takes precedence over the tables",
        ),
    ] = None,
    price_source: Annotated[
        str, typer.Option("--price-source", help="label of the --price benchmark (e.g. LBMA)")
    ] = "user benchmark (command line)",
) -> None:
    """Assess an offer: conclusion, legality, counterparties, plausibility, valuation, assay."""
    from oresight.offers import assess, load_offer
    from oresight.offers.prices import parse_price, with_prices

    benchmarks = [parse_price(p, source=price_source) for p in price or []]
    result = assess(with_prices(load_offer(offer), benchmarks)).to_dict()
    if html or pdf:
        from oresight.report.dossier import write_dossier

        write_dossier(result, html, pdf)
    if as_json:
        typer.echo(json.dumps(result, indent=2, default=str))
        return
    conclusion = result["conclusion"]
    typer.echo(f"offer {result['offer_id']}: {conclusion['status'].upper()}")
    typer.echo(f"  {conclusion['summary']}")
    for step in conclusion["next_steps"]:
        typer.echo(f"  next: {step['step']}")
    typer.echo(f"risk {result['risk']['level'].upper()}")
    for reason in result["risk"]["reasons"]:
        typer.echo(f"  - {reason}")
    for p in result["plausibility"]:
        lo, hi = p["annual_tonnes"]
        typer.echo(f"  {p['commodity']}: {lo:,.1f}-{hi:,.1f} t/yr -> {p['verdict']}")
    for v in result["valuation"]:
        if v.get("value_per_year_usd"):
            lo, hi = v["value_per_year_usd"]
            typer.echo(f"  {v['commodity']}: USD {lo / 1e6:,.0f}-{hi / 1e6:,.0f} million per year")
    for path in (html, pdf):
        if path:
            typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add ``oresight offer ...`` to the main app."""
    app.add_typer(offer_app, name="offer")
