"""Supply plausibility: can the offered annual rate exist, given world and origin output?

Compares the offered annual tonnes with world production (latest year and the range of recent
years), the origin's recorded production, its recorded exports (store) and the largest
producers; the verdict and the ratios that decide it are returned for each line.
"""

from __future__ import annotations

from typing import Any

from oresight.offers.checks.exports import covers, recorded_exports
from oresight.offers.findings import CheckResult, Finding
from oresight.offers.model import Line, Offer
from oresight.offers.thresholds import thresholds
from oresight.offers.units import annual_factor, to_fraction, to_tonnes
from oresight.reference import commodities as ref
from oresight.store import Store


def annual_tonnes(offer: Offer, line: Line) -> tuple[float, float]:
    """The offered rate of a line as [min, max] tonnes per year."""
    q, d = line.quantity, offer.delivery
    factor = annual_factor(q.per, shipments=q.shipments, start=d.start, end=d.end)
    return to_tonnes(q.min, q.unit) * factor, to_tonnes(q.max, q.unit) * factor


def shipments_note(line: Line) -> str:
    """A caveat for a per-shipment quantity whose number of shipments the offer omits."""
    q = line.quantity
    if q.per != "shipment" or q.shipments is not None:
        return ""
    return (
        "number of shipments not stated: one shipment over the delivery window assumed, "
        "so the rate is a lower bound"
    )


def contained_metal(offer: Offer, i: int) -> tuple[float, str] | None:
    """Metal share of a gross-weight line (ore, concentrate) and how it was found, or None."""
    line = offer.lines[i]
    spec = ref.commodity(line.commodity)
    if spec.name not in thresholds()["plausibility"]["contained_metal"] or not spec.grade_g_t:
        return None
    for a in offer.assays:
        if a.line == i or (a.line is None and len(offer.lines) == 1):
            g_t = (
                sum(
                    to_fraction(a.elements[el].value, a.elements[el].unit)
                    for el in spec.elements
                    if el in a.elements
                )
                * 1e6
            )
            return (
                g_t * 1e-6,
                f"contained metal at the assayed {g_t:,.1f} g/t (sample {a.sample_id})",
            )
    ranges = spec.grade_g_t
    form, (_, top) = (
        (line.form, ranges[line.form])
        if line.form in ranges
        else max(ranges.items(), key=lambda kv: kv[1][1])
    )
    return top * 1e-6, (
        f"grade not assayed: contained metal at most {top:,.0f} g/t (top of the {form} range)"
    )


def _world(key: str) -> dict[str, Any] | None:
    series = ref.best_by_year(ref.production(key, "WORLD"))
    if not series:
        return None
    recent_n = int(thresholds()["plausibility"]["recent_years"])
    recent = list(series.values())[-recent_n:]
    latest = recent[-1]
    return {
        "latest_year": latest.year,
        "latest_tonnes": latest.tonnes,
        "latest_basis": latest.basis,
        "latest_note": latest.note,
        "latest_source": latest.citation,
        "recent_years": [recent[0].year, latest.year],
        "recent_range_tonnes": [
            min(f.tonnes or 0 for f in recent),
            max(f.tonnes or 0 for f in recent),
        ],
    }


def _company(note: str | None) -> str:
    """The company a refined-output figure belongs to (its note starts with the name)."""
    text = (note or "").strip()
    return text.split(" refined")[0].split(" (")[0] or "company"


