"""Build oresight's trade reference snapshots from ../shared/data.

Writes three small Parquet files to ``src/oresight/reference/data/trade/``:

* ``countries.parquet``: ISO 3166 countries (``country_codes/country-codes.csv``) plus
  Comtrade's own codes (``comtrade_codes.csv``, curated by hand beside the snapshots);
* ``hs.parquet``: every 2/4/6-digit HS code of HS1992..HS2022 with the editions that
  have it and, for HS2022 codes, the description (``hs_nomenclature/harmonized-system.csv``);
* ``concordance.parquet``: the UNSD correlation tables between adjacent HS editions
  (``hs_correlation/HS_consolidated_comtrade_concordances.csv``, leading zeros restored).

Usage::

    .venv/bin/python scripts/build_trade_reference.py [--shared ../shared/data] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "oresight" / "reference" / "data" / "trade"

# Comtrade classification codes, oldest first (H0 = HS1992 ... H6 = HS2022).
EDITIONS = ["H0", "H1", "H2", "H3", "H4", "H5", "H6"]
YEAR_TO_EDITION = {
    "1992": "H0",
    "1996": "H1",
    "2002": "H2",
    "2007": "H3",
    "2012": "H4",
    "2017": "H5",
    "2022": "H6",
}
# Comtrade's "Commodities not specified according to kind" (99/9999/999999): not an HS
# code proper, but in Comtrade's HS lists and data of every edition, so valid in all.
COMTRADE_UNSPECIFIED = "999999"
# UNSD's own workbooks, used to check the consolidated CSV for the editions they cover.
OFFICIAL_TABLES = {
    ("H6", "H5"): "HS2022_to_HS2017_ConversionAndCorrelationTables.xlsx",
    ("H5", "H4"): "HS2017_to_HS2012_ConversionAndCorrelationTables.xlsx",
    ("H4", "H3"): "HS2012_to_HS2007_CorrelationAndConversionTables.xls",
}
# (newer edition, newer code, older edition, older code, relationship newer:older)
Row = tuple[str, str, str, str, str]
Row3 = tuple[str, str, str]


def _clean(cell: str | None) -> str:
    """Strip spaces and the non-breaking spaces that country-codes.csv uses for empty cells."""
    return (cell or "").strip().strip("\xa0").strip()


def build_countries(shared: Path, curated: Path) -> pa.Table:
    """ISO countries plus Comtrade's special, alias and historical codes; one row per code."""
    rows: dict[int, dict[str, object]] = {}
    with (shared / "country_codes" / "country-codes.csv").open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            iso3 = _clean(rec["ISO3166-1-Alpha-3"])
            numeric = _clean(rec["ISO3166-1-numeric"])
            if not iso3 or not numeric:
                continue
            code = int(numeric)
            rows[code] = {
                "code": code,
                "iso3": iso3,
                "iso2": _clean(rec["ISO3166-1-Alpha-2"]) or None,
                "m49": code,
                "name": _clean(rec["official_name_en"]) or _clean(rec["CLDR display name"]),
                "short_name": _clean(rec["CLDR display name"]) or None,
                "kind": "country",
                "input_aliases": None,
                "note": None,
            }
    with curated.open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            code = int(rec["code"])
            if code in rows:
                raise ValueError(f"comtrade_codes.csv: code {code} is already an ISO country code")
            rows[code] = {
                "code": code,
                "iso3": rec["iso3"],
                "iso2": rec["iso2"] or None,
                "m49": int(rec["m49"]),
                "name": rec["name"],
                "short_name": None,
                "kind": rec["kind"],
                "input_aliases": rec["input_aliases"] or None,
                "note": rec["note"],
            }
    ordered = sorted(rows.values(), key=lambda r: int(str(r["code"])))
    schema = pa.schema(
        [
            ("code", pa.int32()),
            ("iso3", pa.string()),
            ("iso2", pa.string()),
            ("m49", pa.int32()),
            ("name", pa.string()),
            ("short_name", pa.string()),
            ("kind", pa.string()),
            ("input_aliases", pa.string()),
            ("note", pa.string()),
        ]
    )
    return pa.Table.from_pylist(ordered, schema=schema)


def read_concordance_rows(shared: Path) -> list[Row]:
    """(newer edition, newer code, older edition, older code, relationship) for HS pairs."""
    out: list[Row] = []
    path = shared / "hs_correlation" / "HS_consolidated_comtrade_concordances.csv"
    with path.open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            after_year, _, before_year = rec["adjustment"].partition(" to ")
            if after_year not in YEAR_TO_EDITION or before_year not in YEAR_TO_EDITION:
                continue  # SITC revisions and HS-to-SITC tables
            # The file lost leading zeros (10111 is 010111): restore them.
            new, old = rec["code.after"].zfill(6), rec["code.before"].zfill(6)
            out.append(
                (
                    YEAR_TO_EDITION[after_year],
                    new,
                    YEAR_TO_EDITION[before_year],
                    old,
                    rec["Relationship"],
                )
            )
    return out


