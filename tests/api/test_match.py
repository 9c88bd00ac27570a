"""`POST /match/{dataset}` in yente's request and response shapes, over a real server."""

from __future__ import annotations

import httpx


def _body(**queries: dict[str, object]) -> dict[str, object]:
    return {"queries": queries}


def test_match_answers_in_yente_shape(client: httpx.Client) -> None:
    body = _body(
        q1={"schema": "Company", "properties": {"name": ["KOMID"], "country": ["kp"]}},
        q2={"schema": "Person", "properties": {"name": ["Hana Bank"]}},
    )
    resp = client.post("/match/default", json=body)
    assert resp.status_code == 200, resp.text
    data = resp.json()
    assert set(data) == {"responses", "matcher", "limit"} and data["limit"] == 5
    first = data["responses"]["q1"]
    assert first["status"] == 200 and first["total"]["relation"] == "eq"
    assert first["query"]["schema"] == "Company"
    top = first["results"][0]
    assert {
        "id",
        "caption",
        "schema",
        "score",
        "match",
        "features",
        "properties",
        "datasets",
    } <= set(top)
    assert top["match"] and top["score"] >= 0.9 and top["schema"] == "LegalEntity"
    assert top["caption"] == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert top["matched_name"] == "KOMID" and top["datasets"][0] in ("UN", "OFAC")
    assert "exact_name" in data["matcher"]
    assert not [r for r in data["responses"]["q2"]["results"] if r["match"]]


def test_dataset_selects_a_list_and_unknown_is_404(client: httpx.Client) -> None:
    body = _body(q={"schema": "LegalEntity", "properties": {"name": "KOMID"}})
    un = client.post("/match/UN", json=body).json()["responses"]["q"]["results"]
    assert un and {r["datasets"][0] for r in un} == {"UN"}
    assert client.post("/match/nowhere", json=body).status_code == 404


def test_vessel_by_imo_number_and_person_by_birth_date(client: httpx.Client) -> None:
    body = _body(
        v={"schema": "Vessel", "properties": {"imoNumber": ["IMO 7937317"]}},
        p={
            "schema": "Person",
            "properties": {"name": ["Choe Ryong-hae"], "birthDate": ["1950-01-15"]},
        },
    )
    data = client.post("/match/default", json=body, params={"limit": 3}).json()
    vessel = data["responses"]["v"]["results"][0]
    assert vessel["caption"] == "CHONG CHON GANG" and vessel["features"] == {
        "identifier_match": 1.0
    }
    person = data["responses"]["p"]["results"][0]
    assert person["match"] and person["schema"] == "Person"


def test_bad_queries_are_400(client: httpx.Client) -> None:
    no_name = _body(q={"schema": "Person", "properties": {}})
    assert client.post("/match/default", json=no_name).status_code == 400
    bad_schema = _body(q={"schema": "Spaceship", "properties": {"name": "X"}})
    assert client.post("/match/default", json=bad_schema).status_code == 400
    assert client.post("/match/default", json={"nope": 1}).status_code == 422
