"""The sinks against real receivers on loopback: a webhook server, aiosmtpd, an Atom file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from servers import smtp_server, webhook

from oresight.settings import Settings
from oresight.watch.model import Alert, FlowRef
from oresight.watch.sinks import EmailSink, FeedSink, SinkError, WebhookSink
from oresight.watch.state import OutboxEntry


def entry(n: int) -> OutboxEntry:
    alert = Alert(
        watch="coal",
        kind="revised_flow",
        reason=f"coal: 2024-0{n} HS 270112 revised from USD 100 to USD 120",
        period=f"2024-0{n}",
        flows=(FlowRef("b1", f"f:{n}", "old"), FlowRef("b2", f"g:{n}", "new")),
        versions=(1, 2),
        detail={"n": n},
    )
    return OutboxEntry(alert, "2026-12-01T00:00:00+00:00", ["webhook"])


def test_webhook_posts_each_alert_with_its_id_and_retries_a_5xx() -> None:
    with webhook() as hook:
        hook.fail = 2
        sink = WebhookSink(hook.url, tries=3, sleep=lambda s: None)
        sink.send([entry(1), entry(2)], [])
    assert hook.keys() == [entry(1).alert.id, entry(2).alert.id]
    _headers, body = hook.posts[0]
    assert body["alert"]["reason"].startswith("coal: 2024-01")
    assert body["alert"]["flows"][1]["batch_id"] == "b2"


def test_webhook_gives_up_after_its_tries_and_on_a_refusal_at_once() -> None:
    with webhook() as hook:
        hook.fail = 5
        with pytest.raises(SinkError, match="HTTP 503"):
            WebhookSink(hook.url, tries=3, sleep=lambda s: None).send([entry(1)], [])
        assert hook.fail == 2  # three tries went out
        hook.fail, hook.status = 5, 400
        with pytest.raises(SinkError, match="HTTP 400"):
            WebhookSink(hook.url, tries=3, sleep=lambda s: None).send([entry(1)], [])
        assert hook.fail == 4  # a 4xx is not retried


def test_webhook_timeout_is_a_sink_error() -> None:
    with webhook() as hook:
        hook.delay = 1.0
        with pytest.raises(SinkError, match="Timeout"):
            WebhookSink(hook.url, timeout=0.2, tries=1).send([entry(1)], [])


def test_email_goes_through_a_real_smtp_server() -> None:
    with smtp_server() as box:
        sink = EmailSink("127.0.0.1", box.port, "oresight@test", ("analyst@test",))
        sink.send([entry(1), entry(2)], [])
    (message,) = box.messages
    assert message["Subject"] == "oresight: 2 alerts (coal)"
    assert message["To"] == "analyst@test" and entry(1).alert.id[:8] in message["Message-ID"]
    text = message.get_payload()[0].get_payload(decode=True).decode()
    assert "revised from USD 100 to USD 120" in text and entry(2).alert.id in text


def test_email_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORESIGHT_SMTP_HOST", raising=False)
    monkeypatch.setenv("ORESIGHT_SMTP_TO", "a@x")
    assert EmailSink.from_settings(Settings()) is None  # no host: no email sink
    monkeypatch.setenv("ORESIGHT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ORESIGHT_SMTP_PORT", "2525")
    monkeypatch.setenv("ORESIGHT_SMTP_TO", "a@x, b@x")
    sink = EmailSink.from_settings(Settings())
    assert sink is not None and sink.port == 2525 and sink.recipients == ("a@x", "b@x")


def test_a_bad_smtp_port_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from oresight.errors import InputError

    monkeypatch.setenv("ORESIGHT_SMTP_PORT", "smtp")
    with pytest.raises(InputError, match="ORESIGHT_SMTP_PORT"):
        Settings()


def test_an_unreachable_smtp_server_is_a_sink_error() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SinkError, match="SMTP"):
        EmailSink("127.0.0.1", port, "a@x", ("b@x",), timeout=2).send([entry(1)], [])


def test_feed_is_valid_atom_with_one_entry_per_alert(tmp_path: Path) -> None:
    path = tmp_path / "alerts.atom"
    history = [entry(1), entry(2)]
    FeedSink(path).send(history[1:], history)
    root = ET.fromstring(path.read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    ids = [e.findtext("a:id", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert sorted(ids) == sorted(f"urn:oresight:alert:{e.alert.id}" for e in history)
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert any("2024-02" in (t or "") for t in titles)
