"""Valuation: what the offered quantities are worth at market prices on the delivery dates.

Prices come from the commodity reference tables (monthly series where they cover the date,
else the quarter or year, else the latest earlier period, whose flags, e.g. ``forecast``, are
shown). The offered price is compared with the market price at the start of delivery.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from oresight.offers.checks.plausibility import annual_tonnes, shipments_note
from oresight.offers.findings import CheckResult, Finding
from oresight.offers.model import Offer
from oresight.offers.thresholds import thresholds
from oresight.offers.units import to_tonnes
from oresight.reference import commodities as ref


def _quote(key: str, on: date) -> dict[str, Any] | None:
    q = ref.price_on(key, on)
    if q is None:
        return None
    return {"on": on.isoformat(), **q.to_dict(), "usd_per_t": q.usd_per_t}


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
        key = spec.price_key
        lo, hi = annual_tonnes(offer, line)
        dates = [offer.delivery.start, offer.delivery.end]
        quotes = [q for d in dates if key and (q := _quote(key, d))]
        row: dict[str, Any] = {"line": i, "commodity": line.commodity, "prices": quotes}
        if not quotes:
            row["note"] = f"not available: no price table for {line.commodity}"
            findings.append(Finding("valuation", "no_price", row["note"], i))
        else:
            per_t = [q["usd_per_t"] for q in quotes]
            row["usd_per_tonne"] = [min(per_t), max(per_t)]
            row["value_per_year_usd"] = [lo * min(per_t), hi * max(per_t)]
            row["value_per_month_usd"] = [lo * min(per_t) / 12, hi * max(per_t) / 12]
            used = "; ".join(
                f"{q['on']}: {q['price']:,.2f} {q['unit']} ({q['period']}, {q['source']}"
                + (f" [{', '.join(q['flags'])}]" if q["flags"] else "")
                + ")"
                for q in quotes
            )
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
