"""The `oresight` command: a thin Typer layer over the pillars' public functions.

Each command group lives in its own module and adds itself to the app with ``register``;
no module here holds logic beyond parsing arguments and printing results.
"""

from __future__ import annotations

import sys

import typer

from oresight.cli import (
    api_cmd,
    fetch_cmd,
    ingest_cmd,
    monitor_cmd,
    offers_cmd,
    reference_cmd,
    rules_cmd,
    screening_cmd,
    store_cmd,
    watch_cmd,
)
from oresight.errors import OresightError

app = typer.Typer(
    name="oresight",
    help="Judge trade in minerals from a sanctioned country (first case: DPRK).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

for module in (
    store_cmd,
    ingest_cmd,
    fetch_cmd,
    rules_cmd,
    screening_cmd,
    monitor_cmd,
    offers_cmd,
    reference_cmd,
    api_cmd,
    watch_cmd,
):
    module.register(app)


@app.command()
def version() -> None:
    """Print oresight's version."""
    from oresight import __version__

    typer.echo(__version__)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app and turn oresight's typed errors into one clear line.

    Click (Typer's own copy of it) reports usage errors itself in standalone mode; anything
    oresight raises on purpose is an ``OresightError`` and becomes ``error: ...``, exit 2.
    """
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="oresight", standalone_mode=True)
    except OresightError as exc:
        typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
        sys.exit(2)
