"""The measures as flat tables (one row per measure and HS prefix) for joining against flows.

Built from the same validated rule set that ``check`` uses, so a flow and a single check can
never disagree about dates, prefixes or statuses.
"""

from __future__ import annotations

from datetime import date, timedelta

import pyarrow as pa

from oresight.rules.evaluate import measure_status
from oresight.rules.loader import Rules
from oresight.rules.model import Measure
from oresight.rules.result import SEVERITY

OPEN_END = date(9999, 12, 31)  # "still in force", kept non-null so joins compare plainly

MEASURE_ROWS_SCHEMA = pa.schema(
    [
        ("m_regime", pa.string()),
        ("m_id", pa.string()),
        ("m_target", pa.string()),  # whose goods (ISO3): a flow is matched to its exporter's
        ("m_label", pa.string()),
        ("m_instrument", pa.string()),
        ("m_paragraph", pa.string()),
        ("m_citation", pa.string()),
        ("m_verified", pa.bool_()),
        ("m_hs_source", pa.string()),
        ("m_prefix", pa.string()),
        ("m_prefix_len", pa.int32()),
        ("m_start", pa.date32()),
        ("m_full_from", pa.date32()),  # first day past any contract wind-down
        ("m_end", pa.date32()),
        ("m_status", pa.string()),  # status once past the wind-down, for the target's goods
        ("m_severity", pa.int32()),
        ("m_order", pa.int32()),  # tie-break: an earlier measure ranks higher (unique per id)
    ]
)


def _full_status(m: Measure) -> str:
    """The measure's status for goods of its target after any wind-down has ended."""
    after = m.wind_down.until + timedelta(days=1) if m.wind_down else m.effective_from
    return measure_status(m, after, target_origin=True)[0]


def _windows(rules: Rules, m: Measure) -> list[tuple[str, date, date]]:
    """(regime, first day, last day) for the measure, including regimes that followed it."""
    end = rules.last_day[m.id] or OPEN_END
    out: list[tuple[str, date, date]] = [(m.regime, m.effective_from, end)]
    for r in rules.ruleset.regimes:
        if r.follows == m.regime and r.follows_until and m.effective_from < r.follows_until:
            out.append((r.code, m.effective_from, min(end, r.follows_until - timedelta(days=1))))
    return out


def goods_targets(rules: Rules) -> list[str]:
    """The countries whose goods some goods measure of the rule set restricts (ISO3)."""
    return sorted({m.targets for m in rules.measures if m.trigger == "goods"})


def measure_rows(rules: Rules) -> pa.Table:
    """One row per (regime, measure, HS prefix); measures with no HS coverage are left out."""
    rows = []
    by_start = sorted(rules.measures, key=lambda m: (m.effective_from, m.id), reverse=True)
    order = {m.id: i for i, m in enumerate(by_start)}
    # Designation measures turn on the parties of a deal, which flows do not record.
    for m in (m for m in rules.measures if m.trigger == "goods"):
        status = _full_status(m)
        full_from = m.wind_down.until + timedelta(days=1) if m.wind_down else m.effective_from
        for regime, start, end in _windows(rules, m):
            for prefix in m.hs:
                p = "" if prefix == "*" else prefix
                rows.append(
                    {
                        "m_regime": regime,
                        "m_id": m.id,
                        "m_target": m.targets,
                        "m_label": m.label,
                        "m_instrument": m.instrument,
                        "m_paragraph": m.paragraph,
                        "m_citation": m.citation,
                        "m_verified": m.verified,
                        "m_hs_source": m.hs_source,
                        "m_prefix": p,
                        "m_prefix_len": len(p),
                        "m_start": start,
                        "m_full_from": max(full_from, start),
                        "m_end": end,
                        "m_status": status,
                        "m_severity": SEVERITY[status],
                        "m_order": order[m.id],
                    }
                )
    return pa.Table.from_pylist(rows, schema=MEASURE_ROWS_SCHEMA)
