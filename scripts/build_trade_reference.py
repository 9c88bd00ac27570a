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
# Rows of the consolidated file that are not HS-to-HS (SITC revisions) are skipped.
# Chapter 99 is not part of the HS (Comtrade's "999999" residual appears in one table).
NOT_HS_CHAPTERS = {"77", "98", "99"}


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


def read_concordance_rows(shared: Path) -> list[tuple[str, str, str, str, str]]:
    """(newer edition, newer code, older edition, older code, relationship) for HS pairs."""
    out: list[tuple[str, str, str, str, str]] = []
    path = shared / "hs_correlation" / "HS_consolidated_comtrade_concordances.csv"
    with path.open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            after_year, _, before_year = rec["adjustment"].partition(" to ")
            if after_year not in YEAR_TO_EDITION or before_year not in YEAR_TO_EDITION:
                continue  # SITC revisions and HS-to-SITC tables
            # The file lost leading zeros (10111 is 010111): restore them.
            new, old = rec["code.after"].zfill(6), rec["code.before"].zfill(6)
            if new[:2] in NOT_HS_CHAPTERS or old[:2] in NOT_HS_CHAPTERS:
                continue
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


def build_concordance(rows: list[tuple[str, str, str, str, str]]) -> pa.Table:
    """The adjacent-edition correlation tables; relationship reads newer:older."""
    names = ["new_edition", "new_code", "old_edition", "old_code", "relationship"]
    columns = list(zip(*sorted(set(rows)), strict=True))
    return pa.table({n: pa.array(c, pa.string()) for n, c in zip(names, columns, strict=True)})


def read_nomenclature(shared: Path) -> dict[str, str]:
    """HS2022 code -> description for 2/4/6-digit codes (the TOTAL row is kept apart)."""
    out: dict[str, str] = {}
    with (shared / "hs_nomenclature" / "harmonized-system.csv").open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            out[rec["hscode"]] = rec["description"]
    return out


def build_hs(
    nomenclature: dict[str, str], concordance: list[tuple[str, str, str, str, str]]
) -> pa.Table:
    """Every HS code of any edition with per-edition validity and its HS2022 description."""
    valid6: dict[str, set[str]] = defaultdict(set)
    for new_ed, new, old_ed, old, _ in concordance:
        valid6[new_ed].add(new)
        valid6[old_ed].add(old)
    valid6["H6"] |= {c for c in nomenclature if len(c) == 6 and c.isdigit()}
    headings = {c for c in nomenclature if len(c) == 4}
    if {c[:4] for c in valid6["H6"]} != headings:
        raise ValueError("HS2022 headings are not the prefixes of HS2022 subheadings")
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
    concordance_rows = read_concordance_rows(shared)
    tables = {
        "countries.parquet": build_countries(shared, DEFAULT_OUT / "comtrade_codes.csv"),
        "hs.parquet": build_hs(read_nomenclature(shared), concordance_rows),
        "concordance.parquet": build_concordance(concordance_rows),
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
