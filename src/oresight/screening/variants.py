"""The names one query stands for: the whole text, each name in brackets, and the name
without the words paperwork and the press put around it (vessel prefixes, country words,
descriptors: ``query_variants`` in ``data/vocabulary.yaml``).

"KOMID (Korea Mining Development Trading Corporation)" is screened as itself, as "KOMID"
and as the long name; "M/V Chong Chon Gang" also as "chong chon gang". The best score per
listed party wins, so a variant can only add matches that its words support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oresight.screening.text import clean, visible
from oresight.screening.vocab import vocabulary

_BRACKETED = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_ALIAS_MARK = re.compile(r"\s+(?:a\.?k\.?a\.?|f\.?k\.?a\.?|alias|also known as)[\s:]+", re.I)
MAX_VARIANTS = 8  # a pathological query (many brackets) costs at most this many searches


@dataclass(frozen=True, slots=True)
class Variant:
    """One name to screen for a query, and why it is screened (empty for the query itself)."""

    text: str
    reason: str = ""
    type: str | None = None  # what the removed words say the party is ("M/V" -> vessel)


def query_variants(name: str) -> list[Variant]:
    """The query itself first, then its other readings, without repeats (same cleaned text)."""
    shown = visible(name)
    parts: list[Variant] = [Variant(name)]
    inner = [m.strip() for m in _BRACKETED.findall(shown) if m.strip()]
    if inner:
        outer = " ".join(_BRACKETED.sub(" ", shown).split())
        if outer:
            parts.append(Variant(outer, "the name outside the brackets"))
        parts += [Variant(p, "the name in brackets") for p in inner]
    for piece in _ALIAS_MARK.split(shown) if _ALIAS_MARK.search(shown) else []:
        if piece.strip():
            parts.append(Variant(piece.strip(), "one name of 'a.k.a.'"))
    out: list[Variant] = []
    seen: set[str] = set()
    for part in parts:
        for variant in [part, *_trimmed(part)]:
            key = clean(variant.text)
            if key and key not in seen:
                seen.add(key)
                out.append(variant)
    return out[:MAX_VARIANTS]


def _trimmed(part: Variant) -> list[Variant]:
    """The part with surrounding words removed, pattern by pattern until nothing changes."""
    text, reasons = clean(part.text), [part.reason] if part.reason else []
    implied: str | None = None
    changed = True
    while changed:
        changed = False
        for pattern, reason, type_ in vocabulary().query_variants:
            cut = pattern.sub(" ", text).strip() if pattern.search(text) else text
            if cut and cut != text:
                text, changed = cut, True
                reasons.append(reason)
                implied = implied or type_
    if text == clean(part.text):
        return []
    return [Variant(text, "; ".join(reasons), implied)]
