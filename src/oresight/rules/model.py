"""The schema of the measures file: what a sanctions measure is, as data.

``data/measures.yaml`` is validated against these models when it is loaded, so a typo in a
date, an HS prefix or a supersession link fails loudly at load time rather than giving a
wrong verdict later.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Regime = Literal["UN", "EU", "US", "JP", "KR", "UK"]
REGIMES: tuple[Regime, ...] = ("UN", "EU", "US", "JP", "KR", "UK")

# ban: prohibited outright (a contract wind-down may still apply); ban_with_exemption: prohibited
# unless a stated exemption applies; cap: allowed within an aggregate limit; secondary: not a
# prohibition for persons outside the regime, but exposure to designation.
Kind = Literal["ban", "cap", "ban_with_exemption", "secondary"]

# goods: the measure is triggered by what is traded (HS code, origin, consignment);
# designation: by who trades it, a party on one of the measure's ``lists`` (an asset freeze or
# blocking: dealing with a listed party is prohibited whatever the goods).
Trigger = Literal["goods", "designation"]


# stated: the instrument itself gives the HS codes (only UNSCR 2397 para 6); regulation: a
# national/EU annex lists them; interpretation: a commonly used mapping of a word ("coal").
HsSource = Literal["stated", "regulation", "interpretation"]

Verification = Literal["verified", "partly_verified", "unverified"]

# origin: goods originating in the DPRK; origin_or_consigned: also goods of other origin that
# are sold or shipped from the DPRK ("whether or not originating in the territory of the DPRK").
Goods = Literal["origin", "origin_or_consigned"]

ExemptionKind = Literal[
    "livelihood",  # transactions exclusively for livelihood purposes (UN coal/iron 2016-2017)
    "transit",  # non-DPRK coal shipped through Rajin (Rason); never helps DPRK-origin goods
    "committee_approval",  # 1718 Committee approval case by case
    "licence",  # national licence (OFAC, METI, UK)
    "humanitarian",
    "provenance",  # a named source is exempt (e.g. Kaesong Industrial Complex output)
    "rebuttal",  # a legal presumption the importer may rebut (CAATSA 321)
    "note",  # scope remark that does not change the verdict
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Exemption(_Strict):
    """One exemption or scope remark of a measure, with the text that states it."""

    kind: ExemptionKind
    text: str
    until: date | None = None  # last day the exemption was available (e.g. Kaesong closure)


class WindDown(_Strict):
    """Contracts finalised before a date may still be performed until an end date."""

    contracts_before: date
    until: date  # last day imports under such contracts may clear
    notify_by: date | None = None
    verified: bool = False
    note: str | None = None

    def describe(self) -> str:
        notify = f", notified by {self.notify_by}" if self.notify_by else ""
        flag = "" if self.verified else " (wind-down wording UNVERIFIED)"
        note = f"; {self.note}" if self.note else ""
        return (
            f"written contract finalised before {self.contracts_before}, imported by "
            f"{self.until}{notify}{flag}{note}"
        )


class CapPeriod(_Strict):
    """A cap for one stub period (``end`` given) or for every calendar year from ``start``."""

    start: date
    end: date | None = None
    usd: float = Field(gt=0)
    tonnes: float = Field(gt=0)


class Cap(_Strict):
    """An aggregate limit: USD and tonnes per period, whichever is lower binds."""

    periods: list[CapPeriod]
    rule: Literal["whichever_is_lower"] = "whichever_is_lower"
    counts: str  # what counts against the cap

    def period_on(self, on: date) -> CapPeriod | None:
        for p in self.periods:
            if p.start <= on and (p.end is None or on <= p.end):
                return p
        return None

    def describe(self, on: date | None = None) -> str:
        periods = [self.period_on(on)] if on else self.periods
        parts = [
            f"USD {p.usd:,.0f} or {p.tonnes:,.0f} t "
            + (f"from {p.start} to {p.end}" if p.end else f"per calendar year from {p.start}")
            for p in periods
            if p is not None
        ]
        return "; ".join(parts) + ", whichever is lower"


class Measure(_Strict):
    """One operative provision restricting imports of a target country's goods, or dealings
    with the parties a regime lists."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: str  # short citation used in explanations, e.g. "UNSCR 2270 para 30"
    regime: Regime
    instrument: str
    paragraph: str
    adopted: date
    effective_from: date
    effective_to: date | None = None  # last day in force when it lapsed without a successor
    kind: Kind
    # Whose goods or parties the measure targets (ISO3): the origin or consignment country the
    # goods measures reach, or the country whose programme the designations belong to.
    targets: str = Field(pattern=r"^[A-Z]{3}$")
    trigger: Trigger = "goods"
    # designation measures: the sanctions lists (as oresight.screening names them, e.g. "UN",
    # "OFAC") whose listed parties trigger the measure
    lists: list[str] = []
    commodity: str
    hs: list[str]  # digit prefixes (2, 4 or 6 digits) or ["*"] for all goods
    hs_edition: str = "any"
    hs_source: HsSource
    goods: Goods = "origin"
    counterparty: str | None = None  # scope limited to sellers of this kind
    wind_down: WindDown | None = None
    exemptions: list[Exemption] = []
    cap: Cap | None = None
    supersedes: list[str] = []
    superseded_by: str | None = None
    citation: str = Field(pattern=r"^https?://")
    quote: str
    verification: Verification
    check_note: str
    correction: str | None = None  # what oresight changed relative to the reference row
    # HS prefixes whose reading is contested -> the other reading and whose it is (a verdict
    # resting on such a prefix shows both readings)
    contested: dict[str, str] = {}

    @property
    def verified(self) -> bool:
        return self.verification == "verified"

    @field_validator("hs")
    @classmethod
    def _hs_prefixes(cls, value: list[str]) -> list[str]:
        for code in value:
            if code != "*" and not (code.isdigit() and len(code) in (2, 4, 6)):
                raise ValueError(f"HS prefix {code!r} must be '*' or 2, 4 or 6 digits")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        if (self.kind == "cap") != (self.cap is not None):
            raise ValueError(f"{self.id}: a cap is required exactly when kind is 'cap'")
        if self.effective_from < self.adopted:
            raise ValueError(f"{self.id}: effective_from is before adopted")
        if self.wind_down and self.wind_down.until < self.effective_from:
            raise ValueError(f"{self.id}: wind-down ends before the measure takes effect")
        if (self.trigger == "designation") != bool(self.lists):
            raise ValueError(f"{self.id}: lists are required exactly when trigger is designation")
        return self
        for prefix in self.contested:
            if prefix not in self.hs:
                raise ValueError(f"{self.id}: contested prefix {prefix!r} is not one of its hs")


