"""Rebuild the commodity reference snapshot shipped in ``oresight/reference/data/commodities``.

Sources (read-only, beside the repo):
- ``../shared/reference/commodities/{world_production,reserves,prices,pgm_deposit_signatures}.csv``
  (researched fact tables, every row with its source);
- ``../shared/data/usgs_mcs/*/mcs20*-plati_salient.csv`` (USGS MCS data releases: annual PGM
  prices, which revise some estimates in ``prices.csv``);
- ``../shared/data/prices_gold/gold_monthly.csv``, ``../shared/data/prices_worldbank_pinksheet/
  CMO-Historical-Data-Monthly.xlsx`` (platinum, silver) and ``../shared/data/prices_palladium/
  palladium_futures_PA_F_daily.csv`` (monthly means of daily closes), from 2015 on.

Every row keeps its source; ``flags`` marks rows that are estimates, secondary reports, derived
here, forecasts, claims, or superseded by a later edition. ``quantity_t`` converts mass units
to tonnes (1 troy oz = 31.1034768 g).

Run: ``.venv/bin/python scripts/build_commodities.py``
"""

from __future__ import annotations

import csv
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REF = SHARED / "reference" / "commodities"
DATA = SHARED / "data"
OUT = REPO / "src" / "oresight" / "reference" / "data" / "commodities"

OZT_T = 31.1034768e-6
TO_TONNES = {"t": 1.0, "kg": 1e-3, "kt": 1e3, "Mt": 1e6, "koz": 1e3 * OZT_T, "Moz": 1e6 * OZT_T}
MONTHLY_FROM = 2015
# Daily prices are shipped from this year only: offers are valued on their delivery days, which
# lie in the recent past or the future; older days are covered by the monthly means.
DAILY_FROM = 2024

EARLIER_EDITION = r"\bhad\b|was the MCS|preliminary estimate for \d{4}|later gives|see next row"
FLAG_PATTERNS = {
    "estimate": r"estimate|\(e\)",
    "secondary": r"secondary|tertiary|as quoted|reported by|via |does not name|not named",
    "derived": r"derived",
    "forecast": r"forecast",
    "claim": r"\bCLAIM\b",
}


# Rows whose source_url does not show the cited figure (checked by reading the URL slug): the
# figure is kept, flagged, and listed in docs/commodities.md.
URL_MISMATCH = ("investingnews.com/texas-instruments-to-webcast",)


def url_flags(url: str, note: str) -> list[str]:
    """Flags from the row's URL and basis: a URL that cannot hold the figure; crude iron ore."""
    out = ["url_mismatch"] if any(bad in url for bad in URL_MISMATCH) else []
    if re.search(r"crude", note, flags=re.IGNORECASE):
        out.append("crude_ore")
    return out


def flags_for(*texts: str, skip: tuple[str, ...] = ()) -> list[str]:
    """Flags whose pattern occurs in the row's basis/source/note text."""
    # Clauses that talk about an earlier edition's figure ("MCS 2022 had estimated 2021 at ...")
    # say nothing about this row's own status.
    clauses = re.split(r";", " ; ".join(texts))
    text = " ".join(c for c in clauses if not re.search(EARLIER_EDITION, c, flags=re.IGNORECASE))
    return [
        flag
        for flag, pattern in FLAG_PATTERNS.items()
        if flag not in skip and re.search(pattern, text, flags=re.IGNORECASE)
    ]


def edition(source: str) -> int:
    """The publication year of a USGS edition named in ``source`` (0 when none)."""
    m = re.search(r"(?:Mineral Commodity Summaries|Minerals Yearbook|MCS)\s*(\d{4})", source)
    return int(m.group(1)) if m else 0


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write(name: str, rows: list[dict[str, object]], header: str) -> None:
    path = TARGET[0] / name
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# {header} Rebuild: .venv/bin/python scripts/build_commodities.py\n")
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{path}: {len(rows)} rows", file=sys.stderr)


