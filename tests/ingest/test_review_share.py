"""Review findings: ``--max-reject-share`` outside [0, 1] is refused before anything is read."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from oresight.errors import InputError
from oresight.ingest import ingest_file
from oresight.store import Store

BACI = "t,i,j,k,v,q\n2022,408,156,270112,1234.5,10.25\n"


@pytest.mark.parametrize("share", [-0.1, 1.5, math.nan, math.inf])
def test_share_outside_zero_one_is_an_input_error(
    tmp_path: Path, store: Store, share: float
) -> None:
    path = tmp_path / "BACI_HS17_Y2022_V202401.csv"
    path.write_text(BACI, encoding="utf-8")
    with pytest.raises(InputError, match="max-reject-share"):
        ingest_file(store, path, kind="baci", max_reject_share=share)
    assert store.info()["rows"] == 0


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_share_bounds_are_allowed(tmp_path: Path, store: Store, share: float) -> None:
    path = tmp_path / "BACI_HS17_Y2022_V202401.csv"
    path.write_text(BACI, encoding="utf-8")
    assert ingest_file(store, path, kind="baci", max_reject_share=share).landed == 1
