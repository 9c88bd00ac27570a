"""The watches file: ``$ORESIGHT_HOME/watches.yaml``, validated, editable by hand.

Why YAML in the home directory: a watch is configuration a user may write or correct in an
editor; every read validates the whole file and names the file, line and field of a mistake,
and every write goes through a temporary file and a rename, so a crash never leaves half a file.

Layout::

    watches:
      dprk-coal:
        reporter: CHN
        partner: PRK
        hs: ["2701"]
        freq: M
        years: 2017-2026
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from oresight.errors import InputError, OresightError
from oresight.ingest.http_cache import atomic_write
from oresight.settings import get_settings
from oresight.watch.model import Watch

FILE_NAME = "watches.yaml"


def watches_path(home: Path | None = None) -> Path:
    return (home or get_settings().home) / FILE_NAME


def load_watches(path: Path | None = None) -> dict[str, Watch]:
    """Every watch in the file (none when it does not exist), in file order."""
    path = path or watches_path()
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)
        lines = _lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"not valid YAML: {exc}", file=str(path), line=line) from exc
    if document is None:
        return {}
    if not isinstance(document, dict) or not isinstance(document.get("watches") or {}, dict):
        raise InputError("expected a mapping with a 'watches' mapping", file=str(path), line=1)
    watches = {}
    for name, spec in (document.get("watches") or {}).items():
        watches[str(name)] = _watch(str(name), spec, path, lines.get(str(name)))
    return watches


def _watch(name: str, spec: Any, path: Path, line: int | None) -> Watch:
    if not isinstance(spec, dict):
        raise InputError("each watch must be a mapping", file=str(path), line=line, field=name)
    try:
        return Watch(name=name, **_plain(spec))
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        field = f"{name}.{where}" if where else name  # a rule across fields names the watch
        raise InputError(message, file=str(path), line=line, field=field) from exc
    except OresightError as exc:  # an unknown country, HS code or group, from the reference
        raise InputError(str(exc), file=str(path), line=line, field=name) from exc


def _plain(spec: dict[str, Any]) -> dict[str, Any]:
    """YAML reads ``2701`` as a number and ``hs: 2701`` as a scalar: take both as typed."""
    out = {str(key): value for key, value in spec.items()}
    if "hs" in out:
        value = out["hs"]
        items = value if isinstance(value, list) else str(value).split(",")
        out["hs"] = tuple(str(item).strip() for item in items if str(item).strip())
    if "years" in out:
        out["years"] = str(out["years"])
    return out


def _lines(text: str) -> dict[str, int]:
    """Line (1-based) of each watch's name in the file, for error messages."""
    root = yaml.compose(text)
    if not isinstance(root, yaml.MappingNode):
        return {}
    for key, value in root.value:
        if key.value == "watches" and isinstance(value, yaml.MappingNode):
            return {node.value: node.start_mark.line + 1 for node, _ in value.value}
    return {}


def save_watches(watches: dict[str, Watch], path: Path | None = None) -> Path:
    """Write every watch (atomically); fields at their defaults are left out."""
    path = path or watches_path()
    document = {
        "watches": {
            name: watch.model_dump(exclude={"name"}, exclude_defaults=True, mode="json")
            for name, watch in watches.items()
        }
    }
    for spec in document["watches"].values():
        if "hs" in spec:
            spec["hs"] = list(spec["hs"])
    atomic_write(path, yaml.safe_dump(document, sort_keys=False).encode())
    return path


def add_watch(watch: Watch, *, replace: bool = False, path: Path | None = None) -> Path:
    watches = load_watches(path)
    if watch.name in watches and not replace:
        raise InputError(f"a watch called {watch.name!r} exists (remove it first)", field="name")
    watches[watch.name] = watch
    return save_watches(watches, path)


def remove_watch(name: str, *, path: Path | None = None) -> Watch:
    watches = load_watches(path)
    if name not in watches:
        known = ", ".join(watches) or "none"
        raise InputError(f"no watch called {name!r} (watches: {known})", field="name")
    removed = watches.pop(name)
    save_watches(watches, path)
    return removed
