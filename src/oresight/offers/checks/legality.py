"""Legality: the rules engine's verdict per regime over the delivery window.

For each line and each origin (declared and suspected), ``oresight.rules.check`` is asked on
the first and last day of delivery and on every measure boundary date (from
``oresight.rules.timeline``) inside the window; a regime's status over the window is the most
restrictive one seen, with the dates it holds on and the measures behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from oresight.errors import OresightError
from oresight.offers.checks import caps
from oresight.offers.findings import CheckResult, Finding
from oresight.offers.model import Offer
from oresight.rules import SEVERITY, Verdict, timeline
from oresight.rules import check as rules_check


@dataclass
class _Regime:
    """One regime's answers over the dates checked, and its most restrictive verdict."""

    worst: Verdict
    by_date: dict[str, str] = field(default_factory=dict)
    verdicts: dict[str, Verdict] = field(default_factory=dict)

    def add(self, on: date, verdict: Verdict) -> None:
        self.by_date[on.isoformat()] = verdict.status
        self.verdicts[on.isoformat()] = verdict
        if SEVERITY[verdict.status] > SEVERITY[self.worst.status]:
            self.worst = verdict


def _boundaries(hs_code: str, origin: str, start: date, end: date) -> tuple[list[date], str]:
    """Dates inside (start, end] on which a restriction of ``hs_code`` begins or ends.

    A span's ``end`` is its last day, so both that day and the next are checked.
    """
    try:
        spans = timeline(hs_code, origin=origin)
    except OresightError as exc:
        return [], f"measure timeline not available ({exc})"
    found: set[date] = set()
    for span in spans:
        candidates = [span.start]
        if span.end is not None:
            candidates += [span.end, span.end + timedelta(days=1)]
        found.update(d for d in candidates if start < d <= end)
    return sorted(found), ""


def _not_available(offer: Offer, reason: str) -> CheckResult:
    rows = [
        {
            "line": i,
            "commodity": line.commodity,
            "hs_code": line.hs_code,
            "origin": origin,
            "origin_kind": kind,
            "regime": None,
            "status": "not_available",
            "explanation": f"not available: {reason}",
        }
        for i, line in enumerate(offer.lines)
        for kind, origin in offer.origins
    ]
    return CheckResult(
        rows, [Finding("legality", "not_available", f"legality not checked: {reason}")]
    )


def _finding(regime: str, own: Verdict, buyer: Verdict) -> tuple[str, str] | None:
    """The (code, text) of one regime's finding: its status for the buyer, else a
    prohibition for persons it binds (not this buyer), else nothing."""
    if buyer.status != "allowed":
        return buyer.status, f"{regime}: {buyer.status}: {buyer.explanation}"
    if own.status != "allowed":
        # Not binding on this buyer, but its banks, carriers and insurers in that
        # jurisdiction cannot take part: a warning, not a prohibition.
        code = "prohibited_elsewhere" if own.status == "prohibited" else "restricted_elsewhere"
        return code, (
            f"{regime}: {own.status} for persons bound by {regime}, not for this buyer: "
            f"{own.explanation}"
        )
    return None


@dataclass
class _Merged:
    """Findings that say the same thing for several lines or origins, gathered as one."""

    found: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=dict)

    def add(self, code: str, text: str, line: int, subject: str) -> None:
        subjects = self.found.setdefault((code, text), [])
        if (line, subject) not in subjects:
            subjects.append((line, subject))

    def findings(self) -> list[Finding]:
        out = []
        for (code, text), subjects in self.found.items():
            regime, _, rest = text.partition(": ")
            what = "; ".join(s for _, s in subjects)
            lines = tuple(sorted({i for i, _ in subjects}))
            out.append(
                Finding(
                    "legality",
                    code,
                    f"{regime}: for {what}: {rest}",
                    lines[0] if len(lines) == 1 else None,
                    lines,
                )
            )
        return out


def _cap(offer: Offer, line: Any, own: _Regime, buyer: _Regime) -> dict[str, Any] | None:
    """The first cap met in the window (the buyer's, else the regime's own) with the offer's
    share of it, even when a stricter status elsewhere in the window is the row's status."""
    for entry in (buyer, own):
        capped = sorted(d for d, s in entry.by_date.items() if s == "capped")
        if capped:
            first = capped[0]
            return caps.against_cap(offer, line, entry.verdicts[first], date.fromisoformat(first))
    return None


def _closed_wind_down(v: Verdict, offered: date) -> Verdict:
    """A conditional verdict whose only exemptions are wind-downs for contracts finalised
    before the offer date becomes prohibited: a contract from this offer cannot predate it."""
    if v.status != "conditional" or not v.exemptions:
        return v
    cutoffs = [e.get("contracts_before") for e in v.exemptions]
    if any(e.get("kind") != "wind_down" for e in v.exemptions) or None in cutoffs:
        return v
    latest = max(str(c) for c in cutoffs)
    if offered < date.fromisoformat(latest):
        return v
    why = (
        f"{v.explanation} The wind-down covers only contracts finalised before {latest}; "
        f"this offer is dated {offered.isoformat()}, so it cannot use it: prohibited."
    )
    return replace(v, status="prohibited", explanation=why)


