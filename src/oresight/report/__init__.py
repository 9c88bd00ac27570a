"""Shared rendering layer: HTML pages, Altair charts and PDF printing.

Used by the country brief (``oresight brief``) and the offer dossier. It renders figures that
other pillars computed; it computes none itself.

Public API
----------
- :func:`oresight.report.html.page` ``(title, sections, ...) -> str``: one self-contained HTML page.
- :class:`oresight.report.html.Section`: a titled block of HTML (use :func:`html.table`,
  :func:`html.paragraph`, :func:`html.definition_list` or :func:`charts.to_html` for bodies).
- :func:`oresight.report.charts.to_html` ``(chart, static=False) -> str``: a chart as an HTML
  fragment (interactive Vega, offline; or a static inline SVG for print).
- :func:`oresight.report.pdf.html_to_pdf` ``(html_path, pdf_path)``: print with headless Chromium.
"""

from __future__ import annotations

from oresight.report.errors import ReportError

__all__ = ["ReportError"]
