"""Name normalisation: script, case, accents, punctuation, abbreviations, joined syllables.

The same function prepares list names and queries, so whatever it does is symmetric.
"""

from __future__ import annotations

import re
from functools import lru_cache

from normality import ascii_text

from oresight.screening.hangul import is_hangul, romanise
from oresight.screening.romanisation import split_syllables
from oresight.screening.vocab import vocabulary

# McCune-Reischauer writes aspiration and vowel breves with apostrophes (Ch'oe, Myo'ng in
# OFAC's ASCII); dropping them joins the word back together: ch'oe -> choe, myo'ng -> myong.
_APOSTROPHES = re.compile(r"['’‘`ʼʻ´\"“”]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def clean(text: str) -> str:
    """Lower-case ASCII words separated by single spaces (Hangul romanised first)."""
    if is_hangul(text):
        text = romanise(text)
    text = _APOSTROPHES.sub("", text)
    ascii_form = ascii_text(text) or ""
    return _NON_ALNUM.sub(" ", ascii_form.lower()).strip()


@lru_cache(maxsize=65536)
def tokenize(text: str, split: bool = True) -> tuple[str, ...]:
    """Normalised name tokens: cleaned, abbreviations expanded, joined syllables split."""
    vocab = vocabulary()
    out: list[str] = []
    for word in clean(text).split():
        word = vocab.abbreviations.get(word, word)
        if not split or vocab.is_weak(word):
            out.append(word)
        else:
            out.extend(split_syllables(word))
    return tuple(out)
