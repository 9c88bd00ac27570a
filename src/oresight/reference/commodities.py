"""Commodity reference tables: world production, reserves, prices and PGM source signatures.

The tables are a small snapshot built by ``scripts/build_commodities.py`` from
``../shared/reference/commodities`` (and USGS/World Bank price files); every row keeps its source
and its ``flags`` (estimate, secondary, derived, forecast, claim, superseded). The registry of
commodities an offer may name (HS codes, assay element, purity and grade ranges) is the
hand-written ``commodities.yaml`` beside them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from oresight.errors import UnknownCodeError

DATA = Path(__file__).parent / "data" / "commodities"
OZT_G = 31.1034768
OZT_PER_T = 1e6 / OZT_G  # 32,150.7466 troy oz in one tonne
PGM_ELEMENTS = ("Pt", "Pd", "Rh", "Ru", "Ir", "Os", "Au")


@dataclass(frozen=True)
class Commodity:
    """A commodity an offer may name, with the codes and ranges used to check it."""

    name: str
    kind: str
    hs: tuple[str, ...]
    element: str | None = None
    production_key: str | None = None
    price_key: str | None = None
    refined_purity_min_pct: float | None = None
    good_delivery_pct: float | None = None
    elements: tuple[str, ...] = ()
    grade_g_t: dict[str, tuple[float, float]] = field(default_factory=dict)
    grade_pct: dict[str, tuple[float, float]] = field(default_factory=dict)

    def accepts_hs(self, code: str) -> bool:
        """True when ``code`` falls under one of the commodity's codes (or is a heading above)."""
        return any(code.startswith(prefix) or prefix.startswith(code) for prefix in self.hs)


