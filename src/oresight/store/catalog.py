"""The store's catalogue: numbered, immutable version manifests and the current-version pointer.

Layout under ``$ORESIGHT_HOME`` (only this package knows it)::

    store.json               format marker {"format": "oresight-store", "format_version": 2}
    CURRENT                  the current version number (text), replaced atomically
    versions/000042.json     manifest of version 42: every data file of every table, with
                             its rows, bytes and sha256, plus what the landing changed
    data/flows/*.parquet     immutable data files (never rewritten in place)
    data/rejects/*.parquet
    data/batches/*.parquet   the batches table of one version
    write.lock               held by the one writer (filelock); write.holder names it

Why this design (see ARCHITECTURE.md): DuckDB allows one read-write process per database
file and no extension can be downloaded here (no ducklake, no delta), so the store is plain
Parquet plus a catalogue. A version is a list of files; publishing one is writing its
manifest and then swapping ``CURRENT`` (``os.replace``), so readers (any number of processes,
Spark among them) never see a half-landed batch and a reader that started on version N keeps
reading N: no file a manifest names is ever modified or deleted.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from oresight.errors import StoreError

FORMAT = "oresight-store"
FORMAT_VERSION = 2
TableName = Literal["flows", "rejects", "batches"]
TABLES: tuple[TableName, ...] = ("flows", "rejects", "batches")
LEGACY_DATABASE = "oresight.duckdb"


@dataclass(frozen=True)
class DataFile:
    """One immutable Parquet file of a table, as a version records it."""

    table: TableName
    path: str  # relative to the store's home
    rows: int  # rows the table reads from it (flows: valid, not skipped rows)
    bytes: int
    sha256: str
    batch_id: str | None = None  # the batch it came from (None once merged by compaction)
    reporters: list[int] = field(default_factory=list)  # reporter M49 codes (flows files)
    years: list[int] = field(default_factory=list)  # [first, last] year (flows files)
    file_rows: int = 0  # physical rows in the file (valid, rejected and skipped ones)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DataFile:
        return cls(**data)


@dataclass(frozen=True)
class Change:
    """What the landing that published a version did."""

    batch_id: str | None = None
    source: str | None = None
    origin: str | None = None
    added: int = 0
    revised: int = 0
    removed: int = 0
    unchanged: int = 0
    repeated: int = 0
    rejected: int = 0
    note: str = ""


@dataclass(frozen=True)
class Manifest:
    """One version of the whole store."""

    version: int
    created_at: str
    files: list[DataFile]
    change: Change
    rows: int  # current flows

    def of(self, table: TableName) -> list[DataFile]:
        return [f for f in self.files if f.table == table]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(
            version=int(data["version"]),
            created_at=data["created_at"],
            files=[DataFile.from_dict(f) for f in data["files"]],
            change=Change(**data["change"]),
            rows=int(data["rows"]),
        )


EMPTY = Manifest(version=0, created_at="", files=[], change=Change(note="empty store"), rows=0)


class Catalog:
    """Reads (and, for the writer, writes) the manifests of the store at ``home``."""

    def __init__(self, home: Path) -> None:
        self.home = home

    # -- paths -----------------------------------------------------------------------------
    @property
    def marker(self) -> Path:
        return self.home / "store.json"

    @property
    def pointer(self) -> Path:
        return self.home / "CURRENT"

    @property
    def versions_dir(self) -> Path:
        return self.home / "versions"

    def manifest_path(self, version: int) -> Path:
        return self.versions_dir / f"{version:06d}.json"

    def data_dir(self, table: str) -> Path:
        return self.home / "data" / table

    def new_file(self, table: str, stem: str) -> tuple[Path, str]:
        """A fresh, unique data file path (absolute, relative)."""
        rel = f"data/{table}/{stem}-{uuid.uuid4().hex[:12]}.parquet"
        return self.home / rel, rel

    def absolute(self, data_file: DataFile) -> Path:
        return self.home / data_file.path

    @property
    def staging_dir(self) -> Path:
        return self.home / "staging"

    # -- reading ---------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.marker.is_file()

    def refuse_legacy(self) -> None:
        """A store of the first layout (one DuckDB file) is not read as an empty store."""
        if not self.exists() and (self.home / LEGACY_DATABASE).exists():
            raise StoreError(
                f"{self.home / LEGACY_DATABASE} is a store of oresight's first layout (one DuckDB "
                "file), which this version does not read: move that file away (or choose another "
                "ORESIGHT_HOME) and ingest your files again; every batch lands as a version"
            )

    def current_version(self) -> int:
        """The current version number (0: an empty or absent store). Cheap: one small read."""
        self.refuse_legacy()
        try:
            text = self.pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return 0
        try:
            return int(text)
        except ValueError as exc:
            raise StoreError(f"{self.pointer} is damaged: {text[:40]!r} is not a version") from exc

    def manifest(self, version: int | None = None) -> Manifest:
        number = self.current_version() if version is None else version
        if number == 0:
            return EMPTY
        latest = self.current_version()
        if number < 0 or number > latest:
            raise StoreError(f"no version {number}: the store has versions 1..{latest}")
        path = self.manifest_path(number)
        try:
            return Manifest.from_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise StoreError(f"version {number} has no manifest ({path} is missing)") from exc
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                f"the manifest of version {number} ({path}) is damaged: {exc}"
            ) from exc

    def manifests(self) -> list[Manifest]:
        return [self.manifest(v) for v in range(1, self.current_version() + 1)]

    def missing_files(self, manifest: Manifest) -> list[DataFile]:
        """Files of the version that are absent or of another size (a cheap check: stat only)."""
        bad = []
        for data_file in manifest.files:
            try:
                size = self.absolute(data_file).stat().st_size
            except OSError:
                bad.append(data_file)
                continue
            if size != data_file.bytes:
                bad.append(data_file)
        return bad

    # -- writing (the writer only, under the lock) ------------------------------------------
    def init(self) -> None:
        self.refuse_legacy()
        for table in TABLES:
            self.data_dir(table).mkdir(parents=True, exist_ok=True)
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        if not self.marker.exists():
            atomic_write(
                self.marker, json.dumps({"format": FORMAT, "format_version": FORMAT_VERSION})
            )

    def publish(self, manifest: Manifest) -> None:
        """Write the manifest, then make it current: the one step a reader can observe."""
        atomic_write(self.manifest_path(manifest.version), manifest.to_json())
        atomic_write(self.pointer, str(manifest.version))


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old or the new file, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    with part.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, path)
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
