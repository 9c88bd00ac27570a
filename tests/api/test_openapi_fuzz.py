"""Schemathesis over the API's own OpenAPI document, against the real loopback server.

Bounded (a few examples per operation, no deadline per example, a time cap per operation), it
asserts what the document promises: no server error, no status the operation does not declare,
content types and bodies that match the declared schemas. Bad input must come back as one of
the declared 4xx in the error shape.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from oresight.api import create_app

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
# a deeper run: ORESIGHT_FUZZ_EXAMPLES=300 pytest tests/api/test_openapi_fuzz.py
EXAMPLES = int(os.environ.get("ORESIGHT_FUZZ_EXAMPLES", "30"))


# The document the server serves, built the same way (schemathesis's lazy fixture loader does
# not run under pytest 9); the calls go to the real server.
schema = schemathesis.openapi.from_dict(create_app().openapi())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_keeps_its_documented_contract(case: Any, api_url: str) -> None:
    case.call_and_validate(base_url=api_url, checks=CHECKS, timeout=60)


def test_the_served_document_is_the_one_fuzzed(client: Any) -> None:
    assert client.get("/openapi.json").json() == schema.raw_schema
