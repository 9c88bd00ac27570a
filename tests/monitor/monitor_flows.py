"""Builders for small flows tables in the monitor tests (real store, real landing)."""

from __future__ import annotations

from typing import Any

from oresight.store import Store
from oresight.store.rows import flow_record, flows_table


def flow(
    reporter: str,
    partner: str,
    hs: str,
    period: str,
    value: float,
    *,
    flow: str = "import",
    kg: float | None = None,
    source: str = "comtrade-api",
    batch: str = "b1",
) -> dict[str, Any]:
    """One flows row (store schema) with sensible defaults."""
    return flow_record(
        {
            "reporter_iso3": reporter,
            "partner_iso3": partner,
            "flow": flow,
            "period": period,
            "hs_code": hs,
            "hs_edition": "H4",
            "value_usd": value,
            "net_weight_kg": kg,
            "quantity": kg,
            "quantity_unit": "kg",
            "source": source,
            "source_record": f"test:{reporter}:{partner}:{hs}:{period}",
            "batch_id": batch,
        }
    )


def land(store: Store, rows: list[dict[str, Any]], batch: str = "b1") -> None:
    """Land ``rows`` as one batch."""
    store.land(
        flows_table(rows), batch_id=batch, content_hash=batch, source="comtrade-api", origin="test"
    )


def months(start: str, n: int) -> list[str]:
    """``n`` consecutive YYYY-MM labels from ``start``."""
    year, month = int(start[:4]), int(start[5:])
    out = []
    for _ in range(n):
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
