"""HS edition concordances."""

from __future__ import annotations

import pyarrow.compute as pc
import pytest

from oresight.errors import UnknownCodeError
from oresight.reference import concordance, hs


def test_unchanged_codes_convert_one_to_one() -> None:
    assert concordance.convert("270111", "H0", "H6") == [("270111", "1:1")]
    assert concordance.convert("711021", "HS2022", "HS1992") == [("711021", "1:1")]
    assert concordance.convert("260111", "H4", "H4") == [("260111", "1:1")]


def test_split_and_merge_across_editions() -> None:
    # HS2012 split pure-bred horses (0101.10 in HS2002/HS2007) into horses and asses.
    assert concordance.convert("010110", "H3", "H4") == [("010121", "n:n"), ("010130", "n:n")]
    # Backwards, chained over six tables, to HS1992.
    assert concordance.convert("010121", "H6", "H0") == [("010111", "n:n"), ("010120", "n:n")]


def test_code_must_exist_in_source_edition() -> None:
    with pytest.raises(UnknownCodeError, match="010121 is not an HS1992"):
        concordance.convert("010121", "H0", "H6")
    with pytest.raises(UnknownCodeError, match="6-digit"):
        concordance.convert("0101", "H0", "H6")


def test_single_step_relationships_match_unsd_in_both_directions() -> None:
    flipped = {"1:1": "1:1", "1:n": "n:1", "n:1": "1:n", "n:n": "n:n"}
    for r in concordance.concordance_table().to_pylist():
        forward = dict(concordance.convert(r["new_code"], r["new_edition"], r["old_edition"]))
        assert forward[r["old_code"]] == r["relationship"], r
        backward = dict(concordance.convert(r["old_code"], r["old_edition"], r["new_edition"]))
        assert backward[r["new_code"]] == flipped[r["relationship"]], r


def test_every_step_links_codes_of_the_right_editions() -> None:
    table = concordance.concordance_table()
    for r in table.slice(0, 5000).to_pylist():
        assert hs.is_hs_code(r["new_code"], edition=r["new_edition"])
        assert hs.is_hs_code(r["old_code"], edition=r["old_edition"])


def test_national_codes_convert_by_their_hs6_prefix() -> None:
    assert concordance.convert("71102100", "H4", "H6") == [("711021", "1:1")]


def test_gaps_in_unsd_tables() -> None:
    # Comtrade's "not specified" code only appears in the two latest UNSD tables; oresight
    # links it to itself in the older ones and marks those links as not published.
    assert concordance.convert("999999", "H0", "H6") == [("999999", "1:1")]
    table = concordance.concordance_table()
    unpublished = table.filter(pc.invert(table.column("published")))
    assert set(unpublished.column("new_code").to_pylist()) == {"999999"}
    # 300219 (HS2017) is missing from UNSD's HS2022-HS2017 table: no target, not a guess.
    assert concordance.convert("300219", "H5", "H6") == []
