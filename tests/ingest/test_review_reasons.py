"""Review findings: a reject names the code as read, not only the 6 digits checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from oresight.ingest import ingest_file
from oresight.store import Store


def test_national_code_with_unknown_hs6_is_named_in_full(
    write_v1: Callable[..., Path], v1: Callable[..., str], store: Store
) -> None:
    path = write_v1([v1(), v1(hs="99887766")])
    result = ingest_file(store, path, kind="comtrade", max_reject_share=1.0)
    (reject,) = result.first_rejects
    assert (reject["line"], reject["field"]) == (3, "cmdCode")
    assert "'99887766'" in reject["reason"]
