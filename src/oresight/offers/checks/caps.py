"""The offered quantity and value of a line against a capped regime's cap.

A ``capped`` verdict (e.g. UNSCR 2321 para 26 on DPRK coal in 2017) only says that a cap
exists; a compliance officer needs how much of it this offer alone would take: the tonnes
and USD the offer delivers inside the cap period, as a share of the cap (the tonnage or the
USD limit, whichever is reached first).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from oresight.offers.checks.plausibility import annual_tonnes
from oresight.offers.model import Line, Offer
from oresight.offers.units import to_tonnes
from oresight.rules import Verdict


def _period(cap: dict[str, Any], on: date) -> tuple[date, date]:
    """The cap period as dates: ``start..end`` or the calendar year of ``on``."""
    text = str(cap.get("period", ""))
    if ".." in text:
        start, end = text.split("..")
        return date.fromisoformat(start), date.fromisoformat(end)
    return date(on.year, 1, 1), date(on.year, 12, 31)


def _share(amount: float, limit: Any) -> float | None:
    return amount / float(limit) if limit else None


def against_cap(offer: Offer, line: Line, verdict: Verdict, on: date) -> dict[str, Any] | None:
    """The cap of a capped verdict (in force on ``on``) with this offer's share of it."""
    if verdict.status != "capped" or not verdict.cap:
        return None
    cap = dict(verdict.cap)
    p_start, p_end = _period(cap, on)
    start, end = max(p_start, offer.delivery.start), min(p_end, offer.delivery.end)
    days = max((end - start).days + 1, 0)
    lo, hi = annual_tonnes(offer, line)
    tonnes = [lo * days / 365.25, hi * days / 365.25]
    price = line.price
    usd_per_t = (
        price.amount / to_tonnes(1.0, price.per) if price and price.currency == "USD" else None
    )
    usd = [t * usd_per_t for t in tonnes] if usd_per_t is not None else None
    # Whichever limit is reached first decides: the larger of the two shares.
    shares = []
    for k, t in enumerate(tonnes):
        found = [_share(t, cap.get("tonnes")), _share(usd[k], cap.get("usd")) if usd else None]
        known = [s for s in found if s is not None]
        shares.append(max(known) if known else None)
    cap.update(
        period_start=p_start.isoformat(),
        period_end=p_end.isoformat(),
        delivery_days_in_period=days,
        offered_tonnes=tonnes,
        offered_usd=usd,
        share_of_cap=shares,
    )
    return cap


def describe(cap: dict[str, Any]) -> str:
    """One clause: what the offer delivers in the cap period and its share of the cap."""
    t = cap["offered_tonnes"]
    usd = cap["offered_usd"]
    value = f", USD {usd[0]:,.0f}-{usd[1]:,.0f}" if usd else " (no USD price to compare)"
    shares = cap["share_of_cap"]
    share = (
        f"{shares[0]:.1%}-{shares[1]:.1%} of the cap"
        if None not in shares
        else "share of the cap unknown"
    )
    return (
        f"this offer delivers {t[0]:,.0f}-{t[1]:,.0f} t{value} in {cap['period_start']}.."
        f"{cap['period_end']} ({cap['delivery_days_in_period']} days of delivery): {share}"
    )
