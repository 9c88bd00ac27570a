"""``oresight fetch comtrade``: download from the live UN Comtrade API, then ingest.

Thin layer: parse options, call :class:`oresight.ingest.comtrade_api.ComtradeClient`, print what
happened (or one JSON document with ``--json``). Failures are typed errors that carry the URL.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from oresight.ingest import IngestResult
from oresight.ingest.comtrade_api import ComtradeClient, FetchResult, ingest_fetched
from oresight.ingest.comtrade_http import RetryPolicy
from oresight.ingest.comtrade_query import build_query
from oresight.settings import get_settings
from oresight.store import Store

fetch_app = typer.Typer(
    name="fetch",
    help="Download trade data from live sources into a cache directory, then ingest it.",
    no_args_is_help=True,
)


@fetch_app.command("comtrade")
def comtrade(
    reporter: Annotated[str, typer.Option(help="Reporting country, ISO3 (e.g. CHN).")],
    partner: Annotated[str, typer.Option(help="Partner country, ISO3 (e.g. PRK).")],
    years: Annotated[str, typer.Option(help="Years: 2013-2024, 2015 or 2013,2016-2017.")],
    freq: Annotated[str, typer.Option(help="A (annual) or M (monthly).")] = "M",
    hs: Annotated[
        str | None, typer.Option(help="HS codes, comma-separated (default: all HS6 codes).")
    ] = None,
    flow: Annotated[str, typer.Option(help="Flows as reported: M, X, RM, RX (comma list).")] = "M",
    out: Annotated[
        Path | None, typer.Option(help="Cache directory (default: $ORESIGHT_HOME/cache/comtrade).")
    ] = None,
    no_ingest: Annotated[bool, typer.Option("--no-ingest", help="Only download.")] = False,
    max_reject_share: Annotated[
        float, typer.Option(help="Ingest fails, landing nothing, above this share of rejects.")
    ] = 0.01,
    min_interval: Annotated[float, typer.Option(help="Seconds between two requests.")] = 1.0,
    max_tries: Annotated[int, typer.Option(help="Tries per request (429, 5xx, network).")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Fetch mirror trade from UN Comtrade (preview endpoint, or the full API with
    COMTRADE_API_KEY), resumably and cached, then land it in the store."""
    settings = get_settings()
    query = build_query(reporter, partner, years, freq=freq, hs=hs, flows=flow)
    client = ComtradeClient(
        cache_dir=out or settings.cache_dir / "comtrade",
        api_key=settings.comtrade_api_key,
        policy=RetryPolicy(max_tries=max_tries, min_interval=min_interval),
    )
    result = client.fetch(query, on_answer=lambda line: typer.echo(line, err=True))
    ingested: list[IngestResult] | None = None
    if not no_ingest:
        ingested = ingest_fetched(result, Store.open(), max_reject_share=max_reject_share)
    if as_json:
        document = {"fetch": result.to_dict(), "ingest": _plain(ingested)}
        typer.echo(json.dumps(document, indent=2, default=str))
    else:
        _print_summary(result, ingested)


def _plain(items: list[IngestResult] | None) -> list[dict[str, object]] | None:
    return None if items is None else [item.to_dict() for item in items]


def _print_summary(result: FetchResult, ingested: list[IngestResult] | None) -> None:
    typer.echo(
        f"fetched {result.rows} rows in {len(result.files)} files from {result.endpoint} "
        f"({result.requests} requests: {result.sent} sent over HTTP, {result.cached} from the "
        f"cache, {result.splits} split at the row limit)"
    )
    typer.echo(f"answers saved in {result.cache_dir} (manifest {result.manifest})")
    for message in result.empty_messages():
        typer.echo(message)
    if ingested is None:
        typer.echo("not ingested (--no-ingest)")
        return
    for item in ingested:
        typer.echo(_ingest_line(item))


def _ingest_line(item: IngestResult) -> str:
    """One line per ingested file."""
    repeat = " (already in the store)" if item.duplicate else ""
    return (
        f"ingested {Path(item.file).name}: {item.landed} rows landed, {item.rejected} rejected"
        f"{repeat}"
    )


def register(app: typer.Typer) -> None:
    """Add ``oresight fetch ...`` to the main app."""
    app.add_typer(fetch_app, name="fetch")
