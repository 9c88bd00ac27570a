"""Series frequencies (month, quarter, half-year, year) and the --from/--to window."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from oresight.errors import InputError

# freq -> (periods per year, months per period, period kind name)
FREQS: dict[str, tuple[int, int, str]] = {
    "M": (12, 1, "month"),
    "Q": (4, 3, "quarter"),
    "H": (2, 6, "half"),
    "Y": (1, 12, "year"),
}


def require_freq(freq: str) -> str:
    """Normalise 'm'/'M' etc.; InputError for anything else."""
    code = (freq or "").strip().upper()
    if code == "A":
        code = "Y"
    if code not in FREQS:
        raise InputError(f"unknown frequency {freq!r} (expected M, Q, H or Y)", field="freq")
    return code


def per_year(freq: str) -> int:
    return FREQS[freq][0]


def kind_of(freq: str) -> str:
    return FREQS[freq][2]


def index_of(freq: str, year: int, month: int) -> int:
    """A running period number: consecutive periods differ by one."""
    per, months, _ = FREQS[freq]
    return year * per + (month - 1) // months


def label_of(freq: str, index: int) -> str:
    """'2014-05', '2014-Q2', '2014-H1' or '2014' for a running period number."""
    per = per_year(freq)
    year, part = divmod(index, per)
    return {
        "M": f"{year}-{part + 1:02d}",
        "Q": f"{year}-Q{part + 1}",
        "H": f"{year}-H{part + 1}",
    }.get(freq, str(year))


def start_of(freq: str, index: int) -> date:
    """First day of a period."""
    per, months, _ = FREQS[freq]
    year, part = divmod(index, per)
    return date(year, part * months + 1, 1)


@dataclass(frozen=True)
class Window:
    """Inclusive month window [start, end]; None on a side means open."""

    start: date | None
    end: date | None  # first day of the last month

    def contains(self, first: date | None, last: date | None) -> bool:
        """True when the span [first, last] lies inside the window."""
        if first is None or last is None:
            return self.start is None and self.end is None
        if self.start and first < self.start:
            return False
        return not (self.end and date(last.year, last.month, 1) > self.end)


def parse_window(start: str | None, end: str | None) -> Window:
    """--from/--to as YYYY or YYYY-MM ('2014' from = 2014-01, to = 2014-12)."""
    lo = _month(start, first=True, name="from") if start else None
    hi = _month(end, first=False, name="to") if end else None
    if lo and hi and lo > hi:
        raise InputError(f"--from {start} is after --to {end}", field="from")
    return Window(lo, hi)


def _month(text: str, *, first: bool, name: str) -> date:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", text.strip())
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        raise InputError(f"{text!r} is not YYYY or YYYY-MM", field=name)
    month = int(match.group(2)) if match.group(2) else (1 if first else 12)
    return date(int(match.group(1)), month, 1)
