"""``oresight watch add|list|remove|run|serve``: saved selections refetched and diffed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

watch_app = typer.Typer(
    name="watch",
    help="Watch Comtrade selections: refetch what is new or revised, alert on what changed.",
    no_args_is_help=True,
)

JsonOut = Annotated[bool, typer.Option("--json", help="one JSON document on stdout")]


@watch_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="a short name: letters, digits, - _ .")],
    reporter: Annotated[str, typer.Option(help="reporting country, ISO3 (e.g. CHN)")],
    partner: Annotated[str, typer.Option(help="partner country, ISO3 (e.g. PRK)")],
    years: Annotated[str, typer.Option(help="years: 2017-2026, 2015 or 2013,2016-2017")],
    hs: Annotated[str | None, typer.Option(help="HS codes, comma-separated")] = None,
    group: Annotated[str | None, typer.Option(help="a commodity group key (groups.yaml)")] = None,
    freq: Annotated[str, typer.Option(help="M (monthly) or A (annual)")] = "M",
    flow: Annotated[str, typer.Option(help="flow as reported: M, X, RM, RX")] = "M",
    replace: Annotated[
        bool, typer.Option("--replace", help="overwrite a watch of that name")
    ] = False,
) -> None:
    """Save a watch in $ORESIGHT_HOME/watches.yaml (validated; you may edit the file)."""
    from oresight.watch.watchfile import add_watch

    watch = _build(name, reporter, partner, years, hs, group, freq, flow)
    path = add_watch(watch, replace=replace)
    typer.echo(f"watch {watch.name}: {_describe(watch)} (saved in {path})")


def _build(
    name: str,
    reporter: str,
    partner: str,
    years: str,
    hs: str | None,
    group: str | None,
    freq: str,
    flow: str,
) -> Any:
    from pydantic import ValidationError

    from oresight.errors import InputError
    from oresight.watch.model import Watch

    codes = tuple(code.strip() for code in (hs or "").split(",") if code.strip())
    try:
        return Watch(
            name=name,
            reporter=reporter,
            partner=partner,
            years=years,
            hs=codes,
            group=group,
            freq=freq,
            flow=flow,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "watch"
        raise InputError(error["msg"].removeprefix("Value error, "), field=field) from exc


def _describe(watch: Any) -> str:
    what = (
        f"HS {','.join(watch.hs)}"
        if watch.hs
        else f"group {watch.group}"
        if watch.group
        else "all HS6"
    )
    return f"{watch.reporter} <- {watch.partner}, {what}, {watch.freq}, {watch.years}"


@watch_app.command("list")
def list_(as_json: JsonOut = False) -> None:
    """The saved watches, with how far each has got."""
    from oresight.watch.state import State
    from oresight.watch.watchfile import load_watches

    watches = load_watches()
    state = State.load()
    rows = [
        watch.model_dump(mode="json") | _progress(state, watch.name) for watch in watches.values()
    ]
    if as_json:
        typer.echo(json.dumps({"watches": rows}, indent=2))
        return
    if not rows:
        typer.echo("no watches (add one with `oresight watch add NAME --reporter ...`)")
    for watch in watches.values():
        progress = _progress(state, watch.name)
        seen = f"store v{progress['version']}" if progress["version"] is not None else "not run yet"
        typer.echo(f"{watch.name}: {_describe(watch)}; {seen}")


def _progress(state: Any, name: str) -> dict[str, Any]:
    mine = state.watches.get(name)
    return {
        "version": mine.version if mine else None,
        "last_run": mine.last_run if mine else None,
        "periods_seen": len(mine.releases) if mine else 0,
    }


@watch_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="the watch to remove")]) -> None:
    """Remove a watch (its alerts stay in the outbox and the feed)."""
    from oresight.watch.watchfile import remove_watch

    remove_watch(name)
    typer.echo(f"removed watch {name}")


Webhook = Annotated[
    str | None, typer.Option(help="POST each alert as JSON to this URL (retried, with a timeout)")
]
Feed = Annotated[Path | None, typer.Option(help="write the latest alerts to this Atom file")]
Only = Annotated[list[str] | None, typer.Option("--watch", help="only this watch (repeatable)")]
MinInterval = Annotated[float, typer.Option(help="seconds between two Comtrade requests")]


@watch_app.command("run")
def run_cmd(
    once: Annotated[
        bool, typer.Option("--once", help="run once and exit (always so; `serve` repeats)")
    ] = False,
    as_json: JsonOut = False,
    webhook: Webhook = None,
    feed: Feed = None,
    only: Only = None,
    min_interval: MinInterval = 1.0,
) -> None:
    """Run every watch once: fetch what is new or revised, land it, alert on the difference.

    Exit 0 when everything went, 1 when a watch or a sink failed (its work is kept for the
    next run), 2 on bad input or when another run holds the lock."""
    report = _run(webhook, feed, only, min_interval, progress=not as_json)
    _print(report, as_json)
    if not report.ok:
        raise typer.Exit(1)


@watch_app.command("serve")
def serve_cmd(
    every: Annotated[str, typer.Option(help="interval: 1d, 6h, 30m ...")] = "1d",
    webhook: Webhook = None,
    feed: Feed = None,
    only: Only = None,
    min_interval: MinInterval = 1.0,
    max_runs: Annotated[int | None, typer.Option(help="stop after this many runs")] = None,
) -> None:
    """Run the watches now and then on an interval (a run never overlaps another)."""
    from oresight.watch.run import WatchBusy
    from oresight.watch.schedule import parse_every, serve

    seconds = parse_every(every)

    def job() -> None:
        try:
            report = _run(webhook, feed, only, min_interval, progress=False)
        except WatchBusy as exc:
            typer.echo(f"skipped: {exc}", err=True)
            return
        _print(report, as_json=False)

    typer.echo(f"watching every {every} (Ctrl-C stops)", err=True)
    serve(job, seconds, max_runs=max_runs)


def _run(
    webhook: str | None,
    feed: Path | None,
    only: list[str] | None,
    min_interval: float,
    *,
    progress: bool,
) -> Any:
    from oresight.ingest.comtrade_http import RetryPolicy
    from oresight.settings import get_settings
    from oresight.watch.run import RunOptions, run
    from oresight.watch.sinks import EmailSink, FeedSink, Sink, WebhookSink

    sinks: list[Sink] = []
    if feed is not None:
        sinks.append(FeedSink(feed))
    if webhook:
        sinks.append(WebhookSink(webhook))
    email = EmailSink.from_settings(get_settings())
    if email is not None:
        sinks.append(email)
    options = RunOptions(
        sinks=sinks,
        names=tuple(only or ()),
        policy=RetryPolicy(min_interval=min_interval),
        on_progress=(lambda line: typer.echo(line, err=True)) if progress else None,
    )
    return run(options)


def _print(report: Any, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        for item in report.watches:
            typer.echo(item.line())
            for note in item.notes:
                typer.echo(f"  note: {note}")
        for entry in report.stdout:
            typer.echo(f"ALERT {entry.alert.kind}: {entry.alert.reason}")
        for sink, count in report.delivered.items():
            typer.echo(f"sent {count} alerts to {sink}")
        for sink, error in report.failed.items():
            typer.echo(
                f"sink {sink} failed, its alerts are kept for the next run: {error}", err=True
            )
        for sink, count in report.waiting.items():
            typer.echo(
                f"{count} alerts wait for sink {sink} (not configured in this run)", err=True
            )
    sys.stdout.flush()
    report.confirm_stdout()


def register(app: typer.Typer) -> None:
    """Add ``oresight watch ...`` to the main app."""
    app.add_typer(watch_app, name="watch")
