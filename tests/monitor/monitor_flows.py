"""Builders for small flows tables in the monitor tests (real store, real landing)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa

from oresight.store import FLOWS_ARROW_SCHEMA, Store


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
    year = int(period[:4])
    month = int(period[5:7]) if len(period) > 4 else None
    return {
        "reporter_iso3": reporter,
        "reporter_m49": 0,
        "partner_iso3": partner,
        "partner_m49": 0,
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
        "value_basis": "CIF" if flow == "import" else "FOB",
        "net_weight_kg": kg,
        "quantity": kg,
        "quantity_unit": "kg",
        "source": source,
        "source_record": f"test:{reporter}:{partner}:{hs}:{period}",
        "batch_id": batch,
    }


def land(store: Store, rows: list[dict[str, Any]], batch: str = "b1") -> None:
    """Land ``rows`` as one batch."""
    table = pa.Table.from_pylist(rows, schema=FLOWS_ARROW_SCHEMA)
    store.land(table, batch_id=batch, content_hash=batch, source="comtrade-api", origin="test")


def months(start: str, n: int) -> list[str]:
    """``n`` consecutive YYYY-MM labels from ``start``."""
    year, month = int(start[:4]), int(start[5:])
    out = []
    for _ in range(n):
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
