"""HS validation, normalisation and descriptions; rebuilding the trade snapshots."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pyarrow.parquet as pq
import pytest

from oresight.errors import UnknownCodeError
from oresight.reference import hs


@pytest.mark.parametrize("code", ["270111", "260111", "284690", "280530", "711021", "711031"])
def test_known_hs6_codes_are_valid_in_every_edition(code: str) -> None:
    assert hs.is_hs_code(code)
    assert all(hs.is_hs_code(code, edition=ed) for ed in hs.EDITIONS)
    assert hs.require_hs_code(code) == code


def test_two_and_four_digit_codes_keep_leading_zero() -> None:
    assert hs.is_hs_code("01")
    assert hs.is_hs_code("0101")
    assert hs.require_hs_code("01") == "01"
    assert hs.describe("01") == "Animals; live"
    assert not hs.is_hs_code("1")


def test_edition_specific_code() -> None:
    # 0101.21 (pure-bred breeding horses) exists since HS2012; HS1992 had 0101.11.
    assert hs.is_hs_code("010121", edition="H4")
    assert hs.is_hs_code("010121", edition="HS2022")
    assert not hs.is_hs_code("010121", edition="H3")
    assert not hs.is_hs_code("010121", edition="HS1992")
    assert hs.is_hs_code("010111", edition="H0")
    assert not hs.is_hs_code("010111", edition="H6")
    with pytest.raises(UnknownCodeError, match=r"010121 is not an HS1992 \(H0\) code"):
        hs.require_hs_code("010121", edition="H0")


@pytest.mark.parametrize("given", ["7110.21", "7110 21", "711021", " 711021 "])
def test_normalisation(given: str) -> None:
    assert hs.require_hs_code(given) == "711021"


def test_national_codes_accepted_by_their_hs6_prefix() -> None:
    assert hs.require_hs_code("71102100") == "71102100"
    assert hs.require_hs_code("7110.21.00.10") == "7110210010"
    assert not hs.is_hs_code("71102100")  # is_hs_code is about HS codes proper
    message = r"71002100 is not an HS code \(its 6-digit prefix 710021 is in no HS edition"
    with pytest.raises(UnknownCodeError, match=message):
        hs.require_hs_code("71002100")


def test_unknown_code_is_named_in_the_error() -> None:
    assert not hs.is_hs_code("710021")
    with pytest.raises(UnknownCodeError) as err:
        hs.require_hs_code("710021", field="cmdCode")
    assert "710021 is not an HS code" in str(err.value)
    assert "no HS edition 1992-2022" in str(err.value)
    assert err.value.field == "cmdCode"


@pytest.mark.parametrize("bad", ["abc", "", "7", "12345", "12345678901", "TOTAL"])
def test_malformed_codes_rejected(bad: str) -> None:
    assert not hs.is_hs_code(bad)
    with pytest.raises(UnknownCodeError, match="is not an HS code"):
        hs.require_hs_code(bad)


def test_lost_leading_zero_gets_a_hint() -> None:
    with pytest.raises(UnknownCodeError, match="leading zero"):
        hs.require_hs_code("10121")


def test_numbers_are_refused_because_they_lose_leading_zeros() -> None:
    with pytest.raises(UnknownCodeError, match="must be text"):
        hs.require_hs_code(10121)  # type: ignore[arg-type]
    assert not hs.is_hs_code(270111)  # type: ignore[arg-type]


def test_describe() -> None:
    assert hs.describe("270111") == (
        "Coal; anthracite, whether or not pulverised, but not agglomerated"
    )
    assert hs.describe("2701") is not None
    assert hs.describe("71102100") == hs.describe("711021")
    assert hs.describe("710021") is None
    older = hs.describe("010111")
    assert older == "not in HS2022; an HS code of HS1992, HS1996; in HS2022: 010121, 010130"
    assert hs.describe("999999") == "Commodities not specified according to kind"


def test_editions() -> None:
    assert hs.edition_name("H0") == "HS1992"
    assert hs.edition_name("H6") == "HS2022"
    assert hs.edition_name("HS2012") == "H4"
    assert [hs.edition_code(e) for e in ("H4", "HS2012", "2012", "hs12")] == ["H4"] * 4
    with pytest.raises(UnknownCodeError, match="HS2030"):
        hs.edition_code("HS2030")


def test_hs_table_shape() -> None:
    table = hs.hs_table()
    assert table.column_names == [
        "code",
        "level",
        "h0",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "description",
    ]
    codes = table.column("code").to_pylist()
    assert len(codes) == len(set(codes))
    assert sorted(set(table.column("level").to_pylist())) == [2, 4, 6]
    assert len(hs.valid_codes("H6")) == 5613  # HS2022 subheadings in the nomenclature
    assert len(hs.valid_codes("H6", level=4)) == 1229


def test_hs_table_validates_many_rows_with_one_ibis_join() -> None:
    import ibis

    con = ibis.duckdb.connect()
    codes = con.create_table("hs", hs.hs_table())
    rows = ibis.memtable({"hs_code": ["270111", "710021", "010121", "010111", "01"]})
    unknown = rows.anti_join(codes, rows.hs_code == codes.code).to_pyarrow()
    assert unknown.column("hs_code").to_pylist() == ["710021"]
    # Edition-aware: HS2007 (h3) data must not carry HS2012 codes.
    h3 = codes.filter(codes.h3)
    not_h3 = rows.anti_join(h3, rows.hs_code == h3.code).to_pyarrow()
    assert sorted(not_h3.column("hs_code").to_pylist()) == ["010111", "010121", "710021"]


# Rebuilding the three trade snapshots (countries, hs, concordance) from ../shared.

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "src" / "oresight" / "reference" / "data" / "trade"


def _build_script() -> ModuleType:
    path = REPO / "scripts" / "build_trade_reference.py"
    spec = importlib.util.spec_from_file_location("build_trade_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rebuild_reproduces_shipped_snapshots(shared_data: Path, tmp_path: Path) -> None:
    counts = _build_script().build(shared_data, tmp_path)
    assert set(counts) == {"countries.parquet", "hs.parquet", "concordance.parquet"}
    for name, rows in counts.items():
        shipped = pq.read_table(SHIPPED / name)
        rebuilt = pq.read_table(tmp_path / name)
        assert shipped.num_rows == rows, name
        assert rebuilt.equals(shipped), f"{name} differs from the shipped snapshot: rebuild it"


def test_shipped_snapshots_stay_small() -> None:
    total = sum(p.stat().st_size for p in SHIPPED.iterdir())
    assert total < 1_500_000
