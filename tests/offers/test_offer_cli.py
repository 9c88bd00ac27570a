"""``oresight offer check``: JSON on stdout, dossier files, one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real CLI entry point in a subprocess (as a user would)."""
    code = "import sys; from oresight.cli import main; main(sys.argv[1:])"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )


def test_check_json_has_the_issue_shape(oresight_home: Path) -> None:
    out = run("offer", "check", str(EXAMPLES / "offer-pgm-dprk.yaml"), "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["offer_id"] == "example-pgm"
    assert doc["risk"]["level"] in {"critical", "high"} and doc["risk"]["reasons"]
    for key in ("legality", "counterparties", "plausibility", "valuation", "assay"):
        assert isinstance(doc[key], list) and doc[key]
    first = doc["legality"][0]
    assert {"line", "regime", "status"} <= set(first)
    p = doc["plausibility"][0]
    assert {"line", "commodity", "verdict", "annual_tonnes", "share_of_world"} <= set(p)


def test_check_writes_html_dossier(tmp_path: Path, oresight_home: Path) -> None:
    html = tmp_path / "dossier.html"
    out = run("offer", "check", str(EXAMPLES / "offer-platinum-clean.yaml"), "--html", str(html))
    assert out.returncode == 0, out.stderr
    assert "risk LOW" in out.stdout or "risk MEDIUM" in out.stdout
    text = html.read_text(encoding="utf-8")
    # conclusion first, then the evidence of each check, then the appendix (issue 12)
    assert text.index("<h2>Conclusion</h2>") < text.index("<h2>Evidence</h2>")
    assert text.index("<h2>Evidence</h2>") < text.index("<h2>Appendix</h2>")
    for title in ("Counterparties", "Supply plausibility", "Valuation", "Assay"):
        assert f"<h3>{title}</h3>" in text
    assert "<h3>Legality for this buyer, per regime</h3>" in text
    assert "https://" not in text.split("<body>")[0]  # self-contained head: no remote assets


def test_malformed_offer_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = (EXAMPLES / "offer-pgm-dprk.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("unit: t,", "unit: tons,", 1), encoding="utf-8")
    out = run("offer", "check", str(bad))
    assert out.returncode == 2
    assert out.stderr.startswith("error: ")
    assert "lines[0].quantity.unit" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("args", [("production", "palladium"), ("prices", "rhodium")])
def test_reference_show(args: tuple[str, str]) -> None:
    out = run("reference", "show", *args)
    assert out.returncode == 0, out.stderr
    assert "USGS" in out.stdout


def test_reference_show_json_and_unknown() -> None:
    out = run("reference", "show", "production", "palladium", "--country", "WORLD", "--json")
    rows = json.loads(out.stdout)
    assert {r["country"] for r in rows} == {"WORLD"}
    assert all(r["source"] for r in rows)
    bad = run("reference", "show", "production", "unobtainium")
    assert bad.returncode == 2 and "unobtainium" in bad.stderr
