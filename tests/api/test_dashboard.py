"""The dashboard in real headless Chromium, served by the real loopback server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from oresight.report.browser import BASE_FLAGS

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Browser]:
    flags = [flag for flag in BASE_FLAGS if flag != "--headless"]
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, args=flags)
        yield launched
        launched.close()


@pytest.fixture()
def dashboard(browser: Browser, api_url: str) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1200, "height": 1600})
    page.goto(f"{api_url}/", wait_until="networkidle", timeout=60_000)
    yield page
    page.close()


def test_dashboard_draws_the_exports_chart(dashboard: Page) -> None:
    dashboard.wait_for_selector("figure.chart svg .mark-symbol path, figure.chart svg path")
    marks = dashboard.locator("figure.chart svg path").count()
    assert marks > 10
    ARTIFACTS.mkdir(exist_ok=True)
    dashboard.screenshot(path=str(ARTIFACTS / "dashboard-PRK.png"), full_page=False)


def test_screen_form_shows_the_listed_match(dashboard: Page) -> None:
    dashboard.fill("#screen-form input[name=name]", "Korea Mining Dev. Trading Corp.")
    dashboard.click("#screen-form button")
    dashboard.wait_for_selector("#tool-result table")
    assert "KPe.001" in dashboard.inner_text("#tool-result")


def test_screen_form_names_the_party_behind_an_alias(dashboard: Page) -> None:
    dashboard.fill("#screen-form input[name=name]", "KOMID")
    dashboard.click("#screen-form button")
    dashboard.wait_for_selector("#tool-result table")
    text = dashboard.inner_text("#tool-result")
    assert "matched alias" in text and "KOREA MINING DEVELOPMENT TRADING CORPORATION" in text


def test_rules_form_shows_a_verdict_per_regime(dashboard: Page) -> None:
    dashboard.fill("#rules-form input[name=hs]", "2701")
    dashboard.fill("#rules-form input[name=date]", "2017-09-20")
    dashboard.click("#rules-form button")
    dashboard.wait_for_selector("#tool-result table")
    text = dashboard.inner_text("#tool-result")
    assert "UN" in text and "prohibited" in text


def test_swagger_ui_renders_from_local_assets(browser: Browser, api_url: str) -> None:
    page = browser.new_page()
    # anything not on this server fails, so a CDN asset would leave the page blank
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(api_url)
               else route.abort())  # fmt: skip
    page.goto(f"{api_url}/docs", wait_until="networkidle", timeout=60_000)
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    assert "/monitor/{country}" in page.inner_text("body")
    page.close()
