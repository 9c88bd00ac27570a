"""Altair charts of the brief: exports by group over time with the sanctions timeline on them."""

from __future__ import annotations

from datetime import date
from typing import Any

import altair as alt
import pandas as pd

RESTRICTIVE = ("prohibited", "capped", "conditional")
WIDTH, HEIGHT = 900, 320


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def timeline_layer(spans: list[dict[str, Any]] | None, groups: set[str]) -> alt.Chart | None:
    """Vertical rules where a UN restriction on a charted group began, labelled by instrument."""
    if not spans:
        return None
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for span in spans:
        if span.get("group") not in groups or span.get("status") not in RESTRICTIVE:
            continue
        key = (str(span["from"]), str(span["instrument"]))
        item = seen.setdefault(
            key,
            {
                "date": str(span["from"]),
                "instrument": f"{span['instrument']} para {span['paragraph']}".split(" (")[0],
                "status": span["status"],
                "groups": [],
            },
        )
        item["groups"].append(str(span["group"]))
    if not seen:
        return None
    frame = pd.DataFrame(
        [{**v, "groups": ", ".join(sorted(set(v["groups"])))} for v in seen.values()]
    )
    base = alt.Chart(frame)
    rules = base.mark_rule(strokeDash=[4, 3], strokeWidth=1.5).encode(
        x="date:T",
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=list(RESTRICTIVE), range=["#cf222e", "#bf8700", "#8250df"]),
            legend=alt.Legend(title="UN measure"),
        ),
        tooltip=["date:T", "instrument:N", "status:N", "groups:N"],
    )
    labels = base.mark_text(angle=270, align="left", dx=4, dy=-4, fontSize=9).encode(
        x="date:T", y=alt.value(HEIGHT - 4), text="instrument:N"
    )
    return rules + labels


def exports_chart(
    rows: list[dict[str, Any]],
    spans: list[dict[str, Any]] | None,
    *,
    title: str,
    stacked: bool,
) -> alt.LayerChart | alt.Chart:
    """Value by group over time (stacked areas for customs series, points and lines for
    published figures on a log scale), with the sanctions timeline layered on top."""
    frame = pd.DataFrame(
        [
            {
                "date": _iso(r["period_start"]),
                "period": r["period"],
                "group": r.get("group_name") or r["group"],
                "group_key": r["group"],
                "partner": r.get("partner"),
                "value_usd": r["value_usd"],
                "source": r.get("source_org") or r.get("source"),
            }
            for r in rows
        ]
    )
    base = alt.Chart(frame).properties(width=WIDTH, height=HEIGHT, title=title)
    tooltip = [
        "period:N",
        "group:N",
        "partner:N",
        alt.Tooltip("value_usd:Q", format=",.0f"),
        "source:N",
    ]
    if stacked:
        marks: alt.Chart = base.mark_area().encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("sum(value_usd):Q", title="USD", stack=True),
            color=alt.Color("group:N", title="group"),
            tooltip=tooltip,
        )
    else:
        marks = base.mark_line(point=True, strokeWidth=1).encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("value_usd:Q", title="USD (log scale)", scale=alt.Scale(type="log")),
            color=alt.Color("group:N", title="group"),
            shape=alt.Shape("partner:N", title="importer"),
            detail="source:N",
            tooltip=tooltip,
        )
    layer = timeline_layer(spans, set(frame["group_key"]) if not frame.empty else set())
    chart = marks if layer is None else alt.layer(marks, layer).resolve_scale(color="independent")
    return chart