def mark_superseded(rows: list[dict[str, object]], key: tuple[str, ...], value: str) -> None:
    """Flag a USGS row as superseded when a later USGS edition gives a different figure."""
    groups: dict[tuple[object, ...], list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        if row["edition"]:
            groups[tuple(row[k] for k in key)].append(row)
    for group in groups.values():
        latest = max(group, key=lambda r: int(str(r["edition"])))
        for row in group:
            newer = int(str(row["edition"])) < int(str(latest["edition"]))
            if newer and float(str(row[value])) != float(str(latest[value])):
                row["flags"] = ";".join([*str(row["flags"]).split(";"), "superseded"]).strip(";")


def production() -> None:
    out: list[dict[str, object]] = []
    for r in read(REF / "world_production.csv"):
        q = float(r["quantity"]) if r["quantity"].strip() else None
        factor = TO_TONNES.get(r["unit"])
        out.append(
            {
                "commodity": r["commodity"],
                "country": r["country"],
                "year": r["year"],
                "quantity": r["quantity"],
                "unit": r["unit"],
                "quantity_t": "" if q is None or factor is None else f"{q * factor:.6g}",
                "basis": r["basis"],
                "flags": ";".join(
                    flags_for(r["note"], r["source"]) + url_flags(r["source_url"], r["note"])
                ),
                "edition": edition(r["source"]) or "",
                "source": r["source"],
                "source_url": r["source_url"],
                "note": r["note"],
            }
        )
    mark_superseded(out, ("commodity", "country", "year", "basis"), "quantity")
    write(
        "world_production.csv", out, "Source: ../shared/reference/commodities/world_production.csv."
    )


def reserves() -> None:
    out: list[dict[str, object]] = []
    for r in read(REF / "reserves.csv"):
        flags = flags_for(r["note"], r["source"]) + url_flags(r["source_url"], r["note"])
        out.append({**r, "flags": ";".join(flags)})
    write("reserves.csv", out, "Source: ../shared/reference/commodities/reserves.csv.")


SALIENT_PRICES = {
    "Price_Palladium_dto": "palladium",
    "Price_Platinum_dto": "platinum",
    "Price_Iridium_dto": "iridium",
    "Price_Rhodium_dto": "rhodium",
    "Price_Ruthenium_dto": "ruthenium",
}


def salient_prices() -> list[dict[str, object]]:
    """Annual PGM prices from the USGS MCS data-release salient CSVs (latest year = estimate)."""
    rows: list[dict[str, object]] = []
    for path in sorted(DATA.glob("usgs_mcs/*/mcs20*-plati_salient.csv")):
        table = read(path)
        last = max(int(t["Year"]) for t in table)
        ed = int(path.parent.name)
        for t in table:
            for column, commodity in SALIENT_PRICES.items():
                rows.append(
                    {
                        "commodity": commodity,
                        "period": t["Year"],
                        "price": t[column].replace(",", ""),
                        "unit": "USD/troy oz",
                        "basis": "annual average price, USGS MCS salient statistics (data release)"
                        + ("; USGS estimate for the latest year" if int(t["Year"]) == last else ""),
                        "flags": "estimate" if int(t["Year"]) == last else "",
                        "edition": ed,
                        "source": f"USGS Mineral Commodity Summaries {ed} data release, "
                        f"{path.name} (../shared/data/usgs_mcs/{ed}/)",
                        "source_url": "https://doi.org/10.5066/P144BA54"
                        if ed == 2024
                        else "https://doi.org/10.5066/P9WCYUI6",
                    }
                )
    return rows


def prices() -> None:
    out: list[dict[str, object]] = []
    for r in read(REF / "prices.csv"):
        out.append(
            {
                **{k: r[k] for k in ("commodity", "period", "price", "unit", "basis")},
                "flags": ";".join(
                    flags_for(r["basis"], r["source"], skip=("estimate",))
                    + (["estimate"] if "ESTIMATE" in r["basis"] else [])
                ),
                "edition": edition(r["source"]) or "",
                "source": r["source"],
                "source_url": r["source_url"],
            }
        )
    out.extend(salient_prices())
    mark_superseded(out, ("commodity", "period"), "price")
    write(
        "prices.csv",
        out,
        "Sources: ../shared/reference/commodities/prices.csv and "
        "../shared/data/usgs_mcs/*/mcs20*-plati_salient.csv.",
    )


def monthly_prices() -> None:
    rows: list[dict[str, object]] = []
    for r in read(DATA / "prices_gold" / "gold_monthly.csv"):
        if int(r["Date"][:4]) >= MONTHLY_FROM:
            rows.append(
                _monthly(
                    "gold",
                    r["Date"],
                    float(r["Price"]),
                    "datasets/gold-prices monthly.csv (World Bank Pink Sheet since 1960)",
                    "gold_monthly",
                )
            )
    rows.extend(_pink_sheet())
    daily: dict[str, list[float]] = defaultdict(list)
    for r in read(DATA / "prices_palladium" / "palladium_futures_PA_F_daily.csv"):
        if r["close"] and int(r["date"][:4]) >= MONTHLY_FROM and float(r.get("volume") or 0) > 0:
            daily[r["date"][:7]].append(float(r["close"]))
    for month, closes in sorted(daily.items()):
        rows.append(
            _monthly(
                "palladium",
                month,
                statistics.fmean(closes),
                "NYMEX palladium futures PA=F, mean of daily closes (derived here)",
                "palladium_futures_PA_F_daily",
                flags="derived;futures",
            )
        )
    write(
        "prices_monthly.csv",
        rows,
        "Sources: ../shared/data/prices_gold, "
        "prices_worldbank_pinksheet, prices_palladium (see PROVENANCE.md there).",
    )


def daily_prices() -> None:
    """Palladium futures closes per trading day from DAILY_FROM. Days the file shows with no
    volume keep their close (the settlement) but are flagged ``no_volume``."""
    rows: list[dict[str, object]] = [
        {
            "commodity": "palladium",
            "day": r["date"],
            "price": f"{float(r['close']):.2f}",
            "unit": "USD/troy oz",
            "flags": "futures" if float(r.get("volume") or 0) > 0 else "futures;no_volume",
            "source": "NYMEX palladium futures PA=F, daily close",
            "file": "palladium_futures_PA_F_daily",
        }
        for r in read(DATA / "prices_palladium" / "palladium_futures_PA_F_daily.csv")
        if r["close"] and int(r["date"][:4]) >= DAILY_FROM
    ]
    write(
        "prices_daily.csv",
        rows,
        "Source: ../shared/data/prices_palladium (see PROVENANCE.md there).",
    )


def _monthly(
    commodity: str, month: str, price: float, source: str, file: str, flags: str = ""
) -> dict[str, object]:
    return {
        "commodity": commodity,
        "month": month,
        "price": f"{price:.2f}",
        "unit": "USD/troy oz",
        "flags": flags,
        "source": source,
        "file": file,
    }


def _pink_sheet() -> list[dict[str, object]]:
    import openpyxl

    path = DATA / "prices_worldbank_pinksheet" / "CMO-Historical-Data-Monthly.xlsx"
    sheet = openpyxl.load_workbook(path, read_only=True)["Monthly Prices"]
    rows = list(sheet.iter_rows(values_only=True))
    wanted = {"Platinum": "platinum", "Silver": "silver"}
    cols = {i: wanted[str(c)] for i, c in enumerate(rows[4]) if str(c) in wanted}
    out = []
    for row in rows[6:]:
        label = str(row[0] or "")
        m = re.fullmatch(r"(\d{4})M(\d{2})", label)
        if not m or int(m.group(1)) < MONTHLY_FROM:
            continue
        for i, commodity in cols.items():
            if isinstance(row[i], int | float):
                out.append(
                    _monthly(
                        commodity,
                        f"{m.group(1)}-{m.group(2)}",
                        float(row[i]),
                        "World Bank Commodity Price Data (Pink Sheet), monthly",
                        "CMO-Historical-Data-Monthly.xlsx",
                    )
                )
    return out


def signatures() -> None:
    out: list[dict[str, object]] = []
    for r in read(REF / "pgm_deposit_signatures.csv"):
        out.append({**r, "flags": ";".join(flags_for(r["note"], r["source"], r["basis"]))})
    write(
        "pgm_signatures.csv",
        out,
        "Source: ../shared/reference/commodities/pgm_deposit_signatures.csv.",
    )


TARGET = [OUT]


def main(argv: list[str] | None = None) -> None:
    """Build every table into ``--out DIR`` (default: the package's data directory)."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--out"]:
        TARGET[0] = Path(args[1])
    TARGET[0].mkdir(parents=True, exist_ok=True)
    production()
    reserves()
    prices()
    monthly_prices()
    daily_prices()
    signatures()


if __name__ == "__main__":
    main()
