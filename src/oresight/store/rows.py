"""Flows from plain records: the columns a record implies are derived, not typed again.

For Python users (and tests) who build flows themselves and land them with ``Store.land``:
``freq``, ``year``, ``month`` and ``period_start`` follow from ``period``, ``aggr_level``
from ``hs_code``, the M49 codes from the ISO3 codes, and the value basis from the flow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pyarrow as pa

from oresight.reference.countries import to_m49
from oresight.store.schema import FLOWS_ARROW_SCHEMA


def flow_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """One full flows row from a record with at least reporter_iso3, partner_iso3, flow,
    period ("YYYY" or "YYYY-MM"), hs_code, source, source_record and batch_id; any column
    given explicitly wins over the derived one."""
    period = str(record["period"])
    year = int(period[:4])
    month = int(period[5:7]) if len(period) > 4 else None
    hs_code = str(record["hs_code"])
    derived: dict[str, Any] = {name: None for name in FLOWS_ARROW_SCHEMA.names}
    derived.update(
        reporter_m49=to_m49(record["reporter_iso3"]),
        partner_m49=to_m49(record["partner_iso3"]),
        freq="M" if month else "A",
        year=year,
        month=month,
        period_start=date(year, month or 1, 1),
        aggr_level=0 if hs_code == "TOTAL" else len(hs_code),
        value_basis="CIF" if record["flow"] in ("import", "re-import") else "FOB",
    )
    derived.update(record)
    return derived


def flows_table(records: Iterable[Mapping[str, Any]]) -> pa.Table:
    """An Arrow table in the flows schema, ready for ``Store.land``."""
    return pa.Table.from_pylist([flow_record(r) for r in records], schema=FLOWS_ARROW_SCHEMA)
