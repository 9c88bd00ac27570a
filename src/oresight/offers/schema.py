"""The published JSON Schema of an offer (``offer.schema.json`` beside this module).

Regenerate with ``.venv/bin/python -m oresight.offers.schema``; a test fails when the
published file is out of date with the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from oresight.offers.model import Offer

SCHEMA_PATH = Path(__file__).parent / "offer.schema.json"


def offer_schema() -> dict[str, Any]:
    """The JSON Schema of an offer file, as generated from the model."""
    schema = Offer.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://oresight.example/offer.schema.json"
    return schema


def render() -> str:
    return json.dumps(offer_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
