"""``oresight lists update`` and ``rollback``: download the current lists into
``$ORESIGHT_HOME/lists`` safely.

Every download goes into a new release directory (``releases/<time>``). It replaces the
current list only when each file parses completely, has at least ``min_parties`` parties,
and has not shrunk by more than ``max_shrink`` against the current list of the same source
(``data/update_policy.yaml``; ``force`` accepts a shrink). The switch is one atomic
``os.replace`` of ``manifest.json``, which names the file of every source; the manifest
before it is kept as ``manifest.previous.json`` for ``rollback``. A refused or failed update
leaves the current manifest, and so screening, untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from oresight.errors import InputError, OresightError
from oresight.screening.errors import ListDownloadError, ListFormatError
from oresight.screening.loaders import detect_format, load_path
from oresight.screening.vocab import read_data

MANIFEST = "manifest.json"
PREVIOUS = "manifest.previous.json"
RELEASES = "releases"


class ListUpdateRefused(OresightError):
    """A downloaded list that would replace the current one is refused (names why)."""


@dataclass(frozen=True)
class Source:
    """A downloadable list file."""

    name: str
    url: str
    file: str
    default: bool = True
    loads: bool = True


@dataclass(frozen=True)
class Policy:
    max_shrink: float
    min_parties: int
    keep_releases: int


def policy() -> Policy:
    data = read_data("update_policy.yaml")
    return Policy(
        max_shrink=float(data["max_shrink"]["value"]),
        min_parties=int(data["min_parties"]["value"]),
        keep_releases=int(data["keep_releases"]["value"]),
    )


def sources() -> dict[str, Source]:
    """The sources of ``data/sources.yaml``."""
    return {
        name: Source(
            name=name,
            url=spec["url"],
            file=spec["file"],
            default=bool(spec.get("default", True)),
            loads=bool(spec.get("loads", True)),
        )
        for name, spec in read_data("sources.yaml")["sources"].items()
    }


def select(names: list[str] | None) -> list[Source]:
    """The named sources (the defaults when none are named)."""
    known = sources()
    if not names:
        return [s for s in known.values() if s.default]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InputError(
            f"unknown source {unknown[0]!r}; known: {', '.join(known)}", field="source"
        )
    return [known[n] for n in names]


def with_mirrors(chosen: list[Source], mirrors: list[str]) -> list[Source]:
    """Replace the URL of named sources ("un=https://mirror/consolidated.xml")."""
    by_name = {s.name: s for s in chosen}
    for item in mirrors:
        name, sep, url = item.partition("=")
        if not sep or name not in by_name:
            raise InputError(
                f"--url needs NAME=URL with NAME one of {', '.join(by_name)}", field="url"
            )
        by_name[name] = replace(by_name[name], url=url)
    return list(by_name.values())


def _download(client: httpx.Client, source: Source, target: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    size = 0
    try:
        with client.stream("GET", source.url) as response:
            response.raise_for_status()
            with target.open("wb") as fh:
                for chunk in response.iter_bytes():
                    fh.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
    except httpx.HTTPStatusError as exc:
        raise ListDownloadError(source.url, f"HTTP {exc.response.status_code}") from exc
    except httpx.HTTPError as exc:
        raise ListDownloadError(source.url, f"{type(exc).__name__}: {exc}") from exc
    return {
        "name": source.name,
        "url": source.url,
        "bytes": size,
        "sha256": digest.hexdigest(),
        "loads": source.loads,
    }


def _parties(source: Source, path: Path) -> int:
    """Parse the whole file (not just its head): a truncated XML or CSV fails here."""
    try:
        detect_format(path)
        return len(load_path(path))
    except ListFormatError as exc:
        raise ListDownloadError(
            source.url, f"the download is not a list file, or not a complete one ({exc})"
        ) from exc
    except (ValueError, KeyError, IndexError, UnicodeDecodeError) as exc:
        raise ListDownloadError(
            source.url,
            f"the download is not a list file, or not a complete one ({type(exc).__name__}: {exc})",
        ) from exc


def _check_size(
    source: Source, count: int, current: int | None, rules: Policy, force: bool
) -> None:
    if count < rules.min_parties:
        raise ListUpdateRefused(
            f"{source.name}: the download from {source.url} has {count} parties; kept the "
            "current list"
        )
    if current and not force and count < (1 - rules.max_shrink) * current:
        shrink = 1 - count / current
        raise ListUpdateRefused(
            f"{source.name}: the download has {count} parties against {current} in the "
            f"current list ({shrink:.0%} fewer, more than the {rules.max_shrink:.0%} allowed); "
            "kept the current list (use --force to accept it)"
        )


def _current_parties(dest: Path, entry: dict[str, Any] | None) -> int | None:
    """Parties in the current list of a source (counted now if an older manifest lacks it)."""
    if entry is None:
        return None
    if entry.get("parties") is not None:
        return int(entry["parties"])
    path = dest / entry["file"]
    try:
        return len(load_path(path)) if path.is_file() and entry.get("loads", True) else None
    except ListFormatError:
        return None


def read_manifest(dest: Path, name: str = MANIFEST) -> dict[str, Any] | None:
    path = dest / name
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def update_lists(
    dest: Path,
    selected: list[Source] | None = None,
    timeout: float = 60.0,
    force: bool = False,
) -> dict[str, Any]:
    """Download the sources into a new release of ``dest``; switch to it only if every
    file is a complete list that did not shrink too much. Returns the manifest in force."""
    chosen = selected if selected is not None else select(None)
    rules = policy()
    dest.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    release = dest / RELEASES / stamp
    staging = dest / RELEASES / f".{stamp}.part"
    staging.mkdir(parents=True)
    current = read_manifest(dest) or {"files": []}
    by_name = {e.get("name"): e for e in current.get("files", [])}
    try:
        fresh = []
        with httpx.Client(timeout=timeout, follow_redirects=True) as client:
            for source in chosen:
                entry = _download(client, source, staging / source.file)
                fresh.append((source, entry))
        for source, entry in fresh:  # after all downloads: OFAC's sdn reads add/alt beside it
            if source.loads:
                count = _parties(source, staging / source.file)
                before = _current_parties(dest, by_name.get(source.name))
                _check_size(source, count, before, rules, force)
                entry["parties"] = count
        staging.rename(release)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    files = [
        {**entry, "file": f"{RELEASES}/{stamp}/{source.file}", "downloaded_at": now}
        for source, entry in fresh
    ]
    names = {e["name"] for e in files}
    kept = [e for e in current.get("files", []) if e.get("name") not in names]
    manifest = {"updated_at": now, "release": stamp, "files": kept + files}
    if (dest / MANIFEST).is_file():
        shutil.copyfile(dest / MANIFEST, dest / f".{PREVIOUS}.part")
        os.replace(dest / f".{PREVIOUS}.part", dest / PREVIOUS)
    _write_atomic(dest / MANIFEST, manifest)
    _prune(dest, rules.keep_releases)
    return manifest


def rollback(dest: Path) -> dict[str, Any]:
    """Put back the lists in force before the last accepted update (the two swap places,
    so a second rollback undoes the first)."""
    previous = read_manifest(dest, PREVIOUS)
    if previous is None:
        raise InputError("no previous lists to roll back to", file=str(dest / PREVIOUS))
    missing = [f["file"] for f in previous.get("files", []) if not (dest / f["file"]).is_file()]
    if missing:
        raise InputError(f"the previous list file {missing[0]!r} is gone", file=str(dest))
    current = read_manifest(dest)
    _write_atomic(dest / MANIFEST, previous)
    if current is not None:
        _write_atomic(dest / PREVIOUS, current)
    return previous


def _prune(dest: Path, keep: int) -> None:
    """Delete releases that neither the current nor the previous manifest names, oldest
    first, keeping at least ``keep``."""
    used = set()
    for name in (MANIFEST, PREVIOUS):
        for f in (read_manifest(dest, name) or {}).get("files", []):
            used.add(Path(f["file"]).parts[:2])
    releases = sorted(p for p in (dest / RELEASES).iterdir() if not p.name.startswith("."))
    for old in releases[:-keep] if keep else releases:
        if (RELEASES, old.name) not in used:
            shutil.rmtree(old, ignore_errors=True)


def manifest_paths(dest: Path) -> tuple[Path, ...]:
    """The list files a download directory's manifest says to screen against."""
    manifest = read_manifest(dest) or {"files": []}
    return tuple(dest / f["file"] for f in manifest["files"] if f.get("loads", True))
