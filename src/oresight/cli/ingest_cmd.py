"""`oresight ingest comtrade|baci FILE...`: land files in the store, one atomic batch per file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from oresight.errors import InputError, OresightError

if TYPE_CHECKING:
    from oresight.ingest.batch import IngestResult, Kind

ingest_app = typer.Typer(help="Load trade files into the store (one atomic batch per file).")

Files = Annotated[list[Path], typer.Argument(help="files to ingest", show_default=False)]
MaxShare = Annotated[
    float,
    typer.Option("--max-reject-share", help="fail (and land nothing) above this rejected share"),
]
JsonOut = Annotated[bool, typer.Option("--json", help="print the results as one JSON document")]
Progress = Annotated[
    bool, typer.Option("--progress/--no-progress", help="progress bar on big files")
]
Wait = Annotated[
    float,
    typer.Option("--wait", help="seconds to wait for another writer to finish (then fail)"),
]


@ingest_app.command("comtrade")
def comtrade(
    files: Files,
    max_reject_share: MaxShare = 0.01,
    as_json: JsonOut = False,
    progress: Progress = True,
    wait: Wait = 60.0,
) -> None:
    """UN Comtrade API JSON responses and Comtrade CSV downloads (v1 or legacy headers)."""
    _run(
        files,
        kind="comtrade",
        hs_edition=None,
        share=max_reject_share,
        as_json=as_json,
        progress=progress,
        wait=wait,
    )


@ingest_app.command("baci")
def baci(
    files: Files,
    hs_edition: Annotated[
        str | None, typer.Option("--hs-edition", help="HS92 ... HS22 when not in the file name")
    ] = None,
    max_reject_share: MaxShare = 0.01,
    as_json: JsonOut = False,
    progress: Progress = True,
    wait: Wait = 60.0,
) -> None:
    """CEPII BACI yearly CSV (t,i,j,k,v,q), stored as the importer's imports (FOB values)."""
    _run(
        files,
        kind="baci",
        hs_edition=hs_edition,
        share=max_reject_share,
        as_json=as_json,
        progress=progress,
        wait=wait,
    )


def _run(
    files: list[Path],
    *,
    kind: Kind,
    hs_edition: str | None,
    share: float,
    as_json: bool,
    progress: bool,
    wait: float,
) -> None:
    from oresight.ingest import ingest_file
    from oresight.store import Store

    # a damaged version may be opened here: re-ingesting a lost batch's file repairs it
    store = Store.open(backend="duckdb", allow_damaged=True)
    results, failures = [], []
    for path in files:
        try:
            results.append(
                ingest_file(
                    store,
                    path,
                    kind=kind,
                    hs_edition=hs_edition,
                    max_reject_share=share,
                    progress=progress and not as_json,
                    wait=wait,
                )
            )
        except InputError as exc:
            failures.append(exc)
    if as_json:
        typer.echo(
            json.dumps(
                {"results": [r.to_dict() for r in results], "failed": [str(f) for f in failures]}
            )
        )
    elif results:  # an empty table above an error line only adds noise
        _print_table(results)
    if failures:
        if len(failures) == 1:
            raise failures[0]
        raise OresightError(
            f"{len(failures)} files failed: " + " | ".join(str(f) for f in failures)
        )


def _print_table(results: list[IngestResult]) -> None:
    from rich.console import Console  # not imported for --json
    from rich.table import Table

    table = Table("file", "source", "landed", "rejected", "skipped", "note")
    for r in results:
        notes = ["already in the store (same content)"] if r.duplicate else []
        if r.repaired:
            notes.append(f"repaired the store's lost files of batch {r.batch_id}")
        if r.version is not None and not r.repaired:
            notes.append(f"version {r.version}: {r.added} new, {r.revised} revised")
        if r.unchanged:
            notes.append(f"{r.unchanged} rows the store already holds with the same values")
        if r.repeated:
            notes.append(f"{r.repeated} rows repeated inside the file (counted once)")
        if not r.duplicate and r.version is None and not r.first_rejects:
            notes.append("nothing new: no version published")
        if r.first_rejects:
            first = r.first_rejects[0]
            notes.append(f"first reject: line {first['line']}, {first['field']}: {first['reason']}")
        row = (r.file, r.source, r.landed, r.rejected, r.skipped)
        table.add_row(Path(row[0]).name, *map(str, row[1:]), "; ".join(notes))
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add ``oresight ingest ...`` to the main app."""
    app.add_typer(ingest_app, name="ingest")
