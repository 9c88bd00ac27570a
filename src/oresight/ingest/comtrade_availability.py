"""UN Comtrade's data-availability API: which reporter-periods are released, and when last.

``GET /public/v1/getDA/C/{freq}/HS?reporterCode=156&period=202301,...`` (without a key) or
``/data/v1/getDa/C/{freq}/HS`` (with ``COMTRADE_API_KEY``) answers one record per reporter,
period and classification with ``lastReleased`` and ``datasetChecksum``. A watch compares these
stamps with the ones it saw last time to fetch only the periods that are new or were revised.

Why a separate call from the data: it is one small request per 12 periods whatever the number of
HS codes, and it is never cached (its whole point is to notice that something changed).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from oresight.ingest.comtrade_api import DEFAULT_BASE_URL
from oresight.ingest.comtrade_errors import ComtradeHTTPError, ComtradeResponseError
from oresight.ingest.comtrade_http import PoliteClient, RetryPolicy
from oresight.ingest.comtrade_query import comtrade_country_code
from oresight.ingest.http_cache import normalise_url
from oresight.settings import get_settings

PUBLIC_DA_PATH = "/public/v1/getDA/C/{freq}/HS"
KEYED_DA_PATH = "/data/v1/getDa/C/{freq}/HS"
#: Periods per availability request (the API's limit, as for data requests).
MAX_PERIODS = 12
#: Statuses meaning "this deployment has no availability endpoint" (a mirror, a proxy, an
#: older API): the watch then refetches its whole selection instead.
UNAVAILABLE_STATUSES = frozenset({404, 405, 410, 501})


@dataclass(frozen=True)
class Release:
    """One reporter-period-classification as the availability API lists it."""

    period: str  # Comtrade period code: 2023 or 202301
    classification: str  # H4, H5, ... (a period may be released in several editions)
    last_released: str
    checksum: str
    records: int | None

    def stamp(self) -> str:
        """What changes when UN Comtrade releases or revises this period's data."""
        return f"{self.classification}:{self.last_released}:{self.checksum}"


class AvailabilityUnavailable(ComtradeHTTPError):
    """The host answered that it has no data-availability endpoint (fall back to refetching)."""


def availability_url(freq: str, *, keyed: bool, base_url: str | None = None) -> str:
    base = (base_url or get_settings().comtrade_url or DEFAULT_BASE_URL).rstrip("/")
    return base + (KEYED_DA_PATH if keyed else PUBLIC_DA_PATH).format(freq=freq)


def fetch_releases(
    reporter: str,
    freq: str,
    periods: Sequence[str],
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    policy: RetryPolicy | None = None,
    **http_options: Any,
) -> dict[str, str]:
    """Stamp per released period of ``reporter`` (ISO3) among ``periods``; unreleased periods
    are absent. Raises :class:`AvailabilityUnavailable` when the host has no such endpoint."""
    url = availability_url(freq, keyed=bool(api_key), base_url=base_url)
    headers = {"Ocp-Apim-Subscription-Key": api_key} if api_key else {}
    releases: list[Release] = []
    with PoliteClient(policy or RetryPolicy(), headers=headers, **http_options) as http:
        for chunk in _chunks(list(periods), MAX_PERIODS):
            params = {
                "reporterCode": str(comtrade_country_code(reporter)),
                "period": ",".join(chunk),
            }
            try:
                response = http.get(url, params)
            except ComtradeHTTPError as exc:
                if exc.status in UNAVAILABLE_STATUSES:
                    raise AvailabilityUnavailable(
                        exc.status, exc.url or url, detail=exc.detail
                    ) from exc
                raise
            releases.extend(parse_releases(response.content, normalise_url(url, params)))
    return stamps(releases, wanted=periods)


def parse_releases(body: bytes, url: str) -> list[Release]:
    """The records of one availability answer; :class:`ComtradeResponseError` on another shape."""
    try:
        document = json.loads(body)
    except ValueError as exc:
        message = f"malformed JSON in the availability answer ({exc})"
        raise ComtradeResponseError(message, url=url) from exc
    if not isinstance(document, dict):
        raise ComtradeResponseError("the availability answer is not a JSON object", url=url)
    if document.get("error"):
        raise ComtradeResponseError(f"UN Comtrade reported an error: {document['error']}", url=url)
    data = document.get("data") or []
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise ComtradeResponseError("the availability answer has no list under 'data'", url=url)
    releases = []
    for row in data:
        if row.get("period") is None or not row.get("lastReleased"):
            raise ComtradeResponseError(
                f"an availability record has no period or lastReleased: {row!r:.120}", url=url
            )
        releases.append(
            Release(
                period=str(row["period"]),
                classification=str(row.get("classificationCode") or ""),
                last_released=str(row["lastReleased"]),
                checksum=str(row.get("datasetChecksum") or ""),
                records=row.get("totalRecords"),
            )
        )
    return releases


def stamps(releases: Iterable[Release], *, wanted: Sequence[str]) -> dict[str, str]:
    """One stamp per period (its releases in every classification, in a stable order)."""
    keep = set(wanted)
    by_period: dict[str, list[str]] = {}
    for release in releases:
        if release.period in keep:
            by_period.setdefault(release.period, []).append(release.stamp())
    return {period: "|".join(sorted(parts)) for period, parts in sorted(by_period.items())}


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
