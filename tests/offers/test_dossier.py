"""The dossier page renders every section from the assessment (and prints to PDF)."""

from __future__ import annotations

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
