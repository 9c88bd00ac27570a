"""The HTML page builder: self-contained, escaped, Vega runtime only when a chart needs it."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from oresight.report import charts, html


def _chart() -> alt.Chart:
    frame = pd.DataFrame({"x": ["a", "b", "c"], "y": [1, 3, 2]})
    return alt.Chart(frame).mark_bar().encode(x="x", y="y")


def test_page_without_chart_has_no_runtime() -> None:
    page = html.page("Title <1>", [html.Section("S", html.paragraph("a & b"))])
    assert "<title>Title &lt;1&gt;</title>" in page
    assert "a &amp; b" in page
    assert "vegaEmbed" not in page


def test_page_with_chart_inlines_runtime_and_loads_nothing_remote() -> None:
    page = html.page("T", [html.Section("Chart", charts.to_html(_chart(), caption="source: x"))])
    assert "window.vegaEmbed" in page  # the bundled runtime, inline
    assert not re.search(r"<script[^>]+src=", page)  # no external script
    assert not re.search(r"<link[^>]+href=\"?https?:", page)  # no external stylesheet
    assert "source: x" in page


def test_static_chart_is_inline_svg() -> None:
    fragment = charts.to_html(_chart(), static=True)
    assert "<svg" in fragment
    assert "vegaEmbed" not in fragment


def test_table_escapes_and_formats_numbers() -> None:
    out = html.table(
        [{"name": "<b>", "value": 1234567.0, "link": html.link("https://x.org", "x")}],
        {"name": "Name", "value": "USD", "link": "Source"},
        numeric=["value"],
        raw_html=["link"],
    )
    assert "&lt;b&gt;" in out
    assert '<td class="num">1,234,567</td>' in out
    assert '<a href="https://x.org">x</a>' in out
    assert "none" in html.table([], ["a"])


def test_format_number() -> None:
    assert html.format_number(None) == ""
    assert html.format_number(float("nan")) == ""
    assert html.format_number(12.345) == "12.3"
    assert html.format_number(1500) == "1,500"
