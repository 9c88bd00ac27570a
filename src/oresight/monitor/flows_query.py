"""Ibis expressions over the store's flows: the country's exports at HS6, and world unit values.

Exports are the mirror of partners' reported imports from the country (valued CIF by the
importer), plus the country's own reported exports where they exist (FOB). Everything heavy
runs here, in the backend; what comes back is at most one row per source, partner, HS6 and
period.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from oresight.store import trade

AGGREGATE_PARTNERS = trade.TOTAL_PARTNERS  # world / unspecified partner rows


def country_exports(
    flows: ir.Table,
    country: str,
    *,
    partner: str | None = None,
    monthly_only: bool = True,
    cif_fob: float | None = None,
    years: tuple[int, int] | None = None,
) -> ir.Table:
    """One row per (basis, source, partner, freq, year, month, HS6, national code) of the
    country's exports.

    Only HS6 rows (aggr_level 6) are used so that chapter totals and tariff lines reported
    beside them are not counted twice; overlapping sources follow the store's precedence
    (``oresight.store.trade``). ``cif_fob`` multiplies CIF values (mirror data) to
    approximate FOB.
    """
    # Which rows count (mirror and own reports, one source and HS edition per flow) is the
    # store's answer (oresight.store.trade); only the aggregation is the monitor's.
    both = trade.country_exports(
        flows, country, partner=partner, years=years, monthly_only=monthly_only,
        columns=["basis", "source", "reporter", "freq", "year", "month", "hs_code",
                 "national_code", "value_usd", "value_basis", "net_weight_kg", "batch_id"],
    )  # fmt: skip
    value = both.value_usd
    if cif_fob is not None:
        value = ibis.ifelse(both.value_basis == "CIF", value * cif_fob, value)
    # Groups are assigned afterwards, on the few distinct codes (see series.assign_groups):
    # a CASE over every prefix would cost more to compile than to run.
    # ``reporter`` (whose customs record it is) follows from basis and partner, so keying on it
    # does not split any group; it travels for the coverage of every figure.
    both = both.mutate(value=value)
    return both.group_by(
        [
            "basis",
            "source",
            "partner",
            "reporter",
            "freq",
            "year",
            "month",
            "hs_code",
            "national_code",
        ]
    ).aggregate(
        value_usd=both.value.sum(),
        tonnes=(both.net_weight_kg / 1000.0).sum(),
        # Value of the rows that carry a weight: unit values divide only this by the tonnes,
        # so rows without a weight do not inflate USD/t.
        weighed_usd=ibis.ifelse(both.net_weight_kg > 0, both.value, 0.0).sum(),
        records=both.count(),
        # A CIF value multiplied by --cif-fob is an estimate of FOB, and says so.
        value_basis=(
            ibis.ifelse(
                both.value_basis == "CIF", f"FOB (CIF x {cif_fob:g})", both.value_basis
            ).max()
            if cif_fob is not None
            else both.value_basis.max()
        ),
        batch_ids=both.batch_id.collect(distinct=True),
    )


def world_unit_values(
    flows: ir.Table, country: str, exports: ir.Table, *, monthly_only: bool = True
) -> ir.Table:
    """Median unit value (USD/t) of imports from OTHER origins, per HS6 and period.

    Only the HS6 codes and periods the country exported are computed (a semi-join), so the
    scan stays one pass over the flows. Each origin's unit value counts once.
    """
    f = flows.select(
        "hs_code", "freq", "year", "month", "partner_iso3", "flow", "aggr_level", "value_usd",
        "net_weight_kg",
    )  # fmt: skip
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
