"""screen(): the issue's examples against the shipped DPRK snapshot."""

from __future__ import annotations

import pytest

from oresight.errors import InputError, UnknownCodeError
from oresight.screening import DEFAULT_THRESHOLD, Screener, get_screener, screen
from oresight.screening.loaders import load_snapshot
from oresight.screening.results import ScreenResult


@pytest.fixture(scope="module")
def snapshot() -> Screener:
    return Screener(load_snapshot())


def refs(result: ScreenResult, *, matched: bool = True) -> list[str]:
    return [m.reference for m in result.matches if m.match or not matched]


def test_komid_alias_matches_kpe001(snapshot: Screener) -> None:
    result = screen("KOMID", screener=snapshot)
    top = result.matches[0]
    assert top.reference in ("KPe.001", "9345") and top.score == 1.0 and top.match
    assert "KPe.001" in refs(result)
    assert "komid=komid" in top.explanation and top.deciding_feature == "exact_name"


def test_abbreviated_legal_name_matches(snapshot: Screener) -> None:
    result = screen("Korea Mining Dev. Trading Corp.", screener=snapshot)
    assert {"KPe.001", "9345"} <= set(refs(result))


def test_generic_words_alone_match_nothing(snapshot: Screener) -> None:
    result = screen("Korea Trading Corporation", screener=snapshot)
    assert all(m.score < DEFAULT_THRESHOLD for m in result.matches)
    assert any("weak_only" in m.explanation for m in result.matches)


@pytest.mark.parametrize(
    "variant",
    ["Choi Ryong Hae", "Ch'oe Ryong-hae", "Choe Ryonghae", "Hae Ryong Choi", "최룡해"],
)
def test_romanisation_and_order_variants(snapshot: Screener, variant: str) -> None:
    result = screen(variant, screener=snapshot)
    assert result.matches[0].match
    assert set(result.normalised.split()) & {"choe", "choi"}
    assert "CHOE" in result.matches[0].name.upper()


def test_explanation_names_variant_parts(snapshot: Screener) -> None:
    top = screen("Kim Young Chul", screener=snapshot).matches[0]
    assert top.match and "young" in top.explanation
    assert top.deciding_feature in ("exact_name", "romanisation_variant")


def test_qualifiers_lower_the_score(snapshot: Screener) -> None:
    plain = screen("Kim Yong Chol", screener=snapshot).matches[0]
    wrong_type = screen("Kim Yong Chol", type="vessel", screener=snapshot).matches[0]
    assert wrong_type.score < plain.score and "type_mismatch" in wrong_type.explanation
    born = screen("Kim Yong Chol", birth_year=1990, screener=snapshot)
    assert all(
        "birth_year_mismatch" in m.explanation for m in born.matches if m.reference == "12211"
    )


def test_matches_sorted_and_flagged_by_threshold(snapshot: Screener) -> None:
    result = screen("Kim Chol", threshold=0.5, screener=snapshot)
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert all(m.match == (m.score >= 0.5) for m in result.matches)
    assert result.candidates <= snapshot.max_candidates


def test_to_dict_has_the_contract_keys(snapshot: Screener) -> None:
    data = screen("KOMID", screener=snapshot).to_dict()
    keys = {
        "list",
        "reference",
        "entity_id",
        "name",
        "matched_name",
        "score",
        "match",
        "explanation",
    }
    assert data["query"] == "KOMID" and keys <= set(data["matches"][0])


def test_default_screener_is_the_shipped_snapshot(oresight_home: object) -> None:
    assert screen("KOMID").matches[0].match
    assert get_screener().lists == ["OFAC", "UN"]


def test_bad_input_is_a_typed_error(snapshot: Screener) -> None:
    with pytest.raises(InputError, match="type"):
        screen("KOMID", type="ufo", screener=snapshot)
    assert screen("KOMID", type="organization", screener=snapshot).matches[0].match
    with pytest.raises(UnknownCodeError):
        screen("KOMID", country="Atlantis", screener=snapshot)
    with pytest.raises(InputError):
        screen("  ...  ", screener=snapshot)
