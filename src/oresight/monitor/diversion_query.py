"""The Ibis side of the diversion signals: three aggregations and the rows behind signals.

Everything heavy runs in the backend and comes back as monthly sums per (partner, origin,
product), a few thousand rows; the signals are computed on those in Polars. Flows are read
through ``oresight.store.trade`` (its source precedence applies).
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir
import polars as pl

from oresight.store import trade


def product_of(hs_code: ir.StringValue, prefixes: Sequence[str] | None) -> ir.StringValue:
    """The product a code belongs to: the longest asked prefix it starts with, else its HS4."""
    if not prefixes:
        return hs_code.substr(0, 4)
    ordered = sorted(set(prefixes), key=len, reverse=True)
    return ibis.cases(*[(hs_code.startswith(p), p) for p in ordered], else_=ibis.null("string"))


def _month_no(t: ir.Table) -> ir.IntegerValue:
    return t.year.cast("int64") * 12 + t.month.cast("int64") - 1


def _frame(expr: ir.Table) -> pl.DataFrame:
    frame = pl.from_arrow(expr.to_pyarrow())
    assert isinstance(frame, pl.DataFrame)
    return frame


def target_exports(
    flows: ir.Table, country: str, partner: str | None, prefixes: Sequence[str] | None
) -> pl.DataFrame:
    """The target's exports per (partner, product, month) as the partners report them."""
    t = trade.country_exports(
        flows, country, partner=partner, hs=prefixes, monthly_only=True,
        columns=["basis", "importer", "hs_code", "year", "month", "value_usd"],
    )  # fmt: skip
    t = t.filter(t.basis == "mirror")
    t = t.mutate(product=product_of(t.hs_code, prefixes), m=_month_no(t))
    return _frame(
        t.group_by(["partner", "product", "m"]).aggregate(value=t.value_usd.sum(), rows=t.count())
    )


def reporting_months(flows: ir.Table, reporters: Sequence[str]) -> pl.DataFrame:
    """The months in which each reporter reported monthly imports of anything: within them an
    absent flow is no trade; outside them it is missing data."""
    f = flows.filter(
        (flows.flow == "import") & (flows.freq == "M") & flows.reporter_iso3.isin(list(reporters))
    )
    f = f.select(partner=f.reporter_iso3, m=_month_no(f)).distinct()
    return _frame(f)


def partner_imports(
    flows: ir.Table,
    pairs: pl.DataFrame,
    prefixes: Sequence[str] | None,
    months: tuple[int, int],
) -> pl.DataFrame:
    """The partners' imports of the collapsed products from every origin, both reports, per
    (partner, basis, origin, product, month): value, tonnes and weighed value."""
    importers = pairs["partner"].unique().to_list()
    products = pairs["product"].unique().to_list()
    years = (months[0] // 12, months[1] // 12)
    t = trade.flows_between(
        flows, importer=importers, hs=prefixes or products, years=years, monthly_only=True,
        columns=["basis", "importer", "exporter", "hs_code", "year", "month", "value_usd",
                 "net_weight_kg"],
    )  # fmt: skip
    t = t.mutate(product=product_of(t.hs_code, prefixes), m=_month_no(t))
    keys = ibis.memtable(pairs.select(["partner", "product"]).unique().to_arrow())
    t = t.semi_join(keys, [t.importer == keys.partner, t.product == keys.product])
    t = t.filter(t.m.between(*months))
    weighed = ibis.ifelse(t.net_weight_kg > 0, t.value_usd, 0.0)
    return _frame(
        t.group_by(
            [t.importer.name("partner"), t.basis, t.exporter.name("origin"), t.product, t.m]
        ).aggregate(
            value=t.value_usd.sum(),
            tonnes=(t.net_weight_kg / 1000.0).sum(),
            weighed=weighed.sum(),
            rows=t.count(),
        )
    )


def rows_behind(
    flows: ir.Table,
    wanted: pl.DataFrame,
    prefixes: Sequence[str] | None,
    max_rows: int,
) -> pl.DataFrame:
    """The stored rows of the signalled flows: ``wanted`` holds partner, origin, product and
    the months lo..hi of each; at most ``max_rows`` rows per flow and report basis come back
    (the first by month), each with ``total``, the count of all of them."""
    lo, hi = int(wanted["lo"].min()), int(wanted["hi"].max())  # type: ignore[arg-type]
    t = trade.flows_between(
        flows,
        importer=wanted["partner"].unique().to_list(),
        exporter=wanted["origin"].unique().to_list(),
        hs=prefixes or wanted["product"].unique().to_list(),
        years=(lo // 12, hi // 12),
        monthly_only=True,
        columns=["basis", "importer", "exporter", "reporter", "period", "year", "month",
                 "hs_code", "value_usd", "batch_id", "source_record"],
    )  # fmt: skip
    t = t.mutate(product=product_of(t.hs_code, prefixes), m=_month_no(t))
    keys = ibis.memtable(wanted.select(["partner", "origin", "product", "lo", "hi"]).to_arrow())
    t = t.join(
        keys,
        [t.importer == keys.partner, t.exporter == keys.origin, t.product == keys.product],
    )
    t = t.filter(t.m.between(t.lo, t.hi))
    group = [t.importer, t.exporter, t.product, t.basis]
    order = [t.m, t.source_record]
    t = t.mutate(
        _n=ibis.row_number().over(group_by=group, order_by=order),
        total=t.count().over(group_by=group),
    )
    t = t.filter(t._n < max_rows)
    return _frame(
        t.select(
            partner=t.importer,
            origin=t.exporter,
            product=t.product,
            m=t.m,
            basis=t.basis,
            reporter=t.reporter,
            period=t.period,
            hs_code=t.hs_code,
            value_usd=t.value_usd,
            batch_id=t.batch_id,
            source_record=t.source_record,
            total=t.total,
        )
    )
