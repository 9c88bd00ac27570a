"""What a store version is and what changed between two versions (typed, crossing pillars).

``Store.versions()`` returns :class:`VersionInfo` rows; ``Store.diff(v1, v2)`` returns a
:class:`StoreDiff`. The watch (alerts), the CLI (``store versions``/``store diff``) and the API
read these types, never the catalogue files.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ChangeKind = Literal["added", "revised", "removed"]


@dataclass(frozen=True)
class VersionInfo:
    """One published version of the whole store."""

    version: int
    created_at: str  # ISO 8601, UTC
    batch_id: str | None  # the batch whose landing published it (None for a compaction)
    source: str | None
    origin: str | None  # file or URL of that batch
    rows: int  # current flows in this version
    added: int  # flows whose key is new in this version
    revised: int  # flows whose key existed with other values (the old row is superseded)
    removed: int  # flows whose key is no longer current
    unchanged: int  # rows of the batch that repeat a current flow exactly (landed nothing)
    repeated: int  # rows repeated inside the batch's own file (counted once)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FlowChange:
    """One flow that differs between two versions, identified by its key."""

    kind: ChangeKind
    key: dict[str, Any]  # the identity columns (see oresight.store.identity.KEY_COLUMNS)
    old: dict[str, Any] | None  # value columns + batch_id + source_record in the older version
    new: dict[str, Any] | None  # ... in the newer version

    @property
    def old_value(self) -> float | None:
        return None if self.old is None else self.old.get("value_usd")

    @property
    def new_value(self) -> float | None:
        return None if self.new is None else self.new.get("value_usd")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class StoreDiff:
    """The flows added, revised and removed from version ``old`` to version ``new``."""

    old: int
    new: int
    changes: list[FlowChange] = field(default_factory=list)

    def of_kind(self, kind: ChangeKind) -> list[FlowChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def added(self) -> list[FlowChange]:
        return self.of_kind("added")

    @property
    def revised(self) -> list[FlowChange]:
        return self.of_kind("revised")

    @property
    def removed(self) -> list[FlowChange]:
        return self.of_kind("removed")

    def counts(self) -> dict[str, int]:
        return {k: len(self.of_kind(k)) for k in ("added", "revised", "removed")}

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "counts": self.counts(),
            "changes": [c.to_dict() for c in self.changes],
        }
