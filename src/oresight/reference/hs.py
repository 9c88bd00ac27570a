"""The Harmonized System (HS1992..HS2022): valid codes per edition, descriptions, validation.

Built from the shipped snapshot ``data/trade/hs.parquet`` (see ``data/trade/PROVENANCE.md``):
one row per 2/4/6-digit code that any edition has, with a boolean column per edition
(``h0`` = HS1992 ... ``h6`` = HS2022, Comtrade's classification codes) and the HS2022
description. Single values are checked here in Python; to validate millions of rows, join
against :func:`hs_table` in Ibis/DuckDB instead of calling :func:`require_hs_code` per row.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from oresight.errors import UnknownCodeError

if TYPE_CHECKING:
    import pyarrow as pa

DATA = Path(__file__).parent / "data" / "trade"

# Comtrade classification code -> edition name, oldest first.
EDITIONS: dict[str, str] = {
    "H0": "HS1992",
    "H1": "HS1996",
    "H2": "HS2002",
    "H3": "HS2007",
    "H4": "HS2012",
    "H5": "HS2017",
    "H6": "HS2022",
}
_EDITION_BY_NAME = {name: code for code, name in EDITIONS.items()}
# "2012" and "12" both name HS2012.
_EDITION_BY_YEAR = {y: c for c, n in EDITIONS.items() for y in (n[2:], n[4:])}
# Separators people write inside codes: "7110.21", "7110 21", "7110-21", "7110.21.00".
_SEPARATORS = re.compile(r"[.\s\-]")
ALL_EDITIONS = "no HS edition 1992-2022 has it"


def edition_code(edition: str) -> str:
    """Normalise an edition given as "H4", "HS2012", "HS12" or "2012" to Comtrade's "H4"."""
    key = edition.strip().upper()
    if key in EDITIONS:
        return key
    if key in _EDITION_BY_NAME:
        return _EDITION_BY_NAME[key]
    year = key.removeprefix("HS")
    if year in _EDITION_BY_YEAR:
        return _EDITION_BY_YEAR[year]
    raise UnknownCodeError(
        f"{edition!r} is not an HS edition (use one of {', '.join(EDITIONS)} "
        f"or {', '.join(EDITIONS.values())})"
    )


def edition_name(code: str) -> str:
    """Map Comtrade's "H0".."H6" to "HS1992".."HS2022", and an edition name back to "H0".."H6"."""
    key = code.strip().upper()
    if key in EDITIONS:
        return EDITIONS[key]
    if key in _EDITION_BY_NAME:
        return _EDITION_BY_NAME[key]
    raise UnknownCodeError(f"{code!r} is not an HS edition code (H0..H6 or HS1992..HS2022)")


@lru_cache(maxsize=1)
def hs_table() -> pa.Table:
    """All HS codes: code, level (2/4/6), h0..h6 (valid in that edition), description.

    ``description`` is the HS2022 text and is null for codes that HS2022 no longer has.
    Register it in Ibis (``con.create_table("hs", hs_table())`` or ``ibis.memtable``) to
    validate or describe many rows with one join.
    """
    import pyarrow.parquet as pq  # imported lazily: keeps `import oresight` fast

    return pq.read_table(DATA / "hs.parquet")


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[frozenset[str], str | None]]:
    """code -> (editions that have it, HS2022 description)."""
    table = hs_table().to_pydict()
    out: dict[str, tuple[frozenset[str], str | None]] = {}
    for i, code in enumerate(table["code"]):
        editions = frozenset(ed for ed in EDITIONS if table[ed.lower()][i])
        out[code] = (editions, table["description"][i])
    return out


def normalise(code: str) -> str:
    """Drop separators and spaces: "7110.21" / "7110 21" -> "711021" (no validation)."""
    if not isinstance(code, str):
        raise UnknownCodeError(
            f"HS code {code!r} must be text: a number loses leading zeros (01 becomes 1)"
        )
    return _SEPARATORS.sub("", code)


def editions_of(code: str) -> frozenset[str]:
    """The editions ("H0".."H6") that have this 2/4/6-digit code; empty when none does."""
    entry = _index().get(normalise(code))
    return entry[0] if entry else frozenset()


def valid_codes(edition: str, level: int = 6) -> frozenset[str]:
    """All codes of one edition at one level (2, 4 or 6 digits)."""
    ed = edition_code(edition)
    return frozenset(c for c, (eds, _) in _index().items() if len(c) == level and ed in eds)


def is_hs_code(code: str, edition: str | None = None) -> bool:
    """True for a 2/4/6-digit code of any HS edition 1992-2022 (or of ``edition``)."""
    try:
        digits = normalise(code)
    except UnknownCodeError:
        return False
    eds = editions_of(digits) if len(digits) in (2, 4, 6) else frozenset()
    return bool(eds) if edition is None else edition_code(edition) in eds


def _edition_list(eds: frozenset[str]) -> str:
    return ", ".join(EDITIONS[ed] for ed in EDITIONS if ed in eds)


def require_hs_code(code: str, *, field: str | None = None, edition: str | None = None) -> str:
    """Return the code's digits if it is an HS code, else raise :class:`UnknownCodeError`.

    Accepts 2/4/6-digit HS codes and 8-10 digit national codes whose 6-digit prefix is an
    HS code ("71102100" is returned as given). With ``edition``, the code must be in it.
    """
    digits = normalise(code)
    if not digits.isdigit() or len(digits) not in (2, 4, 6, 8, 9, 10):
        hint = (
            "; a leading zero may have been lost" if digits.isdigit() and len(digits) == 5 else ""
        )
        raise UnknownCodeError(
            f"{code!r} is not an HS code (HS codes have 2, 4 or 6 digits, national codes "
            f"8 to 10{hint})",
            field=field,
        )
    hs = digits[:6] if len(digits) > 6 else digits
    eds = editions_of(hs)
    if not eds:
        why = f"its 6-digit prefix {hs} is in no HS edition 1992-2022" if hs != digits else ""
        raise UnknownCodeError(f"{digits} is not an HS code ({why or ALL_EDITIONS})", field=field)
    if edition is not None and edition_code(edition) not in eds:
        ed = edition_code(edition)
        raise UnknownCodeError(
            f"{digits} is not an {EDITIONS[ed]} ({ed}) code (it is in {_edition_list(eds)})",
            field=field,
        )
    return digits


def describe(code: str) -> str | None:
    """The HS2022 description; for codes HS2022 dropped, say which editions had them.

    National codes (8-10 digits) are described by their 6-digit HS code. Returns ``None``
    for codes in no edition.
    """
    try:
        digits = normalise(code)
    except UnknownCodeError:
        return None
    entry = _index().get(digits[:6] if len(digits) > 6 else digits)
    if entry is None:
        return None
    eds, description = entry
    if description is not None:
        return description
    return f"not in HS2022; an HS code of {_edition_list(eds)}{_successors(digits[:6], eds)}"


def _successors(code: str, eds: frozenset[str]) -> str:
    """ "; in HS2022: 010121, 010130" for a 6-digit code HS2022 dropped ("" for 2/4 digits)."""
    from oresight.reference.concordance import convert  # lazy: concordance imports hs

    if len(code) != 6:
        return ""
    latest = [ed for ed in EDITIONS if ed in eds][-1]
    targets = [target for target, _ in convert(code, latest, "H6")]
    return f"; in HS2022: {', '.join(targets)}" if targets else ""
