"""The done-when cases of issue 6: the PGM example, the clean control, and the store's exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from oresight.offers import assess, load_offer
from oresight.store import Store
from oresight.store.rows import flows_table

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def pgm() -> dict[str, Any]:
    return assess(EXAMPLES / "offer-pgm-dprk.yaml").to_dict()


@pytest.fixture(scope="module")
def control() -> dict[str, Any]:
    return assess(EXAMPLES / "offer-platinum-clean.yaml").to_dict()


def _line(rows: list[dict[str, Any]], commodity: str) -> dict[str, Any]:
    return next(r for r in rows if r["commodity"] == commodity)


def test_example_is_the_issue_offer_plus_rhodium() -> None:
    offer = load_offer(EXAMPLES / "offer-pgm-dprk.yaml")
    rh = offer.lines[1]
    assert (rh.commodity, rh.hs_code, rh.quantity.min, rh.quantity.max) == (
        "rhodium",
        "711031",
        1,
        3,
    )


def test_pgm_legality_verdict_per_regime(pgm: dict[str, Any]) -> None:
    rows = pgm["legality"]
    assert all(r["status"] != "not_available" for r in rows), rows[0]["explanation"]
    regimes = {r["regime"] for r in rows if r["commodity"] == "palladium"}
    assert {"UN", "US", "EU"} <= regimes
    by = {r["regime"]: r for r in rows if r["commodity"] == "palladium"}
    # The US bans all DPRK goods; the EU bans DPRK precious metals: both prohibit, with provisions.
    for regime in ("US", "EU"):
        assert by[regime]["status"] == "prohibited"
        assert by[regime]["measures"] and by[regime]["measures"][0]["instrument"]
    assert by["US"]["dates_checked"][0] == "2025-07-01"
    assert by["US"]["dates_checked"][-1] == "2026-06-30"


def test_pgm_plausibility(pgm: dict[str, Any]) -> None:
    rh = _line(pgm["plausibility"], "rhodium")
    pd = _line(pgm["plausibility"], "palladium")
    assert rh["annual_tonnes"] == pytest.approx([12, 36])
    assert rh["verdict"] == "physically_implausible"
    assert rh["share_of_world"][1] > 1.0  # 36 t/yr is more than all rhodium supplied
    assert pd["annual_tonnes"] == pytest.approx([12, 36])
    assert pd["verdict"] == "implausible"
    assert 0.05 < pd["share_of_world"][0] < pd["share_of_world"][1] < 0.25
    assert pd["origin_production"]["tonnes"] is None  # PRK: no recorded PGM production
    assert pd["world"]["recent_range_tonnes"][0] >= 150
    assert pd["largest_producers"][0]["country"] in {"RUS", "ZAF"}
    assert "PRK" in pd["explanation"]


def test_pgm_valuation_magnitudes(pgm: dict[str, Any]) -> None:
    pd = _line(pgm["valuation"], "palladium")
    rh = _line(pgm["valuation"], "rhodium")
    assert 10e6 < pd["usd_per_tonne"][0] <= pd["usd_per_tonne"][1] < 100e6  # tens of millions
    assert rh["usd_per_tonne"][0] > 100e6  # over a hundred million per tonne
    assert pd["prices"][0]["on"] == "2025-07-01" and pd["prices"][0]["source"]
    assert "forecast" in rh["prices"][0]["flags"]  # no realised rhodium price after 2023: said
    assert pd["value_per_month_usd"][0] == pytest.approx(pd["usd_per_tonne"][0])  # 1 t/month
    assert pd["offered_price"]["ratio_to_market"] < 0.85  # 900 USD/ozt: below market


def test_pgm_seller_on_un_list(pgm: dict[str, Any]) -> None:
    seller = next(r for r in pgm["counterparties"] if r["role"] == "seller")
    assert seller["status"] == "match", seller["explanation"]
    refs = {m["reference"] for m in seller["matches"] if m["match"]}
    assert "KPe.001" in refs


def test_pgm_assay(pgm: dict[str, Any]) -> None:
    (sample,) = pgm["assay"]
    assert sample["line"] == 0  # Pd-dominated sample belongs to the palladium line
    assert sample["product"]["purity_pct"] == pytest.approx(99.2)
    assert sample["signature"]["nearest"]["country"] in {"RUS", "USA", "CAN"}  # Pd-dominant
    assert "PRK" in sample["signature"]["fit"]


def test_pgm_risk(pgm: dict[str, Any]) -> None:
    assert pgm["risk"]["level"] in {"critical", "high"}
    assert any("[counterparties]" in r for r in pgm["risk"]["reasons"])
    assert any("physically_implausible" in r or "world output" in r for r in pgm["risk"]["reasons"])


def test_clean_control(control: dict[str, Any]) -> None:
    assert control["risk"]["level"] in {"low", "medium"}
    assert control["risk"]["reasons"]
    assert control["plausibility"][0]["verdict"] == "consistent"
    assert all(r["status"] in {"no_match"} for r in control["counterparties"])
    assert control["assay"][0]["signature"]["nearest"]["country"] == "ZAF"
    assert not any(r["status"] == "prohibited" for r in control["legality"])


def test_recorded_exports_come_from_the_store(
    oresight_home: Path, issue_offer: dict[str, Any]
) -> None:
    store = Store.open(oresight_home)
    flows = flows_table(
        [
            {
                "reporter_iso3": "CHN",
                "partner_iso3": "PRK",
                "flow": "import",
                "period": "2023",
                "hs_code": "711021",
                "value_usd": 1.2e9,
                "net_weight_kg": 40_000.0,
                "hs_edition": "H5",
                "source": "test",
                "source_record": "t:1",
                "batch_id": "b1",
            },
            {
                "reporter_iso3": "CHN",
                "partner_iso3": "PRK",
                "flow": "import",
                "period": "2023",
                "hs_code": "270111",
                "value_usd": 1e6,
                "net_weight_kg": 9e9,
                "hs_edition": "H5",
                "source": "test",
                "source_record": "t:2",
                "batch_id": "b1",
            },
        ]
    )
    store.land(flows, batch_id="b1", content_hash="h1", source="test", origin="inline")
    row = assess(issue_offer, store=store).plausibility[0]
    exports = row["origin_exports"]
    assert exports["tonnes"] == pytest.approx(40.0)
    assert exports["by_year"][0]["view"] == "mirror"
    # 12 t/yr is within the recorded 40 t/yr, but still > 5% of world output from a seller
    # that is not a known major producer.
    assert row["verdict"] == "implausible"
    assert "major producer" in row["explanation"]


def test_missing_store_is_reported_not_hidden(
    oresight_home: Path, issue_offer: dict[str, Any]
) -> None:
    row = assess(issue_offer).plausibility[0]
    assert row["origin_exports"]["tonnes"] is None
    assert row["origin_exports"]["note"].startswith("not available")
