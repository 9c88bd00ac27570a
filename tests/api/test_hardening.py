"""The API's guard and contract over a real loopback server: probes, hosts, token, body limit,
bad input as 4xx in one error shape, and the docs served without a CDN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

BAD = "²"  # passes str.isdigit, then fails int(): it used to be a 500 on five routes


def test_health_answers_ok_without_the_store(client: httpx.Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_ready_names_the_store_version_and_the_lists_with_their_dates(
    client: httpx.Client,
) -> None:
    body = client.get("/ready").json()
    assert body["status"] == "ready"
    # the versioned store: an empty one is version 0, located at its home directory
    assert body["store"]["version"] == "0"
    assert not body["store"]["location"].endswith("oresight.duckdb")
    lists = {entry["list"]: entry for entry in body["lists"]}
    assert lists["UN"]["date"] == "2026-02-27" and lists["UN"]["parties"] > 100
    assert body["names_indexed"] > 0


@pytest.mark.parametrize(
    "path",
    [
        f"/monitor/{BAD}",
        f"/monitor/PRK?partner={BAD}",
        "/monitor/PRK?from=2014-1x",
        f"/brief/{BAD}",
        f"/?country={BAD}",
        f"/rules/check?hs=2701&date=2017-09-20&origin={BAD}",
        f"/rules/check?hs={BAD}&date=2017-09-20",
        f"/rules/check?hs=2701&date={BAD}",
        f"/rules/timeline?hs={BAD}",
        f"/screen?name=KOMID&country={BAD}",
        "/screen?name=%20%20",
        f"/flows?reporter={BAD}",
        "/flows?limit=0",
    ],
)
def test_bad_input_is_a_4xx_in_the_error_shape(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code, response.text)
    body = response.json()
    assert body["error"] and body["kind"]


def test_unknown_country_names_the_code(client: httpx.Client) -> None:
    response = client.get("/monitor/XXQ")
    assert response.status_code == 400
    assert "XXQ" in response.json()["error"]


def test_unparsable_parameter_is_a_422_naming_it(client: httpx.Client) -> None:
    body = client.get("/screen", params={"name": "KOMID", "limit": "many"}).json()
    assert body["kind"] == "RequestValidationError"
    assert body["field"] == "limit" and body["detail"][0]["loc"] == ["query", "limit"]


def test_unknown_route_is_a_404_in_the_error_shape(client: httpx.Client) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert response.json()["kind"] == "HTTPException"


def test_foreign_host_header_is_refused(client: httpx.Client) -> None:
    response = client.get("/flows", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert response.json()["kind"] == "UntrustedHost"
    assert "evil.example" in response.json()["error"]


def test_loopback_names_are_trusted(client: httpx.Client, api_url: str) -> None:
    port = api_url.rsplit(":", 1)[1]
    for host in ("localhost", f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"):
        assert client.get("/health", headers={"Host": host}).status_code == 200, host


def test_ten_megabyte_body_is_a_413(client: httpx.Client) -> None:
    response = client.post(
        "/offers/assess",
        content=b"{" + b" " * 10_000_000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["kind"] == "RequestTooLarge"


def test_chunked_body_past_the_limit_is_a_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"offer_id": "'
        for _ in range(20):
            yield b"x" * 100_000
        yield b'"}'

    response = client.post(
        "/offers/assess", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_docs_and_redoc_load_their_assets_from_this_server(client: httpx.Client) -> None:
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "cdn." not in html and "fonts.googleapis" not in html, page
        assets = [part.split('"')[0] for part in html.split('src="')[1:]]
        assets += [part.split('"')[0] for part in html.split('href="')[1:] if ".css" in part]
        assert assets, page
        for asset in assets:
            assert asset.startswith("/"), asset
            assert client.get(asset).status_code == 200, asset


def test_openapi_declares_the_error_shape_for_every_operation(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "400" in responses, (method, path)
            assert "200" in responses and responses["200"].get("content"), (method, path)
    monitor = document["paths"]["/monitor/{country}"]["get"]["responses"]
    assert {"400", "422", "503"} <= set(monitor)
    assert "413" in document["paths"]["/offers/assess"]["post"]["responses"]


def test_a_token_is_required_when_configured(tmp_path: Path, serve_with: Any) -> None:
    with (
        serve_with(tmp_path / "home", ORESIGHT_API_TOKEN="s3cret") as served,
        httpx.Client(base_url=served.url, timeout=60) as http,
    ):
        assert http.get("/health").status_code == 200
        refused = http.get("/rules/check", params={"hs": "2701", "date": "2017-09-20"})
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
        wrong = http.get("/screen?name=KOMID", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        ok = http.get(
            "/rules/check",
            params={"hs": "2701", "date": "2017-09-20"},
            headers={"Authorization": "Bearer s3cret"},
        )
        assert ok.status_code == 200
        # the docs hold no data and a browser cannot send the token to load them
        assert http.get("/docs").status_code == 200
        document = http.get("/openapi.json").json()
        assert "401" in document["paths"]["/screen"]["get"]["responses"]
        assert document["paths"]["/screen"]["get"]["security"] == [{"bearer": []}]
        assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
