"""What :func:`oresight.monitor.diversion` returns: collapses, signals and the rows behind them."""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import pyarrow as pa
import pyarrow.csv as pacsv

SignalKind = Literal["unallocated_partner", "third_country", "mirror_gap", "unit_value"]

LEAD_NOT_PROOF = (
    "A diversion signal is a lead, not proof: a rise of other origins, unallocated partners, "
    "mirror gaps or unit-value shifts can have ordinary causes (prices, new mines, reporting "
    "changes). Check the rows behind each signal, shipping and company records before drawing "
    "any conclusion."
)


@dataclass(frozen=True)
class Window:
    """Monthly means over the covered months of one window (before or after the cut)."""

    first: str  # YYYY-MM
    last: str
    months_covered: int  # months the partner reported (a month without a report is missing)
    months_in_window: int
    value_usd: float | None  # mean per covered month
    tonnes: float | None
    unit_value: float | None  # USD/t, of rows that carry a weight


@dataclass(frozen=True)
class Collapse:
    """The target's exports of a product to a partner falling after ``cut``."""

    partner: str
    product: str  # the HS prefix (as asked, or the HS4 heading)
    cut: str  # first month after the fall (YYYY-MM)
    why_cut: str  # "asked (--around)", "measure: ..." or "detected"
    before: Window
    after: Window
    lost_usd_per_month: float
    explanation: str


@dataclass(frozen=True)
class RowRef:
    """One stored flow behind a signal."""

    batch_id: str
    source_record: str
    basis: str
    reporter: str
    period: str
    hs_code: str
    value_usd: float | None


@dataclass(frozen=True)
class Signal:
    """One lead: an origin whose trade with the partner moved when the target's fell."""

    kind: SignalKind
    partner: str
    product: str
    origin: str
    origin_name: str
    cut: str
    score: float  # 0..1, explained in ``explanation``
    explanation: str
    before: Window
    after: Window
    expected_after_usd: float | None = None  # (a)/(b): the origin's own trend
    detail: dict[str, Any] = field(default_factory=dict)
    rows: list[RowRef] = field(default_factory=list)
    rows_total: int = 0
    series: list[dict[str, Any]] = field(default_factory=list)  # month, origin/target USD

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DiversionResult:
    """Collapses of the target's exports and the diversion signals found around them."""

    country: str
    query: dict[str, Any]
    collapses: list[Collapse]
    signals: list[Signal]
    notes: list[str] = field(default_factory=list)
    caveat: str = LEAD_NOT_PROOF

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "query": self.query,
            "caveat": self.caveat,
            "collapses": [asdict(c) for c in self.collapses],
            "signals": [s.to_dict() for s in self.signals],
            "notes": self.notes,
        }

    def series_rows(self) -> list[dict[str, Any]]:
        """Every signal's before/after series, one row per signal and month (for CSV/charts);
        a month the partner did not report has empty values (missing, not zero)."""
        out = []
        for rank, s in enumerate(self.signals, 1):
            for point in s.series:
                out.append(
                    {
                        "rank": rank,
                        "kind": s.kind,
                        "partner": s.partner,
                        "product": s.product,
                        "origin": s.origin,
                        "cut": s.cut,
                        **point,
                    }
                )
        return out

    def to_csv(self) -> str:
        """The signals' series as CSV."""
        rows = self.series_rows()
        if not rows:
            return "rank,kind,partner,product,origin,cut,month,origin_usd,target_usd\n"
        buffer = io.BytesIO()
        pacsv.write_csv(pa.Table.from_pylist(rows), buffer)
        return buffer.getvalue().decode("utf-8")
