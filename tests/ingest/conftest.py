"""Small inline Comtrade/BACI files for the ingest tests (smallest data that shows the case)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from oresight.store import Store

V1_HEADER = (
    "freqCode,period,reporterCode,flowCode,partnerCode,partner2Code,classificationCode,cmdCode,"
    "qtyUnitCode,qty,netWgt,cifvalue,fobvalue,primaryValue"
)


def v1_row(
    *,
    period: str = "201401",
    freq: str = "M",
    reporter: str = "156",
    flow: str = "M",
    partner: str = "408",
    hs: str = "270112",
    value: str = "1000.5",
    weight: str = "2000",
) -> str:
    head = f"{freq},{period},{reporter},{flow},{partner},0,H4,{hs}"
    return f"{head},8,{weight},{weight},{value},,{value}"


@pytest.fixture()
def write_v1(tmp_path: Path) -> Callable[..., Path]:
    """Write a v1 Comtrade CSV: ``write_v1(rows, name=...)`` with rows from :func:`v1_row`."""

    def write(rows: list[str], name: str = "comtrade.csv") -> Path:
        path = tmp_path / name
        path.write_text("\n".join([V1_HEADER, *rows]) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture()
def store(oresight_home: Path) -> Store:
    return Store.open(backend="duckdb")


@pytest.fixture()
def v1() -> Callable[..., str]:
    """One v1 CSV row builder (see :func:`v1_row`)."""
    return v1_row


@pytest.fixture()
def snapshot() -> Callable[[Store], tuple[int, int, int]]:
    """Row counts of flows, batches and rejects of a store."""
    return _snapshot


def _snapshot(store: Store) -> tuple[int, int, int]:
    """Row counts of flows, batches and rejects: 'the store is unchanged' means equal snapshots."""
    return (
        int(store.flows.count().execute()),
        int(store.batches.count().execute()),
        int(store.rejects.count().execute()),
    )
