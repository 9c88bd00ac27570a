"""Prepared names: tokens with their weights and blocking keys, computed once per name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jellyfish import metaphone

from oresight.screening.romanisation import classes_of
from oresight.screening.text import tokenize
from oresight.screening.vocab import vocabulary

PHONETIC_MIN_LEN = 4  # Korean syllables are too short for metaphone ("kim" = "kum")


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready to compare: normalised tokens, their weights, and a literal key."""

    text: str
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    strong: tuple[bool, ...]
    literal: str  # sorted tokens: equal literals = same words in any order
    total: float

    @property
    def has_strong(self) -> bool:
        return any(self.strong)

    def blocking_keys(self) -> set[str]:
        """Blocking keys: romanisation classes or literal words, and phonetic codes.

        Weak tokens are left out unless the name has nothing else, so that "Korea" or
        "Trading" does not make every DPRK company a candidate.
        """
        keys: set[str] = set()
        use_all = not self.has_strong
        for token, strong in zip(self.tokens, self.strong, strict=True):
            if strong or use_all:
                keys.update(token_keys(token))
        return keys


@lru_cache(maxsize=65536)
def token_keys(token: str) -> tuple[str, ...]:
    classes = classes_of(token)
    keys = [f"c:{c}" for c in classes] if classes else [f"t:{token}"]
    if not classes and len(token) >= PHONETIC_MIN_LEN and token.isalpha():
        keys.append(f"p:{metaphone(token)}")
    return tuple(keys)


@lru_cache(maxsize=65536)
def prepare(text: str) -> NameForm:
    """Normalise a name and weigh its tokens (weak tokens count little)."""
    vocab = vocabulary()
    tokens = tokenize(text)
    weights = tuple(vocab.weight(t) for t in tokens)
    return NameForm(
        text=text,
        tokens=tokens,
        weights=weights,
        strong=tuple(not vocab.is_weak(t) for t in tokens),
        literal=" ".join(sorted(tokens)),
        total=sum(weights),
    )
