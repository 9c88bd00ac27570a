"""Korean romanisation: syllable classes and the splitting of joined given names.

``Kyongsu`` is split into ``kyong su`` when the whole word can be cut into known
romanised syllables (those of ``data/romanisation.yaml``), so that it compares syllable by
syllable with ``Kyong-su``, ``Kyung Soo`` or ``Gyeong-su``.
"""

from __future__ import annotations

from functools import cache

from oresight.screening.vocab import vocabulary

MAX_SYLLABLES = 4
# Words shorter than this stay whole: "Hana" and "Woori" are words, not "ha na" / "woo ri"
# (split, they met HARA and U.I. as romanisation variants). Joined short names still meet
# their spaced forms through the compound feature (all distinctive letters joined).
MIN_SPLIT_LEN = 6


def classes_of(token: str) -> frozenset[str]:
    """Ids of the romanisation classes a spelling belongs to (empty if none)."""
    return vocabulary().classes.get(token, frozenset())


def are_variants(a: str, b: str) -> bool:
    """True when two spellings share a romanisation class (choi / choe)."""
    return bool(classes_of(a) & classes_of(b))


@cache
def split_syllables(token: str) -> tuple[str, ...]:
    """Cut a joined word into known syllables, fewest pieces first; the word itself if none.

    Ties are broken toward the longer first syllable ("sangil" -> sang il), which is how
    Korean names are most often joined.
    """
    inventory = vocabulary().syllables
    if token in inventory or len(token) < MIN_SPLIT_LEN or not token.isalpha():
        return (token,)
    best = _segment(token, inventory)
    return best if best and len(best) <= MAX_SYLLABLES else (token,)


def _segment(token: str, inventory: frozenset[str]) -> tuple[str, ...] | None:
    # best[i]: the best cut of token[i:], by (fewest pieces, longest first piece)
    n = len(token)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[n] = ()
    for i in range(n - 1, -1, -1):
        for j in range(n, i, -1):
            rest = best[j]
            piece = token[i:j]
            if rest is None or piece not in inventory:
                continue
            candidate = (piece, *rest)
            current = best[i]
            if current is None or len(candidate) < len(current):
                best[i] = candidate
    return best[0]
