"""Settings of the diversion signals, read and checked from ``data/diversion.yaml``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from oresight.errors import InputError
from oresight.reference.countries import to_iso3

DATA = Path(__file__).parent / "data" / "diversion.yaml"


class DiversionSettings(BaseModel):
    """The thresholds (each documented with its reason in the YAML file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    window_months: int = Field(ge=3, le=36)
    trend_months: int = Field(ge=6, le=60)
    collapse_ratio: float = Field(gt=0, lt=1)
    min_before_months: int = Field(ge=1, le=36)
    min_before_share: float = Field(ge=0, le=1)
    min_after_months: int = Field(ge=1, le=36)
    min_offset_share: float = Field(gt=0, le=1)
    min_excess_sigma: float = Field(gt=0)
    noise_floor_share: float = Field(gt=0, le=1)
    mirror_gap_ratio: float = Field(gt=1)
    unit_value_shift: float = Field(gt=0, lt=10)
    max_rows_per_signal: int = Field(ge=1, le=10_000)
    unallocated_partners: tuple[str, ...]

    @field_validator("unallocated_partners")
    @classmethod
    def _known_codes(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(to_iso3(c) for c in codes)


def parse_settings(doc: Any, *, file: str) -> DiversionSettings:
    """Settings from the YAML document (every key a mapping with ``value`` and ``reason``)."""
    if not isinstance(doc, dict):
        raise InputError(f"{file}: expected a mapping of settings")
    values = {}
    for key, entry in doc.items():
        if not isinstance(entry, dict) or "value" not in entry or not entry.get("reason"):
            raise InputError(f"{file}: {key} needs a value and a reason", field=str(key))
        values[key] = entry["value"]
    try:
        return DiversionSettings(**values)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(f"{file}: {where}: {err['msg']}", field=where) from exc


@cache
def load_settings() -> DiversionSettings:
    """The shipped settings."""
    return parse_settings(yaml.safe_load(DATA.read_text("utf-8")), file=str(DATA))
