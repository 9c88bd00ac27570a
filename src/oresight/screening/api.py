"""``screen``: the screening pillar's public function, and which lists it reads.

Lists, in order of preference: the ``lists`` argument; ``$ORESIGHT_SCREENING_LISTS``
(paths separated by ``os.pathsep``); lists downloaded by ``oresight lists update`` into
``$ORESIGHT_HOME/lists``; otherwise the DPRK snapshot shipped with the package.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from oresight.errors import InputError, UnknownCodeError
from oresight.screening.features import Query
from oresight.screening.index import Screener
from oresight.screening.loaders import SNAPSHOT, load_paths
from oresight.screening.loaders.common import country_iso3
from oresight.screening.loaders.snapshot import snapshot_provenance
from oresight.screening.model import ENTITY_TYPES, TYPE_ALIASES
from oresight.screening.names import prepare
from oresight.screening.results import Match, ScreenResult
from oresight.screening.update import manifest_paths
from oresight.screening.variants import Variant, query_variants
from oresight.screening.vocab import vocabulary
from oresight.settings import get_settings

# A listed party is reported as a match at or above this score. Chosen on the labelled
# evaluation set (tests/data/screening/eval_cases.csv): see BENCHMARKS.md, Screening.
DEFAULT_THRESHOLD = 0.7


def downloaded_lists_dir() -> Path:
    """Where ``oresight lists update`` puts the lists it downloads."""
    return get_settings().home / "lists"


def default_list_paths() -> tuple[Path, ...]:
    """The list files screened against when none are given (see the module docstring)."""
    from_env = get_settings().screening_lists
    if from_env:
        return from_env
    downloaded = downloaded_lists_dir()
    if (downloaded / "manifest.json").is_file():
        return manifest_paths(downloaded)
    return (SNAPSHOT,)


@lru_cache(maxsize=4)
def _cached_screener(paths: tuple[Path, ...]) -> Screener:
    return Screener(load_paths(paths))


def get_screener(lists: Sequence[Path | str] | None = None) -> Screener:
    """A screener over the given list files (cached per process), or over the defaults."""
    paths = tuple(Path(p).resolve() for p in lists) if lists else default_list_paths()
    return _cached_screener(paths)


def describe_lists(lists: Sequence[Path | str] | None = None) -> dict[str, Any]:
    """The files screened against, parties per list file, names indexed, snapshot provenance."""
    paths = tuple(Path(p).resolve() for p in lists) if lists else default_list_paths()
    engine = _cached_screener(paths)
    parties = Counter(f"{e.list}: {e.source}" for e in engine.entities)
    info: dict[str, Any] = {
        "files": [str(p) for p in paths],
        "parties": dict(sorted(parties.items())),
        "names": len(engine.forms),
    }
    if SNAPSHOT in paths:
        info["provenance"] = snapshot_provenance()
    return info


def make_query(name: str, type: str | None, country: str | None, birth_year: int | None) -> Query:
    """Validate the qualifiers and prepare the name."""
    if not name or not name.strip():
        raise InputError("the name to screen is empty", field="name")
    if type is not None:
        type = TYPE_ALIASES.get(type.lower(), type.lower())
    if type is not None and type not in ENTITY_TYPES:
        raise InputError(
            f"type must be one of {', '.join(ENTITY_TYPES)}, not {type!r}", field="type"
        )
    iso3 = None
    if country:
        iso3 = country_iso3(country)
        if iso3 is None:
            raise UnknownCodeError(f"unknown country {country!r}", field="country")
    form = prepare(name)
    if not form.tokens:
        raise InputError(f"the name {name!r} has no letters or digits to compare", field="name")
    implied = vocabulary().implied_type(form.tokens) if type is None else None
    return Query(form=form, type=type or implied, country=iso3, birth_year=birth_year)


def _merge(matches: list[Match], more: list[Match], variant: Variant, limit: int) -> list[Match]:
    """Each party's best match over the readings of a query; ties keep the earlier reading."""
    best = {m.entity_id: m for m in matches}
    for m in more:
        if m.entity_id not in best or m.score > best[m.entity_id].score:
            m.explanation = f"as {variant.text!r} ({variant.reason}): {m.explanation}"
            best[m.entity_id] = m
    return sorted(best.values(), key=lambda m: (-m.score, m.entity_id))[:limit]


def screen(
    name: str,
    *,
    type: str | None = None,
    country: str | None = None,
    birth_year: int | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 10,
    lists: Sequence[Path | str] | None = None,
    screener: Screener | None = None,
) -> ScreenResult:
    """Screen one name against sanctions lists; matches best first, each explained.

    >>> screen("KOMID").matches[0].reference
    'KPe.001'
    """
    if limit < 1:  # 0 would answer "no candidates" for a listed name
        raise InputError(f"must be at least 1, not {limit}", field="limit")
    query = make_query(name, type, country, birth_year)
    engine = screener or get_screener(lists)
    matches, compared = engine.search(query, threshold, limit)
    for variant in query_variants(name)[1:]:
        form = prepare(variant.text)
        if form.tokens:
            typed = variant.type or query.type
            more, n = engine.search(replace(query, form=form, type=typed), threshold, limit)
            compared += n
            matches = _merge(matches, more, variant, limit)
    return ScreenResult(
        query=name,
        threshold=threshold,
        matches=matches,
        lists=engine.lists,
        sources=engine.sources,
        normalised=" ".join(query.form.tokens),
        candidates=compared,
    )
