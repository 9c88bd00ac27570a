"""Commodity groups as data: longest-prefix classification, name mapping, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from oresight.errors import InputError, UnknownCodeError
from oresight.reference.groups import load_groups


def test_required_groups_are_defined() -> None:
    groups = load_groups()
    for key, prefix in [
        ("coal", "2701"),
        ("iron_ore", "2601"),
        ("rare_earths", "280530"),
        ("rare_earths", "2846"),
        ("pgm", "7110"),
        ("precious_metal_ores", "2616"),
        ("gold", "7108"),
        ("zinc_ores", "2608"),
        ("lead_ores", "2607"),
        ("other_ores", "26"),
        ("magnesia", "2519"),
        ("textiles", "50"),
        ("textiles", "63"),
        ("seafood", "03"),
        ("seafood", "1604"),
        ("seafood", "1605"),
        ("electricity", "2716"),
    ]:
        assert prefix in groups.get(key).hs, key
    assert set(groups.get("natural_resources").hs) == {"25", "26", "27", "71"}


def test_longest_prefix_wins() -> None:
    groups = load_groups()
    assert groups.classify("260111") == "iron_ore"
    assert groups.classify("261790") == "other_ores"
    assert groups.classify("284690") == "rare_earths"
    assert groups.classify("711031") == "pgm"
    assert groups.classify("720221") == "ferroalloys"
    assert groups.classify("720810") == "iron_steel"
    assert groups.classify("847130") == "other"


def test_published_names_map_explicitly() -> None:
    groups = load_groups()
    assert groups.for_name("Anthracite") == "coal"
    assert groups.for_name("rare earth elements") == "rare_earths"
    assert groups.for_name("iron ore") == "iron_ore"
    assert groups.for_name("mineral resources") is None  # listed, fits no group
    with pytest.raises(UnknownCodeError, match="not mapped"):
        groups.for_name("unobtainium")
    with pytest.raises(UnknownCodeError, match="unknown commodity group"):
        groups.get("nope")


def test_bad_prefix_is_rejected_with_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "groups.yaml"
    path.write_text("groups:\n  x:\n    name: X\n    hs: ['2799']\n")
    with pytest.raises(InputError, match=r"groups\.x\.hs"):
        load_groups(path)


def test_user_copy_replaces_shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("groups:\n  coal:\n    hs: ['2701']\nnames:\n  anthracite: coal\n")
    monkeypatch.setenv("ORESIGHT_GROUPS", str(path))
    groups = load_groups()
    assert list(groups.groups) == ["coal"]
