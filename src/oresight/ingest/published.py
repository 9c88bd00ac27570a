"""Published figures on a country's exports (news, think tanks, official bodies), as source
``published``.

Such figures carry citations, not HS-coded customs rows: many name a commodity but no HS code,
some cover a half-year or a cumulative span, some state only a change. They therefore land in
their own store table, ``published_figures``, never in ``flows``. Every row keeps its own period
kind (month, quarter, half, year, span, unknown), its measure (level, change, unit value,
share), its commodity group (from the explicit name mapping in ``groups.yaml``) and its
citation; rows the source table marks SUSPECT or CONFLICT keep those flags.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from oresight.errors import InputError
from oresight.ingest.published_periods import parse_period, shift_years
from oresight.reference.groups import Groups, load_groups
from oresight.store.schema import PUBLISHED_SCHEMA

SOURCE = "published"
TABLE = "published_figures"  # the store's read-only table of them (oresight.store.schema)

# Who recorded the figure -> (partner code in oresight's series, basis).
REPORTERS: dict[str, tuple[str, str]] = {
    "DPRK-total": ("WLD", "partner_total"),  # built from all partners' reports (KOTRA, OEC...)
    "UN1718-aggregate": ("WLD", "un1718"),  # member-state import reports under the coal cap
    "UN-PoE-estimate": ("WLD", "estimate"),  # Panel of Experts, illicit trade, not customs
    "ITC-13-partners": ("ITC13", "mirror_aggregate"),  # 13 reporting partners except China
}

COLUMNS = tuple(PUBLISHED_SCHEMA.names)
REQUIRED_INPUT = ("reporter", "partner", "period", "commodity", "value_usd", "source_org")


def parse_published(path: Path | str, *, groups: Groups | None = None) -> pa.Table:
    """Parse a published-figures CSV (the ``trade_figures`` layout) into PUBLISHED_SCHEMA rows."""
    groups = groups or load_groups()
    source = Path(path)
    rows = [_normalise(raw, line, source.name, groups) for line, raw in _read(source)]
    return pa.Table.from_pylist(rows, schema=PUBLISHED_SCHEMA)


def _read(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_INPUT if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"missing columns {missing}", file=str(path), line=1)
            for raw in reader:
                yield reader.line_num, raw
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", file=str(path)) from exc


def _normalise(raw: dict[str, str], line: int, file: str, groups: Groups) -> dict[str, Any]:
    def fail(message: str, column: str) -> InputError:
        return InputError(message, file=file, line=line, field=column)

    reporter = raw["reporter"].strip()
    partner, basis = REPORTERS.get(reporter, (reporter, "mirror"))
    if basis == "mirror" and not re.fullmatch(r"[A-Z]{3}", reporter):
        raise fail(f"unknown reporter {reporter!r}", "reporter")
    try:
        period = parse_period(raw["period"])
        group = groups.for_name(raw["commodity"])
    except InputError as exc:
        raise fail(str(exc), "period" if "period" in str(exc) else "commodity") from exc
    note = raw.get("note") or ""
    numbers = {c: _number(raw.get(c), fail, c) for c in ("value_usd", "quantity", "change_pct")}
    numbers["share_pct"] = _number(raw.get("share_pct"), fail, "share_pct")
    row: dict[str, Any] = {
        "figure_id": f"{file}:{line}",
        "origin_iso3": raw["partner"].strip(),  # the table's 'partner' is the exporting origin
        "reporter": reporter,
        "partner": partner,
        "basis": basis,
        "period": raw["period"].strip() or None,
        "period_kind": period.kind,
        "period_start": period.start,
        "period_end": period.end,
        "commodity": raw["commodity"].strip(),
        "hs_code": (raw.get("hs_code") or "").strip() or None,
        "group": group,
        "value_usd": numbers["value_usd"],
        "value_cny": None,
        "quantity": numbers["quantity"],
        "quantity_unit": (raw.get("quantity_unit") or "").strip() or None,
        "unit_value_usd": None,
        "change_pct": numbers["change_pct"],
        "compared_to": (raw.get("compared_to") or "").strip() or None,
        "share_pct": numbers["share_pct"],
        "suspect": "SUSPECT" in note,
        "conflict": "CONFLICT" in note,
        "source_org": raw["source_org"].strip(),
        "source_url": (raw.get("source_url") or "").strip() or None,
        "published": (raw.get("published") or "").strip() or None,
        "quote": raw.get("quote") or None,
        "note": note or None,
    }
    _classify_measure(row)
    _classify_change(row, note)
    return row


def _classify_measure(row: dict[str, Any]) -> None:
    """Set ``measure``; move unit values and yuan values out of the quantity column."""
    unit = row["quantity_unit"] or ""
    if unit.startswith("USD/t"):
        row["unit_value_usd"], row["quantity"], row["quantity_unit"] = row["quantity"], None, None
    elif unit == "CNY":
        row["value_cny"], row["quantity"], row["quantity_unit"] = row["quantity"], None, None
    if row["unit_value_usd"] is not None:
        row["measure"] = "unit_value"
    elif any(row[c] is not None for c in ("value_usd", "value_cny", "quantity")):
        row["measure"] = "level"
    elif row["change_pct"] is not None:
        row["measure"] = "change"
    elif row["share_pct"] is not None:
        row["measure"] = "share"
    else:
        row["measure"] = "other"


def _classify_change(row: dict[str, Any], note: str) -> None:
    """Which quantity a stated change is of (value unless the source says tonnage), and vs what."""
    if row["change_pct"] is None:
        row["change_of"] = row["change_kind"] = None
        return
    lowered = (note + " " + row["commodity"]).lower()
    quantity_words = ("tonnage", "quantity change", "refers to quantity")
    # the clause of the note that states the change decides ("value from KITA, +212%; tonnage
    # 1.1 Mt from ...": the change is of the value, though the note also speaks of tonnage)
    pct = f"{row['change_pct']:g}%"
    stating = [c for c in re.split(r"[;.]", lowered) if pct in c.replace(" ", "")]
    if stating and "value" in stating[0] and not any(w in stating[0] for w in quantity_words):
        row["change_of"] = "value"
    else:
        row["change_of"] = "quantity" if any(w in lowered for w in quantity_words) else "value"
    period, compared = row["period"], row["compared_to"]
    if "month-o" in lowered:
        row["change_kind"] = "mom"
    elif period and compared and shift_years(period, -1) == compared:
        row["change_kind"] = "yoy"
    elif compared is None and row["period_kind"] == "half":
        row["change_kind"] = "yoy"  # the source implies the same half of the previous year
    else:
        row["change_kind"] = "other"


def _number(text: str | None, fail: Any, column: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise fail(f"not a number: {text!r}", column) from None


def content_hash(path: Path) -> str:
    """sha256 of a file's bytes: the batch's identity for idempotent loading."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None
