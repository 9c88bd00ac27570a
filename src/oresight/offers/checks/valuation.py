"""Valuation: what the offered quantities are worth at market prices on the delivery dates.

A benchmark price the user gives (offer ``prices:``, ``--price``, the API) takes precedence and
is named. Otherwise each delivery date is valued at the most specific reference price
(``reference.commodities.price_for``: the day's close, else the month, quarter or year, else
the latest earlier price), with the price's date and its distance from the delivery date. A
price further away than ``stale_price_days`` or a forecast is a finding, not a silent
substitute. The offered price is compared with the market price at the start of delivery.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from oresight.offers.checks.plausibility import annual_tonnes, shipments_note
from oresight.offers.findings import CheckResult, Finding
from oresight.offers.model import BenchmarkPrice, Offer
from oresight.offers.thresholds import thresholds
from oresight.offers.units import to_tonnes
from oresight.reference import commodities as ref


def stale_days() -> int:
    return int(thresholds()["valuation"]["stale_price_days"]["value"])


def _benchmark(user: BenchmarkPrice, on: date) -> dict[str, Any]:
    """A delivery date valued at the user's benchmark price."""
    usd_per_t = user.amount / to_tonnes(1.0, user.per)
    price_date = user.on or on
    return {
        "on": on.isoformat(),
        "commodity": user.commodity,
        "period": price_date.isoformat(),
        "price": user.amount,
        "unit": f"USD/{user.per}",
        "usd_per_t": usd_per_t,
        "flags": ["user"],
        "source": user.source,
        "source_url": "",
        "basis": "benchmark price given by the user"
        + ("" if user.on else " (undated: taken as the price of the delivery day)"),
        "price_date": price_date.isoformat(),
        "resolution": "user",
        "covers": user.on is None or user.on == on,
        "distance_days": abs((on - price_date).days),
    }


def _quote(key: str | None, on: date, user: BenchmarkPrice | None) -> dict[str, Any] | None:
    if user is not None:
        return _benchmark(user, on)
    q = ref.price_for(key, on) if key else None
    return None if q is None else q.to_dict()


def _price_findings(line: Any, i: int, quotes: list[dict[str, Any]]) -> list[Finding]:
    """Stale and forecast prices, and the user's benchmark, each said once per line."""
    out = []
    limit = stale_days()
    stale = [q for q in quotes if q["distance_days"] > limit]
    if stale:
        far = max(stale, key=lambda q: q["distance_days"])
        out.append(
            Finding(
                "valuation",
                "stale_price",
                f"{line.commodity}: the market price for {far['on']} is "
                f"{far['distance_days']} days away (price of {far['price_date']}, "
                f"{far['resolution']}, {far['source']}); more than {limit} days: "
                f"{thresholds()['valuation']['stale_price_days']['reason']}",
                i,
            )
        )
    forecast = [q for q in quotes if "forecast" in q["flags"]]
    if forecast:
        q = forecast[0]
        out.append(
            Finding(
                "valuation",
                "forecast_price",
                f"{line.commodity}: valued at a forecast, not a realised price "
                f"({q['period']}: {q['basis']}; {q['source']})",
                i,
            )
        )
    if quotes and "user" in quotes[0]["flags"]:
        q = quotes[0]
        out.append(
            Finding(
                "valuation",
                "user_price",
                f"{line.commodity}: valued at the user's benchmark price "
                f"{q['price']:,.2f} {q['unit']} ({q['source']}, {q['price_date']})",
                i,
            )
        )
    return out


def _used(q: dict[str, Any]) -> str:
    """How one delivery date was valued, in running text."""
    flags = f" [{', '.join(q['flags'])}]" if q["flags"] else ""
    where = (
        f"{q['resolution']} price of {q['period']}"
        if q["covers"]
        else f"{q['resolution']} price of {q['period']}, {q['distance_days']} days before"
    )
    return f"{q['on']}: {q['price']:,.2f} {q['unit']} ({where}; {q['source']}{flags})"


