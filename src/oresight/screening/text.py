"""Name normalisation: script, case, accents, punctuation, abbreviations, joined syllables.

The same function prepares list names and queries, so whatever it does is symmetric.
Before anything else, what a reader cannot see is removed: HTML tags and entities, and every
Unicode format character (soft hyphen, zero-width space/joiner, bidi controls, BOM), so that
"Min\u00ading" or "<b>KOMID</b>" reads as the name it shows.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from normality import ascii_text

from oresight.screening.hangul import is_hangul, romanise
from oresight.screening.romanisation import split_syllables
from oresight.screening.vocab import vocabulary

# McCune-Reischauer writes aspiration and vowel breves with apostrophes (Ch'oe, Myo'ng in
# OFAC's ASCII); dropping them joins the word back together: ch'oe -> choe, myo'ng -> myong.
_APOSTROPHES = re.compile(r"['’‘`ʼʻ´\"“”]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_TAG = re.compile(r"<[^<>]{0,200}>")


def visible(text: str) -> str:
    """The text as a reader sees it: tags dropped, entities decoded, format chars removed.

    Tags become spaces ("<b>A</b><i>B</i>" is two words); format characters (category Cf)
    are deleted without a space, as they sit inside words to break them for a machine only.
    """
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
        if "<" in text:  # escaped markup, now decoded
            text = _TAG.sub(" ", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """Lower-case ASCII words separated by single spaces (Hangul romanised first)."""
    text = visible(text)
    if is_hangul(text):
        text = romanise(text)
    text = _APOSTROPHES.sub("", text)
    ascii_form = ascii_text(text) or ""
    words = _NON_ALNUM.sub(" ", ascii_form.lower()).strip()
    return _phrases(words)


def _phrases(words: str) -> str:
    """Multi-word names of one thing written as one token ("north korea" -> "dprk")."""
    vocab = vocabulary()
    if not vocab.phrases:
        return words
    padded = f" {words} "
    for phrase, token in vocab.phrases:
        if f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", f" {token} ")
    return padded.strip()


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
