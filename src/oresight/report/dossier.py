"""The offer dossier as one self-contained HTML page (and PDF through the shared printer).

Renders the dict of :meth:`oresight.offers.Assessment.to_dict`; computes nothing itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from oresight.report.html import Section, escape, link, page, paragraph, table


def _range(values: Sequence[float | None] | None, scale: float = 1.0, fmt: str = "{:,.1f}") -> str:
    if not values or any(v is None for v in values):
        return "n/a"
    lo, hi = (float(v) / scale for v in values if v is not None)
    return fmt.format(lo) if lo == hi else f"{fmt.format(lo)} – {fmt.format(hi)}"


def _pct(values: Sequence[float | None] | None) -> str:
    return _range(values, 0.01, "{:,.1f}%")


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


# Dossier-only print layout: page 1 holds the conclusion; the evidence starts a page; the
# appendix (full explanations, quotes) starts another. Long text goes into paragraphs and
# lists, never into narrow table columns.
DOSSIER_CSS = """
<style>
.status { font-size: 1.5rem; font-weight: 700; padding: .3rem .7rem; border-radius: 6px;
          display: inline-block; margin: .2rem 0 .4rem; }
.status.prohibited { background: #ffebe9; color: #a40e26; border: 1px solid #ff8182; }
.status.needs_review { background: #fff8c5; color: #7d4e00; border: 1px solid #d4a72c; }
.status.conditional, .status.secondary_risk { background: #fff1e5; color: #953800;
          border: 1px solid #fb8f44; }
.status.allowed { background: #dafbe1; color: #116329; border: 1px solid #4ac26b; }
.lead { font-size: 1.05rem; font-weight: 600; }
section.evidence, section.appendix { break-before: page; }
td.tight { white-space: nowrap; width: 1%; }
ul.findings li { margin-bottom: .2rem; }
h3 { font-size: .95rem; margin: .7rem 0 .25rem; }
@media print { body { font-size: 8.5pt; line-height: 1.25; } h1 { font-size: 1.25rem; }
  h2 { font-size: 1rem; margin-top: .5rem; } table { font-size: 8pt; margin: .2rem 0; }
  p { margin: .3rem 0; } ul, ol { margin: .2rem 0; padding-left: 1.3rem; }
  footer { margin-top: 1rem; } }
@page { size: A4; margin: 13mm 12mm; }
</style>
"""


def _verdict_tag(status: str) -> str:
    return (
        f'<span class="status {escape(status)}">{escape(status.replace("_", " ").upper())}</span>'
    )


def _cite(d: Mapping[str, Any]) -> str:
    flag = str(d.get("verification", "")).replace("_", " ")
    return f"{d['label']} [{flag}]"


def _conclusion(d: Mapping[str, Any]) -> Section:
    """Page 1: the conclusion, the deciding reasons, the next steps, a line per check."""
    c = d["conclusion"]
    offer = d["offer"]
    facts = (
        f"Seller {offer['seller']['name']} ({offer['seller'].get('country') or '?'}); buyer "
        f"{offer['buyer']['name']} ({offer['buyer'].get('country') or 'country not stated'}); "
        f"origin {offer['origin']}; delivery {offer['delivery']['from']} to "
        f"{offer['delivery']['to']}; "
        + ", ".join(ln["commodity"] for ln in offer["lines"])
        + f". Risk level {d['risk']['level'].upper()}."
    )
    reasons = [
        f"{x['regime']}: {_cite(x)}, {x['paragraph']} ({x['trigger']} measure) — "
        f"{x['status'].replace('_', ' ')} for {'; '.join(x['subjects'])}"
        + (f". CONTESTED reading: {x['contested']}" if x.get("contested") else "")
        for x in c["deciding"]
    ]
    regimes = [
        {
            "regime": r["regime"],
            "buyer": r["status"].replace("_", " "),
            "bound": r["status_if_bound"].replace("_", " "),
            "by": "; ".join(f"{m['label']} ({m['trigger']})" for m in r["deciding"]) or "—",
        }
        for r in c["regimes"]
    ]
    steps = (
        "<ol>"
        + "".join(
            f"<li>{escape(s['step'])} <small>({escape(s['reason'])})</small></li>"
            for s in c["next_steps"]
        )
        + "</ol>"
    )
    checks = [
        {"check": x["check"], "level": x["level"], "verdict": x["verdict"]} for x in c["checks"]
    ]
    body = (
        DOSSIER_CSS
        + _verdict_tag(c["status"])
        + paragraph(c["summary"], css_class="lead")
        + (
            paragraph(
                "Not settled: a reviewer must decide on a possible list match first.",
                css_class="note",
            )
            if c.get("not_settled")
            else ""
        )
        + paragraph(facts)
        + "<h3>Deciding reasons</h3>"
        + (
            _list(reasons)
            if reasons
            else paragraph("No measure restricts the deal for this buyer.")
        )
        + "<h3>Next steps</h3>"
        + steps
        + "<h3>Per regime</h3>"
        + table(
            regimes,
            {
                "regime": "regime",
                "buyer": "for this buyer",
                "bound": "for persons the regime binds",
                "by": "deciding measures",
            },
        )
        + "<h3>Checks</h3>"
        + table(checks, ["check", "level", "verdict"])
    )
    return Section("Conclusion", body, anchor="conclusion")


def _findings(d: Mapping[str, Any]) -> str:
    """Every finding once (merged across lines and origins), most severe first."""
    items = "".join(f"<li>{escape(r)}</li>" for r in d["risk"]["reasons"])
    return f'<ul class="findings">{items}</ul>'


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


def _legality(d: Mapping[str, Any]) -> str:
    """One paragraph per regime and distinct explanation (lines and origins merged)."""
    seen: dict[tuple[str, str], list[str]] = {}
    for r in d["legality"]:
        if r.get("regime") is None:
            seen.setdefault(("—", r["explanation"]), []).append(r["commodity"])
            continue
        text = f"{r['buyer_status'].replace('_', ' ')}: {r['buyer_explanation']}"
        subject = f"{r['commodity']} from {r['origin']}"
        seen.setdefault((r["regime"], text), []).append(subject)
    items = [
        f"{regime} — {', '.join(dict.fromkeys(subjects))}: {text}"
        for (regime, text), subjects in seen.items()
    ]
    return _list(items)


def _measures_appendix(d: Mapping[str, Any]) -> str:
    """Every measure cited, once, with its paragraph, verification, quote and citation."""
    by_id: dict[str, Mapping[str, Any]] = {}
    for r in d["legality"]:
        for m in [*r.get("measures", []), *r.get("buyer_measures", [])]:
            by_id.setdefault(m["id"], m)
    items = [
        f"<li><b>{escape(m.get('label') or m['instrument'])}</b> — {escape(m['instrument'])}, "
        f"{escape(m['paragraph'])} ({_verification(m)}; {escape(m.get('trigger', 'goods'))}). "
        f"“{escape(m['quote'])}” {link(m['citation'])}. <small>{escape(m['check_note'])}</small>"
        + (f" <b>Contested:</b> {escape(m['contested'])}" if m.get("contested") else "")
        + "</li>"
        for m in by_id.values()
    ]
    return "<ul>" + "".join(items) + "</ul>"


def _counterparties(d: Mapping[str, Any]) -> str:
    rows = [
        {
            "role": r["role"],
            "name": f"{r['name']} ({r.get('country') or '?'})",
            "status": r["status"].replace("_", " "),
            "lists": ", ".join(r.get("lists", [])),
        }
        for r in d["counterparties"]
    ]
    notes = [f"{r['role']}: {r['explanation']}" for r in d["counterparties"]]
    return table(rows, ["role", "name", "status", "lists"]) + _list(notes)


def _world(world: Mapping[str, Any] | None) -> str:
    if not world:
        return "n/a"
    years = _range(world.get("recent_years"), fmt="{:.0f}")
    return (
        f"{world.get('latest_tonnes')} t ({world.get('latest_year')}); "
        f"{_range(world.get('recent_range_tonnes'))} t in {years}"
    )


def _plausibility(d: Mapping[str, Any]) -> str:
    rows = [
        {
            "commodity": r["commodity"],
            "verdict": r["verdict"],
            "annual_tonnes": _range(r["annual_tonnes"]),
            "share_of_world": _pct(r["share_of_world"]),
            "world": _world(r.get("world")),
        }
        for r in d["plausibility"]
    ]
    cols = {
        "commodity": "commodity",
        "verdict": "verdict",
        "annual_tonnes": "offered t/yr",
        "share_of_world": "share of world",
        "world": "world output",
    }
    notes = [f"{r['commodity']}: {r['explanation']}" for r in d["plausibility"]]
    return table(rows, cols) + _list(notes)


def _market(r: Mapping[str, Any]) -> str:
    """The market prices used for a line, each with its date and distance."""
    parts = []
    for q in r.get("prices", []):
        away = "" if q.get("covers") else f", {q.get('distance_days')} d before"
        parts.append(
            f"{q['price']:,.0f} {q['unit']} on {q['on']} "
            f"({q.get('resolution', '')} {q['period']}{away})"
        )
    return "; ".join(parts) or "none"


def _valuation(d: Mapping[str, Any]) -> str:
    rows = [
        {
            "commodity": r["commodity"],
            "usd_m_per_year": _range(r.get("value_per_year_usd"), 1e6),
            "offered_m_per_year": _range(
                (r.get("offered_price") or {}).get("value_per_year_usd"), 1e6
            ),
            "offered": (r.get("offered_price") or {}).get("assessment")
            or (r.get("offered_price") or {}).get("note", ""),
        }
        for r in d["valuation"]
    ]
    cols = {
        "commodity": "commodity",
        "usd_m_per_year": "USD m / year at market",
        "offered_m_per_year": "USD m / year at offered price",
        "offered": "offered price vs market",
    }
    sources = sorted(
        {
            f"{q['source']}" + (" (user benchmark)" if "user" in q.get("flags", []) else "")
            for r in d["valuation"]
            for q in r.get("prices", [])
        }
    )
    notes = [f"{r['commodity']}: market price used: {_market(r)}" for r in d["valuation"]]
    return table(rows, cols) + _list(notes + [f"price source: {x}" for x in sources])


def _assay(d: Mapping[str, Any]) -> str:
    rows = [
        {
            "sample_id": r["sample_id"],
            "composition": ", ".join(f"{k} {v:.4g}%" for k, v in r["composition_pct"].items()),
            "nearest": (r["signature"].get("nearest") or {}).get("name", "") or "—",
        }
        for r in d["assay"]
    ]
    notes = [f"{r['sample_id']}: {r['explanation']}" for r in d["assay"]]
    return table(
        rows,
        {"sample_id": "sample", "composition": "composition", "nearest": "nearest known source"},
    ) + _list(notes)


def _evidence(d: Mapping[str, Any]) -> Section:
    """Pages 2-3: every finding once, then what each check saw, compactly."""
    parts = [
        ("Findings", _findings(d)),
        ("Offer", _offer(d).body),
        ("Counterparties", _counterparties(d)),
        ("Supply plausibility", _plausibility(d)),
        ("Valuation", _valuation(d)),
        ("Assay", _assay(d)),
    ]
    body = "".join(f"<h3>{escape(title)}</h3>{html}" for title, html in parts)
    return Section("Evidence", body, anchor="evidence")


def _appendix(d: Mapping[str, Any]) -> Section:
    """The full legality explanations per line, origin and regime, the measures, sources."""
    rows = [
        f"line {r['line']} {r['commodity']} from {r['origin']} ({r['origin_kind']}), "
        f"{r.get('regime') or '—'}: {r['status']} for persons bound — {r['explanation']}"
        for r in d["legality"]
    ]
    sources = sorted(
        {
            str((r.get("world") or {}).get("latest_source"))
            for r in d["plausibility"]
            if r.get("world")
        }
    )
    body = (
        "<h3>Legality for this buyer, per regime</h3>"
        + _legality(d)
        + "<h3>Legality for persons each regime binds, per line and origin</h3>"
        + _list(rows)
        + "<h3>Measures cited</h3>"
        + _measures_appendix(d)
        + "<h3>Sources</h3>"
        + _list([f"{k}: {v}" for k, v in d.get("sources", {}).items()] + sources)
    )
    return Section("Appendix", body, anchor="appendix")


def render_dossier(data: Mapping[str, Any], *, evidence: bool = True, appendix: bool = True) -> str:
    """The dossier page for an assessment dict: the conclusion (page 1), then the evidence,
    then the appendix; ``evidence``/``appendix`` False leave those parts out (to measure the
    pages each part takes)."""
    sections = [_conclusion(data)]
    if evidence:
        sections.append(_evidence(data))
    if appendix:
        sections.append(_appendix(data))
    html = page(
        f"Offer dossier: {data['offer_id']}",
        sections,
        subtitle=f"{data['conclusion']['status'].replace('_', ' ').upper()} · risk "
        f"{data['risk']['level']} · generated {data.get('generated_at', '')}",
        footer="oresight offer check — research aid, not legal advice; every figure carries "
        "its source; verify flagged figures (estimate, secondary, forecast, unverified) before "
        "quoting them.",
    )
    # page() gives sections only an id: mark evidence and appendix so each starts a page.
    for anchor in ("evidence", "appendix"):
        html = html.replace(f'<section id="{anchor}">', f'<section id="{anchor}" class="{anchor}">')
    return html


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
