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
    labels = (
        alt.Chart(_spaced_labels(frame))
        .mark_text(angle=270, align="left", dx=4, dy=-4, fontSize=9)
        .encode(x="date:T", y=alt.value(HEIGHT - 4), text="label:N")
    )
    return rules + labels


LABEL_GAP_DAYS = 60  # closer measures share one label: rotated texts would overlap


def _spaced_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """One label per cluster of measures less than LABEL_GAP_DAYS apart ("UNSCR 2371 para 8
    +2" when three fall together); every measure keeps its own rule and tooltip."""
    days = pd.to_datetime(frame["date"])
    ordered = frame.assign(day=days).sort_values("day")
    out: list[dict[str, Any]] = []
    for row in ordered.itertuples():
        if out and (row.day - out[-1]["day"]).days < LABEL_GAP_DAYS:
            out[-1]["_more"] += 1
            continue
        out.append({"date": row.date, "day": row.day, "first": row.instrument, "_more": 0})
    return pd.DataFrame(
        [
            {"date": o["date"], "label": o["first"] + (f" +{o['_more']}" if o["_more"] else "")}
            for o in out
        ]
    )


def gap_runs(frame: pd.DataFrame) -> pd.DataFrame:
    """Monthly rows completed for stacking and split into runs of consecutive months.

    A month in which some group has rows is reported: the other groups traded nothing that
    month (a zero, filled in so the stack stays level). A month with no rows at all is
    missing: it starts a new ``run``, and each run is drawn as its own area, so nothing is
    drawn across it.
    """
    if frame.empty:
        return frame.assign(run=pd.Series(dtype=int))
    frame = frame.groupby(["date", "group", "group_key"], as_index=False).agg(
        value_usd=("value_usd", "sum"),
        period=("period", "first"),
        partner=("partner", "first"),
        source=("source", "first"),
    )
    months = sorted(frame["date"].unique())
    index = {m: _month_number(m) for m in months}
    run, runs, previous = 0, {}, None
    for m in months:
        if previous is not None and index[m] - index[previous] > 1:
            run += 1
        runs[m] = run
        previous = m
    groups = frame[["group", "group_key"]].drop_duplicates()
    grid = groups.merge(pd.DataFrame({"date": months}), how="cross")
    full = grid.merge(frame, on=["date", "group", "group_key"], how="left")
    full["value_usd"] = full["value_usd"].fillna(0.0)
    full["period"] = full["period"].fillna(full["date"].astype(str).str[:7])
    full["run"] = full["date"].map(runs)
    full = full.sort_values(["run", "date", "group"]).reset_index(drop=True)
    full["top"] = full.groupby("date")["value_usd"].cumsum()
    full["base"] = full["top"] - full["value_usd"]
    return full


def _month_number(value: Any) -> int:
    text = str(value)
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def coverage_chart(matrix: list[dict[str, Any]]) -> alt.Chart:
    """Reporter x month matrix per source: which reporter reported trade with the country in
    which month (colour: rows); a blank cell is a month with no report."""
    frame = pd.DataFrame(matrix)
    return (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("month:O", title=None, axis=alt.Axis(labelAngle=-90, labelOverlap=True)),
            y=alt.Y("reporter:N", title="reporter"),
            color=alt.Color("records:Q", title="rows", scale=alt.Scale(scheme="blues")),
            row=alt.Row("source:N", title=None),
            tooltip=["source:N", "reporter:N", "month:O", "records:Q", "hs_codes:Q"],
        )
        .properties(width=WIDTH - 120, title="Coverage: who reported what, when")
    )


def diversion_chart(series: list[dict[str, Any]], *, title: str, cut: str) -> alt.TopLevelMixin:
    """Before/after monthly values of an origin and of the target, with the cut marked; a
    month the partner did not report is a gap in both lines."""
    rows = []
    for point in series:
        for who, key in (("origin", "origin_usd"), ("target", "target_usd")):
            rows.append({"date": f"{point['month']}-01", "who": who, "value_usd": point[key]})
    frame = pd.DataFrame(rows)
    frame["run"] = frame["value_usd"].isna().groupby(frame["who"]).cumsum()
    frame = frame.dropna(subset=["value_usd"])
    lines = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("value_usd:Q", title="USD per month"),
            color=alt.Color("who:N", title=None),
            detail="run:N",
            tooltip=["date:T", "who:N", alt.Tooltip("value_usd:Q", format=",.0f")],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"date": [f"{cut}-01"]}))
        .mark_rule(strokeDash=[4, 3], color="#cf222e")
        .encode(x="date:T")
    )
    return alt.layer(lines, rule).properties(width=WIDTH - 300, height=200, title=title)


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
        # One area per run of reported months: a month with no rows is a gap, not a slope
        # from one side to the other (see gap_runs).
        base = alt.Chart(gap_runs(frame)).properties(width=WIDTH, height=HEIGHT, title=title)
        # The stack is computed here (top/base), not by Vega-Lite: its stacking fills every
        # series with zeros at every date, which would draw each run across the others.
        marks: alt.Chart = base.mark_area().encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("top:Q", title="USD", stack=None),
            y2="base:Q",
            color=alt.Color("group:N", title="group"),
            detail="run:N",
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