def _largest(key: str, n: int = 5) -> list[dict[str, Any]]:
    """The largest producers in the latest two years on record (mine figures, else any basis).

    Rhodium has no country mine series, so its largest producers are companies' refined output.
    """
    rows = [f for f in ref.production(key) if f.country != "WORLD" and f.tonnes is not None]
    mine = [f for f in rows if f.basis == "mine"]
    rows = mine or rows
    newest = max((f.year or 0 for f in rows), default=0)
    recent = [f for f in rows if (f.year or 0) >= newest - 1]
    latest: dict[tuple[str, str], ref.Figure] = {}
    for f in sorted(recent, key=lambda f: (f.year or 0, f.edition)):
        # Newest figure per country; company figures (refined) are kept apart per company.
        latest[(f.country, "" if f.basis == "mine" else f.note)] = f
    ranked = sorted(latest.values(), key=lambda f: -(f.tonnes or 0))
    return [
        {
            # a company's refined output is named by the company: two South African refiners
            # read "ZAF, ZAF" when named by country
            "producer": f.country if f.basis == "mine" else f"{_company(f.note)} ({f.country})",
            "country": f.country,
            "year": f.year,
            "tonnes": f.tonnes,
            "basis": f.basis,
            "note": f.note,
            "source": f.citation,
        }
        for f in ranked[:n]
    ]


def _origin_production(key: str, origin: str) -> dict[str, Any]:
    rows = ref.production(key, origin)
    series = ref.best_by_year(rows)
    if series:
        f = series[max(series)]
        return {"tonnes": f.tonnes, "year": f.year, "source": f.citation}
    note = rows[0].note if rows else "no row for this origin in the production table"
    return {
        "tonnes": None,
        "year": None,
        "source": rows[0].citation if rows else None,
        "note": note,
    }


def _exports(store: Store | None, store_note: str, origin: str, hs: str) -> dict[str, Any]:
    if store is None:
        return {"tonnes": None, "note": store_note}
    try:
        found = recorded_exports(store, origin, hs)
        covered = bool(found["by_year"]) or covers(store, origin)
    except Exception as exc:  # the store is another pillar's; report, never hide, its failures
        return {"tonnes": None, "note": f"not available: store query failed ({exc})"}
    if not covered:
        return {
            "tonnes": None,
            "note": f"not available: the store holds no flows of {origin} (as reporter or "
            "partner), so its exports are unknown",
        }
    if not found["by_year"]:
        return {
            "tonnes": 0.0,
            "note": f"no recorded exports of HS {hs[:6]} from {origin} in the store",
        }
    best = max(found["by_year"], key=lambda r: r["tonnes"])
    return {
        "tonnes": best["tonnes"],
        "year": best["year"],
        "by_year": found["by_year"],
        "note": f"largest recorded year ({best['view']} flows, store)",
    }


def _recent_share(lo: float, hi: float, world: dict[str, Any] | None) -> list[float | None]:
    """[low end / highest recent world output, high end / lowest recent world output]."""
    if not world:
        return [None, None]
    w_lo, w_hi = world["recent_range_tonnes"]
    return [_ratio(lo, w_hi), _ratio(hi, w_lo)]


def _ratio(a: float, b: float | None) -> float | None:
    return None if not b else a / b


