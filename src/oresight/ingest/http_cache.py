"""A directory of HTTP response bodies keyed by a hash of the normalised request.

Why: a repeated request (same endpoint, same parameters) must not go out again, whether in the
same run (a split request overlapping an earlier one) or in a rerun after an interruption. Bodies
are written atomically (temporary file, then rename), so a killed process never leaves a
half-written response that a later run would trust.

But UN Comtrade revises its data: a caller that knows a period was updated (the watch, from the
data-availability API) asks with ``fresh_after`` (a UNIX time), and bodies saved before it are
misses. Saved after it, they are answers of this very refresh, so a killed refresh resumes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

#: Parameters that identify the caller, not the data; they never enter the key or the URL shown.
SECRET_PARAMS = frozenset({"subscription-key", "subscription_key", "token"})


def normalise_url(url: str, params: Mapping[str, str]) -> str:
    """The request as one canonical string: lower-case scheme and host, sorted parameters."""
    parts = urlsplit(url)
    query = "&".join(
        f"{name}={params[name]}" for name in sorted(params) if name.lower() not in SECRET_PARAMS
    )
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), query, "")
    )


def request_key(url: str, params: Mapping[str, str]) -> str:
    """A short stable hash of :func:`normalise_url`, used as the cache file name."""
    return hashlib.sha256(normalise_url(url, params).encode()).hexdigest()[:32]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the whole new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ResponseCache:
    """Response bodies under ``root/responses/<key>.json``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.directory = self.root / "responses"

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, key: str, *, fresh_after: float | None = None) -> bytes | None:
        """The stored body, or ``None`` when this request was never answered (a cache miss) or
        was answered before ``fresh_after`` (a UNIX time: the caller knows the data changed)."""
        path = self.path(key)
        if not path.is_file():
            return None
        if fresh_after is not None and path.stat().st_mtime < fresh_after:
            return None
        body = path.read_bytes()
        try:
            json.loads(body)
        except ValueError:
            # Only validated bodies are stored; anything else was damaged outside oresight.
            path.unlink(missing_ok=True)
            return None
        return body

    def put(self, key: str, body: bytes) -> Path:
        path = self.path(key)
        atomic_write(path, body)
        return path
