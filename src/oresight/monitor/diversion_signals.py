"""The four kinds of diversion signal, computed on monthly sums (Polars, small data).

Months are running numbers (``year * 12 + month - 1``). A month counts only when the partner
reported imports that month ("covered"); inside it an absent flow is no trade (zero), outside
it the month is missing and left out of every mean.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np

from oresight.monitor.diversion_model import Collapse, Signal, Window
from oresight.monitor.diversion_settings import DiversionSettings
from oresight.reference.countries import name as country_name

Series = dict[int, float]  # month -> USD (or tonnes)


def label(m: int) -> str:
    return f"{m // 12}-{m % 12 + 1:02d}"


def first_day(m: int) -> date:
    return date(m // 12, m % 12 + 1, 1)


def months_of(lo: int, hi: int, covered: set[int]) -> list[int]:
    return [m for m in range(lo, hi + 1) if m in covered]


def mean_over(values: Series, months: list[int]) -> float | None:
    return sum(values.get(m, 0.0) for m in months) / len(months) if months else None


def window(
    values: Series,
    lo: int,
    hi: int,
    covered: set[int],
    tonnes: Series | None = None,
    weighed: Series | None = None,
) -> Window:
    months = months_of(lo, hi, covered)
    t = sum((tonnes or {}).get(m, 0.0) for m in months)
    w = sum((weighed or {}).get(m, 0.0) for m in months)
    return Window(
        first=label(lo),
        last=label(hi),
        months_covered=len(months),
        months_in_window=hi - lo + 1,
        value_usd=mean_over(values, months),
        tonnes=t / len(months) if months and tonnes is not None else None,
        unit_value=w / t if t > 0 and w > 0 else None,
    )


def _usd(v: float | None) -> str:
    return "n/a" if v is None else f"USD {v:,.0f}"


# --- collapse -------------------------------------------------------------------------------


def collapse_at(
    target: Series, covered: set[int], cut: int, s: DiversionSettings
) -> tuple[Window, Window] | None:
    """The before/after windows when the target's trade collapsed at ``cut``, else None."""
    w = s.window_months
    before_months = months_of(cut - w, cut - 1, covered)
    after_months = months_of(cut, cut + w - 1, covered)
    traded_before = sum(1 for m in before_months if target.get(m, 0.0) > 0)
    if traded_before < max(s.min_before_months, s.min_before_share * len(before_months)):
        return None
    if len(after_months) < s.min_after_months:
        return None
    before, after = mean_over(target, before_months), mean_over(target, after_months)
    if not before or after is None or after > s.collapse_ratio * before:
        return None
    return window(target, cut - w, cut - 1, covered), window(target, cut, cut + w - 1, covered)


def find_collapse(
    partner: str,
    product: str,
    target: Series,
    covered: set[int],
    s: DiversionSettings,
    *,
    around: int | None,
    measure_start: Callable[[int, int], tuple[int, str] | None],
) -> Collapse | None:
    """The month the target's exports of ``product`` to ``partner`` collapsed: the one asked
    (``around``), else the month a measure took full effect, else the month with the lowest
    after/before ratio (earliest on ties)."""
    traded = sorted(m for m, v in target.items() if v > 0)
    if not traded:
        return None
    last = max(covered) if covered else traded[-1]
    candidates: list[tuple[int, str]] = []
    if around is not None:
        candidates = [(around, "asked (--around)")]
    else:
        found = measure_start(traded[0] + 1, last)
        if found is not None:
            candidates.append(found)
    for cut, why in candidates:
        windows = collapse_at(target, covered, cut, s)
        if windows is not None:
            return _collapse(partner, product, cut, why, *windows)
    if around is not None:
        return None
    detected = _lowest_ratio_cut(target, covered, traded[0], last, s)
    if detected is None:
        return None
    windows = collapse_at(target, covered, detected, s)
    assert windows is not None
    return _collapse(partner, product, detected, "detected (lowest after/before ratio)", *windows)


