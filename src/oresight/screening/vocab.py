"""The screening pillar's data tables (YAML under ``data/``), read once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


def read_data(name: str) -> dict[str, Any]:
    """Parse one YAML file of ``data/``."""
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


@dataclass(frozen=True)
class Vocabulary:
    """Weak-token weights, abbreviation expansions and romanisation classes."""

    weights: dict[str, float]  # token -> weight (tokens absent weigh 1.0)
    weak: frozenset[str]  # legal forms and generic words
    abbreviations: dict[str, str]
    classes: dict[str, frozenset[str]]  # spelling -> ids of the classes it belongs to
    syllables: frozenset[str]  # every known syllable: for splitting joined words
    legal_forms: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, str], ...] = ()  # (words, token), longest first
    query_variants: tuple[tuple[re.Pattern[str], str, str | None], ...] = ()  # pattern, why, type

    def weight(self, token: str) -> float:
        """How much a token counts in a comparison (1.0 for a distinctive word)."""
        return self.weights.get(token, 1.0)

    def implied_type(self, tokens: tuple[str, ...]) -> str | None:
        """The party type a legal form says (a name with "Co Ltd" is no person, no ship)."""
        return "entity" if any(t in self.legal_forms for t in tokens) else None

    def is_weak(self, token: str) -> bool:
        return token in self.weak


@cache
def vocabulary() -> Vocabulary:
    """Load ``vocabulary.yaml`` and ``romanisation.yaml``."""
    vocab = read_data("vocabulary.yaml")
    groups = vocab["weak"].values()
    weights = {t: float(spec["weight"]) for spec in groups for t in spec["tokens"]}
    weak = frozenset(t for spec in groups if spec["weak"] for t in spec["tokens"])
    classes: dict[str, set[str]] = {}
    table = read_data("romanisation.yaml")
    for class_id, spellings in table["classes"].items():
        for spelling in spellings:
            classes.setdefault(spelling, set()).add(class_id)
    syllables = frozenset(classes) | frozenset(table.get("plain", []))
    phrases = sorted(
        ((p, token) for token, spec in vocab.get("phrases", {}).items() for p in spec["words"]),
        key=lambda item: (-len(item[0]), item[0]),
    )
    variants = tuple(
        (re.compile(spec["pattern"]), str(spec["reason"]), spec.get("type"))
        for spec in vocab.get("query_variants", [])
    )
    return Vocabulary(
        legal_forms=frozenset(vocab["weak"]["legal_form"]["tokens"]),
        function_words=frozenset(vocab["weak"]["function"]["tokens"]),
        phrases=tuple(phrases),
        query_variants=variants,
        weights=weights,
        weak=weak,
        abbreviations=dict(vocab["abbreviations"]),
        classes={k: frozenset(v) for k, v in classes.items()},
        syllables=syllables,
    )


@cache
def features_config() -> dict[str, Any]:
    """Load ``features.yaml`` (feature weights and alignment similarities)."""
    return read_data("features.yaml")
