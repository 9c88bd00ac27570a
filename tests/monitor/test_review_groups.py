"""Review of the shipped commodity groups: longest-prefix assignment of the issue's codes."""

from __future__ import annotations

import pytest

from oresight.reference.groups import load_groups


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("280530", "rare_earths"),
        ("280519", "other"),  # other alkali/alkaline-earth metals, not rare earths
        ("284690", "rare_earths"),
        ("711011", "pgm"),
        ("711049", "pgm"),
        ("711100", "other"),  # metals clad with platinum: not 7110
        ("261690", "precious_metal_ores"),
        ("260111", "iron_ore"),
        ("261400", "other_ores"),
        ("260700", "lead_ores"),
        ("260800", "zinc_ores"),
        ("251990", "magnesia"),
        ("270112", "coal"),
        ("271600", "electricity"),
        ("160510", "seafood"),
        ("630900", "textiles"),
        ("710812", "gold"),
    ],
)
def test_primary_group_is_the_longest_prefix(code: str, group: str) -> None:
    assert load_groups().classify(code) == group


def test_natural_resources_is_an_aggregate_of_chapters_25_to_27_and_71() -> None:
    groups = load_groups()
    natural = groups.get("natural_resources")
    assert natural.kind == "aggregate"
    assert set(natural.hs) == {"25", "26", "27", "71"}
    assert "natural_resources" not in {g.key for g in groups.primary}
