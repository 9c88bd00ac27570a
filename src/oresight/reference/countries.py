"""Countries and trade areas: ISO 3166 codes, M49 numbers and Comtrade's own codes.

Built from the shipped snapshot ``data/trade/countries.parquet`` (see
``data/trade/PROVENANCE.md``): one row per numeric code found in trade data. ISO countries
have ``code == m49`` (ISO 3166-1 numeric, identical to UN M49 for countries). Comtrade adds
codes that ISO lacks (``kind``):

* ``area``: 0 World (``WLD``; Comtrade writes ``W00``), 97 European Union (``EUR``),
  490 "Other Asia, nes" (``S19``), 899 "Areas, nes" (``XAN``) and other "nes" areas;
* ``comtrade_alias``: Comtrade's current codes for countries it counts with territories,
  842 USA (ISO 840), 251 France, 381 Italy, 579 Norway, 699 India, 757 Switzerland;
  :func:`to_comtrade` gives them, for API requests;
* ``comtrade_former``: codes Comtrade used earlier (841 USA before 1981, 711 Southern
  African Customs Union until 1999, mapped to ZAF, 280 West Germany, 736 Sudan);
* ``historical``: former countries (USSR, Yugoslavia, ...).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oresight.errors import UnknownCodeError

if TYPE_CHECKING:
    import pyarrow as pa

DATA = Path(__file__).parent / "data" / "trade"


@lru_cache(maxsize=1)
def countries_table() -> pa.Table:
    """code, iso3, iso2, m49, name, short_name, kind, input_aliases, note (one row per code).

    Join trade data's numeric reporter/partner codes on ``code`` to get ``iso3`` and the
    ISO/M49 number ``m49`` (842 -> USA, 840).
    """
    import pyarrow.parquet as pq  # imported lazily: keeps `import oresight` fast

    return pq.read_table(DATA / "countries.parquet")


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[int, dict[str, Any]], dict[str, dict[str, Any]], dict[str, str]]:
    """(row by numeric code, canonical row by iso3, iso3 by any text code)."""
    by_code: dict[int, dict[str, Any]] = {}
    by_iso3: dict[str, dict[str, Any]] = {}
    by_text: dict[str, str] = {}
    for row in countries_table().to_pylist():
        by_code[row["code"]] = row
        # The canonical row of an iso3 is the one whose code is its own M49 number.
        if row["code"] == row["m49"] or row["iso3"] not in by_iso3:
            by_iso3[row["iso3"]] = row
        by_text[row["iso3"]] = row["iso3"]
        if row["iso2"]:
            by_text[row["iso2"]] = row["iso3"]
        for alias in (row["input_aliases"] or "").split(";"):
            if alias:
                by_text[alias.upper()] = row["iso3"]
    return by_code, by_iso3, by_text


def _unknown(code: str | int) -> UnknownCodeError:
    return UnknownCodeError(
        f"{code!r} is not a known country code (ISO 3166 alpha-2, alpha-3 or numeric, "
        "UN M49 or UN Comtrade code)"
    )


def to_iso3(code: str | int) -> str:
    """ISO3 (or oresight's area code) for an ISO alpha-2/alpha-3, numeric/M49 or Comtrade code.

    Numbers may be int or text ("408", "008"); letters are case-insensitive.
    Raises :class:`UnknownCodeError` naming the code when it is not known.
    """
    by_code, _, by_text = _rows()
    if isinstance(code, bool):
        raise _unknown(code)
    if isinstance(code, int):
        row = by_code.get(code)
        if row is None:
            raise _unknown(code)
        return str(row["iso3"])
    if not isinstance(code, str):
        raise _unknown(code)
    text = code.strip().upper()
    if text.isascii() and text.isdigit():  # '²' is a digit to isdigit, not to int()
        row = by_code.get(int(text))
        if row is None:
            raise _unknown(code)
        return str(row["iso3"])
    if text not in by_text:
        raise _unknown(code)
    return by_text[text]


def _row(code: str | int) -> dict[str, Any]:
    return _rows()[1][to_iso3(code)]


@lru_cache(maxsize=1)
def _comtrade_codes() -> dict[str, int]:
    """iso3 -> Comtrade's current code where it differs from the ISO number."""
    by_code = _rows()[0]
    return {r["iso3"]: code for code, r in by_code.items() if r["kind"] == "comtrade_alias"}


def to_comtrade(code: str | int) -> int:
    """The code UN Comtrade uses today for this country or area (842 for USA, 0 for World).

    Use it for Comtrade API parameters; it differs from :func:`to_m49` for six countries.
    """
    iso3 = to_iso3(code)
    return _comtrade_codes().get(iso3, to_m49(iso3))


def to_m49(iso3: str | int) -> int:
    """The ISO numeric / UN M49 number (840 for USA; Comtrade's number for its areas: 0, 490)."""
    return int(_row(iso3)["m49"])


def name(iso3: str | int) -> str:
    """The English name (UN official short name for ISO countries)."""
    return str(_row(iso3)["name"])


def kind(code: str | int) -> str:
    """ "country", "area" (World, EU, Comtrade's "nes" areas) or "historical" (USSR, ...)."""
    return str(_row(code)["kind"])


def is_country_code(code: str | int) -> bool:
    """True when :func:`to_iso3` knows the code."""
    try:
        to_iso3(code)
    except UnknownCodeError:
        return False
    return True


def is_aggregate(code: str | int) -> bool:
    """True for World, the EU and Comtrade's "nes" areas: never a single trading country."""
    return kind(code) == "area"
