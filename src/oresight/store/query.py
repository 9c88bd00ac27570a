"""Reading flows back: one filter used by the CLI, the Python API and every backend."""

from __future__ import annotations

from typing import Any, Literal

import ibis

from oresight.errors import InputError
from oresight.store.schema import FLOW_KINDS

Kind = Literal["arrow", "pandas", "polars"]


def filter_flows(
    flows: ibis.Table,
    *,
    reporter: str | None = None,
    partner: str | None = None,
    hs: str | list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    flow: str | None = None,
    freq: str | None = None,
) -> ibis.Table:
    """Filter flows; ``hs`` codes are prefixes ("2701" matches 270111, 270112, ...).

    ``start``/``end`` are periods ("2014", "2014-01"). A row is in when its first day lies
    from the first day of ``start`` through the last day of ``end``: an annual row for 2014
    lies within 2014-01..2014-06, and ``end="2014"`` keeps every month of 2014.
    """
    t = flows
    if reporter:
        t = t.filter(t.reporter_iso3 == _iso3(reporter, "reporter"))
    if partner:
        t = t.filter(t.partner_iso3 == _iso3(partner, "partner"))
    if flow:
        if flow not in FLOW_KINDS:  # a typo would otherwise answer "no flows"
            raise InputError(f"flow {flow!r} is not one of {', '.join(FLOW_KINDS)}", field="flow")
        t = t.filter(t.flow == flow)
    if freq:
        t = t.filter(t.freq == freq.upper())
    if hs:
        prefixes = [hs] if isinstance(hs, str) else list(hs)
        codes = [p.replace(".", "").strip() for c in prefixes for p in c.split(",") if p.strip()]
        bad = [c for c in codes if not (c.isdigit() or c == "TOTAL")]
        if bad or not codes:
            raise InputError(
                f"HS prefix {', '.join(map(repr, bad)) or repr(hs)} is not digits "
                "(e.g. 27, 2701, 270112)",
                field="hs",
            )
        t = t.filter(ibis.or_(*(t.hs_code.startswith(c) for c in codes)))
    first = _bounds(start)[0] if start else None
    after = _bounds(end)[1] if end else None
    if first and after and after <= first:
        raise InputError(f"period range {start!r}..{end!r}: the end is before the start")
    if first:
        t = t.filter(t.period_start >= ibis.date(*first, 1))
    if after:  # strictly before the first day after ``end``: "2014" covers 2014-12
        t = t.filter(t.period_start < ibis.date(*after, 1))
    return t.order_by(["period", "reporter_iso3", "partner_iso3", "flow", "hs_code"])


def _iso3(code: str, field: str) -> str:
    """ISO3 of a reporter/partner given as ISO3, ISO2, M49 or Comtrade code ("CHN", "156")."""
    from oresight.reference.countries import to_iso3

    try:
        return to_iso3(code.strip())
    except InputError as exc:
        raise InputError(str(exc), field=field) from exc


def _bounds(period: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """(year, month) of the period's first month and of the month after its last."""
    parts = period.strip().split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        if len(parts) > 2:
            raise ValueError(period)
    except ValueError as exc:
        raise InputError(f"period {period!r} is not YYYY or YYYY-MM", field="period") from exc
    if month is not None and not 1 <= month <= 12:
        raise InputError(f"period {period!r} has no month {parts[1]}", field="period")
    if month is None:
        return (year, 1), (year + 1, 1)
    return (year, month), (year + month // 12, month % 12 + 1)


def to(expr: ibis.Table, kind: Kind = "arrow") -> Any:
    """Execute ``expr`` into an Arrow table, a pandas DataFrame or a Polars DataFrame."""
    if kind == "arrow":
        return expr.to_pyarrow()
    if kind == "pandas":
        return expr.to_pandas()
    if kind == "polars":
        return expr.to_polars()
    raise InputError(f"unknown result kind {kind!r}: use arrow, pandas or polars")