def _offered(
    offer: Offer, i: int, market: float | None
) -> tuple[dict[str, Any] | None, list[Finding]]:
    line = offer.lines[i]
    if line.price is None:
        return None, []
    p = line.price
    usd_per_t = p.amount / to_tonnes(1.0, p.per)
    out: dict[str, Any] = {"amount": p.amount, "currency": p.currency, "per": p.per}
    if p.currency != "USD":
        out["note"] = f"not compared: no exchange-rate table for {p.currency}"
        return out, []
    out["usd_per_t"] = usd_per_t
    # What the deal itself is worth at the offered price, market table or not.
    lo, hi = annual_tonnes(offer, line)
    out["value_per_year_usd"] = [lo * usd_per_t, hi * usd_per_t]
    out["value_per_month_usd"] = [lo * usd_per_t / 12, hi * usd_per_t / 12]
    if not market:
        out["note"] = "not compared: no market price"
        return out, []
    t = thresholds()["valuation"]
    ratio = usd_per_t / market
    out["ratio_to_market"] = ratio
    findings = []
    if ratio <= 1 - t["deep_discount"]:
        code, text = (
            "deep_discount",
            f"{1 - ratio:.0%} below market: a deep discount is a warning sign",
        )
    elif ratio <= 1 - t["discount_warning"]:
        code, text = "discount", f"{1 - ratio:.0%} below market"
    elif ratio >= 1 + t["premium_warning"]:
        code, text = "premium", f"{ratio - 1:.0%} above market"
    else:
        code, text = "", f"within {abs(1 - ratio):.0%} of market"
    out["assessment"] = text
    if code:
        findings.append(Finding("valuation", code, f"{line.commodity} offered at {text}", i))
    return out, findings


def check(offer: Offer) -> CheckResult:
    """Value of every line at the start and end of delivery, and the offered price vs market."""
    rows, findings = [], []
    for i, line in enumerate(offer.lines):
        spec = ref.commodity(line.commodity)
        user = offer.benchmark(line.commodity)
        lo, hi = annual_tonnes(offer, line)
        dates = [offer.delivery.start, offer.delivery.end]
        quotes = [q for d in dates if (q := _quote(spec.price_key, d, user))]
        row: dict[str, Any] = {"line": i, "commodity": line.commodity, "prices": quotes}
        if not quotes:
            row["note"] = f"not available: no price table for {line.commodity}"
            findings.append(Finding("valuation", "no_price", row["note"], i))
        else:
            per_t = [q["usd_per_t"] for q in quotes]
            row["usd_per_tonne"] = [min(per_t), max(per_t)]
            row["value_per_year_usd"] = [lo * min(per_t), hi * max(per_t)]
            row["value_per_month_usd"] = [lo * min(per_t) / 12, hi * max(per_t) / 12]
            used = "; ".join(_used(q) for q in quotes)
            findings.extend(_price_findings(line, i, quotes))
            row["explanation"] = (
                f"{lo:,.1f}-{hi:,.1f} t/yr at USD {min(per_t) / 1e6:,.1f}-{max(per_t) / 1e6:,.1f} "
                f"million per tonne; prices used: {used}"
            )
            if shipments_note(line):
                row["explanation"] += f"; {shipments_note(line)}"
        offered, found = _offered(offer, i, quotes[0]["usd_per_t"] if quotes else None)
        row["offered_price"] = offered
        if not quotes and offered and "value_per_year_usd" in offered:
            v = offered["value_per_year_usd"]
            row["note"] += (
                f"; at the offered price ({offered['amount']:,.2f} USD/{offered['per']}) "
                f"the offer is worth USD {v[0]:,.0f}-{v[1]:,.0f} per year"
            )
        findings.extend(found)
        rows.append(row)
    return CheckResult(rows, findings)
