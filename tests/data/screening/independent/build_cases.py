"""Build the independent screening evaluation set (cases.csv) from the raw UN and OFAC files.

    .venv/bin/python tests/data/screening/independent/build_cases.py [SHARED_DATA_DIR]

Independent of the matcher: this script imports nothing from ``oresight`` and uses none of
its tables (romanisation classes, weak words, abbreviations). It reads the list files with
the standard library only, and makes cases in four ways (README.md says more):

1. cross_list: UN and OFAC entries of the same party are linked through what identifies a
   party, not its name: passport numbers, IMO numbers, and exact dates of birth with the
   same surname. Every name one list gives the party is a query against the OTHER list.
2. perturbations of listed names, made by fixed rules with a seeded random generator:
   invisible characters, HTML, "Name (alias)", typos, vessel prefixes and hull numbers,
   country prefixes and descriptors.
3. press: names as the press writes them (hand-written, press_cases.csv).
4. negatives: real firms and people that are on neither list (hand-written,
   negative_cases.csv); each is checked here not to be a listed name.
"""

from __future__ import annotations

import csv
import random
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parents[4] / "shared" / "data"
FIELDS = ["query", "type", "country", "birth_year", "expected_reference", "kind", "against", "note"]
SEED = 20261201


@dataclass
class Party:
    list: str
    ref: str
    type: str
    names: list[str]
    passports: set[str] = field(default_factory=set)
    imos: set[str] = field(default_factory=set)
    dobs: set[str] = field(default_factory=set)  # YYYY-MM-DD

    @property
    def surname(self) -> str:
        first = self.names[0]
        head = first.split(",")[0] if self.list == "OFAC" else first.split()[0]
        return re.sub(r"[^A-Z]", "", head.upper())


