"""Print an HTML file to PDF with headless Chromium.

For print, build the page with static charts (``charts.to_html(chart, static=True)``) so the PDF
holds images that do not depend on JavaScript timing.
"""

from __future__ import annotations

from pathlib import Path

from oresight.report import browser
from oresight.report.errors import ReportError


def html_to_pdf(html_path: Path | str, pdf_path: Path | str) -> Path:
    """Print ``html_path`` to ``pdf_path``; return the PDF path. Raises ReportError on failure."""
    source, target = Path(html_path), Path(pdf_path)
    if not source.exists():
        raise ReportError(f"no HTML file at {source}")
    target.parent.mkdir(parents=True, exist_ok=True)
    browser.run(source, f"--print-to-pdf={target.resolve()}", "--no-pdf-header-footer")
    if not target.exists() or target.stat().st_size == 0:
        raise ReportError(f"chromium wrote no PDF to {target}")
    return target
