"""Valuation at the price of the delivery day: the most specific series, its date and
distance, stale and forecast prices as findings, and user benchmark prices that win."""

from __future__ import annotations

import copy
import csv
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from oresight.errors import InputError
from oresight.offers import assess, parse_offer
from oresight.offers.prices import parse_price, with_prices
from oresight.reference import commodities as ref

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def _seed() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load((EXAMPLES / "offer-pgm-dprk.yaml").read_text("utf-8")))


def _codes(data: dict[str, Any], line: int) -> set[str]:
    return {f["code"] for f in data["findings"] if f["check"] == "valuation" and f["line"] == line}


def test_daily_price_where_the_series_covers_the_day(shared_data: Path) -> None:
    got = ref.price_for("palladium", date(2025, 7, 1))
    assert got is not None and got.resolution == "daily" and got.covers
    assert got.price_date == date(2025, 7, 1) and got.distance_days == 0
    with (shared_data / "prices_palladium" / "palladium_futures_PA_F_daily.csv").open() as fh:
        close = next(float(r["close"]) for r in csv.DictReader(fh) if r["date"] == "2025-07-01")
    assert got.quote.price == pytest.approx(close, abs=0.01)  # the shipped snapshot is the series


def test_past_the_series_the_latest_day_is_used_with_its_distance() -> None:
    got = ref.price_for("palladium", date(2026, 9, 15))
    assert got is not None and not got.covers
    assert got.resolution == "daily"  # not the month averaged from those same days
    assert got.distance_days == (date(2026, 9, 15) - got.price_date).days > 200


def test_seed_case_prices_state_date_distance_and_findings(oresight_home: Path) -> None:
    data = assess(_seed()).to_dict()
    pd_row, rh_row = data["valuation"]
    start, end = pd_row["prices"]
    assert start["resolution"] == "daily" and start["price_date"] == "2025-07-01"
    assert end["distance_days"] > 45 and not end["covers"]
    assert "stale_price" in _codes(data, 0)
    assert {"stale_price", "forecast_price"} <= _codes(data, 1)  # rhodium: 2024 forecast
    assert rh_row["prices"][0]["period"] == "2024"


def test_user_price_changes_valuation_and_discount(oresight_home: Path) -> None:
    base = assess(_seed()).to_dict()
    assert "discount" in _codes(base, 0)
    priced = with_prices(parse_offer(_seed()), [parse_price("palladium=1000/ozt", source="LBMA")])
    data = assess(priced).to_dict()
    row = data["valuation"][0]
    assert {q["price"] for q in row["prices"]} == {1000.0}
    assert row["offered_price"]["ratio_to_market"] == pytest.approx(0.9)
    assert row["value_per_year_usd"] != base["valuation"][0]["value_per_year_usd"]
    codes = _codes(data, 0)
    assert "discount" not in codes and "stale_price" not in codes and "user_price" in codes
    assert any("LBMA" in f["detail"] for f in data["findings"])


def test_prices_block_in_the_offer_file_and_dated_price(oresight_home: Path) -> None:
    offer = _seed()
    offer["prices"] = [
        {
            "commodity": "rhodium",
            "amount": 4700,
            "per": "ozt",
            "on": "2025-06-30",
            "source": "Johnson Matthey base price",
        }
    ]
    data = assess(offer).to_dict()
    start, end = data["valuation"][1]["prices"]
    assert start["source"] == "Johnson Matthey base price" and start["distance_days"] == 1
    assert end["distance_days"] == 365
    assert "forecast_price" not in _codes(data, 1)
    assert "stale_price" in _codes(data, 1)  # a dated user price can be stale too


def test_bad_price_option_and_duplicates_are_clear_errors() -> None:
    with pytest.raises(InputError, match="COMMODITY=AMOUNT/UNIT"):
        parse_price("palladium=lots")
    with pytest.raises(InputError, match="unknown commodity"):
        parse_price("unobtainium=3/ozt")
    offer = _seed()
    offer["prices"] = [{"commodity": "palladium", "amount": 1, "per": "ozt"}] * 2
    with pytest.raises(Exception, match="more than one benchmark price"):
        parse_offer(offer)


def test_offer_past_every_series_is_stale(oresight_home: Path) -> None:
    offer = _seed()
    offer["date"] = "2027-01-10"
    offer["delivery"] = {"from": "2027-02-01", "to": "2027-12-31"}
    data = assess(offer).to_dict()
    assert "stale_price" in _codes(data, 0) and "stale_price" in _codes(data, 1)


def test_cli_price_option_is_named_in_the_dossier(tmp_path: Path, oresight_home: Path) -> None:
    html = tmp_path / "dossier.html"
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from oresight.cli import main; main()",
            "offer",
            "check",
            str(EXAMPLES / "offer-pgm-dprk.yaml"),
            "--price",
            "palladium=1000/ozt@2025-07-01",
            "--price-source",
            "LBMA PM 2025-07-01",
            "--html",
            str(html),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    text = html.read_text(encoding="utf-8")
    assert "LBMA PM 2025-07-01 (user benchmark)" in text
    bad = subprocess.run(
        [
            sys.executable,
            "-c",
            "from oresight.cli import main; main()",
            "offer",
            "check",
            str(EXAMPLES / "offer-pgm-dprk.yaml"),
            "--price",
            "palladium",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2 and bad.stderr.count("error:") == 1
