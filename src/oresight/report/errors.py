"""Errors raised by the report layer."""

from __future__ import annotations

from oresight.errors import OresightError


class ReportError(OresightError):
    """A report could not be rendered or printed (e.g. no headless browser for the PDF)."""