def build_concordance(rows: list[Row], valid6: dict[str, set[str]]) -> pa.Table:
    """The adjacent-edition correlation tables; relationship reads newer:older.

    A code that both editions of a pair have but that pair's UNSD table omits (291636 in
    HS2012-HS2007) gets an identity link with ``published`` false, so conversions do not
    dead-end on a gap in the source.
    """
    published = set(rows)
    linked = {(new_ed, old_ed, code) for new_ed, code, old_ed, _, _ in rows}
    linked |= {(new_ed, old_ed, code) for new_ed, _, old_ed, code, _ in rows}
    inferred = {
        (new_ed, code, old_ed, code, "1:1")
        for new_ed, old_ed in zip(EDITIONS[1:], EDITIONS[:-1], strict=True)
        for code in valid6[new_ed] & valid6[old_ed]
        if (new_ed, old_ed, code) not in linked
    }
    ordered = sorted(published | inferred)
    names = ["new_edition", "new_code", "old_edition", "old_code", "relationship"]
    columns: dict[str, pa.Array] = {
        n: pa.array(c, pa.string()) for n, c in zip(names, zip(*ordered, strict=True), strict=True)
    }
    columns["published"] = pa.array([r in published for r in ordered], pa.bool_())
    return pa.table(columns)


def read_official(path: Path) -> set[Row3]:
    """(newer, older, relationship) rows of a UNSD workbook's "Correlation Tables" sheet."""
    rows: Iterable[Sequence[object]]
    if path.suffix == ".xls":
        import xlrd

        sheet = xlrd.open_workbook(str(path)).sheet_by_name("Correlation Tables")
        rows = (sheet.row_values(i) for i in range(sheet.nrows))
    else:
        import openpyxl

        workbook = openpyxl.load_workbook(path, read_only=True)
        rows = workbook["Correlation Tables"].iter_rows(values_only=True)
    out: set[Row3] = set()
    for row in rows:
        cells = [str(v).strip().removesuffix(".0") for v in row[:3]]
        if cells[0].isdigit():  # skips the blank title row and the header row
            out.add((cells[0].zfill(6), cells[1].zfill(6), cells[2]))
    return out


def check_against_official(shared: Path, rows: list[Row]) -> None:
    """Fail when the consolidated CSV differs from UNSD's own workbooks (HS2007-HS2022)."""
    for (new_ed, old_ed), name in OFFICIAL_TABLES.items():
        official = read_official(shared / "hs_correlation" / name)
        consolidated = {(n, o, rel) for ne, n, oe, o, rel in rows if (ne, oe) == (new_ed, old_ed)}
        if official != consolidated:
            diff = sorted(official ^ consolidated)[:5]
            raise ValueError(f"{name} and the consolidated CSV differ, e.g. {diff}")


def read_nomenclature(shared: Path) -> dict[str, str]:
    """HS2022 code -> description for 2/4/6-digit codes (the TOTAL row is kept apart)."""
    out: dict[str, str] = {}
    with (shared / "hs_nomenclature" / "harmonized-system.csv").open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            out[rec["hscode"]] = rec["description"]
    return out


def valid_hs6(nomenclature: dict[str, str], rows: list[Row]) -> dict[str, set[str]]:
    """Edition -> its 6-digit codes: both sides of the correlation tables, plus HS2022's."""
    valid6: dict[str, set[str]] = defaultdict(set)
    for new_ed, new, old_ed, old, _ in rows:
        valid6[new_ed].add(new)
        valid6[old_ed].add(old)
    valid6["H6"] |= {c for c in nomenclature if len(c) == 6 and c.isdigit()}
    for edition in EDITIONS:
        valid6[edition].add(COMTRADE_UNSPECIFIED)
    headings = {c for c in nomenclature if len(c) == 4}
    if {c[:4] for c in valid6["H6"]} != headings:
        raise ValueError("HS2022 headings are not the prefixes of HS2022 subheadings")
    return valid6


def build_hs(nomenclature: dict[str, str], valid6: dict[str, set[str]]) -> pa.Table:
    """Every HS code of any edition with per-edition validity and its HS2022 description."""
    editions_of: dict[str, set[str]] = defaultdict(set)
    for ed, edition_codes in valid6.items():
        for code in edition_codes:
            for prefix in (code[:2], code[:4], code):
                editions_of[prefix].add(ed)
    codes = sorted(editions_of)
    columns: dict[str, pa.Array] = {
        "code": pa.array(codes, pa.string()),
        "level": pa.array([len(c) for c in codes], pa.int8()),
    }
    for ed in EDITIONS:
        columns[ed.lower()] = pa.array([ed in editions_of[c] for c in codes], pa.bool_())
    columns["description"] = pa.array([nomenclature.get(c) for c in codes], pa.string())
    return pa.table(columns)


def build(shared: Path = DEFAULT_SHARED, out: Path = DEFAULT_OUT) -> dict[str, int]:
    """Build the three snapshots into ``out``; return their row counts by file name."""
    out.mkdir(parents=True, exist_ok=True)
    rows = read_concordance_rows(shared)
    check_against_official(shared, rows)
    nomenclature = read_nomenclature(shared)
    valid6 = valid_hs6(nomenclature, rows)
    tables = {
        "countries.parquet": build_countries(shared, DEFAULT_OUT / "comtrade_codes.csv"),
        "hs.parquet": build_hs(nomenclature, valid6),
        "concordance.parquet": build_concordance(rows, valid6),
    }
    for name, table in tables.items():
        pq.write_table(table, out / name, compression="zstd", compression_level=19)
    return {name: table.num_rows for name, table in tables.items()}


def main() -> None:
    """Command-line entry: build and print row counts and sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    for name, rows in build(args.shared, args.out).items():
        size = (args.out / name).stat().st_size
        print(f"{name}: {rows} rows, {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
