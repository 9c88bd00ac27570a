"""Events that need the sanctions rules or come from published figures.

- sanctioned: trade in a period that began after the UN regime prohibited the goods
  (``oresight.rules.check`` on the period's first day).
- cap_breach: a cap period whose cap the mirror flows exceeded (``oresight.rules.cap_usage``).
- spike / collapse stated by a source: a published change of +100% or more, or -50% or less.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import polars as pl

from oresight.monitor import sanctions
from oresight.monitor.events import Event, money, provenance
from oresight.monitor.frequency import label_of, start_of
from oresight.reference.groups import Groups

STATED_RISE, STATED_FALL = 100.0, -50.0


def sanctioned_flows(hs6: pl.DataFrame, freq: str, origin: str) -> list[Event]:
    """HS6 trade of ``origin``'s goods in periods that began after the UN regime prohibited
    them (as the rules answer for that origin), or that end
    after it (the period of the ban itself, e.g. coal in September 2017 under UNSCR 2371:
    prohibited from 5 September, so part of that month's trade falls after the ban)."""
    events: list[Event] = []
    traded = hs6.filter(pl.col("value_usd") > 0)
    banned: dict[tuple[str, int], tuple[sanctions.Ruling, bool]] = {}
    for hs_code, idx in traded.select(["hs_code", "idx"]).unique().iter_rows():
        at_end = sanctions.ruling(origin, hs_code, start_of(freq, idx + 1) - timedelta(days=1))
        if at_end.status != "prohibited":
            continue
        whole = sanctions.ruling(origin, hs_code, start_of(freq, idx)).status == "prohibited"
        banned[(hs_code, idx)] = (at_end, whole)
    for row in traded.iter_rows(named=True):
        found = banned.get((row["hs_code"], row["idx"]))
        if found is None:
            continue
        ruling, whole = found
        when = "after" if whole else "in the period in which"
        events.append(
            Event(
                kind="sanctioned",
                period=label_of(freq, row["idx"]),
                group=row["group"],
                partner=row["partner"],
                source=row["source"],
                hs_code=row["hs_code"],
                value_usd=row["value_usd"],
                reason=f"HS {row['hs_code']} traded ({money(row['value_usd'])}) {when} "
                f"{ruling.label or 'a UN measure'} prohibited it"
                + ("" if whole else " (part of the period may precede the ban)"),
                flows={**provenance(row), "citation": ruling.citation},
            )
        )
    return events


def cap_breaches(rows: list[dict[str, Any]]) -> list[Event]:
    """Events for cap periods the mirror flows exceeded (rows of ``rules.cap_usage``)."""
    events = []
    for row in rows:
        first = row.get("first_exceeded")
        events.append(
            Event(
                kind="cap_breach",
                period=str(first or row["cap_period"]),
                group=None,
                partner="WLD",
                source="store",
                value_usd=row.get("usd"),
                score=max(row.get("usd_share") or 0, row.get("tonnes_share") or 0),
                reason=(
                    f"{row['provision']} cap for {row['cap_period']} exceeded: USD "
                    f"{row.get('usd') or 0:,.0f} ({100 * (row.get('usd_share') or 0):.0f}% of the "
                    f"USD cap) and {row.get('tonnes') or 0:,.0f} t "
                    f"({100 * (row.get('tonnes_share') or 0):.0f}% of the tonnage cap)"
                    + (f"; first passed in {first}" if first else "")
                ),
                flows={"rows": row.get("rows"), "citation": row.get("citation")},
            )
        )
    return events


def published_events(rows: pl.DataFrame, groups: Groups) -> list[Event]:
    """Sanction and stated-change events from published figures (each cites its source)."""
    events = []
    for row in rows.filter(~pl.col("suspect")).iter_rows(named=True):
        base = {
            "period": row["period"] or "undated",
            "group": row["group"],
            "partner": row["partner"],
            "source": "published",
            "flows": {"figure_ids": [row["figure_id"]], "citation": row["source_url"]},
        }
        traded = (row["value_usd"] or 0) > 0 or (row["quantity"] or 0) > 0
        if row["measure"] == "level" and traded and row["period_start"] is not None:
            code = sanctions.representative_hs(row["group"], row.get("hs_code"), groups)
            ruling = (
                sanctions.ruling(row["origin_iso3"], code, row["period_start"]) if code else None
            )
            if ruling is not None and ruling.status == "prohibited":
                amount = (
                    money(row["value_usd"])
                    if row["value_usd"]
                    else (f"{row['quantity']:,.0f} {row['quantity_unit'] or ''}".strip())
                )
                events.append(
                    Event(
                        kind="sanctioned",
                        value_usd=row["value_usd"],
                        hs_code=code,
                        reason=f"{row['source_org']} reports {amount} of {row['group']} in a "
                        f"period that began after {ruling.label} prohibited it ({row['basis']})",
                        **base,
                    )
                )
        change = row["change_pct"]
        if change is not None and (change >= STATED_RISE or change <= STATED_FALL):
            kind = "spike" if change > 0 else "collapse"
            events.append(
                Event(
                    kind=kind,
                    value_usd=row["value_usd"],
                    score=change,
                    reason=f"{row['source_org']} states {change:+.1f}% ({row['change_of']}) "
                    f"against {row['compared_to'] or 'an earlier period'}",
                    **base,
                )
            )
    return events
