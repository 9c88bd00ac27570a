"""Typed errors of the screening pillar."""

from __future__ import annotations

from oresight.errors import InputError, OresightError


class ListFormatError(InputError):
    """A sanctions list file that cannot be read (unknown format, malformed record)."""


class ListDownloadError(OresightError):
    """A list could not be downloaded (offline, HTTP error); names the URL."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        super().__init__(f"could not download {url}: {reason}")
