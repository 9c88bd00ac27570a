"""Trade questions, answered once: who exported what to whom, as each side reported it.

A country's exports are seen two ways: as its partners report them (their imports from it, the
*mirror*, valued CIF by the importer; BACI rows are stored this way too, see
``oresight.ingest.baci``), and as it reports them itself (its exports, FOB). Every pillar that
asks "what did X export" (the monitor, diversion, the offer checks, the rules' flow flags and
cap usage) reads :func:`flows_between` or one of its two shorthands, so the answer, and the
choice between overlapping sources, is written here and nowhere else.

Precedence (``PRECEDENCE``). Several sources may hold the same flow: the same reporter's report
of the same direction, counterpart, HS6 code and year, downloaded from the Comtrade API and as
a Comtrade CSV, monthly and annual, or reconciled by BACI. Such rows are never summed: for each
flow ``(basis, reporter, counterpart, hs_code, year)`` only the rows of the best-ranked source
are kept:

1. Comtrade monthly (``comtrade-*`` sources, freq ``M``): the finest data, and the only one a
   monthly series can use; a year built from it carries its month coverage (the monitor labels
   2 of 12 months as partial, never as a year's total).
2. Comtrade annual (freq ``A``).
3. BACI (annual, reconciled, FOB): used only for flows no Comtrade report holds.
4. Any other source, monthly before annual.

Within one rank, sources are taken in name order (``comtrade-api`` before ``comtrade-csv``):
one source per flow, so two downloads of the same report are never added up (the store's flow
identity removes exact repeats; this removes the rest).

HS editions. A reporter's rows for one period may exist in two HS editions (as reported and as
converted). Per ``(basis, reporter, source, period)`` only the latest edition present is kept
(Comtrade's names sort by age: H0 < H1 < ... < H6), so a code renamed between editions is not
counted twice.

Everything is one pure Ibis expression over ``store.flows`` (window functions, no raw SQL), so
it runs on DuckDB and on Spark alike. The ranking windows run only over the rows of the asked
country (after its filter), so their cost is that of the answer, not of the store.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

# Partner codes that are totals, not a counterpart: an own report "to World" repeats the sum.
# Comtrade's unallocated areas ("Other Asia, nes" S19, "Areas, nes" XAN...) are kept: they are
# real counterparts whose identity the reporter withheld (see oresight.monitor.diversion).
TOTAL_PARTNERS = ("WLD", "_X", "X1", "XX")

# (rank, description): the documented order; ``_rank`` implements it.
PRECEDENCE: tuple[tuple[int, str], ...] = (
    (1, "Comtrade monthly (source comtrade-*, freq M)"),
    (2, "Comtrade annual (source comtrade-*, freq A)"),
    (3, "BACI (source baci, annual, reconciled FOB)"),
    (4, "any other source, monthly"),
    (5, "any other source, annual"),
)

# Columns every answer carries (in this order).
TRADE_COLUMNS = (
    "basis", "exporter", "importer", "reporter", "counterpart", "flow", "source", "freq",
    "period", "year", "month", "period_start", "hs_code", "national_code", "hs_edition",
    "aggr_level", "value_usd", "value_basis", "net_weight_kg", "quantity", "quantity_unit",
    "batch_id", "source_record", "precedence",
)  # fmt: skip


def _rank(f: ir.Table) -> ir.IntegerValue:
    comtrade = f.source.startswith("comtrade")
    monthly = f.freq == "M"
    return ibis.cases(
        (comtrade & monthly, 1),
        (comtrade, 2),
        (f.source == "baci", 3),
        (monthly, 4),
        else_=5,
    )


def flows_between(
    flows: ir.Table,
    *,
    exporter: str | Sequence[str] | None = None,
    importer: str | Sequence[str] | None = None,
    hs: Sequence[str] | None = None,
    years: tuple[int, int] | None = None,
    monthly_only: bool = False,
    re_trade: bool = False,
    hs6_only: bool = True,
    columns: Sequence[str] | None = None,
) -> ir.Table:
    """Trade from ``exporter`` to ``importer`` (a code, several, or None for any), both reports.

    One row per stored flow kept by the precedence rules (module docstring), with
    ``basis`` "mirror" (the importer's report) or "reported" (the exporter's own report),
    ``exporter``/``importer`` (the two sides), ``reporter`` (whose report), ``counterpart``
    (the side that did not report), ``precedence`` (the rank that won) and the flows' own
    columns. ``hs``: HS prefixes to keep (None for all codes). ``years``: inclusive range.
    ``monthly_only`` keeps monthly rows only (after precedence, so an annual row is never
    a stand-in for missing months). ``re_trade`` also counts re-exports and re-imports.
    ``hs6_only`` keeps six-digit rows only, so chapter totals reported beside them are not
    counted twice. ``columns``: only these of ``TRADE_COLUMNS`` (with the keys precedence
    needs); fewer columns are much faster, since a backend cannot prune columns through the
    ranking windows (DuckDB then reads every column of every matching row).
    """
    if exporter is None and importer is None:
        raise ValueError("flows_between needs an exporter, an importer or both")
    wanted = TRADE_COLUMNS if columns is None else tuple(columns)
    unknown = set(wanted) - set(TRADE_COLUMNS)
    if unknown:
        raise ValueError(f"not trade columns: {sorted(unknown)}")
    keep = [c for c in TRADE_COLUMNS if c in wanted or c in _RANK_KEYS]
    f = flows
    if hs6_only:
        f = f.filter(f.aggr_level == 6)
    if years:
        f = f.filter(f.year.between(*years))
    if hs:
        f = f.filter(_starts_with_any(f.hs_code, hs))
    imports = ["import", "re-import"] if re_trade else ["import"]
    exports = ["export", "re-export"] if re_trade else ["export"]
    mirror = f.flow.isin(imports)
    own = f.flow.isin(exports) & ~f.partner_iso3.isin(TOTAL_PARTNERS)
    if exporter is not None:
        mirror = mirror & _one_of(f.partner_iso3, exporter)
        own = own & _one_of(f.reporter_iso3, exporter)
    else:
        mirror = mirror & ~f.partner_iso3.isin(TOTAL_PARTNERS)  # imports "from World"
    if importer is not None:
        mirror = mirror & _one_of(f.reporter_iso3, importer)
        own = own & _one_of(f.partner_iso3, importer)
    # Two scans joined by a union rather than one filter with OR: each side's conditions are
    # plain conjunctions the backend pushes into its scan (DuckDB skips row groups by zone
    # maps), where an OR of both read every row.
    sides = []
    for basis, condition, exporter_col, importer_col in (
        ("mirror", mirror, "partner_iso3", "reporter_iso3"),
        ("reported", own, "reporter_iso3", "partner_iso3"),
    ):
        side = f.filter(condition)
        sides.append(
            side.mutate(
                basis=ibis.literal(basis),
                exporter=side[exporter_col],
                importer=side[importer_col],
                reporter=side.reporter_iso3,
                counterpart=side.partner_iso3,
                precedence=_rank(side),
            ).select(*keep)
        )
    f = ibis.union(*sides, distinct=False)
    f = _keep_best_source(f)
    f = _keep_latest_edition(f)
    if monthly_only:
        f = f.filter(f.freq == "M")
    return f.select(*[c for c in TRADE_COLUMNS if c in wanted])


# Columns the precedence rules read (always carried through the ranking windows).
_RANK_KEYS = frozenset(
    {"basis", "reporter", "counterpart", "hs_code", "year", "precedence", "source", "period",
     "hs_edition", "freq"}
)  # fmt: skip


def mirror_rows(
    flows: ir.Table, country: str | Sequence[str], *, re_trade: bool = False
) -> ir.BooleanValue:
    """Rows that are a partner's report of imports from ``country`` (its exports, mirrored);
    several countries mean any of them. A predicate over single rows, for code that flags rows
    rather than sums them (the rules' flow flags, cap usage); sums should use
    :func:`country_exports` (precedence applies)."""
    kinds = ["import", "re-import"] if re_trade else ["import"]
    return flows.flow.isin(kinds) & _one_of(flows.partner_iso3, country)


def own_rows(
    flows: ir.Table, country: str | Sequence[str], *, re_trade: bool = False
) -> ir.BooleanValue:
    """Rows that are ``country``'s own report of its exports (totals included: a predicate)."""
    kinds = ["export", "re-export"] if re_trade else ["export"]
    return flows.flow.isin(kinds) & _one_of(flows.reporter_iso3, country)


def export_rows(
    flows: ir.Table, country: str | Sequence[str], *, re_trade: bool = True
) -> ir.BooleanValue:
    """Rows of ``country``'s exports as either side reported them."""
    return mirror_rows(flows, country, re_trade=re_trade) | own_rows(
        flows, country, re_trade=re_trade
    )


def exporter_among(
    flows: ir.Table, countries: Sequence[str], *, re_trade: bool = True
) -> ir.StringValue:
    """Per row, which of ``countries`` exported the goods (the partner of a mirror import, the
    reporter of an own export); null for rows that are no export of any of them. The rules
    match each flow against the measures that target its exporter."""
    if not countries:
        return ibis.null("string")
    return ibis.ifelse(
        mirror_rows(flows, countries, re_trade=re_trade),
        flows.partner_iso3,
        ibis.ifelse(
            own_rows(flows, countries, re_trade=re_trade),
            flows.reporter_iso3,
            ibis.null("string"),
        ),
    )


def _starts_with_any(code: ir.StringColumn, prefixes: Sequence[str]) -> ir.BooleanValue:
    """``code`` starts with one of ``prefixes``: one IN test per prefix length (hundreds of
    headings cost one hash lookup a row, not hundreds of string comparisons)."""
    by_length: dict[int, list[str]] = {}
    for p in prefixes:
        by_length.setdefault(len(p), []).append(p)
    tests = [
        code.substr(0, n).isin(sorted(set(codes))) if len(codes) > 1 else code.startswith(codes[0])
        for n, codes in sorted(by_length.items())
    ]
    return ibis.or_(*tests)


def _one_of(column: ir.StringColumn, codes: str | Sequence[str]) -> ir.BooleanValue:
    return column == codes if isinstance(codes, str) else column.isin(list(codes))


def _keep_best_source(f: ir.Table) -> ir.Table:
    """Per flow (basis, reporter, counterpart, HS code, year): the best rank, then the first
    source name within it; everything else is another copy of the same flow."""
    flow_key = [f.basis, f.reporter, f.counterpart, f.hs_code, f.year]
    f = f.mutate(_best=f.precedence.min().over(group_by=flow_key))
    f = f.filter(f.precedence == f._best)
    f = f.mutate(_first=f.source.min().over(group_by=flow_key))
    return f.filter(f.source == f._first).drop("_best", "_first")


def _keep_latest_edition(f: ir.Table) -> ir.Table:
    """One HS edition per (basis, reporter, source, period): the latest present."""
    edition = f.hs_edition.fill_null("")
    key = [f.basis, f.reporter, f.source, f.period]
    f = f.mutate(_edition=edition, _latest=edition.max().over(group_by=key))
    return f.filter(f._edition == f._latest).drop("_edition", "_latest")


def country_exports(
    flows: ir.Table,
    country: str,
    *,
    partner: str | None = None,
    hs: Sequence[str] | None = None,
    years: tuple[int, int] | None = None,
    monthly_only: bool = False,
    re_trade: bool = False,
    columns: Sequence[str] | None = None,
) -> ir.Table:
    """``country``'s exports to every partner (or to ``partner``), mirror and own reports,
    with ``partner`` (the importing country) added. Options as :func:`flows_between`."""
    if columns is not None:
        columns = [*columns, "importer"]
    t = flows_between(
        flows, exporter=country, importer=partner, hs=hs, years=years,
        monthly_only=monthly_only, re_trade=re_trade, columns=columns,
    )  # fmt: skip
    return t.mutate(partner=t.importer)


def partner_imports(
    flows: ir.Table,
    partner: str,
    *,
    origin: str | None = None,
    hs: Sequence[str] | None = None,
    years: tuple[int, int] | None = None,
    monthly_only: bool = False,
    columns: Sequence[str] | None = None,
) -> ir.Table:
    """``partner``'s imports from every origin (or from ``origin``): its own import reports
    (basis "mirror") and each origin's reported exports to it ("reported"), with ``origin``
    (the exporting country or unallocated area) added."""
    if columns is not None:
        columns = [*columns, "exporter"]
    t = flows_between(
        flows, exporter=origin, importer=partner, hs=hs, years=years,
        monthly_only=monthly_only, columns=columns,
    )  # fmt: skip
    return t.mutate(origin=t.exporter)
