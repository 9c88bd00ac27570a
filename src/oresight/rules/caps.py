"""Capped commodities summed against their caps, per cap period (e.g. DPRK coal in 2017).

UNSCR 2321 capped all States' procurement of DPRK coal at USD 53,495,894 or 1,000,866 t for
30 Nov-31 Dec 2016 and USD 400,870,018 or 7,500,000 t per calendar year from 2017, whichever
is lower. ``cap_usage`` sums partner-reported (mirror) imports from the DPRK under the capped
HS prefixes and shows whether, when and by how much a cap was exceeded. One Ibis expression.
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from oresight.rules.flows import prefix_matches, with_period_end
from oresight.rules.loader import Rules, load_rules
from oresight.store import trade


def cap_rows(rules: Rules, regime: str = "UN") -> pa.Table:
    """One row per (cap period, HS prefix); a yearly cap gets one period per calendar year
    in which its measure was in force."""
    rows = []
    for m in rules.measures:
        if m.regime != regime or m.cap is None:
            continue
        last = rules.last_day[m.id]
        for p in m.cap.periods:
            if p.end is not None:
                windows = [(p.start, p.end, f"{p.start}..{p.end}")]
            else:
                years = range(p.start.year, (last.year if last else date.today().year) + 1)
                windows = [(max(p.start, date(y, 1, 1)), date(y, 12, 31), str(y)) for y in years]
            for start, end, label in windows:
                for prefix in m.hs:
                    rows.append(
                        {
                            "m_id": m.id,
                            "m_target": m.targets,
                            "m_label": m.label,
                            "m_citation": m.citation,
                            "m_verified": m.verified,
                            "m_prefix": prefix,
                            "m_prefix_len": len(prefix),
                            "cap_period": label,
                            "cap_from": start,
                            "cap_to": end,
                            "cap_usd": p.usd,
                            "cap_tonnes": p.tonnes,
                        }
                    )
    return pa.Table.from_pylist(rows)


_KEYS = ["m_id", "m_label", "m_citation", "m_verified", "cap_period", "cap_from", "cap_to"]
_CAPS = ["cap_usd", "cap_tonnes"]


def _counted(flows: ir.Table, caps: ir.Table, targets: list[str]) -> ir.Table:
    """Flows that count against a cap period, weighted (annual flows by share of the year),
    keeping one HS level and one frequency per reporter so nothing is counted twice. A cap
    counts partners' imports from the country its measure targets (oresight.store.trade)."""
    f = with_period_end(flows)
    f = f.filter(trade.mirror_rows(f, targets))
    pairs = prefix_matches(f, caps)
    pairs = pairs.filter(pairs.partner_iso3 == pairs.m_target)
    monthly = pairs.freq == "M"
    lo = ibis.greatest(pairs.cap_from, pairs.period_start)
    hi = ibis.least(pairs.cap_to, pairs.period_end)
    overlap = ibis.greatest(hi.delta(lo, unit="day") + 1, 0)
    days = pairs.period_end.delta(pairs.period_start, unit="day") + 1
    weight = ibis.ifelse(monthly, 1.0, overlap.cast("float64") / days)
    inside = ibis.ifelse(
        monthly, (pairs.cap_from <= pairs.period_start) & (pairs.period_start <= pairs.cap_to),
        overlap > 0,
    )  # fmt: skip
    pairs = pairs.filter(inside).mutate(weight=weight)
    # Prefer monthly over annual rows, and the finest HS level, per reporter and cap period.
    per_reporter = [pairs.reporter_iso3, pairs.m_id, pairs.cap_from]
    has_monthly = (pairs.freq == "M").cast("int8").max().over(group_by=per_reporter)
    finest = pairs.aggr_level.max().over(group_by=[*per_reporter, pairs.period, pairs.m_prefix])
    pairs = pairs.mutate(_has_m=has_monthly, _finest=finest)
    keep = (pairs.aggr_level == pairs._finest) & ((pairs.freq == "M") | (pairs._has_m == 0))
    return pairs.filter(keep)


def cap_usage(flows: ir.Table, *, regime: str = "UN", rules: Rules | None = None) -> ir.Table:
    """Per cap period: USD and tonnes counted, shares of the cap, whether, when (first month
    the running total passed a limit) and by how much it was exceeded."""
    rules = rules or load_rules()
    rows = cap_rows(rules, regime)
    caps = ibis.memtable(rows)
    targets = sorted(set(rows["m_target"].to_pylist())) if rows.num_rows else []
    c = _counted(flows, caps, targets)
    usd = c.value_usd.fill_null(0) * c.weight
    tonnes = c.net_weight_kg.fill_null(0) * c.weight / 1000
    totals = c.group_by([*_KEYS, *_CAPS]).aggregate(
        usd=usd.sum(),
        tonnes=tonnes.sum(),
        reporters=c.reporter_iso3.nunique(),
        rows=c.count(),
        annual_rows=(c.freq == "A").cast("int64").sum(),
    )
    months = (
        c.filter(c.freq == "M")
        .group_by([*_KEYS, *_CAPS, "period"])
        .aggregate(m_usd=usd.sum(), m_t=tonnes.sum())
    )
    window = ibis.window(group_by=_KEYS, order_by="period", rows=(None, 0))
    months = months.mutate(
        cum_usd=months.m_usd.sum().over(window), cum_t=months.m_t.sum().over(window)
    )
    over = months.filter((months.cum_usd > months.cap_usd) | (months.cum_t > months.cap_tonnes))
    first = over.group_by(_KEYS).aggregate(first_exceeded=over.period.min())
    out = totals.left_join(first, _KEYS).select(totals, first.first_exceeded)
    usd_share = out.usd / out.cap_usd
    t_share = out.tonnes / out.cap_tonnes
    return (
        out.mutate(
            usd_share=usd_share,
            tonnes_share=t_share,
            binding=ibis.ifelse(usd_share >= t_share, "usd", "tonnes"),
            exceeded=(usd_share > 1) | (t_share > 1),
            excess_usd=ibis.greatest(out.usd - out.cap_usd, 0),
            excess_tonnes=ibis.greatest(out.tonnes - out.cap_tonnes, 0),
            note=ibis.ifelse(
                out.annual_rows > 0,
                "includes annual flows pro-rated by the share of the year inside the cap period",
                ibis.null("string"),
            ),
        )
        .rename(
            measure_id="m_id", provision="m_label", citation="m_citation", verified="m_verified"
        )
        .order_by("cap_from")
    )
