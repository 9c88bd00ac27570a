"""File layouts: how each supported format's columns map onto Comtrade's v1 field names."""

from __future__ import annotations

from dataclasses import dataclass

from oresight.errors import InputError
from oresight.ingest.columns import LEGACY_TO_V1, V1_FIELDS, V1_REQUIRED


@dataclass(frozen=True)
class Layout:
    """How to read one format: a SQL expression (over the raw varchar columns) per v1 field.

    ``value_scale``/``weight_scale`` convert units (BACI: thousand USD, tonnes);
    ``basis`` forces the value basis when the source states it (BACI values are FOB);
    ``line_offset`` turns a data-row number into the file's line number (1 for a header row,
    0 for JSON records, which are numbered from 1).
    """

    name: str
    source: str
    fields: dict[str, str]
    value_scale: float = 1.0
    weight_scale: float = 1.0
    basis: str | None = None
    line_offset: int = 1
    null_strings: tuple[str, ...] = ("",)

    def numeric_columns(self) -> list[str]:
        """The file's columns that hold the numeric v1 fields (read as DOUBLE from CSV)."""
        names = ("primaryValue", "cifvalue", "fobvalue", "netWgt", "qty")
        exprs = (self.fields.get(n) for n in names)
        return [e.strip('"').replace('""', '"') for e in exprs if e and e.startswith('"')]


def _quote(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def comtrade_layout(header: list[str], *, file: str, source: str, line_offset: int) -> Layout:
    """The layout of a Comtrade file from its header: current v1 names or the legacy CSV names."""
    names = {h.strip() for h in header}
    if {"cmdCode", "reporterCode"} <= names:
        missing = [f for f in V1_REQUIRED if f not in names]
        if missing:
            raise InputError(
                f"Comtrade v1 columns missing: {', '.join(missing)}", file=file, line=1
            )
        fields = {f: _quote(f) for f in V1_FIELDS if f in names}
        return Layout("comtrade-v1", source, fields, line_offset=line_offset)
    if {"Commodity Code", "Reporter Code"} <= names:
        missing = [c for c in LEGACY_TO_V1 if c not in names and c not in ("Qty Unit", "Year")]
        if missing:
            raise InputError(
                f"legacy Comtrade columns missing: {', '.join(missing)}", file=file, line=1
            )
        fields = {v1: _quote(col) for col, v1 in LEGACY_TO_V1.items() if col in names}
        return Layout("comtrade-legacy", source, fields, line_offset=line_offset)
    raise InputError(
        "not a Comtrade file: expected the v1 columns (reporterCode, partnerCode, cmdCode, "
        "flowCode, period, primaryValue, ...) or the legacy CSV headers (Reporter Code, "
        f"Commodity Code, Trade Value (US$), ...); found {', '.join(sorted(names)[:8])}",
        file=file,
        line=1,
    )


def baci_layout(header: list[str], *, file: str, edition: str) -> Layout:
    """BACI ``t,i,j,k,v,q``: one row per exporter i -> importer j, stored as j's import from i."""
    names = [h.strip().strip('"') for h in header]
    missing = [c for c in ("t", "i", "j", "k", "v", "q") if c not in names]
    if missing:
        raise InputError(
            f"not a BACI file: columns {', '.join(missing)} missing (expected t,i,j,k,v,q)",
            file=file,
            line=1,
        )
    fields = {
        "period": '"t"',
        "reporterCode": '"j"',
        "partnerCode": '"i"',
        "cmdCode": '"k"',
        "primaryValue": '"v"',
        "netWgt": '"q"',
        "flowCode": "'M'",
        "freqCode": "'A'",
        "classificationCode": f"'{edition}'",
    }
    return Layout(
        "baci",
        "baci",
        fields,
        value_scale=1000.0,
        weight_scale=1000.0,
        basis="FOB",
        null_strings=("", "NA"),
    )
