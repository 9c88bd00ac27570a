"""Read an offer from YAML or JSON and turn validation failures into errors naming the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from oresight.errors import UnknownCodeError
from oresight.offers.errors import OfferError
from oresight.offers.model import Offer


def _field(loc: tuple[int | str, ...]) -> str:
    """('lines', 0, 'quantity', 'min') -> 'lines[0].quantity.min'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "offer"


def _message(err: Any) -> str:
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def parse_offer(data: Any, *, file: str | None = None) -> Offer:
    """Validate a mapping as an Offer; raise OfferError/UnknownCodeError naming the field."""
    if not isinstance(data, dict):
        raise OfferError("an offer must be a mapping of fields", file=file)
    try:
        return Offer.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        # Drop pydantic's internal validator labels (e.g. 'function-after[...]') from the path.
        loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and "[" in p))
        more = f" (and {len(errors) - 1} more error(s))" if len(errors) > 1 else ""
        kind = UnknownCodeError if first["type"] == "unknown_code" else OfferError
        raise kind(_message(first) + more, file=file, field=_field(loc)) from None


def load_offer(path: Path | str) -> Offer:
    """Read an offer file (.yaml, .yml or .json)."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise OfferError(f"cannot read the offer: {exc.strerror}", file=str(source)) from exc
    try:
        data = json.loads(text) if source.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        lineno = getattr(exc, "lineno", None) or (line + 1 if line is not None else None)
        raise OfferError(f"not valid YAML/JSON: {exc}", file=str(source), line=lineno) from exc
    return parse_offer(data, file=str(source))
