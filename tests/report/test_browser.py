"""Real headless Chromium: a chart page draws marks, and prints to a PDF."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from oresight.report import browser, charts, html, pdf

pytestmark = pytest.mark.browser


def _page(tmp_path: Path, *, static: bool) -> Path:
    frame = pd.DataFrame({"x": ["a", "b", "c"], "y": [1, 3, 2]})
    chart = alt.Chart(frame).mark_bar().encode(x="x", y="y")
    path = tmp_path / "page.html"
    path.write_text(html.page("T", [html.Section("C", charts.to_html(chart, static=static))]))
    return path


def test_chart_draws_marks_in_chromium(chromium: str, tmp_path: Path) -> None:
    dom = browser.dump_dom(_page(tmp_path, static=False))
    group = re.search(r'<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)</g>', dom, re.S)
    assert group, "vega drew no bar marks"
    assert len(re.findall(r"<path", group.group(1))) == 3


def test_html_to_pdf(chromium: str, tmp_path: Path) -> None:
    out = pdf.html_to_pdf(_page(tmp_path, static=True), tmp_path / "out.pdf")
    assert out.read_bytes().startswith(b"%PDF")
