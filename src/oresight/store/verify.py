"""``oresight store verify``: is every file of a version present and as recorded?"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pyarrow.parquet as pq

from oresight.store.catalog import Catalog, DataFile, Manifest


@dataclass(frozen=True)
class FileProblem:
    path: str
    table: str
    batch_id: str | None
    rows: int  # rows the version reads from the file
    problem: str  # missing, size, checksum, rows, unreadable

    def describe(self) -> str:
        what = f"batch {self.batch_id}" if self.batch_id else "merged batches"
        return f"{self.path} ({self.table}, {self.rows} rows of {what}): {self.problem}"


@dataclass(frozen=True)
class VerifyReport:
    version: int
    files: int
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "files": self.files,
            "ok": self.ok,
            "problems": [asdict(p) for p in self.problems],
        }


def verify(catalog: Catalog, manifest: Manifest) -> VerifyReport:
    problems = [p for f in manifest.files if (p := _check(catalog, f)) is not None]
    return VerifyReport(version=manifest.version, files=len(manifest.files), problems=problems)


def _check(catalog: Catalog, data_file: DataFile) -> FileProblem | None:
    from oresight.store.writer import file_sha256

    path = catalog.absolute(data_file)

    def problem(text: str) -> FileProblem:
        return FileProblem(
            data_file.path, data_file.table, data_file.batch_id, data_file.rows, text
        )

    if not path.is_file():
        return problem("missing")
    size = path.stat().st_size
    if size != data_file.bytes:
        return problem(f"size {size} bytes, recorded {data_file.bytes}")
    if file_sha256(path) != data_file.sha256:
        return problem("checksum differs from the recorded sha256")
    try:
        physical = pq.ParquetFile(path).metadata.num_rows
    except Exception as exc:  # pyarrow's ArrowInvalid and friends
        return problem(f"unreadable Parquet: {exc}")
    expected = data_file.file_rows or data_file.rows
    if physical != expected:
        return problem(f"{physical} rows, recorded {expected}")
    return None
