"""The screening index: listed names prepared once, an inverted index for blocking.

A query is compared only with the listed names that share a blocking key with it (a
romanisation class, a distinctive word, or a phonetic code), at most ``max_candidates`` of
them, those sharing the most keys first.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator

from rigour.text import remove_bracketed_text

from oresight.screening.features import Query
from oresight.screening.model import Entity
from oresight.screening.names import NameForm, prepare, query_typo_keys, token_keys
from oresight.screening.results import Match
from oresight.screening.scoring import Scored, score

MAX_CANDIDATES = 30
MAX_JOINED = 10  # names sharing the query's joined letters, added beyond the cut
# A candidate whose distinctive words cannot cover this share of the query (weak words
# counted as if they matched) could not come near the threshold: it is not scored.
PRUNE_BELOW = 0.35


class Screener:
    """Listed entities with their prepared names and a blocking index."""

    def __init__(self, entities: Iterable[Entity], max_candidates: int = MAX_CANDIDATES) -> None:
        self.entities: list[Entity] = []
        self.forms: list[NameForm] = []
        self.owner: list[int] = []  # name index -> entity index
        self.lengths: list[int] = []  # name index -> number of tokens
        self.keysets: list[frozenset[str]] = []  # name index -> its blocking keys
        self.qualities: list[str | None] = []  # name index -> the list's quality label
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.max_candidates = max_candidates
        for entity in entities:
            self._add(entity)
        self.lists = sorted({e.list for e in self.entities})
        # provenance: which file (and so which dated release) each list was read from
        self.sources = sorted({f"{e.list}: {e.source}" for e in self.entities if e.source})

    def _add(self, entity: Entity) -> None:
        e_idx = len(self.entities)
        self.entities.append(entity)
        seen: set[str] = set()
        for form, quality in self._forms(entity):
            if not form.tokens or form.literal in seen:
                continue
            seen.add(form.literal)
            n_idx = len(self.forms)
            self.forms.append(form)
            self.owner.append(e_idx)
            self.lengths.append(len(form.tokens))
            self.qualities.append(quality)
            keys = form.listed_keys()
            self.keysets.append(frozenset(keys))
            for key in sorted(keys):
                self.postings[key].append(n_idx)

    @staticmethod
    def _forms(entity: Entity) -> Iterator[tuple[NameForm, str | None]]:
        """Each name, and the name without its bracketed part ("... CORPORATION (KKBC)")."""
        for listed in entity.names:
            yield prepare(listed.value), listed.quality
            if "(" in listed.value:
                bare = " ".join(remove_bracketed_text(listed.value).split())
                yield prepare(bare), listed.quality

    def __len__(self) -> int:
        return len(self.entities)

    def candidates(self, form: NameForm) -> list[int]:
        """Listed names sharing a blocking key with the query, most shared keys first."""
        # keys in sorted order: a set's order depends on the hash seed, and ties in the
        # candidate cut would otherwise be broken differently from one process to the next
        hits: Counter[int] = Counter()
        for key in sorted(form.blocking_keys()):
            hits.update(self.postings.get(key, ()))
        # one-letter typos, for the words no listed name has: "yonk", "korto" (a known word
        # is not looked up again one letter off: that would only add work and noise)
        for key in sorted(self._typo_keys(form) - form.blocking_keys()):
            hits.update(self.postings.get(key, ()))
        if not hits:  # nothing distinctive found: try the generic words (scored low anyway)
            for key in sorted(form.weak_keys()):
                hits.update(self.postings.get(key, ()))
        top = self._top(hits, len(form.tokens))
        # the same letters spaced otherwise always compete, however few keys they share
        joined = sorted(k for k in form.blocking_keys() if k.startswith("j:"))
        extra = {n for k in joined for n in self.postings.get(k, ())[:MAX_JOINED]}
        return top + sorted(extra - set(top))

    def _unknown(self, token: str) -> bool:
        """No listed name has this word (itself or a romanisation variant of it; a listed
        word that only sounds alike or shares the first letters does not count)."""
        return all(k not in self.postings for k in token_keys(token) if k[0] in "tc")

    def _typo_keys(self, form: NameForm) -> set[str]:
        return {
            k
            for t, strong in zip(form.tokens, form.strong, strict=True)
            if strong and self._unknown(t)
            for k in query_typo_keys(t)
        }

    def _top(self, hits: Counter[int], size: int) -> list[int]:
        """The names sharing the most keys; ties broken toward the query's length."""
        k = self.max_candidates
        if len(hits) <= k:
            return sorted(hits)
        per_count = Counter(hits.values())
        cutoff, need = 0, k
        for count in sorted(per_count, reverse=True):
            if per_count[count] >= need:
                cutoff = count
                break
            need -= per_count[count]
        above = sorted(n for n, c in hits.items() if c > cutoff)
        ties = [n for n, c in hits.items() if c == cutoff]
        if len(ties) > need:
            lengths = self.lengths
            ties = heapq.nsmallest(need, ties, key=lambda n: (abs(lengths[n] - size), n))
        return above + sorted(ties)

    def _reachable(self, form: NameForm, names: list[int]) -> list[int]:
        """Drop candidates whose shared keys cover less than PRUNE_BELOW of the query."""
        plans = [
            _plan(f, self._unknown) for f in (form, form.whole) if f is not None and f.total > 0
        ]
        joined = {k for k in form.blocking_keys() if k.startswith("j:")}
        keysets = self.keysets
        out = []
        for n in names:
            ks = keysets[n]
            if joined and not ks.isdisjoint(joined):  # same letters spaced otherwise
                out.append(n)
                continue
            for total, weak, strong in plans:
                covered = weak + sum(w for w, keys in strong if not ks.isdisjoint(keys))
                if covered >= PRUNE_BELOW * total:
                    out.append(n)
                    break
        return out

    def search(self, query: Query, threshold: float, limit: int) -> tuple[list[Match], int]:
        """Score the candidates; keep each entity's best name; best entities first."""
        best: dict[int, tuple[Scored, NameForm]] = {}
        names = self._reachable(query.form, self.candidates(query.form))
        for n_idx in names:
            e_idx = self.owner[n_idx]
            scored = score(query, self.forms[n_idx], self.entities[e_idx], self.qualities[n_idx])
            if e_idx not in best or scored.score > best[e_idx][0].score:
                best[e_idx] = (scored, self.forms[n_idx])
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0].score, kv[0]))[:limit]
        return [self._match(e, s, f, threshold) for e, (s, f) in ranked if s.score > 0], len(names)

    def _match(self, e_idx: int, scored: Scored, form: NameForm, threshold: float) -> Match:
        entity = self.entities[e_idx]
        return Match(
            list=entity.list,
            reference=entity.reference,
            entity_id=entity.id,
            name=entity.caption,
            matched_name=form.text,
            score=scored.score,
            match=scored.score >= threshold,
            explanation=scored.explanation(),
            type=entity.type,
            deciding_feature=scored.deciding,
            features=scored.features,
            programmes=entity.programmes,
        )


def _plan(
    form: NameForm, unknown: Callable[[str], bool]
) -> tuple[float, float, list[tuple[float, tuple[str, ...]]]]:
    """(total weight, weight of weak words, [(weight, keys)] of the distinctive words; the
    typo keys of the words no listed name has)."""
    weak = sum(w for w, st in zip(form.weights, form.strong, strict=True) if not st)
    strong = [
        (w, token_keys(t) + (query_typo_keys(t) if unknown(t) else ()))
        for t, w, st in zip(form.tokens, form.weights, form.strong, strict=True)
        if st
    ]
    if not strong:  # a query of weak words only: nothing to prune on
        return form.total, form.total, []
    return form.total, weak, strong
