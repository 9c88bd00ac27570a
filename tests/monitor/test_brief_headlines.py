"""The brief's headline figures: main partners, latest year and the peak year with its sources."""

from __future__ import annotations

from pathlib import Path

from oresight.ingest.published_store import load_published
from oresight.monitor.brief import build
from oresight.store import Store


def test_headlines_show_main_partners_and_the_peak_year(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    load_published(store)
    labels = [h["label"] for h in build("PRK", store=store).headlines]
    assert labels[0].startswith("Exports to CHN in ")
    assert any(label.startswith("Peak year of exports to CHN") for label in labels)
    # A partner with one published year (Burkina Faso, 2015) is not a headline.
    assert not any("BFA" in label for label in labels)


def test_peak_year_shows_every_figure_sources_give_for_it(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    load_published(store)
    peak = next(h for h in build("PRK", store=store).headlines if h["label"].startswith("Peak"))
    assert peak["period"] == "2013"
    assert peak["citations"]
