"""Token alignment: pair each query word with at most one listed word, best pairs first."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from jellyfish import metaphone
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from oresight.screening.names import PHONETIC_MIN_LEN, TYPO_MIN_LEN, NameForm
from oresight.screening.romanisation import classes_of
from oresight.screening.vocab import features_config, vocabulary


class Pair(NamedTuple):
    """Two aligned words and how they matched (exact, variant, phonetic, fuzzy)."""

    sim: float
    query: int
    listed: int
    kind: str


@lru_cache(maxsize=65536)
def _sound(token: str) -> str:
    return metaphone(token) if token.isalpha() else token


@lru_cache(maxsize=1)
def _cfg() -> tuple[float, float, float, float]:
    cfg = features_config()["alignment"]
    return (
        float(cfg["variant"]),
        float(cfg["phonetic"]),
        float(cfg["fuzzy_min"]),
        float(cfg["fuzzy_factor"]),
    )


@lru_cache(maxsize=262144)
def similarity(a: str, b: str, korean: bool = True) -> tuple[str, float]:
    """How two normalised words match: ("exact", 1.0), ("variant", .95), ... or ("", 0).

    ``korean`` False (one of the names is not Korean-looking): no romanisation classes.
    """
    if a == b:
        return "exact", 1.0
    variant, phonetic, fuzzy_min, fuzzy_factor = _cfg()
    ca, cb = (classes_of(a), classes_of(b)) if korean else (frozenset(), frozenset())
    if ca & cb:
        return "variant", variant
    # Korean syllables compare only through their classes: "kim" and "kum" are other names.
    # ... except a one-letter typo of a word that is not itself another syllable ("yonk").
    if ca or cb or min(len(a), len(b)) < PHONETIC_MIN_LEN:
        return ("typo", _typo_sim()) if _is_typo(a, b) else ("", 0.0)
    if _sound(a) == _sound(b):
        return "phonetic", phonetic
    if _is_typo(a, b):  # one edit in a 5+ letter word: at least as alike as a short one
        return "typo", max(_typo_sim(), Levenshtein.normalized_similarity(a, b))
    sim = Levenshtein.normalized_similarity(a, b, score_cutoff=fuzzy_min)
    return ("fuzzy", sim * fuzzy_factor) if sim else ("", 0.0)


@lru_cache(maxsize=1)
def _typo_sim() -> float:
    return float(features_config()["alignment"]["typo"])


def _is_typo(a: str, b: str) -> bool:
    """One edit apart (a transposition counts as one), both 3+ letters, and not two known
    Korean syllables: "kim" and "kum" are two names, "yonk" is a misspelt "yong"."""
    if abs(len(a) - len(b)) > 1 or max(len(a), len(b)) < TYPO_MIN_LEN or min(len(a), len(b)) < 2:
        return False
    if min(len(a), len(b)) < TYPO_MIN_LEN and a[0] != b[0]:  # "li" / "ali": another name
        return False
    if not (a.isalpha() and b.isalpha()):
        return False
    syllables = vocabulary().syllables
    if a in syllables and b in syllables:
        return False
    return DamerauLevenshtein.distance(a, b, score_cutoff=1) <= 1


def align(query: NameForm, listed: NameForm) -> list[Pair]:
    """Greedy one-to-one alignment of words by descending similarity (order-free).

    Ties go to words at similar positions. Plain tuples while sorting: this is the inner
    loop of screening.
    """
    candidates: list[tuple[float, int, int, int, str]] = []
    korean = query.korean and listed.korean
    for i, a in enumerate(query.tokens):
        for j, b in enumerate(listed.tokens):
            if a == b:
                candidates.append((-1.0, abs(i - j), i, j, "exact"))
                continue
            kind, sim = similarity(a, b, korean)
            if sim:
                candidates.append((-sim, abs(i - j), i, j, kind))
    candidates.sort()
    used_q: set[int] = set()
    used_l: set[int] = set()
    pairs: list[Pair] = []
    for neg_sim, _, i, j, kind in candidates:
        if i not in used_q and j not in used_l:
            used_q.add(i)
            used_l.add(j)
            pairs.append(Pair(-neg_sim, i, j, kind))
    return pairs
