"""CLI commands of the screening pillar: ``oresight screen`` and ``oresight lists update``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from oresight.errors import InputError

lists_app = typer.Typer(help="Sanctions lists used by `oresight screen`.", no_args_is_help=True)


def _split_names_and_lists(
    names: list[str], lists: list[Path] | None
) -> tuple[str | None, list[Path] | None]:
    """The README writes ``--lists UN_DIR OFAC_DIR``: an option takes one value, so the second
    directory arrives as a positional word. With ``--lists`` given, positional words that
    are existing files or directories are more lists; what is left is the name."""
    if lists:
        extra = [Path(w) for w in names if Path(w).exists()]
        names = [w for w in names if not Path(w).exists()]
        lists = [*lists, *extra]
    if len(names) > 1:
        raise InputError(
            f"one NAME at a time (got {len(names)}: quote a name with spaces)", field="name"
        )
    return (names[0] if names else None), lists


def screen(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Name to screen (or use --file).", metavar="NAME"),
    ] = None,
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

    name, lists = _split_names_and_lists(names or [], lists)
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
        if m.matched_name != m.name:  # an alias matched: say whose ("ZINC" is LAZARUS GROUP)
            typer.echo(f"         matched alias: {m.matched_name}")
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
    force: Annotated[
        bool, typer.Option("--force", help="Accept a list that shrank beyond the allowed share")
    ] = False,
) -> None:
    """Download the current UN and OFAC lists (EU, UK, OpenSanctions with --source).

    A download replaces the current list only if it parses completely and has not shrunk
    beyond the allowed share (data/update_policy.yaml); otherwise the current list stays."""
    from oresight.screening.api import downloaded_lists_dir
    from oresight.screening.update import select, update_lists, with_mirrors

    target = dest or downloaded_lists_dir()
    chosen = with_mirrors(select(source), url or [])
    manifest = update_lists(target, chosen, timeout=timeout, force=force)
    for entry in manifest["files"]:
        parties = f", {entry['parties']} parties" if entry.get("parties") is not None else ""
        typer.echo(f"{entry['name']}: {entry['bytes']} bytes{parties} from {entry['url']}")
    typer.echo(f"wrote {target / 'manifest.json'}")


@lists_app.command("rollback")
def rollback(
    dest: Annotated[
        Path | None, typer.Option(help="Directory (default $ORESIGHT_HOME/lists)")
    ] = None,
) -> None:
    """Put back the lists in force before the last accepted `lists update`."""
    from oresight.screening.api import downloaded_lists_dir
    from oresight.screening.update import rollback as run_rollback

    target = dest or downloaded_lists_dir()
    manifest = run_rollback(target)
    for entry in manifest["files"]:
        typer.echo(f"{entry['name']}: {entry['file']} (downloaded {entry.get('downloaded_at')})")
    typer.echo(f"restored {target / 'manifest.json'}")


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
