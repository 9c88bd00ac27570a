"""Typed exceptions shared by every pillar.

Each carries enough context (file, line, field, URL, code) to say what went wrong and where;
the CLI turns them into one clear message and a non-zero exit code.
"""

from __future__ import annotations


class OresightError(Exception):
    """Base class: anything oresight raises on purpose."""


class InputError(OresightError):
    """Bad user input: a file, a field or an argument that cannot be used as given."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file, self.line, self.field = file, line, field
        where = ", ".join(
            part
            for part in (
                f"file {file}" if file else "",
                f"line {line}" if line is not None else "",
                f"field {field!r}" if field else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class UnknownCodeError(InputError):
    """A code (HS, country, commodity, unit) that the reference tables do not know."""


class StoreError(OresightError):
    """The store could not be opened, read or written."""
