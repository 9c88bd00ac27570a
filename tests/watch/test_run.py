"""``watch run`` end to end: a local UN Comtrade that releases a month and revises a value
between runs, the real versioned store, a real webhook server and a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from comtrade_fake import FakeComtrade, serve
from servers import Hook, Mailbox, smtp_server, webhook

from oresight.ingest.comtrade_http import RetryPolicy
from oresight.store import Store
from oresight.watch import RunOptions, Watch, run
from oresight.watch.sinks import EmailSink, FeedSink, WebhookSink
from oresight.watch.state import State
from oresight.watch.watchfile import add_watch

FAST = RetryPolicy(max_tries=2, backoff_base=0.001, backoff_max=0.01, min_interval=0.0)
COAL = "270112"


@pytest.fixture()
def world(
    oresight_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[FakeComtrade, Hook, Mailbox]]:
    with serve() as fake, webhook() as hook, smtp_server() as box:
        monkeypatch.setenv("ORESIGHT_COMTRADE_URL", fake.url)
        fake.release("202401", {COAL: 100.0})
        fake.release("202402", {COAL: 200.0})
        add_watch(Watch(name="coal", reporter="CHN", partner="PRK", hs=(COAL,), years="2024"))
        yield fake, hook, box


def options(hook: Hook, box: Mailbox, home: Path) -> RunOptions:
    sinks = [
        WebhookSink(hook.url, tries=2, sleep=lambda s: None),
        EmailSink("127.0.0.1", box.port, "oresight@test", ("analyst@test",)),
        FeedSink(home / "alerts.atom"),
    ]
    return RunOptions(sinks=sinks, policy=FAST)


def current_values() -> dict[str, float]:
    flows = Store.open().flows.to_pyarrow().to_pylist()
    return {row["period"]: row["value_usd"] for row in flows}


def test_first_run_lands_second_alerts_on_the_new_month_and_the_revision_third_nothing(
    world: tuple[FakeComtrade, Hook, Mailbox], oresight_home: Path
) -> None:
    fake, hook, box = world
    first = run(options(hook, box, oresight_home))
    assert first.ok, first.to_dict()
    assert first.watches[0].mode == "baseline" and first.new_alerts == []
    assert current_values() == {"2024-01": 100.0, "2024-02": 200.0}
    assert hook.posts == [] and box.messages == []

    fake.release("202403", {COAL: 300.0})  # a new month
    fake.release("202401", {COAL: 120.0})  # and a revision
    fake.log.clear()
    second = run(options(hook, box, oresight_home))
    assert second.ok, second.to_dict()
    # only the periods the availability API reports as new or updated were fetched
    assert [p["period"] for p in fake.requests("data")] == ["202401,202403"]
    flows = [a for a in second.new_alerts if a.kind != "new_event"]
    assert sorted((a.kind, a.period) for a in flows) == [
        ("new_flows", "2024-03"),
        ("revised_flow", "2024-01"),
    ]
    revised = next(a for a in flows if a.kind == "revised_flow")
    assert (revised.detail["old_value"], revised.detail["new_value"]) == (100.0, 120.0)
    assert "from USD 100 to USD 120" in revised.reason
    assert all(ref.batch_id and ref.source_record for ref in revised.flows)
    # the monitor's events new in this version: only those of the new month (2024-01's
    # events exist in both versions, with another value: the same events, no alert)
    events = [a for a in second.new_alerts if a.kind == "new_event"]
    assert events and {a.period for a in events} == {"2024-03"}
    added = next(a for a in flows if a.kind == "new_flows")
    assert added.detail["flows"][0]["value_usd"] == 300.0
    ids = {a.id for a in second.new_alerts}
    assert {entry.alert.id for entry in second.stdout} == ids  # what the CLI prints
    second.confirm_stdout()
    assert hook.distinct() == ids and len(hook.posts) == len(ids)  # each sent once
    (message,) = box.messages
    assert (
        "revised from USD 100 to USD 120"
        in message.get_payload()[0].get_payload(decode=True).decode()
    )
    assert all(a.id in (oresight_home / "alerts.atom").read_text() for a in second.new_alerts)

    fake.log.clear()
    third = run(options(hook, box, oresight_home))
    assert third.ok and third.new_alerts == [] and third.stdout == []
    assert fake.requests("data") == []  # nothing released: nothing fetched
    assert "nothing new" in third.watches[0].line()
    assert len(hook.posts) == len(ids) and len(box.messages) == 1


def test_without_the_availability_api_the_selection_is_refetched_past_the_cache(
    world: tuple[FakeComtrade, Hook, Mailbox], oresight_home: Path
) -> None:
    fake, hook, box = world
    fake.availability = False
    assert run(options(hook, box, oresight_home)).watches[0].mode == "baseline"
    fake.release("202401", {COAL: 150.0})
    fake.log.clear()
    second = run(options(hook, box, oresight_home))
    assert second.watches[0].mode == "fallback"
    assert fake.requests("data"), "the revised period must go out again, not come from the cache"
    assert [
        (a.kind, a.detail.get("new_value")) for a in second.new_alerts if a.kind != "new_event"
    ] == [("revised_flow", 150.0)]
    third = run(options(hook, box, oresight_home))
    assert third.new_alerts == []


def test_a_failing_sink_keeps_its_alerts_for_the_next_run(
    world: tuple[FakeComtrade, Hook, Mailbox], oresight_home: Path
) -> None:
    fake, hook, box = world
    run(options(hook, box, oresight_home))
    fake.release("202403", {COAL: 300.0})
    hook.fail = 100
    second = run(options(hook, box, oresight_home))
    assert not second.ok and "webhook" in second.failed
    assert hook.posts == [] and len(box.messages) == 1  # the other sinks got them
    pending = [e for e in State.load().outbox if "webhook" in e.pending()]
    assert pending and "HTTP 503" in pending[0].errors["webhook"]
    hook.fail = 0
    third = run(options(hook, box, oresight_home))
    assert third.ok and third.new_alerts == [] and third.delivered["webhook"] == len(pending)
    assert hook.distinct() == {e.alert.id for e in pending}
    assert len(box.messages) == 1  # email had them already: not sent twice


def test_cli_run_prints_each_alert_once_and_json_is_one_document(
    world: tuple[FakeComtrade, Hook, Mailbox], oresight_home: Path
) -> None:
    import json

    from typer.testing import CliRunner

    from oresight.cli import app

    fake, _, _ = world
    runner = CliRunner()
    first = runner.invoke(app, ["watch", "run", "--once", "--min-interval", "0"])
    assert first.exit_code == 0, first.output
    assert "coal: baseline at store v" in first.output and "ALERT" not in first.output
    fake.release("202403", {COAL: 300.0})
    second = runner.invoke(app, ["watch", "run", "--json", "--min-interval", "0"])
    assert second.exit_code == 0, second.output
    document = json.loads(second.stdout)
    kinds = {alert["kind"] for alert in document["alerts"]}
    assert "new_flows" in kinds and document["watches"][0]["mode"] == "availability"
    third = runner.invoke(app, ["watch", "run", "--min-interval", "0"])
    assert third.exit_code == 0 and "ALERT" not in third.output
    assert "coal: no period released or revised: nothing new, no alert" in third.output
