"""Hangul to Latin letters, one syllable at a time, in Revised Romanization.

ICU's Hangul-Latin transform (used by normality.ascii_text) writes letter by letter, so
박 becomes "bag" and a whole word is run together ("choemyeongsu"). Names need each
syllable apart (to compare syllable by syllable with the romanisation classes) and final
consonants as they sound (박 -> "bak"), so this compact table of the 19 initial, 21 medial and
27 final jamo follows the RR rules for names (initial ㄹ -> r, as DPRK spelling keeps it).
"""

from __future__ import annotations

_BASE, _LAST = 0xAC00, 0xD7A3
_INITIALS = "g kk n d t r m b pp s ss _ j jj ch k t p h".split()  # noqa: SIM905
_MEDIALS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()  # noqa: SIM905
_FINALS = ["", *"k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()]  # noqa: SIM905


def is_hangul(text: str) -> bool:
    """True when the text holds at least one precomposed Hangul syllable."""
    return any(_BASE <= ord(ch) <= _LAST for ch in text)


def syllable(ch: str) -> str:
    """Romanise one precomposed Hangul syllable (가 .. 힣)."""
    code = ord(ch) - _BASE
    initial, rest = divmod(code, 21 * 28)
    medial, final = divmod(rest, 28)
    head = _INITIALS[initial].replace("_", "")
    return head + _MEDIALS[medial] + _FINALS[final]


def romanise(text: str) -> str:
    """Romanise Hangul syllables in ``text``, each followed by a space; other text is kept."""
    out: list[str] = []
    for ch in text:
        if _BASE <= ord(ch) <= _LAST:
            out.append(f" {syllable(ch)} ")
        else:
            out.append(ch)
    return "".join(out)
