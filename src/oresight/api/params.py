"""Parameter types shared by routes: what a code looks like before a pillar looks it up.

The pattern keeps values a pillar cannot read (``²`` passes ``str.isdigit`` and then fails
``int()``) out with a 422 naming the parameter, and tells clients the format in OpenAPI.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

# ISO 3166 alpha-2/alpha-3, numeric or M49, Comtrade codes: ASCII letters and digits only.
CODE_PATTERN = r"^[A-Za-z0-9]{1,5}$"
PERIOD_PATTERN = r"^[12][0-9]{3}(-(0[1-9]|1[0-2]))?$"  # year 0 would crash date()
HS_LIST_PATTERN = r"^[0-9]{1,10}(,[0-9]{1,10})*$"

CountryPath = Annotated[
    str, Path(pattern=CODE_PATTERN, description="Exporting country: ISO3, ISO2 or numeric code")
]


def country_query(description: str) -> object:
    return Query(pattern=CODE_PATTERN, description=description)