def key(name: str) -> str:
    """Case, accents and punctuation ignored: the only name rule used for linking."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).upper()
    return " ".join(sorted(re.findall(r"[A-Z0-9]+", text)))


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


# --- the lists, read with the standard library -------------------------------------------


def read_un(path: Path) -> list[Party]:
    root = ET.parse(path).getroot()
    out = []
    for tag, kind in (("INDIVIDUAL", "person"), ("ENTITY", "entity")):
        for el in root.iter(tag):
            ref = (el.findtext("REFERENCE_NUMBER") or "").strip()
            if not ref.startswith("KP"):
                continue
            parts = [
                (el.findtext(t) or "").strip()
                for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
            ]
            names = [" ".join(p for p in parts if p)]
            original = (el.findtext("NAME_ORIGINAL_SCRIPT") or "").strip()
            if original:
                names.append(original)
            for alias in el.iter(f"{tag}_ALIAS"):
                value = (alias.findtext("ALIAS_NAME") or "").strip().strip('"').strip()
                if value:
                    names.append(value)
            party = Party("UN", ref, kind, names)
            for doc in el.iter("INDIVIDUAL_DOCUMENT"):
                number = digits(doc.findtext("NUMBER") or "")
                if len(number) >= 7:
                    party.passports.add(number)
            for dob in el.iter("INDIVIDUAL_DATE_OF_BIRTH"):
                date = (dob.findtext("DATE") or "").strip()[:10]
                if re.fullmatch(r"\d{4}-\d\d-\d\d", date):
                    party.dobs.add(date)
            text = ET.tostring(el, encoding="unicode")
            party.imos |= set(re.findall(r"IMO[^0-9]{0,40}?(\d{7})\b", text))
            out.append(party)
    return out


_OFAC_TYPES = {"individual": "person", "vessel": "vessel"}


def _dprk_related(row: list[str]) -> bool:
    """DPRK programmes, or NPWMD and other entries whose remarks cite North Korea."""
    return "DPRK" in row[3] or "NKSPEA" in row[3] or "North Korea" in row[11]


def read_ofac(folder: Path) -> list[Party]:
    sdn = next(folder.glob("sdn*.csv"))
    alt = next(folder.glob("alt*.csv"))
    parties: dict[str, Party] = {}
    with sdn.open(encoding="cp1252", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 12 or not _dprk_related(row):
                continue
            remarks = row[11]
            kind = _OFAC_TYPES.get(row[2].strip().strip('"'), "entity")
            party = Party("OFAC", row[0].strip(), kind, [row[1].strip()])
            party.passports |= {
                digits(p) for p in re.findall(r"Passport ([A-Z]{0,2}\s?\d{7,})", remarks)
            }
            party.imos |= set(re.findall(r"IMO (\d{7})", remarks))
            for day in re.findall(r"DOB (\d\d [A-Z][a-z]{2} \d{4})", remarks):
                party.dobs.add(datetime.strptime(day, "%d %b %Y").strftime("%Y-%m-%d"))
            parties[party.ref] = party
    with alt.open(encoding="cp1252", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) >= 4 and row[0].strip() in parties:
                parties[row[0].strip()].names.append(row[3].strip())
    return list(parties.values())


# --- linking the same party across lists -------------------------------------------------


def link(un: list[Party], ofac: list[Party]) -> tuple[list[tuple[Party, Party, str]], dict]:
    """(UN, OFAC, evidence) links through identifiers; and every party's group of refs
    (identifier links plus identical spellings), for the expected references."""
    pairs: list[tuple[Party, Party, str]] = []
    for u in un:
        for o in ofac:
            if u.passports & o.passports:
                pairs.append((u, o, f"passport {sorted(u.passports & o.passports)[0]}"))
            elif u.imos & o.imos and (u.type == "person") == (o.type == "person"):
                pairs.append((u, o, f"IMO {sorted(u.imos & o.imos)[0]}"))
            elif u.dobs & o.dobs and u.surname == o.surname and u.type == o.type == "person":
                pairs.append((u, o, f"born {sorted(u.dobs & o.dobs)[0]}, surname {u.surname}"))
    # groups: identifier links, and parties of both lists that share an identical spelling
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for u, o, _ in pairs:
        union(u.ref, o.ref)
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in un + ofac:
        for n in p.names:
            for spelling in {n, re.sub(r"\([^()]*\)", " ", n)}:  # "NAME (ACRONYM)" too
                by_key[(p.type == "person", key(spelling))].append(p.ref)
    for refs in by_key.values():
        for r in refs[1:]:
            union(refs[0], r)
    groups: dict[str, set[str]] = defaultdict(set)
    for p in un + ofac:
        groups[find(p.ref)].add(p.ref)
    return pairs, {p.ref: groups[find(p.ref)] for p in un + ofac}


# --- the cases ---------------------------------------------------------------------------


def row(
    query: str, expected: set[str], kind: str, note: str, against: str = "", type_: str = ""
) -> dict[str, str]:
    return {
        "query": query,
        "type": type_,
        "country": "",
        "birth_year": "",
        "expected_reference": "|".join(sorted(expected)),
        "kind": kind,
        "against": against,
        "note": note,
    }


def cross_list(pairs: list[tuple[Party, Party, str]]) -> list[dict[str, str]]:
    out = []
    for u, o, evidence in pairs:
        for source, target in ((u, o), (o, u)):
            target_keys = {key(n) for n in target.names}
            for name in dict.fromkeys(source.names):
                same = key(name) in target_keys
                kind = "cross_list_identical" if same else "cross_list"
                note = f"{source.list} {source.ref} name; {target.list} {target.ref} ({evidence})"
                out.append(row(name, {target.ref}, kind, note, against=target.list))
    return out


ZW = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u2066", "\u2069"]


def _longest_word(name: str) -> str:
    return max(name.split(), key=len)


def invisible(name: str, rng: random.Random) -> list[tuple[str, str]]:
    word = _longest_word(name)
    cut = len(word) // 2
    soft = name.replace(word, word[:cut] + "\u00ad" + word[cut:], 1)
    zero = name.replace(word, "\u200b".join(word), 1)
    bidi = rng.choice(BIDI) + name + rng.choice(BIDI)
    bom = "\ufeff" + name.replace(" ", rng.choice(ZW) + " ", 1)
    return [
        (soft, "soft hyphen inside a word"),
        (zero, "zero-width spaces between letters"),
        (bidi, "bidi controls around"),
        (bom, "BOM and a zero-width character"),
    ]


def html(name: str) -> list[tuple[str, str]]:
    return [
        (f"<b>{name}</b>", "in <b> tags"),
        (f'<span class="party">{name}</span>', "in a <span>"),
        (name.replace(" ", "&nbsp;").replace("&nbsp;&", "&nbsp;&amp;"), "&nbsp; entities"),
        (f"<p>{name.replace('&', '&amp;')}<br/></p>", "paragraph and &amp;"),
    ]


_NEIGHBOURS = dict(zip("aeiouybdgkmnprst", "eaouiipbkgnmbltd", strict=True))


def typo(name: str, rng: random.Random) -> tuple[str, str]:
    words = name.split()
    # prefer a word of at least 3 letters; short words are where typos hurt most
    idx = rng.choice([i for i, w in enumerate(words) if len(w) >= 3] or [0])
    w = words[idx]
    op = rng.choice(["swap", "drop", "sub", "double"])
    i = rng.randrange(1, len(w)) if len(w) > 1 else 0
    if op == "swap" and len(w) > 2:
        i = min(i, len(w) - 2)
        w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    elif op == "drop" and len(w) > 3:
        w = w[:i] + w[i + 1 :]
    elif op == "double":
        w = w[:i] + w[i] + w[i:]
    else:
        ch = w[i].lower()
        new = _NEIGHBOURS.get(ch, "e")
        w = w[:i] + (new.upper() if w[i].isupper() else new) + w[i + 1 :]
        op = "sub"
    words[idx] = w
    return " ".join(words), f"typo ({op}) in '{name.split()[idx]}'"


def vessel(name: str, imo: str | None, rng: random.Random) -> list[tuple[str, str]]:
    out = [
        (f"M/V {name}", "M/V prefix"),
        (f"MV {name.title()}", "MV prefix, title case"),
        (f"m/v {name.lower()}", "m/v prefix, lower case"),
    ]
    if imo:
        out.append((f"{name} (IMO {imo})", "IMO number in brackets"))
    if rng.random() < 0.5:
        out.append((f"the vessel {name.title()}", "descriptor 'the vessel'"))
    return out


COUNTRY_FORMS = [
    "North Korea's {}",
    "{}, a North Korean company",
    "DPRK-based {}",
    "Pyongyang-based {}",
    "{} of North Korea",
]
PERSON_FORMS = ["North Korean official {}", "{} (North Korea)"]


def perturbations(parties: list[Party], groups: dict, rng: random.Random) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for p in parties:
        latin = [n for n in p.names if n.isascii() and len(n) > 2]
        if not latin:
            continue
        primary = latin[0]
        expect = groups[p.ref]
        src = f"{p.list} {p.ref} '{primary}'"
        if rng.random() < 0.5:
            q, how = rng.choice(invisible(primary, rng))
            out.append(row(q, expect, "invisible", f"{how} of {src}"))
        if rng.random() < 0.35:
            q, how = rng.choice(html(primary))
            out.append(row(q, expect, "html", f"{how} of {src}"))
        aliases = [n for n in latin[1:] if key(n) != key(primary)]
        if aliases and rng.random() < 0.6:
            alias = rng.choice(aliases)
            form = rng.choice(["{} ({})", "{} [{}]", "{} (a.k.a. {})"])
            first, second = (primary, alias) if rng.random() < 0.5 else (alias, primary)
            out.append(
                row(form.format(first, second), expect, "name_alias", f"name with alias of {src}")
            )
        if rng.random() < 0.6:
            q, how = typo(primary, rng)
            out.append(row(q, expect, "typo", f"{how} of {src}"))
        if p.type == "vessel":
            forms = vessel(primary, sorted(p.imos)[0] if p.imos else None, rng)
            for q, how in rng.sample(forms, 2):
                out.append(row(q, expect, "vessel_prefix", f"{how} of {src}"))
        elif p.type == "entity" and rng.random() < 0.4:
            out.append(
                row(
                    rng.choice(COUNTRY_FORMS).format(primary.title()),
                    expect,
                    "country_prefix",
                    f"country words around {src}",
                )
            )
        elif p.type == "person" and rng.random() < 0.15:
            out.append(
                row(
                    rng.choice(PERSON_FORMS).format(primary),
                    expect,
                    "country_prefix",
                    f"descriptor around {src}",
                )
            )
    return out


def hand_cases(name: str, groups: dict, listed_keys: set[str]) -> list[dict[str, str]]:
    out = []
    with (HERE / name).open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            refs = {x for x in r["expected_reference"].split("|") if x}
            expect = set().union(*(groups.get(x, {x}) for x in refs)) if refs else set()
            if not refs and key(r["query"]) in listed_keys:
                raise SystemExit(f"{name}: negative {r['query']!r} is a listed name")
            out.append(row(r["query"], expect, r["kind"], r["note"], type_=r.get("type", "")))
    return out


def main(shared: Path) -> None:
    un = read_un(next((shared / "sanctions_un").glob("*.xml")))
    ofac = read_ofac(shared / "sanctions_ofac")
    pairs, groups = link(un, ofac)
    listed_keys = {key(n) for p in un + ofac for n in p.names}
    rng = random.Random(SEED)
    cases = cross_list(pairs)
    cases += perturbations(sorted(un + ofac, key=lambda p: (p.list, p.ref)), groups, rng)
    cases += hand_cases("press_cases.csv", groups, listed_keys)
    cases += hand_cases("negative_cases.csv", groups, listed_keys)
    seen: set[tuple[str, str]] = set()
    unique = []
    for c in cases:
        if (c["query"], c["against"]) not in seen:
            seen.add((c["query"], c["against"]))
            unique.append(c)
    with (HERE / "cases.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(unique)
    kinds: dict[str, int] = defaultdict(int)
    for c in unique:
        kinds[c["kind"]] += 1
    print(f"{len(pairs)} identifier links; {len(unique)} cases: {dict(sorted(kinds.items()))}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SHARED)
