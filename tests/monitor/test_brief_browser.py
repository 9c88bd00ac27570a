"""The brief rendered in real headless Chromium: charts draw marks; the PDF prints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from oresight.ingest.published_store import load_published
from oresight.monitor.brief import build
from oresight.report import browser
from oresight.report.brief import render
from oresight.report.pdf import html_to_pdf
from oresight.store import Store

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture()
def brief_html(oresight_home: Path, tmp_path: Path) -> tuple[Path, object]:
    store = Store.open()
    load_published(store)
    data = build("PRK", store=store)
    path = tmp_path / "brief.html"
    path.write_text(render(data))
    return path, data


def test_brief_charts_draw_marks(chromium: str, brief_html: tuple[Path, object]) -> None:
    path, _ = brief_html
    dom = browser.dump_dom(path)
    charts = re.findall(r'<svg[^>]*class="marks"', dom)
    assert len(charts) >= 2, "vega rendered fewer charts than the brief holds"
    symbols = re.findall(r'<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)</g>', dom, re.S)
    drawn = sum(len(re.findall(r"<path", g)) for g in symbols)
    assert drawn >= 50, f"only {drawn} points drawn"
    rules = re.findall(r'<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)</g>', dom, re.S)
    assert rules and any("<line" in g or "<path" in g for g in rules), "no sanctions timeline"
    ARTIFACTS.mkdir(exist_ok=True)
    browser.screenshot(path, ARTIFACTS / "brief-PRK.png")
    shutil.copy(path, ARTIFACTS / "brief-PRK.html")
    assert (ARTIFACTS / "brief-PRK.png").stat().st_size > 10_000


def test_brief_pdf_with_static_charts(
    chromium: str, brief_html: tuple[Path, object], tmp_path: Path
) -> None:
    _, data = brief_html
    printable = tmp_path / "print.html"
    printable.write_text(render(data, static=True))  # type: ignore[arg-type]
    assert "vegaEmbed(" not in printable.read_text()
    pdf = html_to_pdf(printable, tmp_path / "brief.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 50_000


def test_brief_from_flows_draws_stacked_areas(
    chromium: str, oresight_home: Path, tmp_path: Path
) -> None:
    from monitor_flows import flow, land, months

    store = Store.open()
    rows = [flow("CHN", "PRK", "270111", p, 1e8, kg=1e9) for p in months("2016-01", 24)]
    rows += [flow("CHN", "PRK", "260111", p, 2e7, kg=3e8) for p in months("2016-01", 24)]
    land(store, rows)
    load_published(store)
    data = build("PRK", store=store)
    assert data.uses_flows and data.monthly.differences  # published 2016/2017 figures differ
    path = tmp_path / "flows.html"
    path.write_text(render(data))
    dom = browser.dump_dom(path)
    areas = re.findall(r'<g class="mark-area role-mark[^"]*"[^>]*>(.*?)</g>', dom, re.S)
    assert sum(len(re.findall(r"<path", g)) for g in areas) >= 2, "no stacked areas drawn"
    assert "Customs flows against published figures" in dom