def _lowest_ratio_cut(
    target: Series, covered: set[int], first: int, last: int, s: DiversionSettings
) -> int | None:
    """The cut with the lowest after/before ratio among those where a collapse holds (the
    earliest on ties), with prefix sums: one pass, whatever the number of candidate months."""
    w = s.window_months
    lo = first - w
    n = last - lo + w + 1
    months = np.arange(lo, lo + n)
    cov = np.array([m in covered for m in months], dtype=float)
    val = np.array([target.get(int(m), 0.0) for m in months]) * cov
    trd = (val > 0).astype(float)
    csum = [np.concatenate([[0.0], np.cumsum(a)]) for a in (cov, val, trd)]
    ks = np.arange(max(first + s.min_before_months, lo + w) - lo, last - lo + 1)
    if not len(ks):
        return None

    def span(a: np.ndarray, start: np.ndarray, stop: np.ndarray) -> np.ndarray:
        return a[stop] - a[start]

    n_before = span(csum[0], ks - w, ks)
    n_after = span(csum[0], ks, np.minimum(ks + w, n))
    traded_before = span(csum[2], ks - w, ks)
    with np.errstate(divide="ignore", invalid="ignore"):
        before = span(csum[1], ks - w, ks) / n_before
        after = span(csum[1], ks, np.minimum(ks + w, n)) / n_after
        ratio = after / before
    ok = (
        (traded_before >= np.maximum(s.min_before_months, s.min_before_share * n_before))
        & (n_after >= s.min_after_months)
        & (before > 0)
        & (ratio <= s.collapse_ratio)
    )
    if not ok.any():
        return None
    best = int(np.argmin(np.where(ok, ratio, np.inf)))  # first of the lowest
    return int(months[ks[best]])


def _collapse(
    partner: str, product: str, cut: int, why: str, before: Window, after: Window
) -> Collapse:
    lost = (before.value_usd or 0.0) - (after.value_usd or 0.0)
    return Collapse(
        partner=partner,
        product=product,
        cut=label(cut),
        why_cut=why,
        before=before,
        after=after,
        lost_usd_per_month=lost,
        explanation=(
            f"{partner}'s reported imports of HS {product} fell from {_usd(before.value_usd)} a "
            f"month ({before.first} to {before.last}, {before.months_covered} months reported) "
            f"to {_usd(after.value_usd)} ({after.first} to {after.last}, "
            f"{after.months_covered} months reported); cut at {label(cut)}: {why}"
        ),
    )


# --- signals (built from the rows of diversion_table.pick) ----------------------------------


def _window_of(r: dict[str, Any], side: str, cut: int, w: int) -> Window:
    lo, hi = (cut - w, cut - 1) if side == "before" else (cut, cut + w - 1)
    n = int(r[f"n_{side}"])
    tonnes, weighed = r[f"t_{side}"], r[f"w_{side}"]
    return Window(
        first=label(lo),
        last=label(hi),
        months_covered=n,
        months_in_window=w,
        value_usd=r[f"sum_{side}"] / n if n else None,
        tonnes=tonnes / n if n else None,
        unit_value=weighed / tonnes if tonnes > 0 and weighed > 0 else None,
    )


def rise_signal(r: dict[str, Any], partner: str, s: DiversionSettings, kind: str) -> Signal:
    """(a) unallocated partner / (b) third country: a rise beyond the origin's own trend."""
    cut, lost = int(r["cut"]), float(r["lost"])
    before = _window_of(r, "before", cut, s.window_months)
    after_w = _window_of(r, "after", cut, s.window_months)
    excess, noise, projected = float(r["excess"]), float(r["noise_eff"]), float(r["projected"])
    sigmas = excess / noise
    offset = min(1.0, excess / lost)
    strength = min(1.0, sigmas / (2 * s.min_excess_sigma))
    score = round(offset * (0.5 + 0.5 * strength), 3)
    origin, product = str(r["origin"]), str(r["product"])
    name = country_name(origin)
    what = " - an unallocated partner, origin withheld" if kind == "unallocated_partner" else ""
    explanation = (
        f"{partner}'s imports of HS {product} from {name} ({origin}){what} "
        f"averaged {_usd(after_w.value_usd)} a month from {after_w.first} to {after_w.last} "
        f"against {_usd(projected)} expected from their own trend ({_usd(before.value_usd)} "
        f"before): {_usd(excess)} above trend, {sigmas:.1f} times their monthly noise, equal to "
        f"{100 * excess / lost:.0f}% of the {_usd(lost)} a month the target lost. "
        f"Score {score:.2f} = share of the lost trade offset ({offset:.2f}, capped at 1) x "
        f"(0.5 + 0.5 x strength {strength:.2f}, where {2 * s.min_excess_sigma:.0f} sigma or "
        "more is 1)."
    )
    return Signal(
        kind=kind,  # type: ignore[arg-type]
        partner=partner,
        product=product,
        origin=origin,
        origin_name=name,
        cut=label(cut),
        score=score,
        explanation=explanation,
        before=before,
        after=after_w,
        expected_after_usd=projected,
        detail={"excess_usd_per_month": excess, "sigmas": sigmas, "noise_usd": noise},
    )


