"""The offers route takes benchmark prices (query or the offer's prices: block) and answers
with the conclusion first."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _offer() -> dict[str, object]:
    offer = yaml.safe_load((EXAMPLES / "offer-pgm-dprk.yaml").read_text())
    return json.loads(json.dumps(offer, default=str))


def test_assessment_starts_with_the_conclusion(client: httpx.Client) -> None:
    body = client.post("/offers/assess", json=_offer()).json()
    assert next(iter(body)) == "conclusion"
    assert body["conclusion"]["status"] == "prohibited"


def test_query_price_takes_precedence(client: httpx.Client) -> None:
    response = client.post(
        "/offers/assess",
        params={"price": "palladium=1000/ozt", "price_source": "LBMA"},
        json=_offer(),
    )
    assert response.status_code == 200, response.text
    prices = response.json()["valuation"][0]["prices"]
    assert {(q["price"], q["source"]) for q in prices} == {(1000.0, "LBMA")}


def test_bad_query_price_is_a_400(client: httpx.Client) -> None:
    response = client.post("/offers/assess", params={"price": "palladium"}, json=_offer())
    assert response.status_code == 400
    assert "COMMODITY=AMOUNT/UNIT" in response.json()["error"]