@dataclass(frozen=True)
class Parties:
    """The sanctions lists the offer's parties are on, for certain and possibly (from the
    counterparty screening): the designation measures of those lists apply."""

    designated: frozenset[str] = frozenset()
    possibly: frozenset[str] = frozenset()


def _over_window(
    origin: str,
    hs_code: str,
    dates: list[date],
    importer: str | None,
    via: str | None,
    offered: date,
    parties: Parties,
) -> dict[str, _Regime]:
    by_regime: dict[str, _Regime] = {}
    for on in dates:
        verdicts = rules_check(
            origin,
            hs_code,
            on,
            importer=importer,
            shipped_from=via,
            designated=parties.designated,
            possibly_designated=parties.possibly,
        ).verdicts
        for v in (_closed_wind_down(v, offered) for v in verdicts):
            by_regime.setdefault(v.regime, _Regime(v)).add(on, v)
    return by_regime


def check(offer: Offer, parties: Parties | None = None) -> CheckResult:
    """Verdicts per line, origin and regime over the delivery window.

    ``status`` is each regime's verdict for the persons it binds (as in the worked examples);
    ``buyer_status`` the verdict for this offer's buyer, whose country may be outside a regime
    (a Chinese buyer under the US regime: ``secondary_risk``). Findings follow the buyer, and
    one finding covers every line and origin it holds for. ``parties``: the lists the
    screening found the offer's parties on (designation measures are measures like any other).
    """
    start, end = offer.delivery.start, offer.delivery.end
    importer, via = offer.buyer.country, offer.shipped_from
    parties = parties or Parties()
    rows: list[dict[str, Any]] = []
    findings: list[Finding] = []
    merged = _Merged()
    for i, line in enumerate(offer.lines):
        for kind, origin in offer.origins:
            inner, note = _boundaries(line.hs_code, origin, start, end)
            if via and via != origin:  # measures on goods consigned from there, too
                inner += _boundaries(line.hs_code, via, start, end)[0]
            dates = sorted({start, end, *inner})
            try:
                own = _over_window(origin, line.hs_code, dates, None, via, offer.date, parties)
                buyer = (
                    own
                    if importer is None
                    else _over_window(
                        origin, line.hs_code, dates, importer, via, offer.date, parties
                    )
                )
            except OresightError as exc:
                return _not_available(offer, f"rules check failed: {exc}")
            for regime, entry in own.items():
                v, b = entry.worst, buyer[regime].worst
                held = [d for d, s in entry.by_date.items() if s == v.status]
                b_held = [d for d, s in buyer[regime].by_date.items() if s == b.status]
                tail = f"; {note}" if note else ""
                shipped = (
                    f"{origin}-origin goods shipped from {via}: " if via and via != origin else ""
                )
                cap = _cap(offer, line, entry, buyer[regime])
                if cap is not None:
                    tail = f"; {caps.describe(cap)}" + tail
                rows.append(
                    {
                        "line": i,
                        "commodity": line.commodity,
                        "hs_code": line.hs_code,
                        "origin": origin,
                        "origin_kind": kind,
                        "shipped_from": via,
                        "regime": regime,
                        "status": v.status,
                        "dates_checked": [d.isoformat() for d in dates],
                        "by_date": entry.by_date,
                        "measures": [m.to_dict() for m in v.measures],
                        "explanation": shipped
                        + f"{v.explanation} (status on {', '.join(held)})"
                        + tail,
                        "cap": cap,
                        "buyer_country": importer,
                        "buyer_status": b.status,
                        "buyer_measures": [m.to_dict() for m in b.measures],
                        "buyer_by_date": buyer[regime].by_date,
                        "buyer_explanation": (
                            f"for a buyer in {importer or 'an unstated country (assumed bound)'}: "
                            f"{b.explanation} (status on {', '.join(b_held)})"
                        ),
                    }
                )
                where = f"{origin} ({kind} origin)" + (
                    f", shipped from {via}" if via and via != origin else ""
                )
                found = _finding(regime, v, b)
                if found:
                    merged.add(*found, i, f"{line.commodity} (HS {line.hs_code}) from {where}")
                for ref in b.measures:
                    if ref.contested and ref.status == b.status:
                        merged.add(
                            "contested_reading",
                            f"{regime}: {ref.measure.label} rests on a contested reading of "
                            f"HS {ref.matched_prefix}: status {b.status} on this reading; the "
                            f"other reading: {ref.contested}",
                            i,
                            f"{line.commodity} (HS {line.hs_code}) from {where}",
                        )
                if (
                    cap
                    and "capped" in buyer[regime].by_date.values()
                    and (cap["share_of_cap"][1] or 0) >= 1
                ):
                    findings.append(
                        Finding(
                            "legality",
                            "cap_exceeded",
                            f"{regime}: {line.commodity} (HS {line.hs_code}) from {origin}: "
                            f"{caps.describe(cap)}; the offer alone can exceed the cap",
                            i,
                        )
                    )
    return CheckResult(rows, merged.findings() + findings)
