"""Errors of the offers pillar."""

from __future__ import annotations

from oresight.errors import InputError


class OfferError(InputError):
    """An offer file that cannot be assessed as written (names the file and field)."""
