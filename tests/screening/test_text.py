"""Normalisation, Hangul and romanisation classes."""

from __future__ import annotations

import pytest

from oresight.screening.hangul import romanise
from oresight.screening.romanisation import are_variants, split_syllables
from oresight.screening.text import clean, tokenize


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("Ch'oe Myŏng-su", ("choe", "myong", "su")),
        ("CH’OE Myo'ng Su", ("choe", "myong", "su")),
        ("Choe Myongsu", ("choe", "myong", "su")),
        ("KIM, Yong-Chol", ("kim", "yong", "chol")),
        (
            "Korea Mining Dev. Trading Corp.",
            ("korea", "mining", "development", "trading", "corporation"),
        ),
        ('"KOMID"', ("komid",)),
        ("최명수", ("choe", "myeong", "su")),
    ],
)
def test_tokenize(raw: str, tokens: tuple[str, ...]) -> None:
    assert tokenize(raw) == tokens


def test_clean_drops_accents_and_punctuation() -> None:
    assert clean("Pyŏngyang  (Central-District)") == "pyongyang central district"


def test_hangul_syllables_use_name_finals() -> None:
    # ICU's letter-by-letter transform writes 박 as "bag"; names are written Bak/Pak.
    assert romanise("박정일").split() == ["bak", "jeong", "il"]
    assert romanise("리경수").split() == ["ri", "gyeong", "su"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("choe", "choi"),
        ("kyong", "gyeong"),
        ("su", "soo"),
        ("ri", "lee"),
        ("pak", "park"),
        ("jong", "cheong"),
        ("kim", "gim"),
        ("chol", "chul"),
        ("myong", "myeong"),
        ("il", "ill"),
    ],
)
def test_romanisation_variants(a: str, b: str) -> None:
    assert are_variants(a, b)


def test_variants_are_not_transitive_by_accident() -> None:
    assert not are_variants("kim", "kum")
    assert not are_variants("pak", "paek")


def test_split_joined_given_names() -> None:
    assert split_syllables("kyongsu") == ("kyong", "su")
    assert split_syllables("kyungsoo") == ("kyung", "soo")
    assert split_syllables("mining") == ("mining",)
