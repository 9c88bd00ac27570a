"""CLI commands of the screening pillar: ``oresight screen`` and ``oresight lists update``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from oresight.errors import InputError

lists_app = typer.Typer(help="Sanctions lists used by `oresight screen`.", no_args_is_help=True)


def screen(
    name: Annotated[str | None, typer.Argument(help="Name to screen (or use --file).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="person, entity or vessel")] = None,
    country: Annotated[str | None, typer.Option(help="Country (ISO3/ISO2/name), e.g. PRK")] = None,
    birth_year: Annotated[int | None, typer.Option(help="Year of birth (persons)")] = None,
    threshold: Annotated[float | None, typer.Option(help="Match threshold in [0, 1]")] = None,
    limit: Annotated[int, typer.Option(help="Most matches shown per name")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout")] = False,
    file: Annotated[Path | None, typer.Option(help="CSV with a 'name' column (batch)")] = None,
    out: Annotated[Path | None, typer.Option(help="Batch results CSV")] = None,
    lists: Annotated[
        list[Path] | None, typer.Option("--lists", help="List files/dirs instead of the defaults")
    ] = None,
) -> None:
    """Screen a name (or a CSV of names) against sanctions lists, with explained matches."""
    from oresight.screening import DEFAULT_THRESHOLD, get_screener
    from oresight.screening import screen as run
    from oresight.screening.batch import screen_file

    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.0 <= cut <= 1.0:
        raise InputError("must be between 0 and 1", field="threshold")
    engine = get_screener(lists)
    if file is not None:
        if out is None:
            raise InputError("--file needs --out", field="out")
        if name is not None:  # the NAME would otherwise be silently left unscreened
            raise InputError("give a NAME or --file, not both", field="name")
        screened, hits = screen_file(
            file,
            out,
            threshold=cut,
            limit=limit,
            screener=engine,
            type=type,
            country=country,
            birth_year=birth_year,
        )
        typer.echo(f"screened {screened} names, {hits} with a match; wrote {out}")
        return
    if name is None:
        raise InputError("give a NAME or --file", field="name")
    result = run(
        name,
        type=type,
        country=country,
        birth_year=birth_year,
        threshold=cut,
        limit=limit,
        screener=engine,
    )
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{name!r} (read as '{result.normalised}') against {'; '.join(result.sources)}")
    typer.echo(f"threshold {cut}:")
    if not result.matches:
        typer.echo("  no candidates")
    for m in result.matches:
        flag = "MATCH" if m.match else "     "
        typer.echo(f"  {flag} {m.score:.2f}  {m.list} {m.reference}  {m.name} [{m.type}]")
        typer.echo(f"         {m.explanation}")


@lists_app.command("update")
def update(
    source: Annotated[
        list[str] | None, typer.Option(help="Source name from sources.yaml (repeatable)")
    ] = None,
    dest: Annotated[
        Path | None, typer.Option(help="Directory (default $ORESIGHT_HOME/lists)")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds per request")] = 60.0,
    url: Annotated[
        list[str] | None, typer.Option(help="NAME=URL: fetch a source from a mirror instead")
    ] = None,
) -> None:
    """Download the current UN and OFAC lists (OpenSanctions with --source opensanctions)."""
    from oresight.screening.api import downloaded_lists_dir
    from oresight.screening.update import select, update_lists, with_mirrors

    target = dest or downloaded_lists_dir()
    chosen = with_mirrors(select(source), url or [])
    manifest = update_lists(target, chosen, timeout=timeout)
    for entry in manifest["files"]:
        typer.echo(f"{entry['name']}: {entry['bytes']} bytes from {entry['url']}")
    typer.echo(f"wrote {target / 'manifest.json'}")


@lists_app.command("show")
def show(
    lists: Annotated[
        list[Path] | None, typer.Option("--lists", help="List files/dirs instead of the defaults")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout")] = False,
) -> None:
    """Which lists `screen` reads: files, parties and names per list."""
    from oresight.screening.api import describe_lists

    info = describe_lists(lists)
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    typer.echo("files: " + ", ".join(info["files"]))
    for source, count in info["parties"].items():
        typer.echo(f"  {source}: {count} parties")
    typer.echo(f"{info['names']} names indexed")
    if info.get("provenance"):
        typer.echo(f"snapshot: {json.dumps(info['provenance'], ensure_ascii=False)}")


def register(app: typer.Typer) -> None:
    """Add ``screen`` and the ``lists`` group to the main app."""
    app.command("screen")(screen)
    app.add_typer(lists_app, name="lists")
