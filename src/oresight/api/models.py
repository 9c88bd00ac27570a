"""Response models: the OpenAPI document's description of every 200 the API returns.

Each model names the stable top-level fields of a pillar's JSON and allows extra ones
(``extra="allow"``): the pillars own their results and grow them (the monitor's coverage, say);
a new field is then served and documented as "more properties" rather than dropped or refused.
The flow model is generated from the store's Arrow schema, so it follows the store's columns.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field, create_model


class Open(BaseModel):
    """A pillar's JSON object: the named fields, plus whatever else the pillar adds."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


# --- meta ---


class Health(BaseModel):
    status: str = Field(description="'ok' while the process answers")
    version: str = Field(description="oresight's version")


class StoreState(Open):
    location: str = Field(description="Where the store is")
    backend: str
    version: str = Field(description="The store version the API reads (its content fingerprint)")


class ListState(Open):
    list: str = Field(description="The list, e.g. UN, OFAC")
    source: str = Field(description="The file it was read from")
    parties: int = Field(description="Listed parties read")
    date: str | None = Field(description="The list's date, from its file name, when it has one")


class Ready(BaseModel):
    status: str = Field(description="'ready' when the store and the lists are loaded")
    store: StoreState
    lists: list[ListState]
    names_indexed: int


# --- store ---


class Periods(Open):
    from_: str | dt.date | None = Field(alias="from")
    to: str | dt.date | None


class StoreInfo(Open):
    rows: int
    sources: dict[str, int]
    reporters: list[str]
    partners: list[str]
    periods: Periods
    batches: int
    location: str


def _python_type(kind: pa.DataType) -> Any:
    if pa.types.is_boolean(kind):
        return bool
    if pa.types.is_integer(kind):
        return int
    if pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        return float
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return list[Any]
    return str  # strings, and dates and timestamps as ISO text


@cache
def flow_model() -> type[BaseModel]:
    """One flow as the store holds it (every column of ``FLOWS_ARROW_SCHEMA``, nullable)."""
    from oresight.store import FLOWS_ARROW_SCHEMA

    fields: dict[str, Any] = {
        f.name: (_python_type(f.type) | None, None) for f in FLOWS_ARROW_SCHEMA
    }
    return create_model("Flow", __base__=Open, **fields)


@cache
def flows_model() -> type[BaseModel]:
    """``GET /flows``: how many flows, and the flows."""
    flow: Any = flow_model()
    return create_model("Flows", count=(int, ...), flows=(list[flow], ...))


# --- rules ---


class Measure(Open):
    id: str
    instrument: str
    paragraph: str
    citation: str
    verified: bool
    status: str
    effective_from: str


class Verdict(Open):
    regime: str
    status: str = Field(description="prohibited, capped, conditional, allowed...")
    verified: bool | None = Field(
        description="every deciding measure verified against its text; null when no measure "
        "decided (goods no measure of the regime reaches)"
    )
    measures: list[Measure]
    explanation: str


class RulesCheck(Open):
    origin: str
    hs_code: str
    date: str
    verdicts: list[Verdict]


class Span(Open):
    regime: str
    from_: str = Field(alias="from")
    to: str | None
    status: str
    instrument: str
    paragraph: str
    measure_id: str
    verified: bool


class Timeline(Open):
    hs_code: str
    spans: list[Span]


# --- screening ---


class Match(Open):
    list: str
    reference: str | None
    name: str
    matched_name: str
    score: float
    match: bool
    explanation: str


class ScreenResult(Open):
    query: str
    threshold: float
    lists: list[str]
    sources: list[str]
    matches: list[Match]


# --- offers ---


class Risk(Open):
    level: str
    reasons: list[str]


class Dossier(Open):
    conclusion: Any  # first: the one legal conclusion (offers.conclusion), then the evidence
    offer_id: str | None
    risk: Risk
    legality: Any
    counterparties: Any
    plausibility: Any
    valuation: Any
    assay: Any
    findings: list[Any]
    sources: dict[str, Any]


# --- monitor ---


class SeriesRow(Open):
    period: str | None = Field(description="The period label; none for a figure of unknown span")
    group: str | None
    partner: str | None
    source: str
    value_usd: float | None
    quantity: float | None
    quantity_unit: str | None
    yoy_pct: float | None
    citation: str | None


class Event(Open):
    kind: str
    period: str
    group: str | None
    partner: str
    source: str
    reason: str = Field(description="Why this is an event, in words")


class MonitorResponse(Open):
    """:meth:`oresight.monitor.MonitorResult.to_dict`: its top-level fields are stable; rows,
    events, sources and coverage keep any field the monitor adds."""

    country: str
    freq: str
    query: dict[str, Any]
    series: list[SeriesRow]
    events: list[Event]
    sources: list[dict[str, Any]]
    coverage: dict[str, Any]
    notes: list[str]


HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "A page"}
}


# --- watch ---


class WatchList(Open):
    count: int
    watches: list[Any]


class AlertList(Open):
    count: int
    alerts: list[Any]


# --- yente-compatible match ---


class MatchResponse(Open):
    """yente's ``/match`` answer: one result list per query id."""

    responses: dict[str, Any]


# --- diversion ---


class DiversionResponse(Open):
    """:meth:`oresight.monitor.DiversionResult.to_dict`: collapses, ranked signals, each with
    its explained score, before/after values and rows (fields the monitor adds are kept)."""
