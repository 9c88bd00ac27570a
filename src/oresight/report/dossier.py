"""The offer dossier as one self-contained HTML page (and PDF through the shared printer).

Renders the dict of :meth:`oresight.offers.Assessment.to_dict`; computes nothing itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from oresight.report.html import Section, definition_list, escape, page, table


def _range(values: Sequence[float | None] | None, scale: float = 1.0, fmt: str = "{:,.1f}") -> str:
    if not values or any(v is None for v in values):
        return "n/a"
    lo, hi = (float(v) / scale for v in values if v is not None)
    return fmt.format(lo) if lo == hi else f"{fmt.format(lo)} – {fmt.format(hi)}"


def _pct(values: Sequence[float | None] | None) -> str:
    return _range(values, 0.01, "{:,.1f}%")


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _summary(d: Mapping[str, Any]) -> Section:
    risk = d["risk"]
    offer = d["offer"]
    boxes = {
        "risk": risk["level"].upper(),
        "seller": f"{offer['seller']['name']} ({offer['seller'].get('country') or '?'})",
        "origin": offer["origin"],
        "delivery": f"{offer['delivery']['from']} to {offer['delivery']['to']}",
    }
    return Section("Risk", definition_list(boxes) + _list(risk["reasons"]), anchor="risk")


def _offer(d: Mapping[str, Any]) -> Section:
    offer = d["offer"]
    lines = [
        {
            "line": i,
            "commodity": ln["commodity"],
            "hs_code": ln["hs_code"],
            "quantity": f"{ln['quantity']['min']:g}–{ln['quantity']['max']:g} "
            f"{ln['quantity']['unit']} per {ln['quantity']['per']}",
            "price": f"{ln['price']['amount']:g} {ln['price']['currency']}/{ln['price']['per']}"
            if ln.get("price")
            else "",
        }
        for i, ln in enumerate(offer["lines"])
    ]
    return Section("Offer", table(lines, ["line", "commodity", "hs_code", "quantity", "price"]))


def _verification(m: Mapping[str, Any]) -> str:
    flag = m.get("verification") or ("verified" if m.get("verified") else "unverified")
    return str(flag).replace("_", " ")


def _legality(d: Mapping[str, Any]) -> Section:
    rows = [
        {
            **r,
            "measures": "; ".join(
                f"{m.get('instrument')} {m.get('paragraph') or ''} "
                # the three-level flag (verified / partly verified / unverified), not a bool
                f"({_verification(m)})"
                for m in r.get("measures", [])
            ),
        }
        for r in d["legality"]
    ]
    cols = [
        "line",
        "commodity",
        "origin",
        "origin_kind",
        "regime",
        "status",
        "buyer_status",
        "explanation",
        "buyer_explanation",
        "measures",
    ]
    return Section("Legality", table(rows, cols), anchor="legality")


def _counterparties(d: Mapping[str, Any]) -> Section:
    return Section(
        "Counterparties",
        table(d["counterparties"], ["role", "name", "country", "status", "explanation"]),
        anchor="counterparties",
    )


def _world(world: Mapping[str, Any] | None) -> str:
    if not world:
        return "n/a"
    years = _range(world.get("recent_years"), fmt="{:.0f}")
    return (
        f"{world.get('latest_tonnes')} t ({world.get('latest_year')}); "
        f"{_range(world.get('recent_range_tonnes'))} t in {years}"
    )


def _plausibility(d: Mapping[str, Any]) -> Section:
    rows = []
    for r in d["plausibility"]:
        world = r.get("world") or {}
        rows.append(
            {
                "commodity": r["commodity"],
                "verdict": r["verdict"],
                "annual_tonnes": _range(r["annual_tonnes"]),
                "share_of_world": _pct(r["share_of_world"]),
                "world": _world(world),
                "largest": ", ".join(
                    f"{p['country']} {p['tonnes']:,.1f} t ({p['year']})"
                    for p in r["largest_producers"]
                ),
                "explanation": r["explanation"],
            }
        )
    cols = [
        "commodity",
        "verdict",
        "annual_tonnes",
        "share_of_world",
        "world",
        "largest",
        "explanation",
    ]
    sources = sorted(
        {
            str((r.get("world") or {}).get("latest_source"))
            for r in d["plausibility"]
            if r.get("world")
        }
    )
    return Section("Supply plausibility", table(rows, cols) + _list(sources), anchor="plausibility")


def _valuation(d: Mapping[str, Any]) -> Section:
    rows = [
        {
            "commodity": r["commodity"],
            "usd_m_per_t": _range(r.get("usd_per_tonne"), 1e6),
            "usd_m_per_month": _range(r.get("value_per_month_usd"), 1e6),
            "usd_m_per_year": _range(r.get("value_per_year_usd"), 1e6),
            "offered_m_per_year": _range(
                (r.get("offered_price") or {}).get("value_per_year_usd"), 1e6
            ),
            "offered": (r.get("offered_price") or {}).get("assessment")
            or (r.get("offered_price") or {}).get("note", ""),
            "explanation": r.get("explanation") or r.get("note", ""),
        }
        for r in d["valuation"]
    ]
    cols = {
        "commodity": "commodity",
        "usd_m_per_t": "USD m / t",
        "usd_m_per_month": "USD m / month",
        "usd_m_per_year": "USD m / year",
        "offered_m_per_year": "USD m / year at offered price",
        "offered": "offered price",
        "explanation": "prices used",
    }
    return Section("Valuation", table(rows, cols), anchor="valuation")


def _assay(d: Mapping[str, Any]) -> Section:
    rows = [
        {
            "sample_id": r["sample_id"],
            "lab": r.get("lab"),
            "composition": ", ".join(f"{k} {v:.4g}%" for k, v in r["composition_pct"].items()),
            "nearest": (r["signature"].get("nearest") or {}).get("name", ""),
            "distance_pp": r["signature"].get("distance_pp"),
            "explanation": r["explanation"],
        }
        for r in d["assay"]
    ]
    cols = ["sample_id", "lab", "composition", "nearest", "distance_pp", "explanation"]
    return Section("Assay", table(rows, cols, numeric=["distance_pp"]), anchor="assay")


def render_dossier(data: Mapping[str, Any]) -> str:
    """The dossier page for an assessment dict."""
    sections = [
        _summary(data),
        _offer(data),
        _legality(data),
        _counterparties(data),
        _plausibility(data),
        _valuation(data),
        _assay(data),
        Section("Sources", _list([f"{k}: {v}" for k, v in data.get("sources", {}).items()])),
    ]
    return page(
        f"Offer dossier: {data['offer_id']}",
        sections,
        subtitle=f"Risk {data['risk']['level']} · generated {data.get('generated_at', '')}",
        footer="oresight offer check — every figure carries its source; verify flagged figures "
        "(estimate, secondary, forecast) before quoting them.",
    )


def write_dossier(data: Mapping[str, Any], html_path: Path | None, pdf_path: Path | None) -> None:
    """Write the HTML page and/or print it to PDF (headless Chromium via oresight.report.pdf)."""
    html = render_dossier(data)
    target = html_path or (pdf_path.with_suffix(".html") if pdf_path else None)
    if target is None:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    if pdf_path is not None:
        from oresight.report.pdf import html_to_pdf

        html_to_pdf(target, pdf_path)


__all__ = ["render_dossier", "write_dossier"]
