"""Fixtures of the rules tests: a real DuckDB store with a few inline flows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from oresight.store import Store
from oresight.store.schema import FLOWS_ARROW_SCHEMA

FlowRow = Callable[..., dict[str, Any]]


def _flow_row(
    period: str,
    hs: str,
    value: float,
    kg: float,
    *,
    partner: str = "PRK",
    reporter: str = "CHN",
    flow: str = "import",
) -> dict[str, Any]:
    """One flows row; ``period`` is ``YYYY`` (annual) or ``YYYY-MM`` (monthly)."""
    year, month = int(period[:4]), (int(period[5:]) if len(period) > 4 else None)
    return {
        "reporter_iso3": reporter,
        "reporter_m49": 156,
        "partner_iso3": partner,
        "partner_m49": 408,
        "flow": flow,
        "freq": "M" if month else "A",
        "period": period,
        "year": year,
        "month": month,
        "period_start": date(year, month or 1, 1),
        "hs_code": hs,
        "aggr_level": len(hs),
        "national_code": None,
        "hs_edition": "H4",
        "value_usd": value,
        "value_basis": "CIF",
        "net_weight_kg": kg,
        "quantity": None,
        "quantity_unit": None,
        "source": "test",
        "source_record": f"inline:{reporter}:{partner}:{period}:{hs}",
        "batch_id": "rules-test",
    }


@pytest.fixture()
def flow_row() -> FlowRow:
    """Builder of one flows row: ``flow_row("2017-03", "270111", usd, kg, partner=...)``."""
    return _flow_row


@pytest.fixture()
def store_with(tmp_path: Path) -> Callable[[list[dict[str, Any]]], Store]:
    """A real DuckDB store under tmp_path, with the given rows landed as one batch."""

    def build(rows: list[dict[str, Any]]) -> Store:
        store = Store.open(tmp_path / "home")
        table = pa.Table.from_pylist(rows, schema=FLOWS_ARROW_SCHEMA)
        store.land(table, batch_id="rules-test", content_hash=str(len(rows)), source="test",
                   origin="inline")  # fmt: skip
        return store

    return build
