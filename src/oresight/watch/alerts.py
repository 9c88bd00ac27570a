"""Alerts from the difference between two store versions (pure: a StoreDiff in, alerts out).

Why grouped this way: a new month of Comtrade data brings one row per HS code, so new (and
removed) flows are one alert per period listing every flow behind it; a revision matters flow by
flow (old and new value), so each revised flow is its own alert.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from oresight.store.changes import FlowChange, StoreDiff
from oresight.watch.model import Alert, FlowRef, Watch


def alerts_from_diff(watch: Watch, diff: StoreDiff) -> list[Alert]:
    """New flows and removed flows per period, and each revised flow, inside ``watch``."""
    mine = [change for change in diff.changes if covered(watch, change)]
    versions = (diff.old, diff.new)
    alerts: list[Alert] = []
    for period, changes in _by_period(c for c in mine if c.kind == "added"):
        alerts.append(_grouped(watch, "new_flows", period, changes, versions))
    for change in sorted((c for c in mine if c.kind == "revised"), key=_order):
        alerts.append(_revised(watch, change, versions))
    for period, changes in _by_period(c for c in mine if c.kind == "removed"):
        alerts.append(_grouped(watch, "removed_flows", period, changes, versions))
    return alerts


def covered(watch: Watch, change: FlowChange) -> bool:
    """Whether the change is inside the watch (the key, with the rows' own columns beside:
    the key may identify countries by M49 code and the rows by ISO3)."""
    return watch.covers({**(change.old or {}), **(change.new or {}), **change.key})


def _order(change: FlowChange) -> tuple[str, str, str]:
    key = change.key
    return (str(key.get("period")), str(key.get("hs_code")), str(key.get("flow")))


def _by_period(changes: Iterable[FlowChange]) -> list[tuple[str, list[FlowChange]]]:
    groups: dict[str, list[FlowChange]] = defaultdict(list)
    for change in changes:
        groups[str(change.key.get("period"))].append(change)
    return [(period, sorted(groups[period], key=_order)) for period in sorted(groups)]


def _ref(row: dict[str, Any] | None, side: str) -> FlowRef:
    row = row or {}
    return FlowRef(row.get("batch_id"), row.get("source_record"), side)


def _grouped(
    watch: Watch,
    kind: str,
    period: str,
    changes: list[FlowChange],
    versions: tuple[int, int],
) -> Alert:
    side = "new" if kind == "new_flows" else "old"
    rows = [(change.new if side == "new" else change.old) or {} for change in changes]
    values = [row.get("value_usd") for row in rows]
    known = [value for value in values if value is not None]
    total = money(sum(known)) if known else "value not reported"
    if len(known) < len(values):
        total += f" ({len(values) - len(known)} without a value)"
    codes = _codes(change.key.get("hs_code") for change in changes)
    what = "new" if kind == "new_flows" else "removed"
    reason = (
        f"{watch.name}: {len(changes)} {what} flow{'s' * (len(changes) != 1)} for {period} "
        f"({_trade(watch)}, {codes}): {total}"
    )
    detail = {
        "flows": [
            {"key": change.key, "value_usd": row.get("value_usd")}
            for change, row in zip(changes, rows, strict=True)
        ]
    }
    return Alert(
        watch=watch.name,
        kind="new_flows" if kind == "new_flows" else "removed_flows",
        reason=reason,
        period=period,
        flows=tuple(_ref(row, side) for row in rows),
        versions=versions,
        detail=detail,
    )


def _revised(watch: Watch, change: FlowChange, versions: tuple[int, int]) -> Alert:
    old, new = change.old_value, change.new_value
    shift = ""
    if old and new is not None:
        shift = f" ({(new - old) / old * 100:+.1f}%)"
    period = str(change.key.get("period"))
    reason = (
        f"{watch.name}: {period} HS {change.key.get('hs_code')} ({_trade(watch)}) revised "
        f"from {money(old)} to {money(new)}{shift}"
    )
    return Alert(
        watch=watch.name,
        kind="revised_flow",
        reason=reason,
        period=period,
        flows=(_ref(change.old, "old"), _ref(change.new, "new")),
        versions=versions,
        detail={"key": change.key, "old_value": old, "new_value": new},
    )


def _trade(watch: Watch) -> str:
    flows = {"M": "imports from", "X": "exports to", "RM": "re-imports from"}
    verb = flows.get(watch.flow, "re-exports to" if watch.flow == "RX" else watch.flow)
    return f"{watch.reporter} {verb} {watch.partner}"


def _codes(codes: Iterable[Any]) -> str:
    distinct = sorted({str(code) for code in codes})
    shown = ", ".join(distinct[:5]) + (
        f" and {len(distinct) - 5} more" if len(distinct) > 5 else ""
    )
    return f"HS {shown}"


def money(value: float | None) -> str:
    """USD in words a reader scans: ``USD 1.23 million``; a missing value says so."""
    if value is None:
        return "no value"
    if abs(value) >= 1e6:
        return f"USD {value / 1e6:,.2f} million"
    return f"USD {value:,.0f}"
