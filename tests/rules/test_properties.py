"""Property tests: verdicts only change at measure boundaries; longer HS codes are never less
restricted than their prefixes (severity: allowed < secondary_risk < capped < conditional <
prohibited)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from oresight.reference.hs import is_hs_code
from oresight.rules import SEVERITY, boundaries, check, load_rules

BOUNDARIES = [date(1950, 1, 1), *boundaries(), date(2030, 12, 31)]
# HS codes the measures name, and their extensions, so the properties exercise real rules.
PREFIXES = sorted({p for m in load_rules().measures for p in m.hs if p != "*"})
SIX_DIGIT = ["270111", "271000", "260111", "030614", "620311", "251990", "711021", "284690",
             "071239", "080290", "121120", "220300", "090210", "670419", "970300",
             "710813"]  # fmt: skip
origins = st.sampled_from(["PRK", "RUS", "CHN"])
shipped = st.sampled_from([None, "PRK"])


@st.composite
def same_interval(draw: st.DrawFn) -> tuple[date, date]:
    """Two dates with no measure boundary strictly after the first and up to the second."""
    i = draw(st.integers(0, len(BOUNDARIES) - 2))
    lo, hi = BOUNDARIES[i], BOUNDARIES[i + 1] - timedelta(days=1)
    span = (hi - lo).days
    a, b = sorted(draw(st.integers(0, span)) for _ in range(2))
    return lo + timedelta(days=a), lo + timedelta(days=b)


@settings(max_examples=200, deadline=None)
@given(
    dates=same_interval(),
    hs=st.sampled_from(PREFIXES + SIX_DIGIT),
    origin=origins,
    via=shipped,
)
def test_verdict_constant_between_boundaries(
    dates: tuple[date, date], hs: str, origin: str, via: str | None
) -> None:
    first, second = (check(origin, hs, d, shipped_from=via) for d in dates)
    assert [(v.regime, v.status) for v in first.verdicts] == [
        (v.regime, v.status) for v in second.verdicts
    ]


@settings(max_examples=200, deadline=None)
@given(
    code=st.sampled_from(SIX_DIGIT + [p for p in PREFIXES if len(p) == 6]),
    cut=st.sampled_from([2, 4]),
    day=st.dates(date(2005, 1, 1), date(2026, 12, 31)),
    origin=origins,
    via=shipped,
)
def test_longer_code_never_less_restricted(
    code: str, cut: int, day: date, origin: str, via: str | None
) -> None:
    prefix = code[:cut]
    if not is_hs_code(prefix):
        return
    longer = check(origin, code, day, shipped_from=via)
    shorter = check(origin, prefix, day, shipped_from=via)
    for long_v, short_v in zip(longer.verdicts, shorter.verdicts, strict=True):
        assert SEVERITY[long_v.status] >= SEVERITY[short_v.status], (long_v, short_v)
