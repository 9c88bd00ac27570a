"""Named scoring features; each returns a value in [0, 1] and a detail for the reviewer.

Weights live in ``data/features.yaml``. Name features compete (the largest weighted value is
the name score, and names the deciding feature); qualifiers then add or subtract.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from oresight.screening.align import Pair
from oresight.screening.model import Entity
from oresight.screening.names import NameForm
from oresight.screening.vocab import vocabulary


@dataclass(frozen=True, slots=True)
class Query:
    """What is screened: a prepared name and the optional qualifiers."""

    form: NameForm
    type: str | None = None
    country: str | None = None  # ISO3
    birth_year: int | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """One comparison: the query, one listed name of an entity, their word alignment, and
    the aligned weight shared at each level (exact; exact+variant; graded, any kind)."""

    query: Query
    listed: NameForm
    entity: Entity
    pairs: list[Pair]
    shared_exact: float
    shared_variant: float
    shared_graded: float
    quality: str | None = None  # the list's label for the listed name ("Low", "weak", ...)


def make_context(
    query: Query, listed: NameForm, entity: Entity, pairs: list[Pair], quality: str | None = None
) -> Context:
    """Sum the aligned weights once; the name features read the sums."""
    qw, lw = query.form.weights, listed.weights
    exact = variant = graded = 0.0
    for p in pairs:
        w = (qw[p.query] + lw[p.listed]) / 2
        graded += p.sim * w
        if p.kind == "exact":
            exact += w
            variant += w
        elif p.kind == "variant":
            variant += w
    return Context(query, listed, entity, pairs, exact, variant, graded, quality)


Result = tuple[float, str]
FeatureFunc = Callable[[Context], Result]


def _overlap(ctx: Context, shared: float) -> float:
    """Weighted Jaccard of the aligned words: shared / (query + listed - shared).

    Jaccard rather than Dice because a listed name that is a part of the query (KIM Chol
    inside Kim Yong Chol) must stay below the threshold: Dice gives it 0.8, Jaccard 0.67.
    """
    union = ctx.query.form.total + ctx.listed.total - shared
    return min(1.0, shared / union) if union > 0 else 0.0


def compound(ctx: Context) -> Result:
    """The distinctive words joined are the same letters ("Rakwon 2" = "RAK WON 2",
    "Phyong Chon" = "PHYONGCHON"): Korean compounds are spaced every way. The overlap
    counts the distinctive words as all shared, the weak ones as aligned."""
    q, c = ctx.query.form, ctx.listed
    if len(q.joined) < 4 or q.joined != c.joined or len(q.tokens) == len(c.tokens) == 1:
        return 0.0, ""
    strong_q = sum(w for w, st in zip(q.weights, q.strong, strict=True) if st)
    strong_c = sum(w for w, st in zip(c.weights, c.strong, strict=True) if st)
    weak = sum(
        (q.weights[p.query] + c.weights[p.listed]) / 2
        for p in ctx.pairs
        if p.kind == "exact" and not q.strong[p.query]
    )
    # the joined letters count once, as one shared word of the larger weight
    strong = max(strong_q, strong_c)
    shared = strong + weak
    union = strong + (q.total - strong_q) + (c.total - strong_c) - weak
    return (min(1.0, shared / union) if union > 0 else 0.0), "same letters spaced otherwise"


def exact_name(ctx: Context) -> Result:
    same = bool(ctx.query.form.tokens) and ctx.query.form.literal == ctx.listed.literal
    return (1.0, "same words after normalisation") if same else (0.0, "")


def token_overlap(ctx: Context) -> Result:
    return _overlap(ctx, ctx.shared_exact), "identical words"


def romanisation_variant(ctx: Context) -> Result:
    return _overlap(ctx, ctx.shared_variant), "identical or variant words"


def phonetic(ctx: Context) -> Result:
    return _overlap(ctx, ctx.shared_graded), "identical, variant or similar-sounding words"


def weak_only(ctx: Context) -> Result:
    """Only legal forms / generic words aligned, and the names are not the same words.

    A listed name made only of generic words (Central Bank of the DPRK, Foreign Trade Bank)
    still matches when the query is that whole name: every word on both sides aligned.
    """
    q, c = ctx.query.form, ctx.listed
    strong = any(q.strong[p.query] and c.strong[p.listed] for p in ctx.pairs)
    if strong or not ctx.pairs:
        return 0.0, ""
    if _all_aligned(ctx) or compound(ctx)[0]:
        return 0.0, ""
    return 1.0, "only legal forms / generic words matched"


def _all_aligned(ctx: Context) -> bool:
    """Every word on both sides aligned, grammar words ("of", "the") aside."""
    q, c = ctx.query.form, ctx.listed
    minor = vocabulary().function_words
    used_q = {p.query for p in ctx.pairs}
    used_c = {p.listed for p in ctx.pairs}
    return all(i in used_q or t in minor for i, t in enumerate(q.tokens)) and all(
        j in used_c or t in minor for j, t in enumerate(c.tokens)
    )


def given_name_order(ctx: Context) -> Result:
    """A listed person whose given names the query has in the other order ("Eun Sung" for
    "Song Un"): Korean given names are one name in a fixed order, unlike the surname, which
    writers put first or last. The listed surname is the listed name's first word."""
    if ctx.entity.type != "person" or len(ctx.listed.tokens) < 3:
        return 0.0, ""
    given = [p.listed for p in sorted(ctx.pairs, key=lambda p: p.query) if p.listed != 0]
    if len(given) >= 2 and all(a > b for a, b in itertools.pairwise(given)):
        return 1.0, "given names in another order"
    return 0.0, ""


def single_word(ctx: Context) -> Result:
    """The match rests on one distinctive word, and either other words are left over
    ("Korea Zinc" against the alias "ZINC") or the one word is only alike, not the same
    ("KOMIR" / "CAMORRA")."""
    q, c = ctx.query.form, ctx.listed
    strong = [p for p in ctx.pairs if q.strong[p.query] and c.strong[p.listed]]
    if len(strong) != 1:
        return 0.0, ""
    leftover = len(ctx.pairs) < max(len(q.tokens), len(c.tokens))
    loose = strong[0].kind not in ("exact", "variant") and len(q.tokens) == len(c.tokens) == 1
    if leftover or loose:
        return 1.0, "one distinctive word matched"
    return 0.0, ""


LOW_QUALITY = frozenset({"low", "weak"})


def low_quality_alias(ctx: Context) -> Result:
    """The list itself marks the matched alias as low quality (UN "Low", OFAC "weak")."""
    if ctx.quality is None or ctx.quality.lower() not in LOW_QUALITY:
        return 0.0, ""
    return 1.0, f"the list marks this alias as {ctx.quality!r}"


def country_mismatch(ctx: Context) -> Result:
    wanted, listed = ctx.query.country, ctx.entity.countries
    if not wanted or not listed or wanted in listed:
        return 0.0, ""
    return 1.0, f"query {wanted}, listed {'/'.join(listed)}"


def _year_distance(ctx: Context) -> int | None:
    year = ctx.query.birth_year
    if year is None:
        return None
    listed = ctx.entity.birth_years
    if not listed:
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
    "compound": compound,
}
QUALIFIERS: dict[str, FeatureFunc] = {
    "weak_only": weak_only,
    "single_word": single_word,
    "low_quality_alias": low_quality_alias,
    "country_mismatch": country_mismatch,
    "birth_year_match": birth_year_match,
    "birth_year_mismatch": birth_year_mismatch,
    "type_mismatch": type_mismatch,
    "given_name_order": given_name_order,
}
