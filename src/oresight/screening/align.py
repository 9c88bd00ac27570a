"""Token alignment: pair each query word with at most one listed word, best pairs first."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jellyfish import metaphone
from rapidfuzz.distance import Levenshtein

from oresight.screening.names import PHONETIC_MIN_LEN, NameForm
from oresight.screening.romanisation import are_variants, classes_of
from oresight.screening.vocab import features_config


@dataclass(frozen=True, slots=True)
class Pair:
    """Two aligned words and how they matched (exact, variant, phonetic, fuzzy)."""

    query: int
    listed: int
    kind: str
    sim: float


@lru_cache(maxsize=262144)
def similarity(a: str, b: str) -> tuple[str, float]:
    """How two normalised words match: ("exact", 1.0), ("variant", .95), ... or ("", 0)."""
    if a == b:
        return "exact", 1.0
    cfg = features_config()["alignment"]
    if are_variants(a, b):
        return "variant", float(cfg["variant"])
    # Korean syllables compare only through their classes: "kim" and "kum" are other names.
    if classes_of(a) or classes_of(b) or min(len(a), len(b)) < PHONETIC_MIN_LEN:
        return "", 0.0
    if a.isalpha() and b.isalpha() and metaphone(a) == metaphone(b):
        return "phonetic", float(cfg["phonetic"])
    sim = Levenshtein.normalized_similarity(a, b)
    if sim >= cfg["fuzzy_min"]:
        return "fuzzy", sim * float(cfg["fuzzy_factor"])
    return "", 0.0


def align(query: NameForm, listed: NameForm) -> list[Pair]:
    """Greedy one-to-one alignment of words by descending similarity (order-free)."""
    candidates: list[Pair] = []
    for i, a in enumerate(query.tokens):
        for j, b in enumerate(listed.tokens):
            kind, sim = similarity(a, b)
            if sim > 0:
                candidates.append(Pair(i, j, kind, sim))
    candidates.sort(key=lambda p: (-p.sim, abs(p.query - p.listed)))
    used_q: set[int] = set()
    used_l: set[int] = set()
    pairs: list[Pair] = []
    for pair in candidates:
        if pair.query not in used_q and pair.listed not in used_l:
            used_q.add(pair.query)
            used_l.add(pair.listed)
            pairs.append(pair)
    return pairs
