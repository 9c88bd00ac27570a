"""Monitor routes: a country's exports as series and events, and its brief.

Both are computed once per store version and query (see ``oresight.api.cache``): the monitor
reads every flow of the country, far too much work to repeat for each of a team's requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from oresight.api.errors import responses
from oresight.api.models import HTML, MonitorResponse
from oresight.api.params import PERIOD_PATTERN, CountryPath, country_query
from oresight.api.serving import cached_body

if TYPE_CHECKING:
    from oresight.store import Store

router = APIRouter(tags=["monitor"])


@router.get(
    "/monitor/{country}",
    response_model=MonitorResponse,
    responses=responses(400, 422, 503),
)
async def monitor(
    request: Request,
    country: CountryPath,
    partner: Annotated[
        str | None, country_query("Importing partner (ISO3), 'all' for each, or none for all")
    ] = None,
    group: Annotated[
        str | None, Query(max_length=64, description="Commodity group, or all")
    ] = None,
    freq: Annotated[Literal["M", "Q", "H", "Y"], Query(description="Period length")] = "M",
    start: Annotated[
        str | None, Query(alias="from", pattern=PERIOD_PATTERN, description="YYYY or YYYY-MM")
    ] = None,
    end: Annotated[
        str | None, Query(alias="to", pattern=PERIOD_PATTERN, description="YYYY or YYYY-MM")
    ] = None,
    by_hs6: Annotated[bool, Query(description="One series per HS6 code of the group")] = False,
) -> Response:
    """Exports per period and group (mirror of partners' imports, and published figures), with
    changes, shares, events and every source."""

    def compute(store: Store) -> bytes:
        from oresight.monitor import exports

        result = exports(
            country,
            partner=partner,
            group=group,
            freq=freq,
            start=start,
            end=end,
            store=store,
            by_hs6=by_hs6,
        )
        return MonitorResponse.model_validate(result.to_dict()).model_dump_json().encode()

    query = ("monitor", country.upper(), partner, group, freq, start, end, by_hs6)
    return await cached_body(request, query, compute, media_type="application/json")


@router.get(
    "/brief/{country}",
    response_class=Response,
    responses={**HTML, **responses(400, 422, 503)},
)
async def brief(request: Request, country: CountryPath) -> Response:
    """The country brief as one self-contained HTML page."""

    def compute(store: Store) -> bytes:
        from oresight.monitor.brief import build
        from oresight.report.brief import render

        return render(build(country, store=store)).encode()

    query = ("brief", country.upper())
    return await cached_body(request, query, compute, media_type="text/html; charset=utf-8")
