"""Assay: can the analysed sample be the claimed product, and which known PGM source is it like?

Refined metal (HS 7106/7108/7110) is judged by the purity of the claimed element; ores and
concentrates by grade ranges. PGM ratios are compared with known source signatures
(``pgm_signatures.csv``) on the elements both report, renormalised to 100%: the nearest source,
its distance in percentage points, and whether it lies in the declared origin.
"""

from __future__ import annotations

import math
from typing import Any

from oresight.offers.findings import CheckResult, Finding
from oresight.offers.model import Assay, Line, Offer
from oresight.offers.thresholds import thresholds
from oresight.offers.units import to_fraction
from oresight.reference import commodities as ref

REFINED_HS = ("7106", "7108", "7110")


def _target(offer: Offer, assay: Assay, fractions: dict[str, float]) -> int | None:
    """The line an assay belongs to: declared, else the line whose element dominates."""
    if assay.line is not None:
        return assay.line
    top = max(fractions, key=lambda el: fractions[el])
    for i, line in enumerate(offer.lines):
        if ref.commodity(line.commodity).element == top:
            return i
    return 0 if len(offer.lines) == 1 else None


def _purity(line: Line, fractions: dict[str, float]) -> tuple[dict[str, Any], str | None]:
    spec = ref.commodity(line.commodity)
    pct = fractions.get(spec.element or "", 0.0) * 100
    floor = thresholds()["assay"]["refined_floor_pct"]
    minimum = spec.refined_purity_min_pct or 99.0
    if pct >= (spec.good_delivery_pct or 101):
        verdict, code = f"{pct:.2f}% {spec.element}: good-delivery grade", None
    elif pct >= minimum:
        verdict, code = f"{pct:.2f}% {spec.element}: refined metal (>= {minimum}%)", None
    elif pct >= floor:
        verdict = f"{pct:.2f}% {spec.element}: below market grade ({minimum}%) for refined metal"
        code = "below_grade"
    else:
        verdict = (
            f"{pct:.2f}% {spec.element}: cannot be refined {line.commodity} (HS {line.hs_code})"
        )
        code = "not_claimed_product"
    return {"kind": "purity", "element": spec.element, "purity_pct": pct, "verdict": verdict}, code


def _dore(line: Line, fractions: dict[str, float]) -> tuple[dict[str, Any], str | None]:
    """Unrefined bullion: the claimed metal need only reach the Chapter 71 alloy share."""
    spec = ref.commodity(line.commodity)
    pct = fractions.get(spec.element or "", 0.0) * 100
    least = thresholds()["assay"]["chapter71_alloy_min_pct"]
    if pct >= least:
        verdict = (
            f"doré: {pct:.2f}% {spec.element}, unrefined bullion classifiable as {line.commodity} "
            f"(HS {line.hs_code}, Chapter 71 note 5: >= {least:g}%); it still has to be refined, "
            f"so the refinery that takes it is part of the provenance"
        )
        code = None
    else:
        verdict = (
            f"doré: {pct:.2f}% {spec.element}, below the {least:g}% that makes an alloy "
            f"{line.commodity} (Chapter 71 note 5): not HS {line.hs_code}"
        )
        code = "not_claimed_product"
    return {"kind": "dore", "element": spec.element, "purity_pct": pct, "verdict": verdict}, code


def _grade(
    line: Line, fractions: dict[str, float], form: str | None
) -> tuple[dict[str, Any], str | None]:
    spec = ref.commodity(line.commodity)
    g_t = sum(fractions.get(el, 0.0) for el in spec.elements) * 1e6
    ranges = spec.grade_g_t or {k: (lo * 1e4, hi * 1e4) for k, (lo, hi) in spec.grade_pct.items()}
    if not spec.elements or not ranges:
        # No reference grades for this commodity: say so rather than fail the sample.
        verdict = f"not assessed: no grade range for {line.commodity} in the reference tables"
        return {"kind": "grade", "grade_g_t": None, "fits": [], "verdict": verdict}, None
    fits = [k for k, (lo, hi) in ranges.items() if lo <= g_t <= hi]
    ok = bool(fits) and (form is None or form in fits or form not in ranges)
    verdict = (
        f"{g_t:,.1f} g/t of {'+'.join(spec.elements)}: in the range of {', '.join(fits)}"
        if ok
        else f"{g_t:,.1f} g/t of {'+'.join(spec.elements)}: outside the ranges for "
        + ", ".join(f"{k} {lo:g}-{hi:g} g/t" for k, (lo, hi) in ranges.items())
    )
    return {"kind": "grade", "grade_g_t": g_t, "fits": fits, "verdict": verdict}, (
        None if ok else "not_claimed_product"
    )


def _distance(sample: dict[str, float], sig: ref.Signature) -> tuple[float, list[str]] | None:
    common = [el for el in sig.shares if el in sample]
    if len(common) < 2 or sum(sample[el] for el in common) <= 0:
        return None
    s_tot, g_tot = sum(sample[el] for el in common), sum(sig.shares[el] for el in common)
    d = math.sqrt(
        sum((100 * sample[el] / s_tot - 100 * sig.shares[el] / g_tot) ** 2 for el in common)
    )
    return d, common


