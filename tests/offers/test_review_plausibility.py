"""Review: an origin missing from the production table is not an origin with no capacity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from oresight.offers import parse_offer
from oresight.offers.checks import plausibility
from oresight.store import Store
from oresight.store.rows import flows_table


def _gold_from_burkina_faso() -> dict[str, Any]:
    return {
        "offer_id": "bfa-gold",
        "date": "2025-01-01",
        "seller": {"name": "Sahel Gold SARL", "country": "BFA"},
        "buyer": {"name": "Example Metals Ltd", "country": "CHE"},
        "origin": "BFA",
        "delivery": {"from": "2025-02-01", "to": "2025-12-31"},
        "lines": [
            {
                "commodity": "gold",
                "hs_code": "710812",
                "quantity": {"min": 10, "max": 50, "unit": "kg", "per": "month"},
            }
        ],
    }


def test_origin_absent_from_the_table_is_not_judged_implausible(oresight_home: Path) -> None:
    # Burkina Faso mines tens of tonnes of gold a year; it is simply not a row of the
    # packaged production table and no store is open, so its capacity is unknown, not zero.
    result = plausibility.check(parse_offer(_gold_from_burkina_faso()), None, "no store")
    row = result.rows[0]
    assert row["verdict"] == "consistent"
    assert row["share_of_origin_capacity"] == [None, None]
    assert "not recorded" in row["explanation"]
    assert [f.code for f in result.findings] == ["capacity_unknown"]


def test_explicit_no_production_row_still_counts_as_none(oresight_home: Path) -> None:
    offer = _gold_from_burkina_faso()
    offer.update(origin="PRK")
    offer["lines"][0].update(
        commodity="palladium",
        hs_code="711021",
        quantity={"min": 1, "max": 3, "unit": "t", "per": "month"},
    )
    row = plausibility.check(parse_offer(offer), None, "no store").rows[0]
    assert row["verdict"] == "implausible"


def test_store_without_any_flow_of_the_origin_is_not_zero_exports(oresight_home: Path) -> None:
    store = Store.open(oresight_home)
    coal = {
        "reporter_iso3": "CHN",
        "partner_iso3": "PRK",
        "flow": "import",
        "period": "2023",
        "hs_code": "270111",
        "hs_edition": "H5",
        "value_usd": 1e6,
        "net_weight_kg": 9e6,
        "source": "test",
        "source_record": "t:1",
        "batch_id": "b1",
    }
    flows = flows_table([coal])
    store.land(flows, batch_id="b1", content_hash="h1", source="test", origin="x")
    # The store knows nothing of Burkina Faso: its gold exports are unknown, not zero.
    row = plausibility.check(parse_offer(_gold_from_burkina_faso()), store, "test").rows[0]
    assert row["origin_exports"]["tonnes"] is None
    assert "no flows of BFA" in row["origin_exports"]["note"]
    assert row["verdict"] == "consistent"
    # The store does cover the DPRK: no palladium there is a recorded zero.
    offer = _gold_from_burkina_faso()
    offer.update(origin="PRK")
    offer["lines"][0].update(commodity="palladium", hs_code="711021")
    prk = plausibility.check(parse_offer(offer), store, "test").rows[0]
    assert prk["origin_exports"]["tonnes"] == 0.0
