"""The offer: a proposed deal as the buyer received it (pydantic model; JSON Schema published).

Validation stops at the edge: an offer that names an unknown commodity, HS code, unit or
country, a negative quantity, or an assay over 100% is rejected with the field that is wrong.
"""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from oresight.errors import OresightError
from oresight.offers.units import AssayUnit, MassUnit, Per, to_fraction
from oresight.reference.commodities import commodity as lookup_commodity
from oresight.reference.countries import to_iso3
from oresight.reference.hs import require_hs_code

# Elements an assay may report: the PGMs, gold, silver and the base metals and impurities
# that refined-metal certificates list.
ELEMENTS = frozenset(
    [
        "Pt",
        "Pd",
        "Rh",
        "Ru",
        "Ir",
        "Os",
        "Au",
        "Ag",
        "Cu",
        "Ni",
        "Fe",
        "Co",
        "Pb",
        "Zn",
        "Sn",
        "Sb",
        "Bi",
        "As",
        "Se",
        "Te",
        "Si",
        "Al",
        "Cr",
        "Mn",
        "Mg",
        "Ca",
        "Ti",
        "Zr",
        "Mo",
        "W",
        "S",
        "C",
        "O",
        "La",
        "Ce",
        "Pr",
        "Nd",
        "Sm",
        "Eu",
        "Gd",
        "Tb",
        "Dy",
        "Y",
    ]
)


# Forms in which metal is sold refined: their assays are mostly one element, so a composition far
# below 100% means the figures were written in the wrong unit (e.g. % entered as g/t).
REFINED_FORMS = frozenset({"sponge", "ingot", "bar", "plate", "grain", "powder", "metal"})
REFINED_MIN_TOTAL = 0.5


def _unknown(message: str) -> PydanticCustomError:
    # 'unknown_code' errors become UnknownCodeError at the edge (see loader.py).
    return PydanticCustomError("unknown_code", message)


def _country(code: str) -> str:
    """ISO3 of a country code (ISO alpha-2/alpha-3, numeric, M49 or Comtrade)."""
    try:
        return to_iso3(code.strip())
    except OresightError as exc:
        raise _unknown(f"unknown country code {code!r}: {exc}") from exc


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Party(_Strict):
    """A counterparty (seller, buyer or intermediary)."""

    name: Annotated[str, Field(min_length=1)]
    country: str | None = None
    type: Literal["organization", "person", "vessel"] | None = None

    @field_validator("country")
    @classmethod
    def _iso3(cls, v: str | None) -> str | None:
        return None if v is None else _country(v)


class Delivery(_Strict):
    """The delivery window (both days included)."""

    start: Date = Field(alias="from")
    end: Date = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> Delivery:
        if self.end < self.start:
            raise ValueError(f"delivery ends ({self.end}) before it starts ({self.start})")
        return self


class Quantity(_Strict):
    """An offered quantity range per month, year or shipment."""

    min: Annotated[float, Field(ge=0)]
    max: Annotated[float, Field(gt=0)]  # an offer of nothing is malformed
    unit: MassUnit
    per: Per
    shipments: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _range(self) -> Quantity:
        if self.max < self.min:
            raise ValueError(f"max ({self.max}) is below min ({self.min})")
        return self