def _signature(offer: Offer, fractions: dict[str, float]) -> tuple[dict[str, Any], Finding | None]:
    pgm = {el: v for el, v in fractions.items() if el in ref.PGM_ELEMENTS and v > 0}
    if len(pgm) < 2:
        return {"note": "fewer than two PGMs reported: no ratio to compare"}, None
    scored = []
    for sig in ref.signatures():
        found = _distance(pgm, sig)
        if found:
            scored.append((found[0], found[1], sig))
    if not scored:
        return {"note": "no known source reports the same elements"}, None
    scored.sort(key=lambda s: s[0])
    d, common, sig = scored[0]
    close = d <= thresholds()["assay"]["close_distance_pp"]
    origin_sigs = [s for s in ref.signatures() if s.country == offer.origin]
    if sig.country == offer.origin:
        fit = f"fits the declared origin {offer.origin}"
    elif origin_sigs:
        fit = f"resembles {sig.country} more than any known source in {offer.origin}"
    else:
        fit = f"no known PGM source in the declared origin {offer.origin}"
    out = {
        "nearest": sig.to_dict(),
        "distance_pp": d,
        "compared_on": common,
        "close": close,
        "fit": fit,
        "ranking": [
            {"name": s.name, "country": s.country, "distance_pp": x} for x, _, s in scored[:5]
        ],
    }
    finding = None
    if sig.country != offer.origin:
        finding = Finding(
            "assay", "origin_mismatch", f"PGM ratios: {fit} (nearest: {sig.name}, {d:.1f} pp)"
        )
    return out, finding


def check_assay(offer: Offer, k: int) -> tuple[dict[str, Any], list[Finding]]:
    assay = offer.assays[k]
    fractions = {el: to_fraction(a.value, a.unit) for el, a in assay.elements.items()}
    i = _target(offer, assay, fractions)
    row: dict[str, Any] = {
        "assay": k,
        "sample_id": assay.sample_id,
        "lab": assay.lab,
        "form": assay.form,
        "line": i,
        "composition_pct": {el: f * 100 for el, f in fractions.items()},
        "total_pct": sum(fractions.values()) * 100,
    }
    findings: list[Finding] = []
    floor = thresholds()["assay"]["refined_floor_pct"]
    if i is None:
        row["product"] = {"verdict": "no offer line matches the sample's main element"}
        findings.append(Finding("assay", "not_claimed_product", row["product"]["verdict"]))
    else:
        line = offer.lines[i]
        refined = line.hs_code.startswith(REFINED_HS)
        dore = (assay.form or "").lower() in thresholds()["assay"]["unrefined_forms"]
        if refined and dore:
            product, code = _dore(line, fractions)
        elif refined:
            product, code = _purity(line, fractions)
        else:
            product, code = _grade(line, fractions, assay.form)
        row["product"] = product
        if code:
            findings.append(
                Finding("assay", code, f"sample {assay.sample_id}: {product['verdict']}", i)
            )
        if product["kind"] == "purity" and product["purity_pct"] >= floor:
            row["refined_note"] = (
                "refined metal: refining removes the co-products, so ratios do not fingerprint a "
                "mine; the metal needs a refinery provenance"
            )
    sig, finding = _signature(offer, fractions)
    if row.get("refined_note") and finding is not None:
        # Refining strips the co-products: the trace PGMs of refined metal resembling a mine
        # says nothing about its origin, so the comparison is shown but draws no finding.
        sig["fit"] = f"{sig['fit']} (refined metal: not evidence of origin)"
        finding = None
    row["signature"] = sig
    if finding:
        findings.append(finding)
    parts = [row["product"]["verdict"], sig.get("fit") or sig.get("note", "")]
    if row.get("refined_note"):
        parts.append(row["refined_note"])
    row["explanation"] = "; ".join(p for p in parts if p)
    return row, findings


def check(offer: Offer) -> CheckResult:
    """Every assay of the offer (none: a finding, since nothing was analysed)."""
    rows, findings = [], []
    for k in range(len(offer.assays)):
        row, found = check_assay(offer, k)
        rows.append(row)
        findings.extend(found)
    if not offer.assays:
        findings.append(Finding("assay", "no_assay", "no laboratory analysis was provided"))
        return CheckResult(rows, findings)
    covered = {r["line"] for r in rows}
    missing = [i for i in range(len(offer.lines)) if i not in covered]
    if missing:
        names = ", ".join(f"{offer.lines[i].commodity} (line {i})" for i in missing)
        findings.append(
            Finding(
                "assay",
                "no_assay",
                f"no laboratory analysis of {names}: no sample covers "
                f"{'this line' if len(missing) == 1 else 'these lines'}",
                missing[0] if len(missing) == 1 else None,
                tuple(missing),
            )
        )
    return CheckResult(rows, findings)
