"""``oresight lists update``: download the current lists into ``$ORESIGHT_HOME/lists``.

Each file is downloaded to a temporary name, checked to load as a list, then moved into
place; ``manifest.json`` records URL, size, SHA-256 and time, and which files to screen.
Nothing is replaced unless every requested download succeeded.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from oresight.errors import InputError
from oresight.screening.errors import ListDownloadError, ListFormatError
from oresight.screening.loaders import detect_format
from oresight.screening.vocab import read_data


@dataclass(frozen=True)
class Source:
    """A downloadable list file."""

    name: str
    url: str
    file: str
    default: bool = True
    loads: bool = True


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
        "file": source.file,
        "bytes": size,
        "sha256": digest.hexdigest(),
        "loads": source.loads,
    }


def _check(source: Source, path: Path) -> None:
    """Refuse a download that is not a list (an error page, a truncated file)."""
    try:
        detect_format(path)
    except ListFormatError as exc:
        path.unlink(missing_ok=True)
        raise ListDownloadError(source.url, f"the download is not a list file ({exc})") from exc


def update_lists(
    dest: Path, selected: list[Source] | None = None, timeout: float = 60.0
) -> dict[str, Any]:
    """Download the sources into ``dest``; return the manifest written there."""
    chosen = selected if selected is not None else select(None)
    dest.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path, dict[str, Any]]] = []
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for source in chosen:
            tmp = dest / f".{source.file}.part"
            entry = _download(client, source, tmp)
            if source.loads:
                _check(source, tmp)
            staged.append((tmp, dest / source.file, entry))
    for tmp, final, _ in staged:
        tmp.replace(final)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    fresh = [{**entry, "downloaded_at": now} for _, _, entry in staged]
    names = {e["name"] for e in fresh}
    kept = [e for e in _previous(dest) if e.get("name") not in names]  # other sources stay
    manifest = {"updated_at": now, "files": kept + fresh}
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _previous(dest: Path) -> list[dict[str, Any]]:
    path = dest / "manifest.json"
    if not path.is_file():
        return []
    files: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8")).get("files", [])
    return files


def manifest_paths(dest: Path) -> tuple[Path, ...]:
    """The list files a download directory's manifest says to screen against."""
    manifest = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    return tuple(dest / f["file"] for f in manifest["files"] if f.get("loads", True))
