"""Where alerts go: an Atom feed file, a webhook, email (stdout is the CLI's own report).

Every sink raises :class:`SinkError` when it could not deliver; the run then keeps the alerts due
to it in the outbox and retries them on the next run. Deliveries carry the alert's stable id
(webhook ``Idempotency-Key`` header, email ``Message-ID``, Atom entry id), so a receiver can
recognise an alert re-sent after a run was killed between sending it and recording that it was
sent: the one moment no local bookkeeping can cover.
"""

from __future__ import annotations

import json
import smtplib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Protocol

import httpx

from oresight.errors import OresightError
from oresight.ingest.http_cache import atomic_write
from oresight.settings import Settings
from oresight.watch.state import OutboxEntry


class SinkError(OresightError):
    """A sink could not deliver (after its retries)."""


class Sink(Protocol):
    name: str
    #: alerts per delivery: 1 sends (and records) alert by alert, None all due ones at once
    batch: int | None

    def send(self, entries: Sequence[OutboxEntry], history: Sequence[OutboxEntry]) -> None: ...


@dataclass
class FeedSink:
    """An Atom feed file of the latest alerts, rewritten whole (atomically) on each delivery."""

    path: Path
    limit: int = 200
    name: str = "feed"
    batch: int | None = None

    def send(self, entries: Sequence[OutboxEntry], history: Sequence[OutboxEntry]) -> None:
        from feedgen.feed import FeedGenerator

        feed = FeedGenerator()
        feed.id("urn:oresight:watch:alerts")
        feed.title("oresight watch alerts")
        feed.author({"name": "oresight"})
        feed.link(href=self.path.absolute().as_uri(), rel="self")
        feed.updated(formatdate(usegmt=True))
        shown = list(history)[-self.limit :]
        for entry in shown:  # feedgen puts the last added first
            item = feed.add_entry()
            item.id(f"urn:oresight:alert:{entry.alert.id}")
            item.title(entry.alert.reason)
            item.updated(entry.created_at)
            item.category(term=entry.alert.kind)
            item.content(json.dumps(entry.alert.to_dict(), indent=1, default=str), type="text")
        try:
            atomic_write(self.path, feed.atom_str(pretty=True))
        except OSError as exc:
            raise SinkError(f"cannot write the Atom feed {self.path}: {exc}") from exc


@dataclass
class WebhookSink:
    """A JSON POST per alert, retried with backoff on connection errors and 5xx/429."""

    url: str
    timeout: float = 10.0
    tries: int = 3
    backoff: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    name: str = "webhook"
    batch: int | None = 1
    transport: httpx.BaseTransport | None = field(default=None, repr=False)

    def send(self, entries: Sequence[OutboxEntry], history: Sequence[OutboxEntry]) -> None:
        with httpx.Client(timeout=self.timeout, transport=self.transport) as http:
            for entry in entries:
                self._post(http, entry)

    def _post(self, http: httpx.Client, entry: OutboxEntry) -> None:
        body = {"alert": entry.alert.to_dict(), "created_at": entry.created_at}
        headers = {"Idempotency-Key": entry.alert.id, "Content-Type": "application/json"}
        problem = ""
        for attempt in range(self.tries):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = http.post(
                    self.url, content=json.dumps(body, default=str), headers=headers
                )
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}: {exc}"
                continue
            if response.status_code < 300:
                return
            problem = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code != 429:
                break  # the receiver refuses it: retrying now will not help
        raise SinkError(f"webhook {self.url} did not take alert {entry.alert.id}: {problem}")


@dataclass
class EmailSink:
    """One message listing the due alerts, through SMTP (``ORESIGHT_SMTP_*``)."""

    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 30.0
    name: str = "email"
    batch: int | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> EmailSink | None:
        if not settings.smtp_host or not settings.smtp_to:
            return None
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender=settings.smtp_from,
            recipients=settings.smtp_to,
            user=settings.smtp_user,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
        )

    def message(self, entries: Sequence[OutboxEntry]) -> EmailMessage:
        message = EmailMessage()
        watches = sorted({entry.alert.watch for entry in entries})
        count = len(entries)
        message["Subject"] = f"oresight: {count} alert{'s' * (count != 1)} ({', '.join(watches)})"
        message["From"] = self.sender
        message["To"] = ", ".join(self.recipients)
        message["Date"] = formatdate(localtime=False, usegmt=True)
        ids = "-".join(entry.alert.id[:8] for entry in entries)[:200]
        message["Message-ID"] = f"<oresight-{ids}@oresight.watch>"
        lines = [f"- {entry.alert.reason} [{entry.alert.id}]" for entry in entries]
        message.set_content("\n".join(lines) + "\n")
        document = [entry.alert.to_dict() for entry in entries]
        message.add_attachment(
            json.dumps(document, indent=1, default=str).encode(),
            maintype="application",
            subtype="json",
            filename="alerts.json",
        )
        return message

    def send(self, entries: Sequence[OutboxEntry], history: Sequence[OutboxEntry]) -> None:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(self.message(entries))
        except (OSError, smtplib.SMTPException) as exc:
            raise SinkError(f"SMTP {self.host}:{self.port} did not take the alerts: {exc}") from exc
