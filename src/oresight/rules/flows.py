"""Flows against measures: which regime prohibited each flow at its period.

A flow is matched against the measures that target its exporter (the partner of a mirror
import, the reporter of an own export: ``oresight.store.trade.exporter_among``); which
countries those are is the measures' ``targets`` field, never a name in this code.

``flag_flows`` is one Ibis expression: the measures table (``table.measure_rows``) goes into
the flows' backend as a memtable and is joined on HS-prefix match and on the period against
the measure's dates. HS-prefix matching is done as a union of equi-joins, one per prefix
length (0 for all goods, 2, 4, 6), so the backend can hash-join instead of comparing every
flow with every prefix.

Period rule: a monthly flow is judged on the first day of its month (it counts as after a
measure when the month starts on or after the effective date, or after the wind-down end);
an annual flow takes the most severe measure in force at any time in the year, with the share
of the year during which it was in full force and a note.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from oresight.rules.api import parse_regimes
from oresight.rules.loader import Rules, load_rules
from oresight.rules.table import goods_targets, measure_rows
from oresight.store import trade

PREFIX_LENGTHS = (0, 2, 4, 6)


def with_period_end(flows: ir.Table) -> ir.Table:
    """Add ``period_end``: the last day of the flow's month or year."""
    step = ibis.ifelse(
        flows.freq == "M",
        flows.period_start + ibis.interval(months=1),
        flows.period_start + ibis.interval(years=1),
    )
    return flows.mutate(period_end=(step - ibis.interval(days=1)).cast("date"))


def prefix_matches(flows: ir.Table, measures: ir.Table) -> ir.Table:
    """Every (flow, measure row) pair whose HS prefix starts the flow's code, as one union."""
    parts = []
    for n in PREFIX_LENGTHS:
        keyed = flows.mutate(_key=flows.hs_code.substr(0, n) if n else ibis.literal(""))
        rows = measures.filter(measures.m_prefix_len == n)
        parts.append(keyed.join(rows, keyed._key == rows.m_prefix).drop("_key"))
    return ibis.union(*parts, distinct=False)


def _judge(pairs: ir.Table) -> ir.Table:
    """Status, share of the period in full force, and a note, for each (flow, measure) pair."""
    monthly = pairs.freq == "M"
    in_force = ibis.ifelse(
        monthly,
        (pairs.m_start <= pairs.period_start) & (pairs.period_start <= pairs.m_end),
        (pairs.m_start <= pairs.period_end) & (pairs.period_start <= pairs.m_end),
    )
    lo = ibis.greatest(pairs.m_full_from, pairs.period_start)
    hi = ibis.least(pairs.m_end, pairs.period_end)
    days = pairs.period_end.delta(pairs.period_start, unit="day") + 1
    share = ibis.greatest(hi.delta(lo, unit="day") + 1, 0).cast("float64") / days
    full = ibis.ifelse(monthly, pairs.period_start >= pairs.m_full_from, share > 0)
    status = ibis.ifelse(full, pairs.m_status, "conditional")
    percent = (share * 100).round(0).cast("int64").cast("string")
    note = ibis.ifelse(
        share >= 1,
        ibis.null("string"),
        ibis.ifelse(monthly, "monthly flow judged on its first day; ", "annual flow: ")
        + pairs.m_label
        + " in full force for "
        + percent
        + "% of the period",
    )
    severity = ibis.ifelse(full, pairs.m_severity, 3)
    return pairs.filter(in_force).mutate(status=status, share=share, note=note, _severity=severity)


def flag_flows(
    flows: ir.Table, regime: str | None = None, *, rules: Rules | None = None
) -> ir.Table:
    """Every flow, with one row per regime that restricted it at its period.

    Added columns: ``regime``, ``status`` (prohibited / conditional / capped /
    secondary_risk; ``allowed`` for exports of a targeted country no measure reaches; null
    for flows of goods no measure targets), ``prohibited_by`` (the provision, when
    prohibited), ``measure_id``, ``instrument``, ``paragraph``, ``citation``, ``verified``,
    ``hs_source``, ``share`` (of the period in full force) and ``note``. ``regime`` limits
    the flags to one regime.
    """
    rules = rules or load_rules()
    rows = measure_rows(rules)
    if regime is not None:
        codes = set(parse_regimes(regime))
        rows = rows.filter(pa.array([r in codes for r in rows["m_regime"].to_pylist()]))
    narrow = ibis.memtable(rows.select(list(_NARROW)))
    details = ibis.memtable(_details(rows))
    targets = goods_targets(rules)  # of all regimes: "allowed" does not depend on ``regime``
    base = with_period_end(flows).mutate(_target=trade.exporter_among(flows, targets))
    # A verdict depends only on (exporter, HS code, frequency, period), so the measures are
    # matched against the distinct keys of targeted flows (thousands, not millions) and
    # joined back.
    keys = base.filter(base._target.notnull()).select(
        "_target", "hs_code", "freq", "period_start", "period_end"
    )
    pairs = prefix_matches(keys.distinct(), narrow)
    judged = _judge(pairs.filter(pairs._target == pairs.m_target))
    # One measure per key and regime: the most severe, then the largest share of the period,
    # then the earliest (a unique integer key for arg_max).
    judged = judged.mutate(
        _key=judged._severity.cast("int64") * 10_000_000
        + (judged.share * 1000).round().cast("int64") * 1000
        + judged.m_order
    )
    best = judged.group_by(["_target", "hs_code", "freq", "period_start", "m_regime"]).aggregate(
        m_id=judged.m_id.argmax(judged._key),
        status=judged.status.argmax(judged._key),
        share=judged.share.argmax(judged._key),
        # arg_max skips NULL arguments, so carry "no note" as "" and turn it back after.
        note=judged.note.fill_null("").argmax(judged._key).nullif(""),
    )
    best = best.join(details, best.m_id == details.measure_id)
    picked = best.select(
        _hs=best.hs_code,
        _freq=best.freq,
        _start=best.period_start,
        _exporter=best._target,
        regime=best.m_regime,
        status=best.status,
        prohibited_by=ibis.ifelse(best.status == "prohibited", best.label, ibis.null("string")),
        measure_id=best.m_id,
        instrument=best.instrument,
        paragraph=best.paragraph,
        citation=best.citation,
        verified=best.verified,
        hs_source=best.hs_source,
        share=best.share,
        note=best.note,
    )
    joined = base.left_join(
        picked,
        [
            base.hs_code == picked._hs,
            base.freq == picked._freq,
            base.period_start == picked._start,
            base._target == picked._exporter,
        ],
    )
    return joined.mutate(
        status=ibis.ifelse(
            joined.status.notnull(),
            joined.status,
            ibis.ifelse(joined._target.notnull(), "allowed", ibis.null("string")),
        )
    ).drop("_target", "_hs", "_freq", "_start", "_exporter", "period_end")


_NARROW = ("m_regime", "m_id", "m_target", "m_label", "m_prefix", "m_prefix_len", "m_start",
           "m_full_from", "m_end", "m_status", "m_severity", "m_order")  # fmt: skip


def _details(rows: pa.Table) -> pa.Table:
    """One row per measure with its citation texts."""
    seen: dict[str, dict[str, object]] = {}
    for r in rows.to_pylist():
        seen.setdefault(
            r["m_id"],
            {
                "measure_id": r["m_id"],
                "label": r["m_label"],
                "instrument": r["m_instrument"],
                "paragraph": r["m_paragraph"],
                "citation": r["m_citation"],
                "verified": r["m_verified"],
                "hs_source": r["m_hs_source"],
            },
        )
    return pa.Table.from_pylist(list(seen.values()))
