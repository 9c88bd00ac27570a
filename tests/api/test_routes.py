"""The REST API answers with the pillars' JSON over a real loopback HTTP server."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_health(client: httpx.Client) -> None:
    assert client.get("/health").json()["status"] == "ok"


def test_store_info_of_an_empty_store(client: httpx.Client) -> None:
    info = client.get("/store/info").json()
    assert info["rows"] == 0


def test_rules_check_names_paragraph_and_verification(client: httpx.Client) -> None:
    body = client.get(
        "/rules/check", params={"hs": "2846", "date": "2016-06-01", "regime": "UN"}
    ).json()
    (verdict,) = body["verdicts"]
    assert verdict["status"] == "prohibited"
    assert verdict["measures"][0]["instrument"].startswith("UNSCR 2270")
    assert "verified" in verdict["measures"][0]


def test_rules_routes_default_to_the_configured_country(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    coal = {"hs": "2701", "date": "2018-05-01", "regime": "UN"}
    assert client.get("/rules/check", params=coal).json()["verdicts"][0]["status"] == "prohibited"
    monkeypatch.setenv("ORESIGHT_DEFAULT_COUNTRY", "RUS")  # read per request, not at import
    assert client.get("/rules/check", params=coal).json()["verdicts"][0]["status"] == "allowed"
    timeline = client.get("/rules/timeline", params={"hs": "2701", "regime": "UN"}).json()
    assert timeline["spans"] == []  # no UN measure targets Russian coal
    named = client.get("/rules/check", params={**coal, "origin": "PRK"}).json()
    assert named["verdicts"][0]["status"] == "prohibited"


def test_bad_hs_code_is_a_400_naming_the_code(client: httpx.Client) -> None:
    response = client.get("/rules/check", params={"hs": "710021", "date": "2025-06-01"})
    assert response.status_code == 400
    assert "710021" in response.json()["error"]


def test_timeline_lists_spans(client: httpx.Client) -> None:
    spans = client.get("/rules/timeline", params={"hs": "2701", "regime": "UN"}).json()["spans"]
    assert any(span["status"] == "prohibited" for span in spans)


def test_screen_finds_komid(client: httpx.Client) -> None:
    body = client.get("/screen", params={"name": "KOMID"}).json()
    assert body["matches"][0]["reference"] == "KPe.001"
    assert body["matches"][0]["explanation"]


def test_offer_assessment_of_the_pgm_example(client: httpx.Client) -> None:
    offer = yaml.safe_load((EXAMPLES / "offer-pgm-dprk.yaml").read_text())
    # YAML reads dates as dates; JSON carries them as ISO strings.
    response = client.post("/offers/assess", json=json.loads(json.dumps(offer, default=str)))
    assert response.status_code == 200, response.text
    assert response.json()["risk"]["level"] in {"high", "critical"}


def test_offer_schema_is_published(client: httpx.Client) -> None:
    assert "properties" in client.get("/offers/schema").json()


def test_monitor_returns_published_rare_earth_months(client: httpx.Client) -> None:
    params = {
        "partner": "CHN",
        "group": "rare_earths",
        "freq": "M",
        "from": "2014-01",
        "to": "2014-12",
    }
    body = client.get("/monitor/PRK", params=params).json()
    values = {row["period"]: row["value_usd"] for row in body["series"]}
    assert values.get("2014-05") == 550_000
    assert values.get("2014-06") == 1_330_000


def test_brief_is_a_self_contained_page(client: httpx.Client) -> None:
    page = client.get("/brief/PRK").text
    assert page.startswith("<!DOCTYPE html>")
    assert "cdn.jsdelivr" not in page and "Sources" in page


def test_diversion_route_answers_and_names_bad_input(client: httpx.Client) -> None:
    body = client.get("/diversion/PRK", params={"partner": "CHN", "hs": "2701"}).json()
    assert body["country"] == "PRK" and body["signals"] == []
    assert "lead, not proof" in body["caveat"]
    # a month outside the period pattern is refused before the monitor sees it (422, as every
    # route's pattern-checked parameter since the typed contract)
    response = client.get("/diversion/PRK", params={"around": "2017-13"})
    assert response.status_code == 422 and "around" in response.text
