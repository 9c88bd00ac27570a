"""Helpers shared by the list loaders: nulls, countries, birth years."""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.territories import lookup_territory

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def nullable(value: str | None) -> str | None:
    """Strip a field; OFAC's "-0-" and empty strings are None."""
    if value is None:
        return None
    value = value.strip()
    return None if value in ("", "-0-") else value


@lru_cache(maxsize=4096)
def country_iso3(value: str | None) -> str | None:
    """ISO3 of a country written as a name, an ISO2 or an ISO3 code ("Korea, North", "kp")."""
    value = nullable(value)
    if not value:
        return None
    territory = lookup_territory(value)
    alpha3 = getattr(territory, "alpha3", None) if territory else None
    return alpha3.upper() if alpha3 else None


def add_country(countries: list[str], value: str | None) -> None:
    iso3 = country_iso3(value)
    if iso3 and iso3 not in countries:
        countries.append(iso3)


def years_in(text: str) -> list[str]:
    """Four-digit years in a date-ish string ("circa 1947", "18 Jun 1964")."""
    return _YEAR.findall(text)


_IMO = re.compile(r"\bIMO\b[^0-9]{0,40}?(\d{7})\b")
_PASSPORT = re.compile(r"\bPassport(?: No\.?)?:? ([A-Z]{0,2} ?\d{6,})")


def identifiers_in(text: str | None) -> list[str]:
    """IMO and passport numbers written in a record's free text (OFAC remarks, UN comments)."""
    if not text:
        return []
    found = [f"IMO {m}" for m in _IMO.findall(text)]
    found += [f"passport {m.replace(' ', '')}" for m in _PASSPORT.findall(text)]
    return list(dict.fromkeys(found))
