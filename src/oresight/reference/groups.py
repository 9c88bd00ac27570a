"""Commodity groups: named sets of HS prefixes, read from YAML that users may edit.

The shipped table is ``data/groups.yaml`` (it documents the rules and the "natural resources"
definition). ``$ORESIGHT_GROUPS`` or ``$ORESIGHT_HOME/groups.yaml`` replaces it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from oresight.errors import InputError, UnknownCodeError
from oresight.reference import hs
from oresight.settings import get_settings

SHIPPED = Path(__file__).parent / "data" / "groups.yaml"
KINDS = ("primary", "aggregate")
OTHER = "other"  # HS codes that no primary group claims
TOTAL = "total"


@dataclass(frozen=True)
class Group:
    """One commodity group: a key, a plain name, HS prefixes and a note saying what it holds."""

    key: str
    name: str
    kind: str
    hs: tuple[str, ...]
    note: str = ""
    national: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def matches(self, hs_code: str) -> bool:
        """True when ``hs_code`` starts with one of this group's prefixes."""
        return any(hs_code.startswith(prefix) for prefix in self.hs)


@dataclass(frozen=True)
class Groups:
    """The loaded table: groups by key, published commodity names mapped to group keys."""

    groups: dict[str, Group]
    names: dict[str, str | None]
    path: str

    @property
    def primary(self) -> list[Group]:
        return [g for g in self.groups.values() if g.kind == "primary"]

    @property
    def aggregates(self) -> list[Group]:
        return [g for g in self.groups.values() if g.kind == "aggregate"]

    def get(self, key: str) -> Group:
        """The group called ``key``; UnknownCodeError lists the known keys otherwise."""
        if key == OTHER:
            return Group(OTHER, "Other goods", "primary", (), "HS codes in no primary group.")
        try:
            return self.groups[key]
        except KeyError:
            known = ", ".join(sorted(self.groups))
            raise UnknownCodeError(
                f"unknown commodity group {key!r} (known: {known}; edit {self.path} to add one)",
                field="group",
            ) from None

    def classify(self, hs_code: str) -> str:
        """The primary group of ``hs_code``: the longest matching prefix wins, else 'other'."""
        best, best_len = OTHER, -1
        for group in self.primary:
            for prefix in group.hs:
                if hs_code.startswith(prefix) and len(prefix) > best_len:
                    best, best_len = group.key, len(prefix)
        return best

    def prefix_table(self) -> list[tuple[str, str]]:
        """(prefix, primary group) pairs, longest prefix first: the order classification uses."""
        pairs = [(p, g.key) for g in self.primary for p in g.hs]
        return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0]))

    def for_name(self, commodity: str) -> str | None:
        """The group of a published commodity name (None: listed as fitting no group)."""
        key = commodity.strip().lower()
        if key not in self.names:
            raise UnknownCodeError(
                f"published commodity name {commodity!r} is not mapped to a group "
                f"(add it under 'names' in {self.path})",
                field="commodity",
            )
        return self.names[key]


def groups_path() -> Path:
    """The groups file: $ORESIGHT_GROUPS, else $ORESIGHT_HOME/groups.yaml, else the shipped one."""
    settings = get_settings()
    if settings.groups_file:
        return settings.groups_file
    user = settings.home / "groups.yaml"
    return user if user.exists() else SHIPPED


def load_groups(path: Path | str | None = None) -> Groups:
    """Load and validate the groups table (cached per path)."""
    return _load(str(Path(path) if path is not None else groups_path()))


@functools.lru_cache(maxsize=8)
def _load(path: str) -> Groups:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read commodity groups: {exc}", file=path) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("groups"), dict):
        raise InputError("expected a mapping with a 'groups' mapping", file=path)
    groups = {key: _group(key, spec, path) for key, spec in raw["groups"].items()}
    names: dict[str, str | None] = {}
    for name, key in (raw.get("names") or {}).items():
        if key is not None and key not in groups:
            raise InputError(f"name {name!r} maps to unknown group {key!r}", file=path)
        names[str(name).strip().lower()] = key
    return Groups(groups=groups, names=names, path=path)


def _group(key: str, spec: Any, path: str) -> Group:
    where = f"groups.{key}"
    if not isinstance(spec, dict):
        raise InputError("each group must be a mapping", file=path, field=where)
    kind = spec.get("kind", "primary")
    if kind not in KINDS:
        raise InputError(f"kind must be one of {KINDS}, not {kind!r}", file=path, field=where)
    prefixes = tuple(str(p) for p in spec.get("hs") or ())
    for prefix in prefixes:
        if prefix and not hs.is_hs_code(prefix):
            raise InputError(f"{prefix!r} is not an HS code", file=path, field=f"{where}.hs")
    national = {str(k): tuple(str(c) for c in v) for k, v in (spec.get("national") or {}).items()}
    return Group(
        key=key,
        name=str(spec.get("name") or key),
        kind=kind,
        hs=prefixes,
        note=str(spec.get("note") or ""),
        national=national,
    )
