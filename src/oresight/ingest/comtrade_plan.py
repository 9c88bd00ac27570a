"""What to ask UN Comtrade for: a query, and its split into requests within the API's limits.

The API caps the rows of one answer (500 on the public preview, 100,000 with a key) and, in
practice, the periods of one request (12). A query for 12 years of monthly data on a list of HS
codes is therefore planned as several requests; an answer that fills the row limit may have been
cut short, so its request is split in two (periods first, then HS codes, then flows) and asked
again. Requests are plain data so the manifest can record them and a rerun can resume them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: Comtrade's own commodity selectors that are not single HS codes; they cannot be split.
AGGREGATE_SELECTORS = {"TOTAL": "all commodities", "AG2": "all HS2", "AG4": "all HS4"}
AGGREGATE_SELECTORS |= {"AG6": "all HS6", "ALL": "all codes"}
DEFAULT_HS = ("AG6",)
FLOW_CODES = {"M": "import", "X": "export", "RM": "re-import", "RX": "re-export"}
FREQS = ("A", "M")


@dataclass(frozen=True)
class ComtradeQuery:
    """A user's selection: reporter and partner (ISO3), frequency, years, HS codes and flows."""

    reporter: str
    partner: str
    freq: str
    years: tuple[int, ...]
    hs_codes: tuple[str, ...] = DEFAULT_HS
    flows: tuple[str, ...] = ("M",)
    #: When set, only these periods of ``years`` (a watch fetches just the periods UN Comtrade
    #: reports as released or updated, not the whole selection).
    only_periods: tuple[str, ...] = ()

    def periods(self) -> list[str]:
        """Comtrade period codes in order: ``2013`` (annual) or ``201301`` (monthly)."""
        if self.freq == "A":
            every = [str(year) for year in self.years]
        else:
            every = [f"{year}{month:02d}" for year in self.years for month in range(1, 13)]
        if self.only_periods:
            return [period for period in every if period in set(self.only_periods)]
        return every

    def to_dict(self) -> dict[str, object]:
        document: dict[str, object] = {
            "reporter": self.reporter,
            "partner": self.partner,
            "freq": self.freq,
            "years": list(self.years),
            "hs_codes": list(self.hs_codes),
            "flows": list(self.flows),
        }
        if self.only_periods:  # absent otherwise: manifests of earlier fetches keep their name
            document["only_periods"] = list(self.only_periods)
        return document


@dataclass(frozen=True)
class RequestSpec:
    """One request's share of a query: which periods, HS codes and flows it asks for."""

    periods: tuple[str, ...]
    hs_codes: tuple[str, ...]
    flows: tuple[str, ...]
    parent: str | None = field(default=None, compare=False)

    def split(self) -> tuple[RequestSpec, RequestSpec] | None:
        """Two requests covering this one, or ``None`` when it is a single cell already."""
        for name in ("periods", "hs_codes", "flows"):
            items: tuple[str, ...] = getattr(self, name)
            if name == "hs_codes" and any(code in AGGREGATE_SELECTORS for code in items):
                continue
            if len(items) > 1:
                half = len(items) // 2
                return (
                    _replace(self, name, items[:half]),
                    _replace(self, name, items[half:]),
                )
        return None

    def selection(self, reporter: str, partner: str) -> str:
        """Human words, e.g. ``reporter CHN, partner PRK, 2013-01..2013-12, HS 2701, import``."""
        flows = "/".join(FLOW_CODES.get(flow, flow) for flow in self.flows)
        return (
            f"reporter {reporter}, partner {partner}, {describe_periods(self.periods)}, "
            f"{describe_codes(self.hs_codes)}, {flows}"
        )

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "periods": list(self.periods),
            "hs_codes": list(self.hs_codes),
            "flows": list(self.flows),
        }


def _replace(spec: RequestSpec, name: str, items: tuple[str, ...]) -> RequestSpec:
    return RequestSpec(
        items if name == "periods" else spec.periods,
        items if name == "hs_codes" else spec.hs_codes,
        items if name == "flows" else spec.flows,
    )


def plan(
    query: ComtradeQuery, *, row_limit: int, max_periods: int = 12, max_codes: int = 20
) -> list[RequestSpec]:
    """Split a query into requests whose expected rows (periods x codes x flows) fit the limit."""
    requests = []
    for periods in _chunks(query.periods(), max_periods):
        cells_per_code = len(periods) * len(query.flows)
        per_request = max(1, min(max_codes, row_limit // max(1, cells_per_code)))
        if any(code in AGGREGATE_SELECTORS for code in query.hs_codes):
            per_request = len(query.hs_codes)  # an aggregate selector travels as one list
        for codes in _chunks(list(query.hs_codes), per_request):
            requests.append(RequestSpec(tuple(periods), tuple(codes), query.flows))
    return requests


def _chunks(items: Sequence[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def parse_years(text: str) -> tuple[int, ...]:
    """``2013-2024``, ``2015`` or ``2013,2015,2017-2018`` -> sorted distinct years."""
    years: set[int] = set()
    for part in text.replace(" ", "").split(","):
        match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", part)
        if not match:
            raise ValueError(f"not a year or a year range: {part!r} (expected e.g. 2013-2024)")
        first, last = int(match[1]), int(match[2] or match[1])
        if last < first:
            raise ValueError(f"year range runs backwards: {part!r}")
        years.update(range(first, last + 1))
    return tuple(sorted(years))


def describe_periods(periods: Sequence[str]) -> str:
    """``201301..201312`` -> ``2013-01..2013-12``; a single period stands alone."""
    words = [f"{p[:4]}-{p[4:]}" if len(p) == 6 else p for p in periods]
    return words[0] if words[0] == words[-1] else f"{words[0]}..{words[-1]}"


def describe_codes(codes: Sequence[str]) -> str:
    if len(codes) == 1 and codes[0] in AGGREGATE_SELECTORS:
        return f"HS {AGGREGATE_SELECTORS[codes[0]]}"
    return "HS " + ",".join(codes)
