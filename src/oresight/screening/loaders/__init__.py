"""List loaders: every format into the one entity model (``oresight.screening.model``).

``load_path`` recognises the format from the file itself: UN consolidated XML, OFAC SDN XML,
OFAC SDN CSV (with add/alt beside it), FollowTheMoney JSON lines, or an oresight snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from oresight.screening.errors import ListFormatError
from oresight.screening.loaders.eu_fsf import load_eu_fsf
from oresight.screening.loaders.ftm import load_ftm
from oresight.screening.loaders.ofac_csv import load_ofac_csv
from oresight.screening.loaders.ofac_xml import load_ofac_xml
from oresight.screening.loaders.snapshot import SNAPSHOT, load_snapshot
from oresight.screening.loaders.uk_ofsi import load_uk_ofsi
from oresight.screening.loaders.un_xml import load_un_xml
from oresight.screening.model import Entity

__all__ = ["SNAPSHOT", "detect_format", "load_path", "load_paths", "load_snapshot"]


def detect_format(path: Path) -> str:
    """One of un_xml, ofac_xml, ofac_csv, eu_fsf, uk_ofsi, ftm, snapshot (from the file's
    first bytes)."""
    if not path.is_file():
        raise ListFormatError("no such file", file=str(path))
    with path.open("rb") as fh:
        head = fh.read(4096).decode("utf-8", errors="replace")
    stripped = head.lstrip("\ufeff \r\n\t")
    if stripped.startswith("<"):
        if "<CONSOLIDATED_LIST" in head:
            return "un_xml"
        if "<sdnList" in head:
            return "ofac_xml"
        if "<export" in head and "fpi/fsd/export" in head:
            return "eu_fsf"
        if "<ArrayOfFinancialSanctionsTarget" in head:
            return "uk_ofsi"
    elif stripped.startswith('{"provenance"'):
        return "snapshot"
    elif stripped.startswith("{"):
        return "ftm"
    elif stripped[:1].isdigit() and "sdn" in path.name.lower():
        return "ofac_csv"
    raise ListFormatError(
        "unknown list format (expected UN XML, OFAC SDN XML/CSV, EU FSF XML, UK OFSI XML, "
        "FtM JSON lines)",
        file=str(path),
    )


_LOADERS = {
    "un_xml": load_un_xml,
    "ofac_xml": load_ofac_xml,
    "ofac_csv": load_ofac_csv,
    "eu_fsf": load_eu_fsf,
    "uk_ofsi": load_uk_ofsi,
    "ftm": load_ftm,
    "snapshot": load_snapshot,
}


def load_path(path: Path) -> list[Entity]:
    """Load one list file, whatever its format."""
    return _LOADERS[detect_format(path)](path)


def load_paths(paths: Iterable[Path]) -> list[Entity]:
    """Load several list files (a directory means its files; OFAC add/alt are read via sdn)."""
    out: list[Entity] = []
    for path in paths:
        if path.is_dir() and (path / "manifest.json").is_file():  # a download directory
            out.extend(load_paths(_manifest_files(path)))
            continue
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            # in a directory: add/alt are read with sdn; the download manifest is not a list
            skipped = name.startswith(("add", "alt", ".")) or name == "manifest.json"
            if path.is_dir() and (skipped or not file.is_file()):
                continue
            if path.is_dir() and file.suffix.lower() not in (".xml", ".csv", ".json", ".jsonl"):
                continue
            out.extend(load_path(file))
    return out


def _manifest_files(dest: Path) -> list[Path]:
    """The files the manifest of a ``lists update`` directory says to screen."""
    import json

    manifest = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    return [dest / f["file"] for f in manifest.get("files", []) if f.get("loads", True)]