def mirror_gap_signal(r: dict[str, Any], partner: str, s: DiversionSettings) -> Signal:
    """(c) The partner's reported imports from the origin against the origin's reported
    exports to the partner: a ratio that moved between the windows."""
    cut, lost = int(r["cut"]), float(r["lost"])
    mb, rb, ma, ra, added = (float(r[k]) for k in ("mb", "rb", "ma", "ra", "added"))
    ratio_b, ratio_a = mb / rb, ma / ra
    score = round(0.8 * min(1.0, abs(added) / lost), 3)
    origin, product = str(r["origin"]), str(r["product"])
    name = country_name(origin)
    direction = "more" if added > 0 else "less"
    explanation = (
        f"{partner} reports {_usd(ma)} a month of HS {product} imports from {name} from "
        f"{label(cut)} while {name} reports {_usd(ra)} of exports to {partner} (ratio "
        f"{ratio_a:.2f}; {ratio_b:.2f} before, {_usd(mb)} against {_usd(rb)}): {partner} "
        f"books {_usd(abs(added))} a month {direction} than before beyond what {name} records, "
        f"{100 * abs(added) / lost:.0f}% of the trade the target lost (goods declared as "
        f"{name}'s that {name} did not record can be relabelled goods). Score {score:.2f} = "
        "0.8 x that share (capped at 1)."
    )
    return Signal(
        kind="mirror_gap",
        partner=partner,
        product=product,
        origin=origin,
        origin_name=name,
        cut=label(cut),
        score=score,
        explanation=explanation,
        before=_window_of(r, "before", cut, s.window_months),
        after=_window_of(r, "after", cut, s.window_months),
        detail={
            "ratio_before": ratio_b,
            "ratio_after": ratio_a,
            "reported_before_usd": rb,
            "reported_after_usd": ra,
            "added_gap_usd_per_month": added,
        },
    )


def unit_value_signal(r: dict[str, Any], partner: str, s: DiversionSettings) -> Signal:
    """(d) The unit value of the partner's imports from the origin shifting between windows,
    on a flow worth a share of the lost trade."""
    cut, lost = int(r["cut"]), float(r["lost"])
    before = _window_of(r, "before", cut, s.window_months)
    after = _window_of(r, "after", cut, s.window_months)
    assert before.unit_value and after.unit_value
    shift = float(r["shift"])
    size = min(1.0, (after.value_usd or 0.0) / lost)
    strength = min(1.0, abs(math.log(after.unit_value / before.unit_value)) / math.log(2))
    score = round(0.5 * size * strength, 3)
    origin, product = str(r["origin"]), str(r["product"])
    name = country_name(origin)
    explanation = (
        f"The unit value of {partner}'s HS {product} imports from {name} moved "
        f"{100 * shift:+.0f}% (USD {before.unit_value:,.1f}/t before, USD "
        f"{after.unit_value:,.1f}/t from {after.first} to {after.last}) on a flow of "
        f"{_usd(after.value_usd)} a month: other goods (another grade, another origin) may be "
        f"declared under this origin. Score {score:.2f} = 0.5 x flow size against the lost "
        f"trade ({size:.2f}) x shift strength ({strength:.2f}, a doubling or halving is 1)."
    )
    return Signal(
        kind="unit_value",
        partner=partner,
        product=product,
        origin=origin,
        origin_name=name,
        cut=label(cut),
        score=score,
        explanation=explanation,
        before=before,
        after=after,
        detail={"unit_value_shift": shift},
    )