@dataclass(frozen=True)
class Figure:
    """One sourced row of a fact table (production, reserves or prices)."""

    commodity: str
    country: str
    period: str
    quantity: float | None
    unit: str
    tonnes: float | None
    basis: str
    flags: tuple[str, ...]
    source: str
    source_url: str
    note: str = ""
    edition: int = 0

    @property
    def year(self) -> int | None:
        return int(self.period[:4]) if self.period[:4].isdigit() else None

    @property
    def citation(self) -> str:
        """Source, URL and flags in one line (for dossiers and tables)."""
        flags = f" [{', '.join(self.flags)}]" if self.flags else ""
        return f"{self.source} <{self.source_url}>{flags}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "commodity": self.commodity,
            "country": self.country,
            "period": self.period,
            "quantity": self.quantity,
            "unit": self.unit,
            "tonnes": self.tonnes,
            "basis": self.basis,
            "flags": list(self.flags),
            "source": self.source,
            "source_url": self.source_url,
            "note": self.note,
        }


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _num(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _flags(text: str) -> tuple[str, ...]:
    return tuple(f for f in text.split(";") if f)


@cache
def commodities() -> dict[str, Commodity]:
    """The registry of commodities, by name."""
    raw = yaml.safe_load((DATA / "commodities.yaml").read_text(encoding="utf-8"))
    out = {}
    for name, spec in raw.items():
        out[name] = Commodity(
            name=name,
            kind=spec["kind"],
            hs=tuple(spec["hs"]),
            element=spec.get("element"),
            production_key=spec.get("production", name),
            price_key=spec.get("price", name),
            refined_purity_min_pct=spec.get("refined_purity_min_pct"),
            good_delivery_pct=spec.get("good_delivery_pct"),
            elements=tuple(spec.get("elements", [spec["element"]] if "element" in spec else [])),
            grade_g_t={k: (v[0], v[1]) for k, v in spec.get("grade_g_t", {}).items()},
            grade_pct={k: (v[0], v[1]) for k, v in spec.get("grade_pct", {}).items()},
        )
    return out


def commodity(name: str, *, field: str | None = None) -> Commodity:
    """The registry entry for ``name``; raises UnknownCodeError naming the known ones."""
    key = name.strip().lower().replace(" ", "_")
    found = commodities().get(key)
    if found is None:
        known = ", ".join(sorted(commodities()))
        raise UnknownCodeError(f"unknown commodity {name!r} (known: {known})", field=field)
    return found


@cache
def _production() -> tuple[Figure, ...]:
    return tuple(
        Figure(
            commodity=r["commodity"],
            country=r["country"],
            period=r["year"],
            quantity=_num(r["quantity"]),
            unit=r["unit"],
            tonnes=_num(r["quantity_t"]),
            basis=r["basis"],
            flags=_flags(r["flags"]),
            source=r["source"],
            source_url=r["source_url"],
            note=r["note"],
            edition=int(r["edition"] or 0),
        )
        for r in _read("world_production.csv")
    )


def production(
    commodity_key: str, country: str | None = None, *, include_superseded: bool = False
) -> list[Figure]:
    """Production rows of a commodity (its world_production key), optionally for one country."""
    return [
        f
        for f in _production()
        if f.commodity == commodity_key
        and (country is None or f.country == country)
        and (include_superseded or "superseded" not in f.flags)
    ]


def _preference(f: Figure) -> tuple[int, int, int, int]:
    # Primary mine figures from the latest USGS edition first; secondary and supply-side last.
    return (
        f.tonnes is not None,
        f.basis == "mine",
        "secondary" not in f.flags,
        f.edition,
    )


def best_by_year(figures: list[Figure]) -> dict[int, Figure]:
    """One figure per year (the most authoritative), for series such as world output."""
    best: dict[int, Figure] = {}
    for f in figures:
        if f.year is None or f.tonnes is None:
            continue
        if f.year not in best or _preference(f) > _preference(best[f.year]):
            best[f.year] = f
    return dict(sorted(best.items()))


@cache
def _reserves() -> tuple[Figure, ...]:
    return tuple(
        Figure(
            commodity=r["commodity"],
            country=r["country"],
            period=r["year"],
            quantity=_num(r["quantity"]),
            unit=r["unit"],
            tonnes=None,
            basis="reserves",
            flags=_flags(r["flags"]),
            source=r["source"],
            source_url=r["source_url"],
            note=r["note"],
        )
        for r in _read("reserves.csv")
    )


def reserves(commodity_key: str | None = None, country: str | None = None) -> list[Figure]:
    """Reserve rows (and labelled reserve claims)."""
    return [
        f
        for f in _reserves()
        if (commodity_key is None or f.commodity == commodity_key)
        and (country is None or f.country == country)
    ]


@dataclass(frozen=True)
class PriceQuote:
    """A market price for a period (year, quarter or month), with its source and flags."""

    commodity: str
    period: str
    price: float
    unit: str
    flags: tuple[str, ...]
    source: str
    source_url: str = ""
    basis: str = ""
    edition: int = 0

    @property
    def usd_per_t(self) -> float:
        """The price per tonne (prices are USD per troy ounce, or USD per kg for oxides)."""
        if self.unit == "USD/troy oz":
            return self.price * OZT_PER_T
        if self.unit == "USD/kg":
            return self.price * 1000.0
        raise UnknownCodeError(f"price unit {self.unit!r} cannot be converted to USD/t")

    def to_dict(self) -> dict[str, Any]:
        return {
            "commodity": self.commodity,
            "period": self.period,
            "price": self.price,
            "unit": self.unit,
            "usd_per_t": self.usd_per_t,
            "flags": list(self.flags),
            "source": self.source,
            "source_url": self.source_url,
            "basis": self.basis,
        }


@cache
def _prices() -> tuple[PriceQuote, ...]:
    annual = [
        PriceQuote(
            r["commodity"],
            r["period"],
            float(r["price"]),
            r["unit"],
            _flags(r["flags"]),
            r["source"],
            r["source_url"],
            r["basis"],
            int(r["edition"] or 0),
        )
        for r in _read("prices.csv")
    ]
    monthly = [
        PriceQuote(
            r["commodity"],
            r["month"],
            float(r["price"]),
            r["unit"],
            _flags(r["flags"]),
            r["source"],
            basis=f"monthly average ({r['file']})",
        )
        for r in _read("prices_monthly.csv")
    ]
    return tuple(annual + monthly)


def prices(commodity_key: str, *, include_superseded: bool = False) -> list[PriceQuote]:
    """Annual, quarterly and monthly prices of a commodity, oldest first."""
    rows = [
        p
        for p in _prices()
        if p.commodity == commodity_key and (include_superseded or "superseded" not in p.flags)
    ]
    return sorted(rows, key=lambda p: p.period)


def _period_end(period: str) -> tuple[int, int]:
    """The (year, month) a period ends in: '2024' -> (2024, 12), '2024-Q2' -> (2024, 6)."""
    year = int(period[:4])
    if "-Q" in period:
        return year, int(period[-1]) * 3
    if len(period) == 7:
        return year, int(period[5:])
    return year, 12


def _quality(p: PriceQuote) -> tuple[int, ...]:
    # Realised, primary, latest-edition prices first; monthly beats quarterly beats annual.
    return (
        len(p.period),
        "forecast" not in p.flags,
        "secondary" not in p.flags,
        "estimate" not in p.flags,
        "derived" not in p.flags,
        p.edition,
    )


def price_on(commodity_key: str, on: date) -> PriceQuote | None:
    """The price to value a delivery on ``on``: the period covering it, else the latest before.

    Monthly series win when they cover the date; otherwise the quarter, then the year holding
    the date; failing those, the most recent earlier period (which may be a forecast; its
    flags say so).
    """
    rows = prices(commodity_key)
    if not rows:
        return None
    month = f"{on.year:04d}-{on.month:02d}"
    quarter = f"{on.year:04d}-Q{(on.month - 1) // 3 + 1}"
    for wanted in (month, quarter, str(on.year)):
        exact = [p for p in rows if p.period == wanted]
        if exact:
            return max(exact, key=_quality)
    earlier = [p for p in rows if _period_end(p.period) < (on.year, on.month)]
    if not earlier:
        return None
    latest = max(_period_end(p.period) for p in earlier)
    return max((p for p in earlier if _period_end(p.period) == latest), key=_quality)


@cache
def _daily() -> dict[str, tuple[tuple[date, PriceQuote], ...]]:
    """Daily prices by commodity, oldest first (``prices_daily.csv``)."""
    by: dict[str, list[tuple[date, PriceQuote]]] = {}
    for r in _read("prices_daily.csv"):
        q = PriceQuote(
            r["commodity"],
            r["day"],
            float(r["price"]),
            r["unit"],
            _flags(r["flags"]),
            r["source"],
            basis=f"daily close ({r['file']})",
        )
        by.setdefault(r["commodity"], []).append((date.fromisoformat(r["day"]), q))
    return {k: tuple(sorted(v, key=lambda x: x[0])) for k, v in by.items()}


def daily_prices(commodity_key: str) -> list[PriceQuote]:
    """The daily prices of a commodity (empty when no daily series is shipped), oldest first."""
    return [q for _, q in _daily().get(commodity_key, ())]


# A daily price counts as the day's when it is at most this many days before it (weekends and
# exchange holidays leave gaps of up to four days).
DAILY_GAP_DAYS = 5
RESOLUTION = {10: "daily", 7: "monthly", 4: "annual"}


@dataclass(frozen=True)
class DatedPrice:
    """The market price used for one delivery date: how specific it is and how far away."""

    quote: PriceQuote
    on: date  # the delivery date valued
    price_date: date  # the day of the price, or the last day of its period
    resolution: str  # daily, monthly, quarterly or annual
    covers: bool  # the price's day or period is the delivery date's
    distance_days: int  # days from the price's day (or period end) to the delivery date

    def to_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            **self.quote.to_dict(),
            "price_date": self.price_date.isoformat(),
            "resolution": self.resolution,
            "covers": self.covers,
            "distance_days": self.distance_days,
        }


