"""Declarative tables for the file formats: column names, flow codes, editions, quantity units.

Every layout is mapped onto the current Comtrade v1 field names, so one SQL transform
(:mod:`oresight.ingest.transform`) turns any of them into flows.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

# The v1 fields the transform reads; a layout may lack some (they become NULL).
V1_FIELDS = (
    "freqCode",
    "period",
    "refYear",
    "reporterCode",
    "flowCode",
    "partnerCode",
    "partner2Code",
    "motCode",
    "customsCode",
    "classificationCode",
    "cmdCode",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "netWgt",
    "cifvalue",
    "fobvalue",
    "primaryValue",
)

# Fields without which a file is not a Comtrade file of that layout.
V1_REQUIRED = ("period", "reporterCode", "flowCode", "partnerCode", "cmdCode", "primaryValue")

# Legacy Comtrade CSV header -> v1 field name (columns not listed are ignored).
LEGACY_TO_V1 = {
    "Classification": "classificationCode",
    "Year": "refYear",
    "Period": "period",
    "Trade Flow Code": "flowCode",
    "Reporter Code": "reporterCode",
    "Partner Code": "partnerCode",
    "Commodity Code": "cmdCode",
    "Qty Unit Code": "qtyUnitCode",
    "Qty Unit": "qtyUnitAbbr",
    "Qty": "qty",
    "Netweight (kg)": "netWgt",
    "Trade Value (US$)": "primaryValue",
}

# Comtrade flow codes (v1 letters and legacy numbers) -> flow kind of the store.
FLOW_CODES = {
    "M": "import",
    "X": "export",
    "RM": "re-import",
    "RX": "re-export",
    "1": "import",
    "2": "export",
    "3": "re-export",
    "4": "re-import",
}

# BACI and file-name edition labels -> Comtrade classification codes.
HS_EDITIONS = {
    "HS92": "H0",
    "HS96": "H1",
    "HS02": "H2",
    "HS07": "H3",
    "HS12": "H4",
    "HS17": "H5",
    "HS22": "H6",
}

DATA = Path(__file__).with_name("data")


@cache
def quantity_units() -> dict[str, str]:
    """Comtrade quantity unit codes -> abbreviation (``data/qty_units.csv``)."""
    with (DATA / "qty_units.csv").open(encoding="utf-8") as fh:
        rows = [row for row in csv.DictReader(line for line in fh if not line.startswith("#"))]
    return {row["code"]: row["abbr"] for row in rows}
