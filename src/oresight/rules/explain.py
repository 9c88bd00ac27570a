"""One-sentence explanations of verdicts, built from the deciding measures' own data."""

from __future__ import annotations

from oresight.rules.result import MeasureRef, Status

_AUTHORISATIONS = ("licence", "committee_approval", "humanitarian")


def _cite(ref: MeasureRef) -> str:
    m = ref.measure
    flag = "" if m.verified else f" [{m.verification.replace('_', ' ').upper()}]"
    return f"{m.label}{flag}"


def _commodity(ref: MeasureRef) -> str:
    """The commodity's name without its parenthesised detail, in running text."""
    what = ref.measure.commodity.split(" (")[0]
    return what if what[:2].isupper() else what[0].lower() + what[1:]


def _qualifiers(ref: MeasureRef) -> str:
    """Caveats a reader needs: interpretive HS mapping, counterparty scope, contested reading."""
    m = ref.measure
    parts = []
    if m.counterparty:
        parts.append(f"when bought from {m.counterparty}")
    if m.hs_source == "interpretation" and ref.matched_prefix != "*":
        parts.append(f"HS {ref.matched_prefix} is an interpretive mapping of '{_commodity(ref)}'")
    other = ref.contested
    if other:
        parts.append(f"CONTESTED reading of HS {ref.matched_prefix}; the other reading: {other}")
    return f" ({'; '.join(parts)})" if parts else ""


def _listed(ref: MeasureRef) -> str:
    """The lists of a designation measure, in running text."""
    return " or ".join(ref.measure.lists) + " list"


def _designation(regime: str, status: Status, ref: MeasureRef) -> str:
    """The sentence of a designation measure: a party is (possibly) listed, so dealing is ..."""
    m = ref.measure
    if status == "needs_review":
        return (
            f"a party of this deal possibly matches an entry of the {_listed(ref)}: if a "
            f"reviewer confirms it, {_cite(ref)} prohibits dealing with it ({_commodity(ref)}); "
            f"the legality is not settled until the reviewer decides"
        )
    if status == "secondary_risk":
        return (
            f"a party of this deal is on the {_listed(ref)}: no {regime} prohibition binds persons "
            f"outside the {regime}, but {_cite(ref)} exposes those dealing with it to sanctions"
        )
    return (
        f"a party of this deal is on the {_listed(ref)}: {_cite(ref)} prohibits dealing with "
        f"it ({_commodity(ref)}) since {m.effective_from}{_unless(ref)}"
    )


def _also(regime: str, status: Status, refs: list[MeasureRef]) -> str:
    same = [r for r in refs[1:] if r.status == status]
    also_same = f" (also {', '.join(_cite(r) for r in same)})" if same else ""
    return also_same + _others(regime, status, refs)


def _others(regime: str, status: Status, refs: list[MeasureRef]) -> str:
    others = [r for r in refs if r.status != status]
    secondary = [r for r in others if r.status == "secondary_risk"]
    if status == "prohibited" and secondary:
        cites = ", ".join(_cite(r) for r in secondary)
        return f"; persons outside the {regime} also face designation risk under {cites}"
    if others:
        return f"; also applicable: {', '.join(_cite(r) for r in others)}"
    return ""


def _unless(ref: MeasureRef) -> str:
    auth = [e.text for e in ref.measure.exemptions if e.kind in _AUTHORISATIONS]
    return f", unless authorised ({'; '.join(auth)})" if auth else ""


def _shipment_share(cap: dict[str, object] | None) -> str:
    """How much of the cap this one shipment would use, when its size was given."""
    if not cap:
        return ""
    shares = [
        f"{float(share):.2%} of the {unit} limit"  # type: ignore[arg-type]
        for key, unit in (("shipment_share_tonnes", "tonnage"), ("shipment_share_usd", "USD"))
        if (share := cap.get(key)) is not None
    ]
    return f"; this shipment alone is {' and '.join(shares)}" if shares else ""


def explain(
    regime: str,
    status: Status,
    refs: list[MeasureRef],
    exemptions: list[dict[str, str]],
    cap: dict[str, object] | None,
    *,
    preface: str = "",
) -> str:
    """One sentence: what the deciding measure says for this status, with its caveats."""
    lead = refs[0]
    m = lead.measure
    what = _commodity(lead)
    if m.trigger == "designation":
        body = _designation(regime, status, lead)
    elif status == "prohibited":
        body = f"{_cite(lead)} prohibits {what}{_qualifiers(lead)} since {m.effective_from}"
        body += _unless(lead)
    elif status == "conditional":
        ways = " or ".join(f"{e['kind'].replace('_', ' ')}: {e['text']}" for e in exemptions)
        body = f"{_cite(lead)} restricts {what}{_qualifiers(lead)}"
        body += f"; allowed only under an exemption ({ways})"
    elif status == "capped":
        limit = "its cap"
        if cap:
            limit = f"USD {cap['usd']:,.0f} or {cap['tonnes']:,.0f} t for {cap['period']}"
            limit += ", whichever is lower"
        body = (
            f"{_cite(lead)} allows {what}{_qualifiers(lead)} only within an aggregate cap of "
            f"{limit}, counting {cap['counts'] if cap else 'all procurement'}"
        )
        body += _shipment_share(cap)
    else:  # secondary_risk
        body = (
            f"no {regime} import prohibition binds persons outside the {regime}, but "
            f"{_cite(lead)} exposes buyers of {what}{_qualifiers(lead)} to designation"
        )
    text = preface + body + _also(regime, status, refs)
    return text[0].upper() + text[1:] + "."
