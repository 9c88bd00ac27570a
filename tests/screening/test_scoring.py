"""Features, scoring and blocking on a handful of inline entities."""

from __future__ import annotations

import pytest

from oresight.screening import Entity, ListedName, Screener, screen
from oresight.screening.align import align, similarity
from oresight.screening.evaluation import Case, evaluate
from oresight.screening.features import Query, make_context, weak_only
from oresight.screening.names import prepare


def person(ref: str, *names: str, born: str = "", country: str = "PRK") -> Entity:
    return Entity(
        id=f"T:{ref}",
        list="T",
        reference=ref,
        type="person",
        names=[ListedName(n) for n in names],
        countries=[country],
        birth_dates=[born] if born else [],
    )


def firm(ref: str, *names: str) -> Entity:
    return Entity(
        id=f"T:{ref}", list="T", reference=ref, type="entity", names=[ListedName(n) for n in names]
    )


@pytest.fixture(scope="module")
def small() -> Screener:
    return Screener(
        [
            person("p1", "RA, Kyong-Su", born="1960"),
            person("p2", "KIM, Chol"),
            person("p3", "KIM Yong Chol", born="1946"),
            firm("e1", "KOREA TANGUN TRADING CORPORATION"),
            firm("e2", "NAMGANG CONSTRUCTION"),
            firm("e3", "CENTRAL BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA"),
            *[person(f"x{i}", f"KIM Il {i}") for i in range(100)],
        ]
    )


def test_similarity_kinds() -> None:
    assert similarity("choe", "choe") == ("exact", 1.0)
    assert similarity("choi", "choe")[0] == "variant"
    assert similarity("kim", "kum") == ("", 0.0)  # syllables compare only through classes
    # one edit is a "typo" pair (issue 13: short and Korean words too); two edits "fuzzy"
    assert similarity("namgang", "nagang")[0] == "typo"
    assert similarity("namchongang", "namchonggan")[0] == "fuzzy"
    assert similarity("yonk", "yong")[0] == "typo"  # short word, not a known syllable
    assert similarity("chu", "chun") == ("", 0.0)  # two known syllables: two names


def test_alignment_is_one_to_one_and_order_free() -> None:
    pairs = align(prepare("Su Kyong Ra"), prepare("RA, Kyong-Su"))
    assert sorted((p.query, p.listed) for p in pairs) == [(0, 2), (1, 1), (2, 0)]


@pytest.mark.parametrize("query", ["Ra Kyung Soo", "Gyeong-su Ra", "Ra Kyongsu", "라경수"])
def test_variants_score_high_with_the_deciding_feature(small: Screener, query: str) -> None:
    top = screen(query, screener=small).matches[0]
    assert top.reference == "p1" and top.score >= 0.9
    assert top.deciding_feature in ("exact_name", "romanisation_variant")


def test_listed_name_inside_the_query_stays_below_threshold(small: Screener) -> None:
    result = screen("Kim Chol Su", screener=small)
    assert all(not m.match for m in result.matches if m.reference == "p2")


def test_typo_inside_a_joined_word_compares_word_by_word(small: Screener) -> None:
    top = screen("Nagang Construction", screener=small).matches[0]
    assert top.reference == "e2" and top.match and "nagang~namgang (typo)" in top.explanation


def test_weak_only_penalty_and_full_generic_name() -> None:
    q = Query(prepare("Korea Trading Corporation"))
    listed = prepare("KOREA TANGUN TRADING CORPORATION")
    ctx = make_context(q, listed, firm("e1", listed.text), align(q.form, listed))
    assert weak_only(ctx)[0] == 1.0
    full = prepare("Central Bank of the DPRK Korea")
    same = make_context(Query(full), full, firm("e3", full.text), align(full, full))
    assert weak_only(same)[0] == 0.0


def test_qualifiers(small: Screener) -> None:
    right = screen("Ra Kyong Su", birth_year=1961, country="KP", screener=small).matches[0]
    wrong = screen("Ra Kyong Su", birth_year=1980, country="CHN", screener=small).matches[0]
    assert right.score == 1.0 and "birth_year_match" in right.features
    assert wrong.score < 0.7 and {"birth_year_mismatch", "country_mismatch"} <= set(wrong.features)
    vessel = screen("Ra Kyong Su", type="vessel", screener=small).matches[0]
    assert "type_mismatch" in vessel.explanation


def test_blocking_compares_few_names(small: Screener) -> None:
    result = screen("Kim Il Sung", screener=small)
    assert result.candidates <= small.max_candidates < len(small.forms)


def test_evaluation_counts() -> None:
    engine = Screener([person("p1", "RA, Kyong-Su")])
    cases = [
        Case("Ra Kyung Soo", None, None, None, frozenset({"p1"}), "variant", ""),
        Case("Pak Chol Min", None, None, None, frozenset({"p9"}), "variant", ""),
        Case("Ra Kyong Su", None, None, None, frozenset(), "negative", ""),
    ]
    q = evaluate(cases, lambda c: screen(c.query, screener=engine))
    assert (q.positives, q.found, q.negatives, q.negatives_flagged) == (2, 1, 1, 1)
    assert q.recall == 0.5 and q.precision == 0.5 and len(q.misses) == 1


def test_low_quality_alias_counts_less() -> None:
    entity = Entity(
        id="T:p9",
        list="T",
        reference="p9",
        type="person",
        names=[ListedName("PAK To Chun"), ListedName("Kim Chol Ho", kind="aka", quality="Low")],
    )
    engine = Screener([entity])
    good = screen("Pak To Chun", screener=engine).matches[0]
    low = screen("Kim Chol Ho", screener=engine).matches[0]
    assert good.score == 1.0 and "low_quality_alias" not in good.features
    assert low.score == 0.9 and "low_quality_alias -0.10" in low.explanation
