"""Combine features into one explained score in [0, 1]."""

from __future__ import annotations

from dataclasses import dataclass, field

from oresight.screening.align import align
from oresight.screening.features import NAME_FEATURES, QUALIFIERS, Context, Query
from oresight.screening.model import Entity
from oresight.screening.names import NameForm
from oresight.screening.vocab import features_config


@dataclass(slots=True)
class Scored:
    """A score with the feature values behind it and a sentence for the reviewer."""

    score: float
    deciding: str
    features: dict[str, float] = field(default_factory=dict)
    explanation: str = ""


def _weights(section: str) -> dict[str, float]:
    return {k: float(v["weight"]) for k, v in features_config()[section].items()}


def score(query: Query, listed: NameForm, entity: Entity) -> Scored:
    """Score one listed name of an entity against the query, with an explanation."""
    ctx = Context(query=query, listed=listed, entity=entity, pairs=align(query.form, listed))
    name_w, qual_w = _weights("name_features"), _weights("qualifiers")
    values: dict[str, float] = {}
    best_name, best = "token_overlap", 0.0
    for name, func in NAME_FEATURES.items():
        value, _ = func(ctx)
        values[name] = round(value, 4)
        if name_w[name] * value > best:
            best_name, best = name, name_w[name] * value
    total, notes = best, []
    for name, func in QUALIFIERS.items():
        value, detail = func(ctx)
        if value:
            values[name] = value
            total += qual_w[name] * value
            notes.append(f"{name} {qual_w[name] * value:+.2f} ({detail})")
    total = max(0.0, min(1.0, total))
    return Scored(
        score=round(total, 4),
        deciding=best_name,
        features=values,
        explanation=_explain(ctx, best_name, best, notes),
    )


def _explain(ctx: Context, deciding: str, value: float, notes: list[str]) -> str:
    q, c = ctx.query.form, ctx.listed
    parts = []
    for p in sorted(ctx.pairs, key=lambda p: p.listed):
        a, b = q.tokens[p.query], c.tokens[p.listed]
        mark = "=" if p.kind == "exact" else "~"
        weak = "" if c.strong[p.listed] else ", weak"
        kind = "" if p.kind == "exact" else f" {p.kind}"
        parts.append(f"{a}{mark}{b}" + (f" ({(kind + weak).strip(', ')})" if kind or weak else ""))
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
