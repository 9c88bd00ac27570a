"""Period labels of published figures: month, quarter, half-year, year, cumulative span.

Each label keeps its own kind; nothing is split into months.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from oresight.errors import InputError

_MONTH = re.compile(r"(\d{4})-(\d{2})")
# kind -> (pattern, months per part); the part number picks the first month.
_PATTERNS = {
    "month": (re.compile(r"^(\d{4})-(\d{2})$"), 1),
    "quarter": (re.compile(r"^(\d{4})-Q([1-4])$"), 3),
    "half": (re.compile(r"^(\d{4})-H([12])$"), 6),
    "year": (re.compile(r"^(\d{4})()$"), 12),
}


@dataclass(frozen=True)
class Period:
    """A parsed period: its kind and first and last day (None when the source gave no period)."""

    kind: str
    start: date | None
    end: date | None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(label: str | None) -> Period:
    """Parse 'YYYY', 'YYYY-MM', 'YYYY-Qn', 'YYYY-Hn', 'YYYY-MM/YYYY-MM', 'YYYY/YYYY' or ''."""
    text = (label or "").strip()
    if not text:
        return Period("unknown", None, None)
    for kind, (pattern, months) in _PATTERNS.items():
        match = pattern.match(text)
        if match:
            year, part = int(match.group(1)), int(match.group(2) or 1)
            if kind == "month" and not 1 <= part <= 12:
                break
            first = (part - 1) * months + 1
            return Period(kind, date(year, first, 1), _month_end(year, first + months - 1))
    if "/" in text:
        lo, hi = text.split("/", 1)
        if _MONTH.fullmatch(lo) and _MONTH.fullmatch(hi):
            y0, m0, y1, m1 = int(lo[:4]), int(lo[5:]), int(hi[:4]), int(hi[5:])
            return Period("span", date(y0, m0, 1), _month_end(y1, m1))
        if lo.isdigit() and hi.isdigit() and len(lo) == len(hi) == 4:
            return Period("span", date(int(lo), 1, 1), date(int(hi), 12, 31))
    raise InputError(f"unrecognised period {text!r}", field="period")


def shift_years(label: str, years: int) -> str:
    """The same period ``years`` later ('2014-H1', -1 -> '2013-H1'; spans shift both ends)."""
    return re.sub(r"\d{4}", lambda m: str(int(m.group(0)) + years), label)
