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
) -> None:
    """Assess an offer: legality, counterparties, plausibility, valuation, assay and risk."""
    from oresight.offers import assess

    result = assess(offer).to_dict()
    if html or pdf:
        from oresight.report.dossier import write_dossier

        write_dossier(result, html, pdf)
    if as_json:
        typer.echo(json.dumps(result, indent=2, default=str))
        return
    typer.echo(f"offer {result['offer_id']}: risk {result['risk']['level'].upper()}")
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
