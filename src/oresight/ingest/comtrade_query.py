"""Turn a user's words (ISO3 countries, ``2013-2024``, ``2701,2601``) into a ComtradeQuery.

Country codes come from ``oresight.reference.countries.to_m49`` and HS codes are checked with
``oresight.reference.hs.require_hs_code``; both are looked up at call time.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any

from oresight.errors import InputError, UnknownCodeError
from oresight.ingest.comtrade_plan import (
    AGGREGATE_SELECTORS,
    DEFAULT_HS,
    FLOW_CODES,
    FREQS,
    ComtradeQuery,
    parse_years,
)

#: Used only while oresight.reference.countries is not importable (it is built in parallel).
_FALLBACK_M49 = {"CHN": 156, "PRK": 408}


def _reference(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def comtrade_country_code(iso3: str) -> int:
    """The numeric code Comtrade uses for ``iso3`` (M49, with Comtrade's own 0 World, 490)."""
    to_m49 = _reference("oresight.reference.countries", "to_m49")
    if to_m49 is not None:
        return int(to_m49(iso3))
    if iso3 not in _FALLBACK_M49:
        raise UnknownCodeError(f"unknown country code {iso3!r}", field="country")
    return _FALLBACK_M49[iso3]


def normalise_hs(text: str) -> str:
    """``27.01`` -> ``2701``; Comtrade selectors (TOTAL, AG6, ...) pass through."""
    code = text.strip().upper()
    if code in AGGREGATE_SELECTORS:
        return code
    require = _reference("oresight.reference.hs", "require_hs_code")
    if require is not None:
        return str(require(code, field="hs"))[:6]
    digits = re.sub(r"[.\s]", "", code)
    if not re.fullmatch(r"\d{2}|\d{4}|\d{6}", digits):
        raise UnknownCodeError(f"not an HS code: {text!r}", field="hs")
    return digits


def build_query(
    reporter: str,
    partner: str,
    years: str,
    *,
    freq: str = "M",
    hs: str | None = None,
    flows: str = "M",
) -> ComtradeQuery:
    """Validate the user's selection; raise :class:`InputError` naming the bad field."""
    freq = freq.upper()
    if freq not in FREQS:
        raise InputError(f"frequency must be A or M, not {freq!r}", field="freq")
    try:
        year_list = parse_years(years)
    except ValueError as exc:
        raise InputError(str(exc), field="years") from exc
    codes = tuple(dict.fromkeys(normalise_hs(c) for c in hs.split(",") if c.strip())) if hs else ()
    flow_list = tuple(f.strip().upper() for f in flows.split(",") if f.strip())
    unknown = [f for f in flow_list if f not in FLOW_CODES]
    if unknown or not flow_list:
        raise InputError(f"flows must be among {', '.join(FLOW_CODES)}: {flows!r}", field="flow")
    reporter, partner = reporter.strip().upper(), partner.strip().upper()
    for iso3 in (reporter, partner):
        comtrade_country_code(iso3)  # fail now on an unknown country, not mid-fetch
    return ComtradeQuery(reporter, partner, freq, year_list, codes or DEFAULT_HS, flow_list)
