"""The origin's recorded exports of a commodity, from the store (reported and mirror flows)."""

from __future__ import annotations

from typing import Any

from oresight.errors import OresightError
from oresight.settings import get_settings
from oresight.store import Store


def open_default_store() -> tuple[Store | None, str]:
    """The current version of the store under $ORESIGHT_HOME if it holds flows (opening never
    creates or writes anything), and a note saying which."""
    home = get_settings().home
    try:
        store = Store.open(home)
    except OresightError as exc:
        return None, f"not available: {exc}"
    if not store.version:
        return None, f"not available: no store at {home} (run `oresight ingest` first)"
    return store, f"store {home}, version {store.version}"


def recorded_exports(store: Store, origin: str, hs_code: str) -> dict[str, Any]:
    """Tonnes per year that ``origin`` exported under ``hs_code``.

    Counts the origin's own export reports and its partners' import reports (mirror flows),
    as ``oresight.store.trade`` selects them (one source per flow: Comtrade monthly, then
    annual, then BACI), keeping annual records where present, else summing monthly ones; the
    larger of the two perspectives is taken per year (mirror data is how DPRK trade is seen).
    """
    from oresight.store import trade

    hs = hs_code[:6]
    # Which rows count (both reports, one source and HS edition per flow) is the store's
    # answer: oresight.store.trade.
    sel = trade.country_exports(
        store.flows, origin, hs=[hs], re_trade=True,
        columns=["basis", "freq", "year", "net_weight_kg", "value_usd"],
    )  # fmt: skip
    sel = sel.filter(sel.net_weight_kg.notnull())
    sel = sel.mutate(view=sel.basis)
    grouped = sel.group_by(["view", "freq", "year"]).aggregate(
        kg=sel.net_weight_kg.sum(), usd=sel.value_usd.sum(), rows=sel.count()
    )
    records = grouped.to_pyarrow().to_pylist()
    by_year: dict[int, dict[str, Any]] = {}
    for view in ("reported", "mirror"):
        annual = {r["year"]: r for r in records if r["view"] == view and r["freq"] == "A"}
        monthly = {r["year"]: r for r in records if r["view"] == view and r["freq"] == "M"}
        for year, rec in {**monthly, **annual}.items():
            tonnes = float(rec["kg"] or 0) / 1000.0
            if year not in by_year or tonnes > by_year[year]["tonnes"]:
                by_year[year] = {
                    "year": int(year),
                    "tonnes": tonnes,
                    "value_usd": float(rec["usd"] or 0),
                    "view": view,
                    "freq": rec["freq"],
                    "rows": int(rec["rows"]),
                }
    years = sorted(by_year)
    return {"hs_code": hs, "by_year": [by_year[y] for y in years]}


def covers(store: Store, origin: str) -> bool:
    """Whether the store holds any flow of ``origin`` (as reporter or partner): without one,
    an empty export series says nothing about the origin's exports."""
    f = store.flows
    found = f.filter((f.reporter_iso3 == origin) | (f.partner_iso3 == origin)).limit(1)
    return found.count().to_pyarrow().as_py() > 0
