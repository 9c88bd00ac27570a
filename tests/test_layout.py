"""House rules for the test tree that pytest itself reports only as a collection error."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_test_modules_outside_packages_have_unique_names() -> None:
    # pytest imports a test module of a folder without __init__.py by its bare name, so two
    # such `test_cli.py` files collide; give one folder an __init__.py or rename one module.
    bare = [
        path.name for path in TESTS.rglob("test_*.py") if not (path.parent / "__init__.py").exists()
    ]
    clashes = sorted(name for name, count in Counter(bare).items() if count > 1)
    assert not clashes, f"test modules with the same name outside packages: {clashes}"
