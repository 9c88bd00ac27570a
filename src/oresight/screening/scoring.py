"""Combine features into one explained score in [0, 1]."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from oresight.screening.align import align
from oresight.screening.features import NAME_FEATURES, QUALIFIERS, Context, Query, make_context
from oresight.screening.model import Entity
from oresight.screening.names import NameForm
from oresight.screening.vocab import features_config

# When the syllable-by-syllable comparison already scores this well, the word-by-word one
# (for joined words) cannot change the verdict and is skipped.
GOOD_ENOUGH = 0.95


@dataclass(slots=True)
class Scored:
    """A score with the feature values behind it; the explanation is written on demand."""

    score: float
    deciding: str
    features: dict[str, float]
    context: Context
    notes: list[str]

    def explanation(self) -> str:
        """A sentence for the reviewer: deciding feature, aligned words, qualifiers."""
        return _explain(self.context, self.deciding, self.features[self.deciding], self.notes)


@cache
def _weights(section: str) -> dict[str, float]:
    return {k: float(v["weight"]) for k, v in features_config()[section].items()}


NameScore = tuple[str, float, dict[str, float]]  # deciding feature, its value, all values


def _name_score(ctx: Context) -> NameScore:
    """The deciding name feature, its weighted value, and every name feature's value."""
    name_w = _weights("name_features")
    values: dict[str, float] = {}
    best_name, best = "token_overlap", 0.0
    for name, func in NAME_FEATURES.items():
        value, _ = func(ctx)
        values[name] = round(value, 4)
        if name_w[name] * value > best:
            best_name, best = name, name_w[name] * value
    return best_name, best, values


def _best_context(
    query: Query, listed: NameForm, entity: Entity, quality: str | None
) -> tuple[Context, NameScore]:
    """Syllable by syllable, then word by word when a joined word was split on either side."""
    ctx = make_context(query, listed, entity, align(query.form, listed), quality)
    named = _name_score(ctx)
    if named[1] >= GOOD_ENOUGH or (query.form.whole is None and listed.whole is None):
        return ctx, named
    q_whole = replace(query, form=query.form.whole or query.form)
    l_whole = listed.whole or listed
    other = make_context(q_whole, l_whole, entity, align(q_whole.form, l_whole), quality)
    other_named = _name_score(other)
    return (other, other_named) if other_named[1] > named[1] else (ctx, named)


def score(query: Query, listed: NameForm, entity: Entity, quality: str | None = None) -> Scored:
    """Score one listed name of an entity (with the list's quality label) against the query."""
    ctx, (best_name, best, values) = _best_context(query, listed, entity, quality)
    qual_w = _weights("qualifiers")
    total, notes = best, []
    for name, func in QUALIFIERS.items():
        value, detail = func(ctx)
        if value:
            values[name] = value
            total += qual_w[name] * value
            notes.append(f"{name} {qual_w[name] * value:+.2f} ({detail})")
    values[best_name] = round(best, 4)
    total = max(0.0, min(1.0, total))
    return Scored(round(total, 4), best_name, values, ctx, notes)


def _explain(ctx: Context, deciding: str, value: float, notes: list[str]) -> str:
    q, c = ctx.query.form, ctx.listed
    parts = []
    for p in sorted(ctx.pairs, key=lambda p: p.listed):
        a, b = q.tokens[p.query], c.tokens[p.listed]
        mark = "=" if p.kind == "exact" else "~"
        tags = [
            t
            for t in (p.kind if p.kind != "exact" else "", "" if c.strong[p.listed] else "weak")
            if t
        ]
        parts.append(f"{a}{mark}{b}" + (f" ({', '.join(tags)})" if tags else ""))
    used_q = {p.query for p in ctx.pairs}
    used_c = {p.listed for p in ctx.pairs}
    extra_q = [t for i, t in enumerate(q.tokens) if i not in used_q]
    extra_c = [t for i, t in enumerate(c.tokens) if i not in used_c]
    text = f"{deciding} {value:.2f} on '{c.text}': " + (", ".join(parts) or "no words aligned")
    if extra_q:
        text += f"; unmatched in query: {' '.join(extra_q)}"
    if extra_c:
        text += f"; unmatched in listed name: {' '.join(extra_c)}"
    if notes:
        text += "; " + "; ".join(notes)
    return text
