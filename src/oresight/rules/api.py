"""The rules pillar's public functions: check, list_measures, boundaries, timeline."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from oresight.errors import InputError
from oresight.reference.countries import to_iso3
from oresight.reference.hs import require_hs_code
from oresight.rules.evaluate import Subject, evaluate_regime
from oresight.rules.loader import Rules, load_rules
from oresight.rules.model import REGIMES, Measure, Regime
from oresight.rules.result import CheckResult, Status


def parse_date(on: date | str, *, field: str = "date") -> date:
    """A date or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(on, date):
        return on
    try:
        return date.fromisoformat(str(on).strip())
    except ValueError as exc:
        raise InputError(f"{on!r} is not a date (expected YYYY-MM-DD)", field=field) from exc


def parse_regimes(regime: str | None) -> tuple[Regime, ...]:
    """``None`` or ``"all"`` means every regime; otherwise one of UN, EU, US, JP, KR, UK."""
    if regime is None or regime.strip().lower() == "all":
        return REGIMES
    code = regime.strip().upper()
    for known in REGIMES:
        if known == code:
            return (known,)
    raise InputError(f"unknown regime {regime!r} (expected one of {', '.join(REGIMES)} or all)")


def check(
    origin: str,
    hs_code: str,
    on: date | str,
    regime: str | None = None,
    quantity: float | None = None,
    value: float | None = None,
    *,
    shipped_from: str | None = None,
    importer: str | None = None,
    designated: Collection[str] = (),
    possibly_designated: Collection[str] = (),
    rules: Rules | None = None,
) -> CheckResult:
    """Was importing this commodity allowed on this date, under each regime, and why?

    ``origin`` and ``shipped_from`` are country codes (ISO3, ISO2 or M49); ``shipped_from``
    is where the goods were sold or loaded, for measures that apply to goods from the DPRK
    "whether or not originating" there (e.g. Russian coal loaded at Rajin). ``quantity`` is
    in tonnes and ``value`` in USD; they only matter for capped commodities. ``importer``
    (a country code) is where the buyer is: by default every regime's prohibitions are
    assumed to bind it; an importer outside a regime (e.g. China under the US) is judged on
    that regime's secondary measures only (``secondary_risk``).

    Which goods a measure reaches is its own ``targets`` (ISO3) field, so goods of an origin no
    measure targets (Russian coal not shipped from the DPRK) are ``allowed`` with that reason.
    ``designated`` names the sanctions lists ("UN", "OFAC") a party of the deal is on (a match
    at or above the screening threshold): the designation measures triggered by those lists
    then apply whatever the goods. ``possibly_designated``: lists on which a party only
    possibly is (a match below the threshold): those measures give ``needs_review``.

    >>> check("RUS", "2701", "2018-05-01", regime="UN").verdicts[0].status  # no UN target
    'allowed'
    """
    rules = rules or load_rules()
    digits = require_hs_code(hs_code, field="hs_code")
    day = parse_date(on)
    origin3 = to_iso3(origin)
    via = to_iso3(shipped_from) if shipped_from else None
    buyer = to_iso3(importer) if importer else None
    subject = Subject(
        origin3,
        via,
        designated=frozenset(designated),
        possibly_designated=frozenset(possibly_designated) - frozenset(designated),
    )
    verdicts = [
        evaluate_regime(
            rules,
            code,
            digits,
            day,
            subject=subject,
            quantity=quantity,
            value=value,
            importer=buyer,
        )
        for code in parse_regimes(regime)
    ]
    return CheckResult(origin3, digits, day, verdicts, shipped_from=via, importer=buyer)


def list_measures(
    regime: str | None = None, on: date | str | None = None, *, rules: Rules | None = None
) -> list[Measure]:
    """The measures of a regime (or all), optionally only those in force on a date."""
    rules = rules or load_rules()
    codes = parse_regimes(regime)
    day = parse_date(on) if on is not None else None
    return [
        m for m in rules.measures if m.regime in codes and (day is None or rules.in_force(m, day))
    ]


def boundaries(rules: Rules | None = None) -> list[date]:
    """Every date on which some verdict can change (the day a measure, exemption or wind-down
    starts or the day after it ends). Between two consecutive boundaries no verdict changes."""
    rules = rules or load_rules()
    days: set[date] = set()
    for m in rules.measures:
        days.add(m.effective_from)
        end = rules.last_day[m.id]
        if end is not None:
            days.add(end + timedelta(days=1))
        if m.wind_down is not None:
            days.add(m.wind_down.until + timedelta(days=1))
        days.update(e.until + timedelta(days=1) for e in m.exemptions if e.until)
    days.update(r.follows_until for r in rules.ruleset.regimes if r.follows_until)
    return sorted(days)


@dataclass(frozen=True, slots=True)
class Span:
    """A period during which a regime restricted a commodity in one way."""

    regime: str
    start: date
    end: date | None  # last day, None = still in force
    status: Status
    instrument: str
    paragraph: str
    measure_id: str
    verified: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "regime": self.regime,
            "from": self.start.isoformat(),
            "to": self.end.isoformat() if self.end else None,
            "status": self.status,
            "instrument": self.instrument,
            "paragraph": self.paragraph,
            "measure_id": self.measure_id,
            "verified": self.verified,
        }


def timeline(
    hs_code: str,
    regime: str | None = None,
    *,
    origin: str | None = None,
    rules: Rules | None = None,
) -> list[Span]:
    """When each regime restricted this commodity (restricted spans only), in date order, for
    goods of ``origin`` (default the configured country, ``ORESIGHT_DEFAULT_COUNTRY``)."""
    from oresight.settings import country_or_default

    origin = country_or_default(origin)
    rules = rules or load_rules()
    days = boundaries(rules)
    spans: list[Span] = []
    for code in parse_regimes(regime):
        current: Span | None = None
        for i, day in enumerate(days):
            verdict = check(origin, hs_code, day, regime=code, rules=rules).verdicts[0]
            end = days[i + 1] - timedelta(days=1) if i + 1 < len(days) else None
            lead = verdict.measures[0].measure if verdict.measures else None
            key = (verdict.status, lead.id if lead else None)
            if current and (current.status, current.measure_id) == key:
                current = replace(current, end=end)
                continue
            if current:
                spans.append(current)
            current = None
            if lead is not None and verdict.status != "allowed":
                current = Span(
                    code,
                    day,
                    end,
                    verdict.status,
                    lead.instrument,
                    lead.paragraph,
                    lead.id,
                    lead.verified,
                )
        if current:
            spans.append(current)
    return spans
