"""The resumable record of one fetch: every planned request and how far it got.

The manifest is a JSON file in the cache directory, rewritten atomically after each request, so
an interrupted fetch can be rerun and will skip what is done. Statuses: ``pending`` (planned),
``done`` (rows saved), ``empty`` (the API has no data for it), ``split`` (it filled the row limit
and was replaced by its ``children``), ``failed`` (the last error, with its URL).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from oresight.ingest.comtrade_plan import RequestSpec
from oresight.ingest.http_cache import atomic_write

FINISHED = frozenset({"done", "empty", "split"})


@dataclass
class ManifestEntry:
    """One request of the plan, with its outcome."""

    key: str
    url: str
    spec: dict[str, list[str]]
    status: str = "pending"
    rows: int | None = None
    file: str | None = None
    error: str | None = None
    children: list[str] = field(default_factory=list)
    answered_at: float | None = None  # UNIX time of the answer (a refresh ignores older ones)

    def answered_before(self, when: float | None) -> bool:
        """Whether a refresh asking for answers after ``when`` must ask this request again."""
        return when is not None and (self.answered_at is None or self.answered_at < when)

    def request(self) -> RequestSpec:
        return RequestSpec(
            tuple(self.spec["periods"]), tuple(self.spec["hs_codes"]), tuple(self.spec["flows"])
        )


class Manifest:
    """Entries of one query's fetch, in plan order, saved at ``path``."""

    def __init__(self, path: Path, query: dict[str, Any]) -> None:
        self.path = path
        self.query = query
        self.entries: dict[str, ManifestEntry] = {}

    @classmethod
    def for_query(cls, root: Path, query: dict[str, Any], endpoint: str) -> Manifest:
        """Load the manifest of this query and endpoint from ``root``, or start a new one."""
        ident = json.dumps({"query": query, "endpoint": endpoint}, sort_keys=True)
        digest = hashlib.sha256(ident.encode()).hexdigest()[:12]
        manifest = cls(root / "manifests" / f"{digest}.json", query)
        if manifest.path.is_file():
            try:
                saved = json.loads(manifest.path.read_text(encoding="utf-8"))
                entries = [ManifestEntry(**item) for item in saved.get("requests", [])]
            except (ValueError, TypeError, AttributeError):
                # Unreadable (edited by hand, older layout): start afresh; the response cache
                # still spares every request that was answered.
                entries = []
            manifest.entries = {entry.key: entry for entry in entries}
        return manifest

    def add(self, key: str, url: str, spec: RequestSpec) -> ManifestEntry:
        """Record a planned request (keeping its outcome when a rerun plans it again)."""
        if key not in self.entries:
            self.entries[key] = ManifestEntry(key=key, url=url, spec=spec.to_dict())
        return self.entries[key]

    def pending(self) -> list[ManifestEntry]:
        return [e for e in self.entries.values() if e.status not in FINISHED]

    def save(self) -> None:
        document = {
            "query": self.query,
            "requests": [asdict(entry) for entry in self.entries.values()],
        }
        atomic_write(self.path, json.dumps(document, indent=1).encode())
