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


def _x_spans(dom: str) -> list[tuple[float, float]]:
    """Horizontal extent of every drawn area path in the page."""
    areas = re.findall(r'<g class="mark-area role-mark[^"]*"[^>]*>(.*?)</g>', dom, re.S)
    spans = []
    for group in areas:
        for d in re.findall(r'<path[^>]* d="([^"]+)"', group):
            xs = [float(x) for x, _ in re.findall(r"(-?[\d.]+),(-?[\d.]+)", d)]
            if xs:
                spans.append((min(xs), max(xs)))
    return spans


def test_unreported_month_is_a_gap_and_every_chart_has_its_csv(
    chromium: str, oresight_home: Path, tmp_path: Path
) -> None:
    import base64
    import csv
    import io

    from monitor_flows import flow, land, months

    store = Store.open()
    periods = [p for p in months("2016-01", 12) if p not in ("2016-06", "2016-07")]
    rows = [flow("CHN", "PRK", "270111", p, 1e8, kg=1e9) for p in periods]
    rows += [flow("CHN", "PRK", "260111", p, 2e7, kg=3e8) for p in periods]
    land(store, rows)
    data = build("PRK", store=store)
    path = tmp_path / "gap.html"
    path.write_text(render(data))
    dom = browser.dump_dom(path)
    spans = sorted(_x_spans(dom))
    assert len(spans) == 4, spans  # two groups x two runs of reported months
    first_run_end = max(hi for lo, hi in spans[:2])
    second_run_start = min(lo for lo, hi in spans[2:])
    month_px = (spans[0][1] - spans[0][0]) / 4  # Jan..May is four month steps
    # Nothing is drawn over June and July: the gap spans (at least) their two month steps.
    assert second_run_start - first_run_end >= 2.5 * month_px
    figures = re.findall(r'<figure class="chart">(.*?)</figure>', dom, re.S)
    assert figures
    for figure in figures:
        link = re.search(
            r'<a class="csv" download="([^"]+)" href="data:text/csv;[^,]*,([^"]+)"', figure
        )
        assert link, "a chart without its CSV link"
        table = list(csv.DictReader(io.StringIO(base64.b64decode(link.group(2)).decode())))
        assert table, f"{link.group(1)} is empty"
    mirror = next(f for f in figures if "mirror-monthly.csv" in f)
    payload = re.search(r'base64,([^"]+)"', mirror)
    assert payload
    rows_csv = list(csv.DictReader(io.StringIO(base64.b64decode(payload.group(1)).decode())))
    assert "2016-06" not in {r["period"] for r in rows_csv}  # the gap is not a zero row
