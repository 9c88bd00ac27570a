"""Monitor routes: a country's exports as series and events, and its brief."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from oresight.ingest.published_store import open_with_published

router = APIRouter(tags=["monitor"])


@router.get("/monitor/{country}")
def monitor(
    country: str,
    partner: Annotated[str | None, Query(description="Importing partner ISO3, or all")] = None,
    group: Annotated[str | None, Query(description="Commodity group, or all")] = None,
    freq: Annotated[Literal["M", "Q", "H", "Y"], Query(description="Period length")] = "M",
    start: Annotated[str | None, Query(alias="from", description="YYYY or YYYY-MM")] = None,
    end: Annotated[str | None, Query(alias="to", description="YYYY or YYYY-MM")] = None,
    by_hs6: Annotated[bool, Query(description="One series per HS6 code of the group")] = False,
) -> dict[str, Any]:
    """Exports per period and group (mirror of partners' imports, and published figures), with
    changes, shares, events and every source."""
    from oresight.monitor import exports

    result = exports(
        country,
        partner=partner,
        group=group,
        freq=freq,
        start=start,
        end=end,
        store=open_with_published()[0],
        by_hs6=by_hs6,
    )
    return dict(result.to_dict())


@router.get("/brief/{country}", response_class=HTMLResponse)
def brief(country: str) -> str:
    """The country brief as one self-contained HTML page."""
    from oresight.monitor.brief import build
    from oresight.report.brief import render

    return render(build(country, store=open_with_published()[0]))
