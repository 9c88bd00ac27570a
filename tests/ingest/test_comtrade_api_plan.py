"""Planning, query building, cache keys and Retry-After parsing: no network involved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from oresight.errors import InputError, UnknownCodeError
from oresight.ingest.comtrade_http import RetryPolicy, parse_retry_after
from oresight.ingest.comtrade_plan import ComtradeQuery, RequestSpec, parse_years, plan
from oresight.ingest.comtrade_query import build_query
from oresight.ingest.http_cache import request_key


def test_parse_years() -> None:
    assert parse_years("2013-2015") == (2013, 2014, 2015)
    assert parse_years("2017, 2013-2014,2013") == (2013, 2014, 2017)
    for bad in ("13-15", "2015-2013", "2013..2015", ""):
        with pytest.raises(ValueError):
            parse_years(bad)


def test_build_query_normalises_and_names_bad_fields() -> None:
    query = build_query("chn", "KP", "2013-2014", freq="m", hs="27.01, 2601,2701", flows="M,X")
    assert query == ComtradeQuery("CHN", "PRK", "M", (2013, 2014), ("2701", "2601"), ("M", "X"))
    assert build_query("CHN", "PRK", "2014").hs_codes == ("AG6",)
    with pytest.raises(InputError, match="field 'freq'"):
        build_query("CHN", "PRK", "2014", freq="Q")
    with pytest.raises(InputError, match="field 'years'"):
        build_query("CHN", "PRK", "twenty")
    with pytest.raises(InputError, match="field 'flow'"):
        build_query("CHN", "PRK", "2014", flows="Z")
    with pytest.raises(UnknownCodeError, match="XXX"):
        build_query("CHN", "XXX", "2014")
    with pytest.raises(UnknownCodeError):
        build_query("CHN", "PRK", "2014", hs="2799")


def test_plan_keeps_requests_within_periods_and_rows() -> None:
    codes = tuple(f"{2600 + i}" for i in range(1, 20))
    query = ComtradeQuery("CHN", "PRK", "M", (2013, 2014, 2015), codes, ("M",))
    specs = plan(query, row_limit=100, max_periods=12, max_codes=20)
    assert all(len(s.periods) <= 12 for s in specs)
    assert all(len(s.periods) * len(s.hs_codes) <= 100 for s in specs)
    cells = {(p, c) for s in specs for p in s.periods for c in s.hs_codes}
    assert len(cells) == 36 * 19 == sum(len(s.periods) * len(s.hs_codes) for s in specs)


def test_split_halves_periods_then_codes_then_flows() -> None:
    spec = RequestSpec(("201401", "201402"), ("2701", "2601"), ("M", "X"))
    first, second = spec.split() or ((), ())
    assert first.periods == ("201401",) and second.periods == ("201402",)
    codes = first.split()
    assert codes and codes[0].hs_codes == ("2701",) and codes[1].hs_codes == ("2601",)
    flows = codes[0].split()
    assert flows and flows[0].flows == ("M",)
    assert RequestSpec(("2014",), ("2701",), ("M",)).split() is None
    assert RequestSpec(("2014",), ("AG6",), ("M",)).split() is None


def test_selection_words() -> None:
    spec = RequestSpec(tuple(f"2013{m:02d}" for m in range(1, 13)), ("2701",), ("M",))
    assert spec.selection("CHN", "PRK") == (
        "reporter CHN, partner PRK, 2013-01..2013-12, HS 2701, import"
    )
    annual = RequestSpec(("2013", "2014"), ("AG6",), ("M", "X"))
    assert annual.selection("CHN", "PRK") == (
        "reporter CHN, partner PRK, 2013..2014, HS all HS6, import/export"
    )


def test_single_period_reads_as_one() -> None:
    assert RequestSpec(("2014", "2014"), ("2701",), ("M",)).selection("CHN", "PRK") == (
        "reporter CHN, partner PRK, 2014, HS 2701, import"
    )


def test_request_key_ignores_parameter_order_and_secrets() -> None:
    url = "https://comtradeapi.un.org/public/v1/preview/C/M/HS"
    key = request_key(url, {"period": "2014", "cmdCode": "2701"})
    assert key == request_key(
        "HTTPS://ComtradeAPI.UN.org/public/v1/preview/C/M/HS/",
        {"cmdCode": "2701", "period": "2014"},
    )
    assert key == request_key(url, {"cmdCode": "2701", "period": "2014", "subscription-key": "k"})
    assert key != request_key(url, {"cmdCode": "2701", "period": "2015"})


def test_retry_after_seconds_and_dates() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < (parse_retry_after(later) or 0) <= 30


def test_backoff_is_bounded_full_jitter() -> None:
    policy = RetryPolicy(backoff_base=1.0, backoff_max=8.0)
    assert [policy.backoff(n, lambda: 1.0) for n in range(5)] == [1.0, 2.0, 4.0, 8.0, 8.0]
    assert policy.backoff(3, lambda: 0.25) == 2.0
    with pytest.raises(ValueError):
        RetryPolicy(max_tries=0)
