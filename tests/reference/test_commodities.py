"""Commodity reference tables: sources and flags kept, price lookup, snapshot up to date."""

from __future__ import annotations

import filecmp
import runpy
from datetime import date
from pathlib import Path

import pytest

from oresight.errors import UnknownCodeError
from oresight.reference import commodities as ref

REPO = Path(__file__).resolve().parents[2]


def test_every_row_has_a_source() -> None:
    rows = ref.production("palladium") + ref.reserves() + ref.prices("rhodium")
    assert rows and all(r.source and r.source_url for r in rows)
    assert all(s.source and s.shares for s in ref.signatures())


def test_units_converted_to_tonnes() -> None:
    nornickel = next(f for f in ref.production("palladium", "RUS") if f.unit == "koz")
    assert nornickel.quantity == 2692
    assert nornickel.tonnes == pytest.approx(83.73, abs=0.01)  # 2,692 koz = ~83.7 t
    assert round(ref.OZT_PER_T, 4) == 32_150.7466


def test_flags_are_kept() -> None:
    flags = {p.period: p.flags for p in ref.prices("palladium") if p.period in {"2023", "2024"}}
    assert "derived" in flags["2024"] or "forecast" in flags["2024"]
    claims = [f for f in ref.reserves("rare_earths_REO", "PRK") if "claim" in f.flags]
    assert claims, "the DPRK rare-earth reserve claims must stay marked as claims"
    world_2024 = ref.best_by_year(ref.production("palladium", "WORLD"))[2024]
    assert world_2024.tonnes == 190 and "estimate" in world_2024.flags
    assert "estimate" not in ref.best_by_year(ref.production("palladium", "WORLD"))[2022].flags


def test_superseded_rows_are_hidden_by_default() -> None:
    zaf_2023 = ref.production("palladium", "ZAF")
    assert [f.tonnes for f in zaf_2023 if f.year == 2023] == [74.9]  # MCS 2025 revises 71 t
    every = ref.production("palladium", "ZAF", include_superseded=True)
    assert sorted(f.tonnes for f in every if f.year == 2023) == [71.0, 74.9]


def test_best_by_year_prefers_primary_mine_figures() -> None:
    world = ref.best_by_year(ref.production("palladium", "WORLD"))
    assert world[2020].tonnes == 217 and world[2020].basis == "mine"  # not Heraeus supply


def test_price_on_uses_monthly_then_latest_period() -> None:
    pd = ref.price_on("palladium", date(2025, 7, 1))
    assert pd is not None and pd.period == "2025-07" and "futures" in pd.flags
    rh = ref.price_on("rhodium", date(2025, 7, 1))
    assert rh is not None and rh.period == "2024" and "forecast" in rh.flags
    assert rh.usd_per_t == pytest.approx(4750 * 32_150.7466)  # ~USD 153 million per tonne
    rh22 = ref.price_on("rhodium", date(2022, 5, 1))
    assert rh22 is not None and rh22.price == 15585  # MCS 2024 final, not the 17,000 estimate
    assert ref.price_on("rhodium", date(1990, 1, 1)) is None


def test_commodity_registry() -> None:
    pd = ref.commodity("Palladium")
    assert pd.element == "Pd" and pd.accepts_hs("711021") and not pd.accepts_hs("711031")
    with pytest.raises(UnknownCodeError, match="unobtainium"):
        ref.commodity("unobtainium", field="lines[0].commodity")


def test_snapshot_is_up_to_date(shared_reference: Path, shared_data: Path, tmp_path: Path) -> None:
    script = runpy.run_path(str(REPO / "scripts" / "build_commodities.py"))
    script["main"](["--out", str(tmp_path)])
    shipped = REPO / "src" / "oresight" / "reference" / "data" / "commodities"
    for built in sorted(tmp_path.glob("*.csv")):
        assert filecmp.cmp(built, shipped / built.name, shallow=False), (
            f"{built.name} is stale: run .venv/bin/python scripts/build_commodities.py"
        )
    assert all(p.stat().st_size < 1_000_000 for p in shipped.iterdir())
