"""The published JSON Schema of an offer is up to date with the model."""

from __future__ import annotations

import json

from oresight.offers.schema import SCHEMA_PATH, offer_schema, render


def test_published_schema_is_up_to_date() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), (
        "offer.schema.json is stale: run .venv/bin/python -m oresight.offers.schema"
    )


def test_schema_describes_the_offer_fields() -> None:
    schema = offer_schema()
    assert set(schema["required"]) >= {"offer_id", "date", "seller", "buyer", "origin", "lines"}
    delivery = schema["$defs"]["Delivery"]
    assert set(delivery["required"]) == {"from", "to"}
    units = json.dumps(schema["$defs"]["Quantity"])
    assert all(u in units for u in ('"t"', '"kg"', '"ozt"', '"g"', '"shipment"'))
