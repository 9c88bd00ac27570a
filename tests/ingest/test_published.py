"""Published figures: parsed with their own period kinds and measures, landed once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from oresight.errors import InputError
from oresight.ingest.published import parse_published
from oresight.ingest.published_periods import parse_period, shift_years
from oresight.ingest.published_store import SNAPSHOT, load_published, read_figures
from oresight.store import Store

HEADER = (
    "reporter,partner,flow,period,commodity,hs_code,value_usd,quantity,quantity_unit,"
    "change_pct,compared_to,source_org,source_url,published,quote,note,share_pct\n"
)


def _csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows))
    return path


@pytest.mark.parametrize(
    ("label", "kind", "start", "end"),
    [
        ("2014-05", "month", date(2014, 5, 1), date(2014, 5, 31)),
        ("2018-Q1", "quarter", date(2018, 1, 1), date(2018, 3, 31)),
        ("2014-H2", "half", date(2014, 7, 1), date(2014, 12, 31)),
        ("2016", "year", date(2016, 1, 1), date(2016, 12, 31)),
        ("2017-01/2017-09", "span", date(2017, 1, 1), date(2017, 9, 30)),
        ("2011/2014", "span", date(2011, 1, 1), date(2014, 12, 31)),
        ("", "unknown", None, None),
    ],
)
def test_period_kinds(label: str, kind: str, start: date | None, end: date | None) -> None:
    period = parse_period(label)
    assert (period.kind, period.start, period.end) == (kind, start, end)


def test_bad_period_and_shift() -> None:
    with pytest.raises(InputError, match="unrecognised period"):
        parse_period("2014-13x")
    assert shift_years("2014-H1", -1) == "2013-H1"
    assert shift_years("2017-01/2017-05", -1) == "2016-01/2016-05"


def test_rows_keep_measure_change_and_flags(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "CHN,PRK,import_by_reporter,2014-H1,anthracite,2701,,,,-23,2013-H1,KITA,u,2014,q,,",
        "CHN,PRK,import_by_reporter,2014,anthracite (unit value),2701,,73.4,USD/t (unit value),"
        ",,KDI,u,2015,q,unit value,",
        "CHN,PRK,import_by_reporter,2015-01,coal,2701,,16780000,t,-53.2,2014-01,X,u,2015,q,"
        "SUSPECT: implausible,",
        "CHN,PRK,import_by_reporter,2018-03,all goods,,,78500000,CNY,,,Reuters,u,2018,q,,",
        "DPRK-total,PRK,export_total,2019,all goods,,261000000,,,-20.9,2018,KITA,u,2020,q,"
        "CONFLICT: base,",
    )
    rows = parse_published(path).to_pylist()
    change, unit, suspect, cny, total = rows
    assert (change["measure"], change["change_kind"], change["value_usd"]) == (
        "change",
        "yoy",
        None,
    )
    assert change["period_kind"] == "half" and change["group"] == "coal"
    assert (unit["measure"], unit["unit_value_usd"], unit["quantity"]) == ("unit_value", 73.4, None)
    assert suspect["suspect"] and not suspect["conflict"]
    assert (cny["value_cny"], cny["quantity"], cny["group"]) == (78_500_000, None, "total")
    assert total["conflict"] and (total["partner"], total["basis"]) == ("WLD", "partner_total")
    assert total["figure_id"] == "figures.csv:6"


def test_unmapped_commodity_names_the_line(tmp_path: Path) -> None:
    path = _csv(tmp_path, "CHN,PRK,import_by_reporter,2014,unobtainium,,1,,,,,X,u,2014,q,,")
    with pytest.raises(InputError, match=r"line 2.*commodity"):
        parse_published(path)


def test_every_store_reads_the_shipped_figures_without_writing(oresight_home: Path) -> None:
    # published figures are a read-only table shipped with the package now (they were loaded
    # into the store on first read, which made reading write): nothing lands, nothing is created
    store = Store.open()
    assert store.published_figures.count().execute() == 0  # a bare reader reads flows alone
    loaded = load_published(store)
    assert loaded.rows == read_figures(SNAPSHOT).num_rows and loaded.duplicate
    assert store.info()["batches"] == 0
    assert store.published_figures.count().execute() == loaded.rows
    assert not oresight_home.exists() or not any(oresight_home.iterdir())


@pytest.mark.shared
def test_snapshot_matches_reference(shared_reference: Path) -> None:
    source = shared_reference / "trade_figures" / "dprk_exports_published.csv"
    fresh = parse_published(source)
    assert fresh.equals(read_figures(SNAPSHOT)), "snapshot is stale: run build_published_snapshot"


def test_a_change_stated_of_the_value_is_of_the_value_though_the_note_names_tonnage() -> None:
    # "value from KITA, +212%; tonnage 1.1 Mt from Bloomberg Intelligence": labelled quantity
    rows = read_figures(SNAPSHOT).to_pylist()
    iron = next(r for r in rows if r["change_pct"] == 212 and r["hs_code"] == "2601")
    assert iron["change_of"] == "value"
