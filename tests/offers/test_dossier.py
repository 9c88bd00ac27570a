"""The dossier page renders every section from the assessment (and prints to PDF)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from oresight.offers import assess
from oresight.report.dossier import render_dossier, write_dossier

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_dossier_html_shows_verdicts_and_sources(oresight_home: Path) -> None:
    data = assess(EXAMPLES / "offer-pgm-dprk.yaml").to_dict()
    html = render_dossier(data)
    assert "Offer dossier: example-pgm" in html
    assert "physically_implausible" in html and "implausible" in html
    assert "KPe.001" in html
    assert "USGS" in html  # world production cited
    assert "forecast" in html  # the rhodium price used is a forecast, and says so


@pytest.mark.browser
@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="needs headless Chromium",
)
def test_dossier_pdf(tmp_path: Path, oresight_home: Path) -> None:
    data = assess(EXAMPLES / "offer-platinum-clean.yaml").to_dict()
    pdf = tmp_path / "dossier.pdf"
    write_dossier(data, None, pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"


def _pages(pdf: Path) -> int:
    """Pages of a Chromium-printed PDF (one uncompressed /Type /Page object per page)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def test_dossier_html_starts_with_the_conclusion(oresight_home: Path) -> None:
    html = render_dossier(assess(EXAMPLES / "offer-pgm-dprk.yaml").to_dict())
    body = html.split("<body>")[1]
    assert body.index("<h2>Conclusion</h2>") < body.index("<h2>Evidence</h2>")
    first = body[: body.index("<h2>Evidence</h2>")]
    for part in ("PROHIBITED", "Deciding reasons", "Next steps", "UNSCR 1718 para 8(d)", "Checks"):
        assert part in first
    assert 'class="evidence"' in html and 'class="appendix"' in html  # each starts a page


@pytest.mark.browser
@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="needs headless Chromium",
)
def test_seed_dossier_pdf_pages(tmp_path: Path, oresight_home: Path) -> None:
    from oresight.report.pdf import html_to_pdf

    data = assess(EXAMPLES / "offer-pgm-dprk.yaml").to_dict()
    counts = {}
    for name, parts in {
        "conclusion": {"evidence": False, "appendix": False},
        "before_appendix": {"appendix": False},
        "full": {},
    }.items():
        page = tmp_path / f"{name}.html"
        page.write_text(render_dossier(data, **parts), encoding="utf-8")
        counts[name] = _pages(html_to_pdf(page, tmp_path / f"{name}.pdf"))
    assert counts["conclusion"] == 1  # the conclusion fits on page 1
    assert counts["before_appendix"] <= 3
    assert counts["full"] > counts["before_appendix"]  # the appendix follows