class Price(_Strict):
    """The offered price per unit of mass."""

    amount: Annotated[float, Field(gt=0)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    per: MassUnit


class BenchmarkPrice(_Strict):
    """A market price the user supplies (the desk's benchmark: LBMA, Johnson Matthey, ...);
    it takes precedence over the reference tables for its commodity and is named as such."""

    commodity: str
    amount: Annotated[float, Field(gt=0)]
    currency: Annotated[str, Field(pattern=r"^USD$")] = "USD"
    per: MassUnit
    on: Date | None = None  # the day of the price (None: taken as the delivery days' own)
    source: Annotated[str, Field(min_length=1)] = "user benchmark"

    @field_validator("commodity")
    @classmethod
    def _known_commodity(cls, v: str) -> str:
        try:
            return lookup_commodity(v).name
        except OresightError as exc:
            raise _unknown(str(exc)) from exc


class Line(_Strict):
    """One commodity line of the offer."""

    commodity: str
    hs_code: str
    quantity: Quantity
    price: Price | None = None
    form: str | None = None

    @field_validator("commodity")
    @classmethod
    def _known_commodity(cls, v: str) -> str:
        try:
            return lookup_commodity(v).name
        except OresightError as exc:
            raise _unknown(str(exc)) from exc

    @field_validator("hs_code", mode="before")
    @classmethod
    def _hs(cls, v: object) -> str:
        code = re.sub(r"[.\s]", "", str(v))
        if not re.fullmatch(r"\d{2,10}", code):
            raise _unknown(f"HS code {v!r} is not 2-10 digits")
        try:
            return require_hs_code(code)
        except OresightError as exc:
            raise _unknown(str(exc)) from exc

    @model_validator(mode="after")
    def _hs_matches_commodity(self) -> Line:
        spec = lookup_commodity(self.commodity)
        if not spec.accepts_hs(self.hs_code):
            raise _unknown(
                f"HS code {self.hs_code} is not a code for {self.commodity} "
                f"(expected one under {', '.join(spec.hs)})"
            )
        return self


class AssayValue(_Strict):
    value: Annotated[float, Field(ge=0)]
    unit: AssayUnit


class Assay(_Strict):
    """A laboratory analysis of a sample sent by the seller."""

    sample_id: str
    lab: str | None = None
    form: str | None = None
    line: Annotated[int, Field(ge=0)] | None = None
    elements: dict[str, AssayValue]

    @field_validator("elements")
    @classmethod
    def _composition(cls, v: dict[str, AssayValue]) -> dict[str, AssayValue]:
        unknown = sorted(set(v) - ELEMENTS)
        if unknown:
            raise _unknown(f"unknown element symbol(s) {', '.join(unknown)}")
        if not v:
            raise ValueError("an assay needs at least one element")
        total = sum(to_fraction(a.value, a.unit) for a in v.values())
        if total > 1.0 + 1e-9:
            parts = ", ".join(f"{k} {a.value} {a.unit}" for k, a in v.items())
            raise ValueError(
                f"composition adds up to {total * 100:.2f}% (> 100%): {parts}; "
                "check the figures and their units"
            )
        return v

    @model_validator(mode="after")
    def _units_fit_form(self) -> Assay:
        if (self.form or "").lower() not in REFINED_FORMS:
            return self
        total = sum(to_fraction(a.value, a.unit) for a in self.elements.values())
        if total < REFINED_MIN_TOTAL:
            units = sorted({a.unit for a in self.elements.values()})
            raise ValueError(
                f"unit mismatch: a {self.form} sample (refined metal) adds up to only "
                f"{total * 100:.4g}% in {', '.join(units)}; check the units of the elements"
            )
        return self


class Offer(_Strict):
    """A proposed deal: parties, origin, delivery window, lines and assays."""

    offer_id: Annotated[str, Field(min_length=1)]
    date: Date
    seller: Party
    buyer: Party
    intermediaries: list[Party] = []
    origin: str
    suspected_origins: list[str] = []
    # Where the goods are loaded or sold from, when not the origin (Russian coal loaded at
    # Rajin: PRK). Measures on goods "from the DPRK" reach such goods whatever their origin.
    shipped_from: str | None = None
    delivery: Delivery
    lines: Annotated[list[Line], Field(min_length=1)]
    assays: list[Assay] = []
    # benchmark prices supplied by the user, at most one per commodity
    prices: list[BenchmarkPrice] = []
    notes: str | None = None

    @field_validator("origin")
    @classmethod
    def _origin(cls, v: str) -> str:
        return _country(v)

    @field_validator("shipped_from")
    @classmethod
    def _shipped_from(cls, v: str | None) -> str | None:
        return None if v is None else _country(v)

    @field_validator("suspected_origins")
    @classmethod
    def _suspected(cls, v: list[str]) -> list[str]:
        return [_country(c) for c in v]

    @model_validator(mode="after")
    def _one_price_each(self) -> Offer:
        names = [p.commodity for p in self.prices]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"prices: more than one benchmark price for {', '.join(twice)}")
        return self

    def benchmark(self, commodity: str) -> BenchmarkPrice | None:
        """The user's benchmark price for a commodity, if one was given."""
        return next((p for p in self.prices if p.commodity == commodity), None)

    @model_validator(mode="after")
    def _assay_lines(self) -> Offer:
        for i, assay in enumerate(self.assays):
            if assay.line is not None and assay.line >= len(self.lines):
                raise ValueError(f"assays[{i}].line {assay.line} names no line of this offer")
        return self

    @property
    def parties(self) -> list[tuple[str, Party]]:
        """Every party with its role."""
        return [("seller", self.seller), ("buyer", self.buyer)] + [
            (f"intermediary[{i}]", p) for i, p in enumerate(self.intermediaries)
        ]

    @property
    def origins(self) -> list[tuple[str, str]]:
        """The declared origin and each suspected one, labelled."""
        seen = [("declared", self.origin)]
        seen += [("suspected", c) for c in self.suspected_origins if c != self.origin]
        return seen
