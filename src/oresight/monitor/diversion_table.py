"""Every origin of every collapse tested at once: one Polars table of window statistics.

For each (partner, product, origin) around its collapse's cut, over the months the partner
reported (covered): before/after means, tonnes and weighed value (unit values), the origin's
own straight-line trend over the trend window (least squares from sums: slope, intercept and
residual noise), and the mirror/reported pairs for the gap. The thresholds of
``data/diversion.yaml`` then pick the signals; only those become Python objects.
"""

from __future__ import annotations

import polars as pl

from oresight.monitor.diversion_settings import DiversionSettings


def window_stats(
    collapses: pl.DataFrame,
    imports: pl.DataFrame,
    covered: pl.DataFrame,
    country: str,
    s: DiversionSettings,
) -> pl.DataFrame:
    """One row per (partner, product, origin) with the statistics every signal needs.

    ``collapses``: partner, product, cut (month number), lost (USD a month).
    ``imports``: partner, basis, origin, product, m, value, tonnes, weighed.
    ``covered``: partner, m (months the partner reported).
    """
    w, t = s.window_months, s.trend_months
    reach = max(w, t)
    months = (
        collapses.with_columns(pl.int_ranges(pl.col("cut") - reach, pl.col("cut") + w).alias("m"))
        .explode("m")
        .join(covered, on=["partner", "m"], how="semi")
    )
    mirror = imports.filter(pl.col("basis") == "mirror").drop("basis")
    reported = imports.filter(pl.col("basis") == "reported").select(
        ["partner", "origin", "product", "m", pl.col("value").alias("reported")]
    )
    origins = (
        imports.filter(pl.col("origin") != country)
        .select(["partner", "product", "origin"])
        .unique()
    )
    x = pl.col("m") - pl.col("cut")  # months from the cut (centred: no loss of precision)
    grid = (
        origins.join(months, on=["partner", "product"])
        .join(
            mirror.select(["partner", "origin", "product", "m", "value", "tonnes", "weighed"]),
            on=["partner", "origin", "product", "m"],
            how="left",
        )
        .join(reported, on=["partner", "origin", "product", "m"], how="left")
        .with_columns(
            pl.col("value").is_not_null().alias("has_mirror"),
            pl.col("value").fill_null(0.0),
            pl.col("tonnes").fill_null(0.0),
            pl.col("weighed").fill_null(0.0),
            x.alias("x"),
        )
        .with_columns(
            ((pl.col("x") >= -w) & (pl.col("x") < 0)).alias("before"),
            (pl.col("x") >= 0).alias("after"),
            ((pl.col("x") >= -t) & (pl.col("x") < 0)).alias("trend"),
        )
        .with_columns((pl.col("has_mirror") & pl.col("reported").is_not_null()).alias("both"))
    )

    def total(col: str | pl.Expr, where: str) -> pl.Expr:
        expr = pl.col(col) if isinstance(col, str) else col
        return expr.filter(pl.col(where)).sum()

    def count(where: str) -> pl.Expr:
        return pl.col(where).sum()

    y, xx = pl.col("value"), pl.col("x").cast(pl.Float64)
    stats = grid.group_by(["partner", "product", "origin"]).agg(
        pl.col("cut").first(),
        pl.col("lost").first(),
        count("before").alias("n_before"),
        count("after").alias("n_after"),
        total("value", "before").alias("sum_before"),
        total("value", "after").alias("sum_after"),
        total("tonnes", "before").alias("t_before"),
        total("tonnes", "after").alias("t_after"),
        total("weighed", "before").alias("w_before"),
        total("weighed", "after").alias("w_after"),
        count("trend").alias("n_t"),
        total(xx, "trend").alias("sx"),
        total(y, "trend").alias("sy"),
        total(xx * xx, "trend").alias("sxx"),
        total(xx * y, "trend").alias("sxy"),
        total(y * y, "trend").alias("syy"),
        total(xx, "after").alias("sx_after"),
        (pl.col("before") & pl.col("both")).sum().alias("n_both_before"),
        (pl.col("after") & pl.col("both")).sum().alias("n_both_after"),
        y.filter(pl.col("before") & pl.col("both")).sum().alias("mirror_before"),
        y.filter(pl.col("after") & pl.col("both")).sum().alias("mirror_after"),
        pl.col("reported").filter(pl.col("before") & pl.col("both")).sum().alias("rep_before"),
        pl.col("reported").filter(pl.col("after") & pl.col("both")).sum().alias("rep_after"),
    )
    n = pl.col("n_t").cast(pl.Float64)
    denom = n * pl.col("sxx") - pl.col("sx") ** 2
    fit = (pl.col("n_t") >= 3) & (denom > 0)
    slope = pl.when(fit).then((n * pl.col("sxy") - pl.col("sx") * pl.col("sy")) / denom)
    stats = stats.with_columns(
        slope.fill_null(0.0).alias("slope"),
        pl.when(pl.col("n_t") > 0).then(pl.col("sy") / n).otherwise(0.0).alias("mean_t"),
    ).with_columns(
        ((pl.col("sy") - pl.col("slope") * pl.col("sx")) / pl.when(n > 0).then(n))
        .fill_null(0.0)
        .alias("intercept")
    )
    sse = pl.col("syy") - pl.col("intercept") * pl.col("sy") - pl.col("slope") * pl.col("sxy")
    var_mean = (pl.col("syy") / n - pl.col("mean_t") ** 2).clip(lower_bound=0.0)
    after_x = pl.col("sx_after") / pl.col("n_after").cast(pl.Float64)
    return stats.with_columns(
        pl.when(fit)
        .then((sse.clip(lower_bound=0.0) / (n - 2)).sqrt())
        .otherwise(var_mean.sqrt())
        .alias("noise"),
        pl.when(fit)
        .then(pl.col("intercept") + pl.col("slope") * after_x)
        .otherwise(pl.col("mean_t"))
        .clip(lower_bound=0.0)
        .alias("projected"),
        (pl.col("sum_before") / pl.col("n_before")).alias("before_mean"),
        (pl.col("sum_after") / pl.col("n_after")).alias("after_mean"),
    )


