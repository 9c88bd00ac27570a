"""Prepared names: tokens with their weights and blocking keys, computed once per name."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from jellyfish import metaphone

from oresight.screening.romanisation import classes_of
from oresight.screening.text import tokenize
from oresight.screening.vocab import vocabulary

PHONETIC_MIN_LEN = 5  # short words share codes too often ("kim" = "kum", komid = kmid)


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready to compare: normalised tokens, their weights, and a literal key."""

    text: str
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    strong: tuple[bool, ...]
    literal: str  # sorted tokens: equal literals = same words in any order
    total: float
    whole: NameForm | None = None  # the same name with joined words left whole, if any split
    korean: bool = True  # no letters Korean romanisation never writes (q, x, z, v, f)
    joined: str = ""  # the distinctive words run together (compounds spaced otherwise)

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
        if self.whole is not None:
            keys |= self.whole.blocking_keys()
        joined = self.joined
        if len(joined) >= 4:  # the same letters spaced otherwise (Korean compounds)
            keys.add(f"j:{joined}")
        return keys

    def listed_keys(self) -> set[str]:
        """What a listed name is indexed under: its blocking keys and its typo keys."""
        return self.blocking_keys() | {
            k
            for t, s in zip(self.tokens, self.strong, strict=True)
            if s
            for k in listed_typo_keys(t)
        }

    def typo_keys(self) -> set[str]:
        """What a query looks up to find listed names with a one-letter typo."""
        return {
            k
            for t, s in zip(self.tokens, self.strong, strict=True)
            if s
            for k in query_typo_keys(t)
        }

    def weak_keys(self) -> set[str]:
        """Keys of the weak tokens: a fallback when the distinctive words find nothing."""
        return {
            k for t, s in zip(self.tokens, self.strong, strict=True) if not s for k in token_keys(t)
        }


@lru_cache(maxsize=65536)
def token_keys(token: str) -> tuple[str, ...]:
    """Romanisation classes, or the word itself plus its sound and its first four letters
    (so that a word with a typo after its fourth letter still finds its candidates)."""
    classes = classes_of(token)
    keys = [f"c:{c}" for c in classes] if classes else [f"t:{token}"]
    if not classes and len(token) >= PHONETIC_MIN_LEN and token.isalpha():
        keys += [f"p:{metaphone(token)}", f"x:{token[:4]}"]
    return tuple(keys)


TYPO_MIN_LEN = 3  # shorter words are too often one letter from another word


@lru_cache(maxsize=65536)
def listed_typo_keys(token: str) -> tuple[str, ...]:
    """Keys under which a listed word is found by a query word one edit away from it
    (symmetric deletion: two words within one edit share the word or a one-letter deletion)."""
    if len(token) < TYPO_MIN_LEN:
        return ()
    keys = [f"d:{token}"]
    if len(token) > TYPO_MIN_LEN:
        keys += [f"d:{token[:i]}{token[i + 1 :]}" for i in range(len(token))]
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=65536)
def query_typo_keys(token: str) -> tuple[str, ...]:
    """The keys a query word looks up to find listed words one edit away: its deletion keys,
    and the ordinary keys of its one-letter deletions ("rii" -> the class of "ri")."""
    if len(token) < TYPO_MIN_LEN:
        return ()
    deletions = dict.fromkeys(token[:i] + token[i + 1 :] for i in range(len(token)))
    keys = [*listed_typo_keys(token), *(f"d:{d}" for d in deletions)]
    # listed words of 3+ letters carry "d:" keys of themselves; shorter ones ("ri") are found
    # through their ordinary keys
    keys += [k for d in deletions if len(d) == 2 for k in token_keys(d)]
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=65536)
def prepare(text: str) -> NameForm:
    """Normalise a name and weigh its tokens (weak tokens count little).

    Joined words are split into syllables (Kyongsu -> kyong su); when that changed
    anything, ``whole`` keeps the unsplit form, so that a typo inside a joined word
    (Namgang / Nagang) can still be compared word to word.
    """
    form = _form(text, tokenize(text))
    whole = tokenize(text, split=False)
    return replace(form, whole=_form(text, whole)) if whole != form.tokens else form


_NOT_KOREAN = frozenset("qxzvf")


def looks_korean(tokens: tuple[str, ...]) -> bool:
    """False when a word has a letter that no Korean romanisation (MR, RR, passports)
    writes: "Zhang Yiming" is Chinese, so "yi" is not the Korean surname Ri/Lee there."""
    return not any(_NOT_KOREAN.intersection(t) for t in tokens)


def _form(text: str, tokens: tuple[str, ...]) -> NameForm:
    vocab = vocabulary()
    weights = tuple(vocab.weight(t) for t in tokens)
    return NameForm(
        text=text,
        tokens=tokens,
        weights=weights,
        strong=tuple(not vocab.is_weak(t) for t in tokens),
        literal=" ".join(sorted(tokens)),
        total=sum(weights),
        korean=looks_korean(tokens),
        joined="".join(t for t in tokens if not vocab.is_weak(t)),
    )
