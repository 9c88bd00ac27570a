"""Turn a user's words (ISO3 countries, ``2013-2024``, ``2701,2601``) into a ComtradeQuery.

Country codes come from ``oresight.reference.countries`` (ISO3, ISO2 or numeric codes are all
accepted and shown as ISO3); HS codes are checked with ``oresight.reference.hs.require_hs_code``.
"""

from __future__ import annotations

from oresight.errors import InputError
from oresight.ingest.comtrade_plan import (
    AGGREGATE_SELECTORS,
    DEFAULT_HS,
    FLOW_CODES,
    FREQS,
    ComtradeQuery,
    parse_years,
)
from oresight.reference import countries, hs


def comtrade_country_code(iso3: str) -> int:
    """The numeric code Comtrade uses for ``iso3`` (M49, with Comtrade's own 0 World, 490)."""
    return countries.to_m49(iso3)


def normalise_hs(text: str) -> str:
    """``27.01`` -> ``2701``; Comtrade selectors (TOTAL, AG6, ...) pass through.

    Codes finer than HS6 are cut to six digits: the API's ``cmdCode`` stops at HS6.
    """
    code = text.strip().upper()
    if code in AGGREGATE_SELECTORS:
        return code
    return hs.require_hs_code(code, field="hs")[:6]


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
    # Unknown countries fail here, naming the code, not half-way through a fetch.
    reporter, partner = countries.to_iso3(reporter.strip()), countries.to_iso3(partner.strip())
    return ComtradeQuery(reporter, partner, freq, year_list, codes or DEFAULT_HS, flow_list)
