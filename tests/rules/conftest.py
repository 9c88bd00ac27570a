"""Fixtures of the rules tests: a real DuckDB store with a few inline flows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from oresight.store import Store
from oresight.store.rows import flow_record, flows_table

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
    return flow_record(
        {
            "reporter_iso3": reporter,
            "partner_iso3": partner,
            "flow": flow,
            "period": period,
            "hs_code": hs,
            "hs_edition": "H4",
            "value_usd": value,
            "value_basis": "CIF",
            "net_weight_kg": kg,
            "source": "test",
            "source_record": f"inline:{reporter}:{partner}:{period}:{hs}",
            "batch_id": "rules-test",
        }
    )


@pytest.fixture()
def flow_row() -> FlowRow:
    """Builder of one flows row: ``flow_row("2017-03", "270111", usd, kg, partner=...)``."""
    return _flow_row


@pytest.fixture()
def store_with(tmp_path: Path) -> Callable[[list[dict[str, Any]]], Store]:
    """A real DuckDB store under tmp_path, with the given rows landed as one batch."""

    def build(rows: list[dict[str, Any]]) -> Store:
        store = Store.open(tmp_path / "home")
        table = flows_table(rows)
        store.land(table, batch_id="rules-test", content_hash=str(len(rows)), source="test",
                   origin="inline")  # fmt: skip
        return store

    return build
