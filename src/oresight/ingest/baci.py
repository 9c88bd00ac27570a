"""CEPII BACI yearly files (``t,i,j,k,v,q``).

BACI reconciles each exporter/importer pair into ONE value per year and product, valued FOB.
oresight stores each BACI row once, as the importer's import from the exporter (reporter = j,
partner = i, flow "import", basis "FOB"): that is the shape of partner-reported mirror data,
so "country X's exports" is read the same way for Comtrade and BACI (partners' imports from X),
and storing it a second time as X's export would double every total.
Values are thousand USD (x 1000 -> USD) and quantities tonnes (x 1000 -> kg).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from oresight.ingest.batch import DEFAULT_MAX_REJECT_SHARE, IngestResult, ingest_files
from oresight.store import Store


def ingest_baci_files(
    paths: Iterable[Path | str],
    *,
    store: Store | None = None,
    hs_edition: str | None = None,
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE,
    progress: bool = False,
) -> list[IngestResult]:
    """Ingest BACI files (edition from names like ``BACI_HS17_Y2022_V202401.csv``)."""
    return ingest_files(
        "baci",
        paths,
        store,
        hs_edition=hs_edition,
        max_reject_share=max_reject_share,
        progress=progress,
    )
