"""CLI of the rules pillar: ``oresight rules check | list | timeline``.

Thin: parses arguments, calls :mod:`oresight.rules`, prints a Rich table or one JSON document.
Unverified provisions are always flagged in both outputs.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from oresight import rules
from oresight.reference.countries import to_iso3
from oresight.rules.table import goods_targets
from oresight.settings import country_or_default

app = typer.Typer(
    help="Sanctions measures on a country's goods (first case: DPRK): check, list, timeline."
)

_STATUS_STYLE = {
    "prohibited": "bold red",
    "conditional": "yellow",
    "capped": "yellow",
    "secondary_risk": "magenta",
    "allowed": "green",
}

Regime = Annotated[str, typer.Option("--regime", help="UN, EU, US, JP, KR, UK or all")]
AsJson = Annotated[bool, typer.Option("--json", help="print one JSON document")]


def _flag(verified: bool, verification: str = "unverified") -> str:
    return "verified" if verified else verification.replace("_", " ").upper()


def _print_json(doc: Any) -> None:
    typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))


@app.command("check")
def check_cmd(
    origin: Annotated[str, typer.Option("--origin", help="origin country (ISO3/ISO2/M49)")],
    hs: Annotated[str, typer.Option("--hs", help="HS code, 2-10 digits, any edition")],
    on: Annotated[str, typer.Option("--date", help="YYYY-MM-DD")],
    regime: Regime = "all",
    shipped_from: Annotated[
        str | None, typer.Option("--shipped-from", help="where the goods were loaded/sold")
    ] = None,
    importer: Annotated[
        str | None,
        typer.Option(
            "--importer",
            help="buyer's country: regimes not binding it count only their secondary measures",
        ),
    ] = None,
    quantity: Annotated[float | None, typer.Option(help="tonnes (for caps)")] = None,
    value: Annotated[float | None, typer.Option(help="USD (for caps)")] = None,
    as_json: AsJson = False,
) -> None:
    """Was importing this commodity prohibited, conditional, capped or allowed on DATE?"""
    result = rules.check(
        origin, hs, on, regime=regime, quantity=quantity, value=value,
        shipped_from=shipped_from, importer=importer,
    )  # fmt: skip
    if as_json:
        _print_json(result.to_dict())
        return
    table = Table(title=f"{result.origin} HS {result.hs_code} on {result.date}", show_lines=True)
    for col in ("regime", "status", "deciding provisions", "explanation"):
        table.add_column(col, overflow="fold")
    for v in result.verdicts:
        cited = "\n".join(
            f"{r.measure.label} ({_flag(r.measure.verified, r.measure.verification)})"
            for r in v.measures
            if r.status == v.status
        )
        style = _STATUS_STYLE[v.status]
        table.add_row(v.regime, f"[{style}]{v.status}[/]", cited or "-", v.explanation)
    Console().print(table)


@app.command("list")
def list_cmd(
    regime: Regime = "all",
    on: Annotated[str | None, typer.Option("--on", help="only measures in force on DATE")] = None,
    as_json: AsJson = False,
) -> None:
    """List the measures of a regime, optionally those in force on a date."""
    measures = rules.list_measures(regime, on)
    if as_json:
        _print_json([m.model_dump(mode="json") | {"verified": m.verified} for m in measures])
        return
    table = Table(title=f"{len(measures)} measures")
    for col in ("id", "regime", "provision", "from", "kind", "commodity", "HS", "check"):
        table.add_column(col, overflow="fold")
    for m in measures:
        hs = (";".join(m.hs)[:40] or "none") + f" ({m.hs_source})"
        table.add_row(
            m.id, m.regime, m.label, str(m.effective_from), m.kind, m.commodity[:60], hs,
            _flag(m.verified, m.verification),
        )  # fmt: skip
    Console().print(table)


@app.command("timeline")
def timeline_cmd(
    hs: Annotated[str, typer.Option("--hs", help="HS code, 2-10 digits")],
    regime: Regime = "all",
    origin: Annotated[
        str | None, typer.Option(help="origin country, ISO3 (default ORESIGHT_DEFAULT_COUNTRY)")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """When each regime restricted this commodity (goods of the default country unless
    --origin names another)."""
    origin = to_iso3(country_or_default(origin))
    spans = rules.timeline(hs, regime, origin=origin)
    if as_json:
        _print_json([s.to_dict() for s in spans])
        return
    if not spans:
        targets = ", ".join(goods_targets(rules.load_rules()))
        Console().print(
            f"No regime restricted HS {hs} goods of {origin} origin "
            f"(the rule set's measures target {targets})."
        )
        return
    table = Table(title=f"HS {hs}: restrictions on {origin}-origin goods")
    for col in ("regime", "from", "to", "status", "provision", "check"):
        table.add_column(col, overflow="fold")
    for s in spans:
        style = _STATUS_STYLE[s.status]
        measure = rules.load_rules().by_id(s.measure_id)
        table.add_row(
            s.regime, str(s.start), str(s.end or "in force"), f"[{style}]{s.status}[/]",
            measure.label, _flag(s.verified, measure.verification),
        )  # fmt: skip
    Console().print(table)


def register(main: typer.Typer) -> None:
    """Add ``oresight rules ...`` to the main app."""
    main.add_typer(app, name="rules")
