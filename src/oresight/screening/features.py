"""Named scoring features; each returns a value in [0, 1] and a detail for the reviewer.

Weights live in ``data/features.yaml``. Name features compete (the largest weighted value is
the name score, and names the deciding feature); qualifiers then add or subtract.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from oresight.screening.align import Pair
from oresight.screening.model import Entity
from oresight.screening.names import NameForm


@dataclass(frozen=True, slots=True)
class Query:
    """What is screened: a prepared name and the optional qualifiers."""

    form: NameForm
    type: str | None = None
    country: str | None = None  # ISO3
    birth_year: int | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """One comparison: the query, one listed name of an entity, and their word alignment."""

    query: Query
    listed: NameForm
    entity: Entity
    pairs: list[Pair]


Result = tuple[float, str]
FeatureFunc = Callable[[Context], Result]


def _dice(ctx: Context, kinds: frozenset[str], graded: bool) -> float:
    q, c = ctx.query.form, ctx.listed
    total = q.total + c.total
    if total <= 0:
        return 0.0
    shared = sum(
        (p.sim if graded else 1.0) * (q.weights[p.query] + c.weights[p.listed])
        for p in ctx.pairs
        if p.kind in kinds
    )
    return min(1.0, shared / total)


def exact_name(ctx: Context) -> Result:
    same = bool(ctx.query.form.tokens) and ctx.query.form.literal == ctx.listed.literal
    return (1.0, "same words after normalisation") if same else (0.0, "")


def token_overlap(ctx: Context) -> Result:
    return _dice(ctx, frozenset({"exact"}), graded=False), "identical words"


def romanisation_variant(ctx: Context) -> Result:
    return _dice(ctx, frozenset({"exact", "variant"}), graded=False), "identical or variant words"


def phonetic(ctx: Context) -> Result:
    kinds = frozenset({"exact", "variant", "phonetic", "fuzzy"})
    return _dice(ctx, kinds, graded=True), "identical, variant or similar-sounding words"


def weak_only(ctx: Context) -> Result:
    q, c = ctx.query.form, ctx.listed
    strong = any(q.strong[p.query] and c.strong[p.listed] for p in ctx.pairs)
    if strong or not ctx.pairs:
        return 0.0, ""
    return 1.0, "only legal forms / generic words matched"


def country_mismatch(ctx: Context) -> Result:
    wanted, listed = ctx.query.country, ctx.entity.countries
    if not wanted or not listed or wanted in listed:
        return 0.0, ""
    return 1.0, f"query {wanted}, listed {'/'.join(listed)}"


def _year_distance(ctx: Context) -> int | None:
    year, listed = ctx.query.birth_year, ctx.entity.birth_years
    if year is None or not listed:
        return None
    return min(abs(year - y) for y in listed)


def birth_year_match(ctx: Context) -> Result:
    distance = _year_distance(ctx)
    if distance is None or distance > 1:
        return 0.0, ""
    return 1.0, f"born {ctx.query.birth_year}, listed {ctx.entity.birth_years}"


def birth_year_mismatch(ctx: Context) -> Result:
    distance = _year_distance(ctx)
    if distance is None or distance <= 1:
        return 0.0, ""
    return 1.0, f"born {ctx.query.birth_year}, listed {ctx.entity.birth_years}"


def type_mismatch(ctx: Context) -> Result:
    wanted = ctx.query.type
    if not wanted or wanted == ctx.entity.type:
        return 0.0, ""
    return 1.0, f"query {wanted}, listed {ctx.entity.type}"


NAME_FEATURES: dict[str, FeatureFunc] = {
    "exact_name": exact_name,
    "token_overlap": token_overlap,
    "romanisation_variant": romanisation_variant,
    "phonetic": phonetic,
}
QUALIFIERS: dict[str, FeatureFunc] = {
    "weak_only": weak_only,
    "country_mismatch": country_mismatch,
    "birth_year_match": birth_year_match,
    "birth_year_mismatch": birth_year_mismatch,
    "type_mismatch": type_mismatch,
}
