"""Units an offer may use, and their conversion to tonnes, mass fractions and annual rates."""

from __future__ import annotations

from datetime import date
from typing import Literal

OZT_G = 31.1034768

MassUnit = Literal["t", "kg", "ozt", "g"]
AssayUnit = Literal["%", "g/t", "ppm"]
Per = Literal["month", "year", "shipment"]

TONNES = {"t": 1.0, "kg": 1e-3, "ozt": OZT_G * 1e-6, "g": 1e-6}
FRACTION = {"%": 1e-2, "g/t": 1e-6, "ppm": 1e-6}
PER_YEAR = {"month": 12.0, "year": 1.0}


def to_tonnes(value: float, unit: str) -> float:
    """A mass in ``unit`` (t, kg, ozt, g) as tonnes."""
    return value * TONNES[unit]


def to_fraction(value: float, unit: str) -> float:
    """An assay figure in ``unit`` (%, g/t, ppm) as a mass fraction (0-1)."""
    return value * FRACTION[unit]


def window_years(start: date, end: date) -> float:
    """Length of a delivery window in years (inclusive of both days; at least one day)."""
    return max((end - start).days + 1, 1) / 365.25


def annual_factor(per: str, *, shipments: int | None, start: date, end: date) -> float:
    """How many times a quantity quoted ``per`` month/year/shipment recurs in a year.

    Per shipment: the declared number of shipments spread over the delivery window
    (one shipment when the offer does not say).
    """
    if per in PER_YEAR:
        return PER_YEAR[per]
    return (shipments or 1) / window_years(start, end)
