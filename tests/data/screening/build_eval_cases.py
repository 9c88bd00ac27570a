"""Build the labelled screening evaluation set (eval_cases.csv) from the full UN and OFAC lists.

    .venv/bin/python tests/data/screening/build_eval_cases.py

Positives ("variant"): a listed DPRK name (UN KP*, OFAC DPRK*) rewritten the way other
sources write it — South Korean or Revised Romanization spellings, McCune-Reischauer
apostrophes and breves, given names joined or hyphenated, word order reversed, legal forms
abbreviated, swapped or dropped, the country word dropped, one letter mistyped. The
rewriting rules are written here, independently of oresight's own romanisation table, from
common usage (passport spellings, RR 2000, MR 1939). Expected references: every listed party
(UN or OFAC) carrying a name identical to the source name after plain normalisation (homonyms
and the same party on both lists).

Negatives: real-looking Korean personal names and company names that are NOT listed: each is
checked against every name of both full lists (no listed name has the same words, up to
syllable respelling by the rules here). "hard" negatives share the surname and one given
syllable with a listed DPRK person, or the generic words of a listed company.

Hand-written cases (hand_cases.csv, the issue's own examples and Hangul input) are appended.
Seeded: rerunning gives the same file.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

from oresight.screening.loaders import load_path
from oresight.screening.model import Entity
from oresight.screening.text import tokenize

HERE = Path(__file__).parent
REPO = HERE.parents[2]
SHARED = REPO.parent / "shared" / "data"
FIELDS = ["query", "type", "country", "birth_year", "expected_reference", "kind", "note"]

# South Korean / passport spellings of MR syllables (one choice each, as a writer would).
SK = {
    "choe": "choi",
    "o": "oh",
    "kyong": "kyung",
    "yong": "young",
    "chol": "chul",
    "su": "soo",
    "pak": "park",
    "ri": "lee",
    "jong": "jung",
    "chong": "jung",
    "myong": "myung",
    "hyon": "hyun",
    "song": "sung",
    "sok": "suk",
    "mun": "moon",
    "yun": "yoon",
    "ju": "joo",
    "chu": "joo",
    "hun": "hoon",
    "kuk": "gook",
    "un": "eun",
    "ryu": "yoo",
    "sin": "shin",
    "son": "sohn",
    "u": "woo",
    "hui": "hee",
    "chun": "choon",
    "pyong": "byung",
    "ho": "hoh",
    "il": "ill",
    "kwon": "kwon",
    "ryong": "yong",
    "ryol": "yeol",
    "sik": "shik",
    "pok": "bok",
    "tong": "dong",
    "tae": "dae",
    "kang": "kang",
    "kil": "gil",
    "chin": "jin",
    "chi": "ji",
    "kum": "keum",
    "paek": "baek",
    "hyok": "hyuk",
    "ryom": "yeom",
    "rim": "lim",
}
# Revised Romanization (2000) spellings.
RR = {
    "choe": "choe",
    "kyong": "gyeong",
    "kwang": "gwang",
    "kim": "gim",
    "chol": "cheol",
    "pak": "bak",
    "jong": "jeong",
    "chong": "jeong",
    "myong": "myeong",
    "hyon": "hyeon",
    "yong": "yeong",
    "song": "seong",
    "sok": "seok",
    "kuk": "guk",
    "pyong": "byeong",
    "ko": "go",
    "kang": "gang",
    "ki": "gi",
    "kil": "gil",
    "chin": "jin",
    "tong": "dong",
    "tae": "dae",
    "pok": "bok",
    "kum": "geum",
    "hyok": "hyeok",
    "chon": "jeon",
    "un": "eun",
    "pong": "bong",
    "paek": "baek",
    "kon": "geon",
    "pom": "beom",
    "chun": "chun",
}
# McCune-Reischauer with its marks: breve on o/u after the first letter, apostrophe after ch/k/t/p.
MR_MARKED = {
    "choe": "ch'oe",
    "chol": "ch'ŏl",
    "myong": "myŏng",
    "kyong": "kyŏng",
    "song": "sŏng",
    "jong": "chŏng",
    "chong": "ch'ŏng",
    "hyon": "hyŏn",
    "sok": "sŏk",
    "yong": "yŏng",
    "ryong": "ryŏng",
    "chon": "chŏn",
    "un": "ŭn",
    "ryol": "ryŏl",
    "pyong": "p'yŏng",
    "tong": "tong",
    "hyok": "hyŏk",
    "kon": "kŏn",
}
LEGAL = {
    "corporation": ["Corp.", "Co.", "Co., Ltd.", ""],
    "company": ["Co.", "Co. Ltd", ""],
    "limited": ["Ltd.", "Ltd", ""],
    "corp": ["Corporation", "Co."],
    "co": ["Company", ""],
    "ltd": ["Limited", ""],
}
SURNAMES = [
    "Kim",
    "Ri",
    "Pak",
    "Choe",
    "Jong",
    "Kang",
    "Cho",
    "Yun",
    "Jang",
    "Han",
    "O",
    "So",
    "Sin",
    "Kwon",
    "Hwang",
    "An",
    "Song",
    "Ryu",
    "Hong",
    "Jon",
    "Ko",
    "Mun",
]
GIVEN = [
    "Min",
    "Ji",
    "Hun",
    "Seo",
    "Yeon",
    "Woo",
    "Jae",
    "Hyun",
    "Sang",
    "Eun",
    "Ha",
    "Yu",
    "Na",
    "Bin",
    "Dong",
    "Tae",
    "Hee",
    "Jun",
    "Ho",
    "Su",
    "Il",
    "Nam",
    "Hwa",
    "Chol",
    "Yong",
    "Myong",
    "Song",
    "Kwang",
    "Hyok",
    "Guk",
    "Ok",
    "Ran",
    "Sun",
    "Gyu",
    "Sik",
]
FIRM_WORDS = [
    "Hanbit",
    "Mirae",
    "Saebyeol",
    "Haneul",
    "Nuri",
    "Areum",
    "Dasan",
    "Seorak",
    "Gaon",
    "Jinju",
    "Hanul",
    "Boram",
    "Saemaul",
    "Gwangmyeong",
    "Noeul",
    "Baekdu",
    "Halla",
    "Jeju",
    "Incheon",
    "Busan",
    "Daegu",
    "Ulsan",
    "Mokpo",
    "Gangwon",
]
FIRM_SECTORS = [
    "Trading",
    "Mining",
    "Shipping",
    "Electronics",
    "Steel",
    "Marine",
    "Logistics",
    "Textile",
    "Foods",
    "Chemical",
    "Metals",
    "Resources",
    "Fisheries",
]
FIRM_FORMS = ["Co., Ltd.", "Corporation", "Company", "Corp.", "Co.", "Limited", ""]


LEGAL_FORMS = {"co", "company", "corporation", "corp", "ltd", "limited", "inc", "llc"}


def norm_key(text: str) -> str:
    """Words in any order, brackets and legal forms left out (for linking list entries)."""
    toks = tokenize(re.sub(r"\(.*?\)", " ", text))
    return " ".join(sorted(t for t in toks if t not in LEGAL_FORMS) or toks)


def respell_key(text: str) -> str:
    """Order-free key up to the respellings above (for checking negatives are unlisted)."""
    back = {v: k for table in (SK, RR) for k, v in table.items()}
    return " ".join(sorted(back.get(t, t) for t in tokenize(text)))


def is_dprk(e: Entity) -> bool:
    return (
        e.reference.startswith("KP")
        if e.list == "UN"
        else any(p.startswith("DPRK") for p in e.programmes)
    )


def words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", name.replace("-", " ")) if w]


def person_variant(name: str, rng: random.Random) -> tuple[str, str] | None:
    toks = [w.lower() for w in words(name)]
    if len(toks) < 2 or not all(t.isalpha() for t in toks):
        return None
    how = rng.choice(["sk", "rr", "mr", "sk_join", "rr_reverse", "sk_reverse", "join_hyphen"])
    table = {"sk": SK, "rr": RR, "mr": MR_MARKED}.get(how.split("_")[0], SK)
    out = [table.get(t, t) for t in toks]
    if "join" in how and len(out) >= 3:
        out = [out[0], out[1] + ("-" if how == "join_hyphen" else "") + out[2], *out[3:]]
    if "reverse" in how:
        out = out[1:] + out[:1]
    variant = " ".join(w[:1].upper() + w[1:] for w in out)
    return (variant, how) if norm_key(variant) != norm_key(name) or how == "join_hyphen" else None


def firm_variant(name: str, rng: random.Random) -> tuple[str, str] | None:
    toks = words(re.sub(r"\(.*?\)", "", name))
    if not toks:
        return None
    lowered = [t.lower().strip(".") for t in toks]
    how = rng.choice(["legal", "legal", "drop_country", "typo", "split_syllables", "case"])
    if how == "legal" and any(t in LEGAL for t in lowered):
        out = [
            rng.choice(LEGAL[t]) if t in LEGAL else w for t, w in zip(lowered, toks, strict=True)
        ]
    elif how == "drop_country" and lowered[0] in ("korea", "korean", "dprk") and len(toks) > 2:
        out = toks[1:]
    elif how == "typo":
        long = [i for i, t in enumerate(lowered) if len(t) >= 7 and t.isalpha()]
        if not long:
            return None
        i = rng.choice(long)
        j = rng.randrange(1, len(toks[i]) - 1)
        out = [*toks[:i], toks[i][:j] + toks[i][j + 1 :], *toks[i + 1 :]]
        how = "typo (one letter dropped)"
    elif how == "case":
        out = [w.capitalize() for w in toks]
    else:
        return None
    variant = " ".join(w for w in out if w)
    return (variant, how) if variant.lower() != name.lower() and variant else None


def expected_refs(entity: Entity, name: str, by_key: dict[str, set[str]]) -> str:
    """The entity, its homonyms, and the same party on the other list (a shared name)."""
    refs = {entity.reference} | by_key.get(norm_key(name), set())
    for other in entity.names:
        same = by_key.get(norm_key(other.value), set())
        refs |= {r for r in same if r.isdigit() != entity.reference.isdigit()}  # OFAC: digits
    return "|".join(sorted(refs))


def main() -> None:
    rng = random.Random(20260227)
    entities = load_path(SHARED / "sanctions_un" / "UN_consolidated_2026-02-27.xml")
    entities += load_path(SHARED / "sanctions_ofac" / "sdn_2021-07.csv")
    by_key: dict[str, set[str]] = {}
    listed_keys: set[str] = set()
    listed_sets: list[set[str]] = []
    for e in entities:
        for n in e.names:
            by_key.setdefault(norm_key(n.value), set()).add(e.reference)
            listed_keys.add(respell_key(n.value))
            listed_sets.append(set(respell_key(n.value).split()))
    dprk = [e for e in entities if is_dprk(e)]
    rows: list[dict[str, str]] = []
    for e in rng.sample(dprk, len(dprk)):
        name = rng.choice(e.names).value
        made = person_variant(name, rng) if e.type == "person" else firm_variant(name, rng)
        seen = {r["query"].lower() for r in rows}
        if made and made[0].lower() not in seen and len(rows) < 230:
            rows.append(
                {
                    "query": made[0],
                    "type": e.type,
                    "country": "",
                    "birth_year": "",
                    "expected_reference": expected_refs(e, name, by_key),
                    "kind": "variant",
                    "note": f"{made[1]} of {e.list} {e.reference} '{name}'",
                }
            )
    rows += negatives(rng, dprk, listed_keys, listed_sets)
    with (HERE / "hand_cases.csv").open(encoding="utf-8") as fh:
        rows += list(csv.DictReader(fh))
    with (HERE / "eval_cases.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} cases ({sum(r['kind'] != 'negative' for r in rows)} positive)")


def unlisted(name: str, listed: set[str], listed_sets: list[set[str]]) -> bool:
    """Not listed, and not all its words inside one listed name (Kim Yong Su vs Kim Yong Su Il)."""
    key = respell_key(name)
    words = set(key.split())
    return key not in listed and not any(words <= s for s in listed_sets)


def negatives(
    rng: random.Random, dprk: list[Entity], listed: set[str], listed_sets: list[set[str]]
) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    people = [e for e in dprk if e.type == "person" and 3 <= len(tokenize(e.names[0].value)) <= 3]
    tries = 0
    while len(out) < 70 and tries < 5000:
        tries += 1
        if len(out) < 45:  # hard: surname and one given syllable of a listed person
            base = tokenize(rng.choice(people).names[0].value)
            keep = rng.choice([1, 2])
            given = [base[1], base[2]]
            given[2 - keep] = rng.choice(GIVEN).lower()
            name = " ".join(w.capitalize() for w in [base[0], *given])
            note = "hard: shares surname and a given syllable with a listed person"
        else:
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}"
            note = "common Korean personal name"
        if unlisted(name, listed, listed_sets) and name not in {r["query"] for r in out}:
            out.append(
                {
                    "query": name,
                    "type": "person",
                    "country": "",
                    "birth_year": "",
                    "expected_reference": "",
                    "kind": "negative",
                    "note": note,
                }
            )
    firms = 0
    while firms < 45 and tries < 10000:
        tries += 1
        name = " ".join(
            p
            for p in (
                rng.choice(["Korea", "", ""]),
                rng.choice(FIRM_WORDS),
                rng.choice(FIRM_SECTORS),
                rng.choice(FIRM_FORMS),
            )
            if p
        )
        if unlisted(name, listed, listed_sets) and name not in {r["query"] for r in out}:
            firms += 1
            out.append(
                {
                    "query": name,
                    "type": "entity",
                    "country": "",
                    "birth_year": "",
                    "expected_reference": "",
                    "kind": "negative",
                    "note": "real-looking Korean company name, not listed",
                }
            )
    return out


if __name__ == "__main__":
    main()