def _last_day(period: str) -> date:
    if len(period) == 10:
        return date.fromisoformat(period)
    year, month = _period_end(period)
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _first_day(period: str) -> date:
    if len(period) == 10:
        return date.fromisoformat(period)
    if "-Q" in period:
        return date(int(period[:4]), int(period[-1]) * 3 - 2, 1)
    return date(int(period[:4]), int(period[5:7]) if len(period) == 7 else 1, 1)


def _resolution(period: str) -> str:
    return "quarterly" if "-Q" in period else RESOLUTION.get(len(period), "annual")


def price_for(commodity_key: str, on: date) -> DatedPrice | None:
    """The most specific market price for a delivery date: the day's close (or the last one
    within ``DAILY_GAP_DAYS``), else the month, quarter or year holding the date, else the
    latest price of any series before it (``covers`` False: its distance says how stale)."""
    days = [(d, q) for d, q in _daily().get(commodity_key, ()) if d <= on]
    if days and (on - days[-1][0]).days <= DAILY_GAP_DAYS:
        d, q = days[-1]
        return DatedPrice(q, on, d, "daily", True, (on - d).days)
    rows = prices(commodity_key)
    month = f"{on.year:04d}-{on.month:02d}"
    quarter = f"{on.year:04d}-Q{(on.month - 1) // 3 + 1}"
    for wanted in (month, quarter, str(on.year)):
        exact = [p for p in rows if p.period == wanted]
        if exact:
            best = max(exact, key=_quality)
            return DatedPrice(best, on, _last_day(best.period), _resolution(best.period), True, 0)
    earlier = [(_last_day(p.period), p) for p in rows if _last_day(p.period) < on]
    if not earlier and not days:
        return None
    if earlier:
        latest = max(d for d, _ in earlier)
        d, best = max(((d, p) for d, p in earlier if d == latest), key=lambda x: _quality(x[1]))
        # A period holding the last daily close (a month averaged from it) says no more than
        # that close: the daily price, with its true date, is the more specific one.
        if not days or days[-1][0] < _first_day(best.period):
            return DatedPrice(best, on, d, _resolution(best.period), False, (on - d).days)
    d, q = days[-1]
    return DatedPrice(q, on, d, "daily", False, (on - d).days)


@dataclass(frozen=True)
class Signature:
    """Relative proportions (% of the listed elements) of a known PGM source."""

    name: str
    country: str
    shares: dict[str, float]
    basis: str
    source: str
    source_url: str
    note: str
    flags: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "shares_pct": self.shares,
            "basis": self.basis,
            "source": self.source,
            "source_url": self.source_url,
            "note": self.note,
        }


@cache
def signatures() -> tuple[Signature, ...]:
    """Known PGM source signatures (only elements with a figure are kept)."""
    out = []
    for r in _read("pgm_signatures.csv"):
        shares = {
            el: v for el in PGM_ELEMENTS if (v := _num(r.get(f"{el}_pct", "") or "")) is not None
        }
        out.append(
            Signature(
                r["source_deposit"],
                r["country"],
                shares,
                r["basis"],
                r["source"],
                r["source_url"],
                r["note"],
                _flags(r["flags"]),
            )
        )
    return tuple(out)
