"""What a watch is (a saved Comtrade selection) and what it raises (an alert)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from oresight.ingest.comtrade_plan import FREQS, ComtradeQuery, parse_years
from oresight.ingest.comtrade_query import build_query
from oresight.reference.countries import to_iso3, to_m49

AlertKind = Literal["new_flows", "revised_flow", "removed_flows", "new_event"]
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"


class Watch(BaseModel):
    """A selection to refetch and compare: reporter, partner, HS codes or a group, years."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=NAME_PATTERN)
    reporter: str
    partner: str
    hs: tuple[str, ...] = ()  # HS codes; empty with no group means every HS6 code ("AG6")
    group: str | None = None  # a key of the commodity groups table (its HS prefixes)
    freq: str = "M"
    years: str  # as typed: "2017-2026"
    flow: str = "M"  # Comtrade flow codes as reported by the reporter (M: its imports)

    @field_validator("reporter", "partner")
    @classmethod
    def _country(cls, value: str) -> str:
        return to_iso3(value.strip())

    @field_validator("freq")
    @classmethod
    def _freq(cls, value: str) -> str:
        if value.upper() not in FREQS:
            raise ValueError(f"freq must be A or M, not {value!r}")
        return value.upper()

    @field_validator("years")
    @classmethod
    def _years(cls, value: str) -> str:
        parse_years(value)  # ValueError names the bad part
        return value.replace(" ", "")

    @model_validator(mode="after")
    def _one_selection(self) -> Watch:
        if self.hs and self.group:
            raise ValueError("give hs codes or a group, not both")
        self.query()  # HS codes and flows checked here, as a fetch would
        return self

    def hs_codes(self) -> tuple[str, ...]:
        """The HS codes to fetch: the watch's own, its group's prefixes, or none (all HS6)."""
        if self.group:
            from oresight.reference.groups import load_groups

            return load_groups().get(self.group).hs
        return self.hs

    def query(self, only_periods: tuple[str, ...] = ()) -> ComtradeQuery:
        """The Comtrade query of this watch (``only_periods``: just those of its periods)."""
        codes = self.hs_codes()
        query = build_query(
            self.reporter,
            self.partner,
            self.years,
            freq=self.freq,
            hs=",".join(codes) or None,
            flows=self.flow,
        )
        return ComtradeQuery(**{**query.__dict__, "only_periods": only_periods})

    def periods(self) -> list[str]:
        return self.query().periods()

    def covers(self, key: dict[str, Any]) -> bool:
        """Whether a flow (its key columns, with the row's own columns beside) is inside this
        watch. Countries are matched by ISO3 where the row has it, else by M49 code."""
        for side, iso3 in (("reporter", self.reporter), ("partner", self.partner)):
            if not _same_country(key, side, iso3):
                return False
        if key.get("freq") not in (None, self.freq):
            return False
        year = str(key.get("period") or "")[:4]
        if not year.isdigit() or int(year) not in parse_years(self.years):
            return False
        codes = self.hs_codes()
        hs_code = str(key.get("hs_code") or "")
        return not codes or any(hs_code.startswith(code) for code in codes)


def _same_country(fields: dict[str, Any], side: str, iso3: str) -> bool:
    if fields.get(f"{side}_iso3") is not None:
        return bool(fields[f"{side}_iso3"] == iso3)
    if fields.get(f"{side}_m49") is not None:
        return int(fields[f"{side}_m49"]) == to_m49(iso3)
    return False


@dataclass(frozen=True)
class FlowRef:
    """A flow behind an alert: where the row came from (batch and source record)."""

    batch_id: str | None
    source_record: str | None
    version: str  # "old" or "new": which side of the difference


@dataclass(frozen=True)
class Alert:
    """Something new in the store for one watch, with the flows behind it and why."""

    watch: str
    kind: AlertKind
    reason: str  # one line
    period: str | None
    flows: tuple[FlowRef, ...]
    versions: tuple[int, int]  # the store versions compared (old, new)
    detail: dict[str, Any] = field(default_factory=dict)  # key, old/new value, event ...

    @property
    def id(self) -> str:
        """Stable identity: the same change seen twice is the same alert (never sent twice)."""
        ident = {
            "watch": self.watch,
            "kind": self.kind,
            "period": self.period,
            "flows": [asdict(ref) for ref in self.flows],
            "detail": self.detail,
        }
        text = json.dumps(ident, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:20]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "watch": self.watch,
            "kind": self.kind,
            "reason": self.reason,
            "period": self.period,
            "flows": [asdict(ref) for ref in self.flows],
            "versions": list(self.versions),
            "detail": self.detail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        return cls(
            watch=data["watch"],
            kind=data["kind"],
            reason=data["reason"],
            period=data.get("period"),
            flows=tuple(FlowRef(**ref) for ref in data.get("flows", [])),
            versions=(int(data["versions"][0]), int(data["versions"][1])),
            detail=dict(data.get("detail") or {}),
        )
