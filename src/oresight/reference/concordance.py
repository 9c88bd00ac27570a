"""HS edition concordances: convert a 6-digit code between HS1992 and HS2022.

Built from the shipped snapshot ``data/trade/concordance.parquet``: the UNSD correlation
tables between adjacent editions (HS1996-HS1992 ... HS2022-HS2017), one row per linked
pair, ``relationship`` read newer:older as UNSD publishes it ("n:1" = several new codes
came from one old code). :func:`convert` chains adjacent tables to reach any edition.

Between adjacent editions the relationship is UNSD's published one. Across several
editions it is computed for each (source, target) pair with the rule UNSD's HS2017 and
HS2022 tables follow exactly: the from side is "n" when several from-edition codes reach
that target, the to side is "n" when the source reaches several targets. (The older UNSD
tables apply it less consistently: 1-3% of their rows differ.)
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from oresight.errors import UnknownCodeError
from oresight.reference.hs import EDITIONS, edition_code, require_hs_code

if TYPE_CHECKING:
    import pyarrow as pa

DATA = Path(__file__).parent / "data" / "trade"
_ORDER = list(EDITIONS)  # H0 .. H6, oldest first
Links = dict[str, frozenset[str]]
Step = tuple[str, str]


@lru_cache(maxsize=1)
def concordance_table() -> pa.Table:
    """new_edition, new_code, old_edition, old_code, relationship, published.

    Adjacent editions only; ``relationship`` reads newer:older; ``published`` is false for
    the few identity links oresight adds where UNSD's table omits a code both editions have.
    """
    import pyarrow.parquet as pq  # imported lazily: keeps `import oresight` fast

    return pq.read_table(DATA / "concordance.parquet")


_FLIP = {"1:1": "1:1", "1:n": "n:1", "n:1": "1:n", "n:n": "n:n"}


@lru_cache(maxsize=1)
def _published() -> dict[tuple[str, str], dict[str, dict[str, str]]]:
    """(from edition, to edition) -> code -> {linked code: relationship read from:to}."""
    raw: dict[tuple[str, str], dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    table = concordance_table().to_pydict()
    for new_ed, new, old_ed, old, rel in zip(
        table["new_edition"],
        table["new_code"],
        table["old_edition"],
        table["old_code"],
        table["relationship"],
        strict=True,
    ):
        raw[(new_ed, old_ed)][new][old] = rel
        raw[(old_ed, new_ed)][old][new] = _FLIP[rel]
    return {pair: dict(links) for pair, links in raw.items()}


@lru_cache(maxsize=1)
def _steps() -> dict[tuple[str, str], Links]:
    """(from edition, to edition) -> code -> linked codes, both directions, adjacent only."""
    return {
        pair: {code: frozenset(targets) for code, targets in links.items()}
        for pair, links in _published().items()
    }


def _path(from_ed: str, to_ed: str) -> list[Step]:
    """The adjacent steps from one edition to another (forwards or backwards in time)."""
    i, j = _ORDER.index(from_ed), _ORDER.index(to_ed)
    step = 1 if j > i else -1
    return [(_ORDER[k], _ORDER[k + step]) for k in range(i, j, step)]


def _image(codes: frozenset[str], path: list[Step]) -> frozenset[str]:
    """All codes reached from ``codes`` along ``path``."""
    steps = _steps()
    for pair in path:
        links = steps[pair]
        codes = frozenset(t for c in codes for t in links.get(c, ()))
    return codes


def _relationship(source: str, target: str, targets: frozenset[str], back: list[Step]) -> str:
    """UNSD's rule for one linked pair: "n" on the from side when several from-edition codes
    reach ``target``, "n" on the to side when ``source`` reaches several codes."""
    left = "n" if len(_image(frozenset({target}), back)) > 1 else "1"
    right = "n" if len(targets) > 1 else "1"
    return f"{left}:{right}"


def convert(code: str, from_edition: str, to_edition: str) -> list[tuple[str, str]]:
    """The ``to_edition`` codes of a 6-digit ``from_edition`` code, each with the relationship.

    Relationships read from:to ("1:n" = the code was split). National codes (8-10 digits)
    are converted by their 6-digit prefix. Raises :class:`UnknownCodeError` when the code is
    not in ``from_edition``; returns ``[]`` when UNSD's tables link it to nothing (a few
    codes are missing from one table, e.g. 291636 in HS2012-HS2007).
    """
    from_ed, to_ed = edition_code(from_edition), edition_code(to_edition)
    digits = require_hs_code(code, edition=from_ed)
    if len(digits) < 6:
        raise UnknownCodeError(
            f"{digits}: only 6-digit codes can be converted between HS editions "
            "(concordances are published at 6 digits)"
        )
    source = digits[:6]
    if from_ed == to_ed:
        return [(source, "1:1")]
    path = _path(from_ed, to_ed)
    if len(path) == 1:  # adjacent editions: UNSD's published relationships
        return sorted(_published()[path[0]].get(source, {}).items())
    back = [(b, a) for a, b in reversed(path)]
    targets = _image(frozenset({source}), path)
    return [(t, _relationship(source, t, targets, back)) for t in sorted(targets)]
