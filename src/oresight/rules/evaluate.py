"""Evaluate the measures for one question: origin, HS code, date, regime (and parties).

A goods measure applies when it is in force on the date, covers the HS code (one of its
prefixes starts the code, or it covers all goods) and covers the goods: they originate in the
country the measure ``targets``, or, for measures that apply "whether or not originating"
there, they are shipped from it. A designation measure applies when a party of the deal is on
one of its lists (``designated``); a party only possibly on one (a match below the screening
threshold, ``possibly_designated``) makes it ``needs_review``. Each applicable measure gives a
status on its own; the regime's verdict is the most severe of them, and the measures with that
status, earliest first, are the deciding ones.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from oresight.rules.loader import Rules
from oresight.rules.model import Measure, Regime
from oresight.rules.result import SEVERITY, MeasureRef, Status, Verdict


@dataclass(frozen=True, slots=True)
class Subject:
    """What a check is about: the goods' origin and consignment, and the lists the deal's
    parties are on (for certain, or possibly)."""

    origin: str
    shipped_from: str | None = None
    designated: frozenset[str] = frozenset()
    possibly_designated: frozenset[str] = frozenset()

    def reached(self, measure: Measure) -> bool:
        """Whether a goods measure reaches these goods (its target's origin or consignment)."""
        if self.origin == measure.targets:
            return True
        return self.shipped_from == measure.targets and measure.goods == "origin_or_consigned"

    def target_origin(self, measure: Measure) -> bool:
        return self.origin == measure.targets

    def listed_on(self, lists: Collection[str]) -> Status | None:
        """``prohibited``-side trigger when a party is on one of ``lists``, ``needs_review``
        when one only possibly is, else None."""
        if self.designated & set(lists):
            return "prohibited"
        if self.possibly_designated & set(lists):
            return "needs_review"
        return None


# Exemptions available to any qualifying buyer make a measure "conditional"; case-by-case
# authorisations (licences, Committee approval) do not: without one the import is prohibited.
OPEN_EXEMPTIONS = frozenset({"livelihood"})


def matched_prefix(measure: Measure, digits: str) -> str | None:
    """The measure's HS prefix that starts ``digits``, if any ("*" covers all goods)."""
    for prefix in measure.hs:
        if prefix == "*" or digits.startswith(prefix):
            return prefix
    return None


def open_exemptions(measure: Measure, on: date, *, target_origin: bool) -> list[dict[str, str]]:
    """The exemptions a buyer could rely on for this measure on this date."""
    out = []
    for e in measure.exemptions:
        if e.until is not None and on > e.until:
            continue
        usable = e.kind in OPEN_EXEMPTIONS and measure.kind != "cap"
        # A transit exemption (Rajin coal) only ever covers goods not of the target's origin.
        usable = usable or (e.kind == "transit" and not target_origin)
        if usable:
            out.append({"kind": e.kind, "text": e.text, "measure": measure.id})
    wd = measure.wind_down
    if wd is not None and measure.effective_from <= on <= wd.until:
        out.append(
            {
                "kind": "wind_down",
                "text": wd.describe(),
                "measure": measure.id,
                # as data, so a caller can tell whether a given contract can use it
                "contracts_before": wd.contracts_before.isoformat(),
                "until": wd.until.isoformat(),
            }
        )
    return out


def measure_status(
    measure: Measure, on: date, *, target_origin: bool
) -> tuple[Status, list[dict[str, str]]]:
    """The status this one measure gives, with the exemptions that make it conditional."""
    if measure.kind == "secondary":
        return "secondary_risk", []
    exemptions = open_exemptions(measure, on, target_origin=target_origin)
    if exemptions:
        return "conditional", exemptions
    return ("capped" if measure.kind == "cap" else "prohibited"), []


def _source_regime(rules: Rules, regime: Regime, on: date) -> tuple[Regime, str]:
    """Whose measures a regime applied on the date (the UK applied EU law until 2020)."""
    info = rules.regime(regime)
    if info.follows and info.follows_until and on < info.follows_until:
        last = info.follows_until - timedelta(days=1)
        return info.follows, f"until {last} the {regime} applied {info.follows} law; "
    return regime, ""


def _designation(m: Measure, on: date, subject: Subject) -> Status | None:
    """The status a designation measure gives: its own when a party is listed, needs_review
    when one possibly is, None when no party is on its lists."""
    trigger = subject.listed_on(m.lists)
    if trigger == "prohibited":
        return measure_status(m, on, target_origin=True)[0]
    return trigger


def applicable(
    rules: Rules,
    regime: Regime,
    digits: str,
    on: date,
    *,
    subject: Subject,
    secondary_only: bool = False,
) -> list[tuple[MeasureRef, list[dict[str, str]]]]:
    """Every measure of the regime that applies, with its own status and open exemptions."""
    out: list[tuple[MeasureRef, list[dict[str, str]]]] = []
    for m in rules.measures:
        if m.regime != regime or not rules.in_force(m, on):
            continue
        if secondary_only and m.kind != "secondary":
            continue
        if m.trigger == "designation":
            status = _designation(m, on, subject)
            if status is not None:
                out.append((MeasureRef(measure=m, status=status, matched_prefix="*"), []))
            continue
        if not subject.reached(m):
            continue
        prefix = matched_prefix(m, digits)
        if prefix is None:
            continue
        status, exemptions = measure_status(m, on, target_origin=subject.target_origin(m))
        out.append((MeasureRef(measure=m, status=status, matched_prefix=prefix), exemptions))
    return out


def covers(rules: Rules, regime: Regime, subject: Subject) -> bool:
    """Whether any goods measure of the regime targets the goods' origin or consignment."""
    return any(m.regime == regime and subject.reached(m) for m in rules.measures)


def evaluate_regime(
    rules: Rules,
    regime: Regime,
    digits: str,
    on: date,
    *,
    subject: Subject,
    quantity: float | None = None,
    value: float | None = None,
    importer: str | None = None,
) -> Verdict:
    """One regime's verdict for these goods and parties.

    With an ``importer`` outside the regime's jurisdiction only its secondary measures count.
    """
    from oresight.rules.explain import explain

    source, preface = _source_regime(rules, regime, on)
    bound = rules.regime(regime).bound(importer)
    if not bound:
        preface += f"{regime} prohibitions do not bind an importer in {importer}; "
    found = applicable(rules, source, digits, on, subject=subject, secondary_only=not bound)
    if not found and not covers(rules, source, subject):
        return Verdict(regime, "allowed", [], _not_covered(rules, source, subject))
    if not found:
        notes = (narrower(rules, source, digits, on), rules.regime(regime).allowed_note)
        note = " ".join(n for n in notes if n)
        text = f"{preface}no {source} measure restricts HS {digits} as a whole on {on}"
        return Verdict(regime, "allowed", [], _sentence(text, note))
    status: Status = max((ref.status for ref, _ in found), key=SEVERITY.__getitem__)
    ordered = sorted(
        found, key=lambda f: (-SEVERITY[f[0].status], f[0].measure.effective_from, f[0].measure.id)
    )
    refs = [ref for ref, _ in ordered]
    exemptions = [e for ref, ex in ordered if ref.status == status for e in ex]
    cap = _cap_info(refs[0].measure, on, quantity, value) if status == "capped" else None
    text = explain(regime, status, refs, exemptions, cap, preface=preface)
    return Verdict(regime, status, refs, text, exemptions, cap)


def _not_covered(rules: Rules, regime: Regime, subject: Subject) -> str:
    """Why no goods measure reaches these goods: whose goods the regime's measures target."""
    targets = sorted({m.targets for m in rules.measures if m.regime == regime})
    via = f" shipped from {subject.shipped_from}" if subject.shipped_from else ""
    return (
        f"The rule set's {regime} measures target goods of {', '.join(targets) or 'no country'} "
        f"origin or shipped from there; {subject.origin} goods{via} are not restricted by them."
    )


def narrower(rules: Rules, regime: str, digits: str, on: date) -> str:
    """A note naming restricted codes inside a broader code (chapter 27 holds coal, 2701)."""
    hits: dict[str, list[str]] = {}
    for m in rules.measures:
        if (
            m.regime == regime
            and m.kind != "secondary"
            and m.trigger == "goods"
            and rules.in_force(m, on)
        ):
            for p in m.hs:
                if p != "*" and len(p) > len(digits) and p.startswith(digits):
                    hits.setdefault(m.label, []).append(p)
    if not hits:
        return ""
    parts = "; ".join(f"{', '.join(codes)} ({label})" for label, codes in hits.items())
    return f"Narrower codes within HS {digits} are restricted: {parts}."


def _sentence(text: str, note: str = "") -> str:
    text = text[0].upper() + text[1:]
    return f"{text}. {note}".strip() if note else f"{text}."


def _cap_info(
    measure: Measure, on: date, quantity: float | None, value: float | None
) -> dict[str, object] | None:
    """The cap in force on the date and, if given, this shipment's share of it."""
    if measure.cap is None:
        return None
    period = measure.cap.period_on(on)
    if period is None:
        return None
    info: dict[str, object] = {
        "usd": period.usd,
        "tonnes": period.tonnes,
        "period": (f"{period.start}..{period.end}" if period.end else f"calendar year {on.year}"),
        "rule": measure.cap.rule,
        "counts": measure.cap.counts,
    }
    if quantity is not None:
        info["shipment_share_tonnes"] = quantity / period.tonnes
    if value is not None:
        info["shipment_share_usd"] = value / period.usd
    return info