class RegimeInfo(_Strict):
    """A regime, and whose measures it applied before its own (the UK applied EU law)."""

    code: Regime
    name: str
    follows: Regime | None = None
    follows_until: date | None = None  # first day the regime's own measures apply
    allowed_note: str = ""  # what still applies when no commodity measure does
    # Importers bound by the regime's own prohibitions (ISO3; "*" = every State, as for the UN).
    # Importers outside it are reached only by the regime's secondary measures.
    binds: list[str] = ["*"]

    def bound(self, importer: str | None) -> bool:
        """Whether an importer in this country is subject to the regime's prohibitions."""
        return importer is None or "*" in self.binds or importer in self.binds


class RuleSet(_Strict):
    """The whole measures file."""

    version: str
    source: str
    regimes: list[RegimeInfo]
    measures: list[Measure]

    @model_validator(mode="after")
    def _links(self) -> RuleSet:
        ids = [m.id for m in self.measures]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"duplicate measure ids: {sorted(dupes)}")
        by_id = {m.id: m for m in self.measures}
        for m in self.measures:
            for other in ([m.superseded_by] if m.superseded_by else []) + m.supersedes:
                if other not in by_id:
                    raise ValueError(f"{m.id}: unknown measure {other!r} in supersession")
            if m.superseded_by and m.id not in by_id[m.superseded_by].supersedes:
                raise ValueError(f"{m.id}: {m.superseded_by} does not list it in supersedes")
        if {r.code for r in self.regimes} != set(REGIMES):
            raise ValueError(f"regimes must be exactly {REGIMES}")
        return self
