"""The web dashboard: the country brief's charts and tables, with screening and rules forms
that call the JSON API from the page (script in ``static/dashboard.js``, inlined).

The page is computed once per store version and country, like the brief it is built from.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Request, Response

from oresight.api.errors import responses
from oresight.api.models import HTML
from oresight.api.params import country_query
from oresight.api.serving import cached_body
from oresight.report import html
from oresight.settings import country_or_default

if TYPE_CHECKING:
    from oresight.store import Store

router = APIRouter(tags=["dashboard"])

TOOLS = """
<p>API: <a href="/docs">/docs</a> · full brief: <a href="/brief/{country}">/brief/{country}</a></p>
<div class="headline" id="tools" data-country="{country}">
<form id="screen-form"><b>Screen a name</b>
  <input name="name" placeholder="e.g. Choe Chol Min" required>
  <button>Screen</button></form>
<form id="rules-form"><b>Check a commodity</b>
  <input name="hs" placeholder="HS code, e.g. 2701" required>
  <input name="date" type="date" value="2017-09-20" required>
  <button>Check</button></form>
</div>
<div id="tool-result" aria-live="polite"></div>
<h3>Latest alerts of the watches</h3>
<div id="alerts" aria-live="polite"><p class=note>loading alerts…</p></div>
<script>{script}</script>
"""


@cache
def _script() -> str:
    return files("oresight.api").joinpath("static/dashboard.js").read_text(encoding="utf-8")


@router.get("/", response_class=Response, responses={**HTML, **responses(400, 422, 503)})
async def dashboard(
    request: Request,
    country: Annotated[
        str | None, country_query("Exporting country (ISO3); default ORESIGHT_DEFAULT_COUNTRY")
    ] = None,
) -> Response:
    """The dashboard page for one country (default the configured one, North Korea)."""
    country = country_or_default(country)

    def compute(store: Store) -> bytes:
        return _page(country, store).encode()

    query = ("dashboard", country.upper())
    return await cached_body(request, query, compute, media_type="text/html; charset=utf-8")


def _page(country: str, store: Store) -> str:
    from oresight.monitor.brief import build
    from oresight.report import brief

    data = build(country, store=store)
    code = html.escape(data.country)
    tools = html.Section("Screen and check", TOOLS.format(country=code, script=_script()))
    return html.page(
        f"oresight: {data.country_name} ({data.country})",
        [tools, *brief.sections(data)],
        subtitle=f"Dashboard built from {data.basis()}; generated {data.generated}.",
        footer=f"store {data.store_location}",
    )
