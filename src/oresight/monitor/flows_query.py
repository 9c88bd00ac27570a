"""Ibis expressions over the store's flows: the country's exports at HS6, and world unit values.

Exports are the mirror of partners' reported imports from the country (valued CIF by the
importer), plus the country's own reported exports where they exist (FOB). Everything heavy
runs here, in the backend; what comes back is at most one row per source, partner, HS6 and
period.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from oresight.reference.groups import Groups

AGGREGATE_PARTNERS = ("WLD", "_X", "X1", "XX")  # world / unspecified partner rows


def group_case(table: ir.Table, groups: Groups) -> ir.StringValue:
    """The primary group of each row: longest HS prefix first, national lines before that."""
    branches: list[tuple[ir.BooleanValue, str]] = []
    for group in groups.primary:
        for reporter, codes in group.national.items():
            for code in codes:
                branches.append(
                    (
                        (table.partner == reporter) & table.national_code.startswith(code),
                        group.key,
                    )
                )
    branches += [(table.hs_code.startswith(p), key) for p, key in groups.prefix_table()]
    return ibis.cases(*branches, else_="other")


def country_exports(
    flows: ir.Table,
    country: str,
    *,
    groups: Groups,
    partner: str | None = None,
    monthly_only: bool = True,
    cif_fob: float | None = None,
    years: tuple[int, int] | None = None,
) -> ir.Table:
    """One row per (basis, source, partner, freq, year, month, hs_code) of the country's exports.

    Only HS6 rows (aggr_level 6) are used so that chapter totals and tariff lines reported
    beside them are not counted twice. ``cif_fob`` multiplies CIF values (mirror data) to
    approximate FOB.
    """
    f = flows
    mirror = f.filter((f.partner_iso3 == country) & (f.flow == "import")).mutate(
        partner=f.reporter_iso3, basis=ibis.literal("mirror")
    )
    own = f.filter(
        (f.reporter_iso3 == country)
        & (f.flow == "export")
        & ~f.partner_iso3.isin(AGGREGATE_PARTNERS)
    ).mutate(partner=f.partner_iso3, basis=ibis.literal("reported"))
    both = mirror.union(own)
    both = both.filter(both.aggr_level == 6)
    if monthly_only:
        both = both.filter(both.freq == "M")
    if partner:
        both = both.filter(both.partner == partner)
    if years:
        both = both.filter(both.year.between(*years))
    value = both.value_usd
    if cif_fob is not None:
        value = ibis.ifelse(both.value_basis == "CIF", value * cif_fob, value)
    both = both.mutate(group=group_case(both, groups), value=value)
    return both.group_by(
        ["basis", "source", "partner", "freq", "year", "month", "hs_code", "group"]
    ).aggregate(
        value_usd=both.value.sum(),
        tonnes=(both.net_weight_kg / 1000.0).sum(),
        records=both.count(),
        value_basis=both.value_basis.max(),
        batch_ids=both.batch_id.collect(distinct=True),
    )


def world_unit_values(
    flows: ir.Table, country: str, exports: ir.Table, *, monthly_only: bool = True
) -> ir.Table:
    """Median unit value (USD/t) of imports from OTHER origins, per HS6 and period.

    Only the HS6 codes and periods the country exported are computed (a semi-join), so the
    scan stays one pass over the flows. Each origin's unit value counts once.
    """
    f = flows
    keys = exports.select("hs_code", "freq", "year", "month").distinct()
    others = f.filter(
        (f.flow == "import")
        & (f.partner_iso3 != country)
        & (f.aggr_level == 6)
        & (f.net_weight_kg > 0)
        & (f.value_usd > 0)
    )
    if monthly_only:
        others = others.filter(others.freq == "M")
    others = others.semi_join(keys, ["hs_code", "freq", "year", "month"])
    per_origin = others.group_by(["hs_code", "freq", "year", "month", "partner_iso3"]).aggregate(
        uv=others.value_usd.sum() / (others.net_weight_kg.sum() / 1000.0)
    )
    return per_origin.group_by(["hs_code", "freq", "year", "month"]).aggregate(
        world_uv=per_origin.uv.median(), origins=per_origin.count()
    )