def check_line(
    offer: Offer, i: int, store: Store | None, store_note: str
) -> tuple[dict[str, Any], list[Finding]]:
    """Verdict and ratios for one line."""
    t = thresholds()["plausibility"]
    line = offer.lines[i]
    spec = ref.commodity(line.commodity)
    key = spec.production_key or spec.name
    gross = annual_tonnes(offer, line)
    metal = contained_metal(offer, i)
    lo, hi = (gross[0] * metal[0], gross[1] * metal[0]) if metal else gross
    world = _world(key)
    origin_prod = _origin_production(key, offer.origin)
    exports = _exports(store, store_note, offer.origin, line.hs_code)
    w = world["latest_tonnes"] if world else None
    share = [_ratio(lo, w), _ratio(hi, w)]
    # An origin the production table has no row for, with no export data either, has an
    # unknown capacity, not a zero one: only a deliberate "no production" row counts as none.
    known_data = (
        origin_prod["tonnes"] is not None
        or exports["tonnes"] is not None
        or origin_prod["source"] is not None
    )
    capacity = max(origin_prod["tonnes"] or 0.0, exports["tonnes"] or 0.0)
    major = any(p.lower() in offer.seller.name.lower() for p in t["known_major_producers"])
    reasons: list[str] = []
    verdict = "consistent"
    if w and world and (hi > w or lo >= t["physically_implausible_share_of_world"] * w):
        verdict = "physically_implausible"
        reasons.append(
            f"{lo:,.1f}-{hi:,.1f} t/yr is {lo / w:.0%}-{hi / w:.0%} of world output "
            f"({w:,.1f} t in {world['latest_year']}, {world['latest_basis']} basis: "
            f"{world['latest_note']})"
        )
    share_origin = t["implausible_share_of_origin"]
    if verdict == "consistent" and known_data and lo > share_origin * capacity:
        verdict = "implausible"
        prod, exp = origin_prod["tonnes"], exports["tonnes"]
        exp_text = exports["note"] if exp is None else f"{exp:,.1f} t"
        prod_text = "none recorded" if prod is None else f"{prod:,.1f} t"
        if capacity > 0:
            reasons.append(
                f"the low end ({lo:,.1f} t/yr) exceeds {share_origin:.0%} of {offer.origin}'s "
                f"recorded capacity ({capacity:,.1f} t/yr; production: {prod_text}; "
                f"exports: {exp_text})"
            )
        else:  # a recorded absence of production, not a capacity to take a share of
            reasons.append(
                f"{offer.origin} has no recorded production of {key} (production: "
                f"{prod_text}; exports: {exp_text}), yet {lo:,.1f}-{hi:,.1f} t/yr is offered"
            )
    share_world = t["implausible_share_of_world"]
    if verdict == "consistent" and w and lo >= share_world * w and not major:
        verdict = "implausible"
        reasons.append(f"{lo / w:.1%} of world output from a seller not known as a major producer")
    if verdict == "consistent" and not known_data:
        reasons.append(
            f"{offer.origin}'s capacity is not recorded (no row in the production table, "
            f"exports: {exports['note']}): the offer could not be tested against it"
        )
    elif verdict == "consistent":
        reasons.append(
            f"{lo:,.1f}-{hi:,.1f} t/yr is within {offer.origin}'s recorded capacity "
            f"({capacity:,.1f} t/yr)" + (f" and {share[1]:.1%} of world output" if share[1] else "")
        )
    if metal:
        reasons.insert(0, f"{gross[0]:,.1f}-{gross[1]:,.1f} t/yr gross; {metal[1]}")
    reasons.append(shipments_note(line))
    if not w:
        reasons.append(f"no world production series for {key}")
    if not known_data and verdict != "consistent":
        reasons.append(f"{offer.origin} has no recorded production of {key} and no export data")
    largest = _largest(key)
    top = largest[0]["tonnes"] if largest else None
    row = {
        "line": i,
        "commodity": line.commodity,
        "hs_code": line.hs_code,
        "verdict": verdict,
        "annual_tonnes": [lo, hi],
        "gross_tonnes": list(gross),
        "basis": "contained metal" if metal else "gross weight",
        "share_of_world": share,
        "world": world,
        "origin": offer.origin,
        "origin_production": origin_prod,
        "origin_exports": exports,
        "share_of_origin_capacity": (
            [_ratio(lo, capacity), _ratio(hi, capacity)] if known_data else [None, None]
        ),
        "share_of_world_recent_range": _recent_share(lo, hi, world),
        "largest_producers": largest,
        "share_of_largest_producer": [_ratio(lo, top), _ratio(hi, top)],
        "explanation": "; ".join(r for r in reasons if r),
    }
    code = verdict if verdict != "consistent" else ("" if known_data else "capacity_unknown")
    findings = (
        [Finding("plausibility", code, f"{line.commodity}: {row['explanation']}", i)]
        if code
        else []
    )
    return row, findings


def check(offer: Offer, store: Store | None, store_note: str) -> CheckResult:
    """Plausibility of every line."""
    rows, findings = [], []
    for i in range(len(offer.lines)):
        row, found = check_line(offer, i, store, store_note)
        rows.append(row)
        findings.extend(found)
    return CheckResult(rows, findings)