def pick(stats: pl.DataFrame, s: DiversionSettings) -> dict[str, pl.DataFrame]:
    """The rows that signal, per kind (thresholds as in ``data/diversion.yaml``)."""
    lost = pl.col("lost")
    material = s.min_offset_share * lost
    noise = pl.max_horizontal(pl.col("noise"), s.noise_floor_share * lost)
    excess = pl.col("after_mean") - pl.col("projected")
    rise = (
        stats.filter((lost > 0) & (pl.col("n_after") > 0))
        .with_columns(noise.alias("noise_eff"), excess.alias("excess"))
        .filter(
            (pl.col("excess") >= material)
            & (pl.col("excess") / pl.col("noise_eff") >= s.min_excess_sigma)
        )
    )
    mb, rb = (
        pl.col("mirror_before") / pl.col("n_both_before"),
        pl.col("rep_before") / pl.col("n_both_before"),
    )
    ma, ra = (
        pl.col("mirror_after") / pl.col("n_both_after"),
        pl.col("rep_after") / pl.col("n_both_after"),
    )
    gap = (
        stats.filter(
            (pl.col("n_both_before") >= s.min_after_months)
            & (pl.col("n_both_after") >= s.min_after_months)
            & (pl.col("rep_before") > 0)
            & (pl.col("rep_after") > 0)
            & (pl.col("mirror_before") > 0)
            & (lost > 0)
        )
        .with_columns(mb.alias("mb"), rb.alias("rb"), ma.alias("ma"), ra.alias("ra"))
        .with_columns(
            ((pl.col("ma") / pl.col("ra")) / (pl.col("mb") / pl.col("rb"))).alias("moved"),
            ((pl.col("ma") - pl.col("ra")) - (pl.col("mb") - pl.col("rb"))).alias("added"),
        )
        .filter(
            (pl.col("added").abs() >= material)
            & (
                (pl.col("moved") >= s.mirror_gap_ratio)
                | (pl.col("moved") <= 1 / s.mirror_gap_ratio)
            )
        )
    )
    uv_before = pl.col("w_before") / pl.col("t_before")
    uv_after = pl.col("w_after") / pl.col("t_after")
    uv = (
        stats.filter(
            (pl.col("t_before") > 0)
            & (pl.col("w_before") > 0)
            & (pl.col("t_after") > 0)
            & (pl.col("w_after") > 0)
            & (lost > 0)
            & (pl.col("after_mean") >= material)
        )
        .with_columns((uv_after / uv_before - 1).alias("shift"))
        .filter(pl.col("shift").abs() >= s.unit_value_shift)
    )
    return {"rise": rise, "mirror_gap": gap, "unit_value": uv}
