"""The package's own JSON form of entities: the shipped DPRK snapshot and its rebuilds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from oresight.screening.errors import ListFormatError
from oresight.screening.model import Entity

SNAPSHOT = Path(__file__).resolve().parents[1] / "data" / "dprk_snapshot.json"


def load_snapshot(path: Path = SNAPSHOT) -> list[Entity]:
    """Read a snapshot written by :func:`write_snapshot`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Entity.from_dict(e) for e in data["entities"]]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ListFormatError(f"not an oresight screening snapshot: {exc}", file=str(path)) from exc


def snapshot_provenance(path: Path = SNAPSHOT) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return dict(data.get("provenance", {}))


def write_snapshot(entities: list[Entity], path: Path, provenance: dict[str, Any]) -> None:
    """Write entities with a provenance block (sources, filter, rebuild command)."""
    payload = {"provenance": provenance, "entities": [e.to_dict() for e in entities]}
    path.write_text(
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
