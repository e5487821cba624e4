"""The territory gazetteer: the token-sequence index and its loading.

Kept apart from the tagger so the data and its index have one owner; names are
indexed on the shared key of :mod:`extractor.components.folding`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from ... import resources
from ..folding import fold

#: a dash between spaces separates two parts of an intercommunality's name
SPACED_DASH = re.compile(r"\s[-–—]\s")
KIND_PRIORITY = ("region", "departement", "epci", "commune", "territoire_industrie", "zone")
T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    kind: str
    name: str
    code: str | None
    population: int | None
    ambiguous: bool


class SequenceIndex(Generic[T]):
    """Folded token sequences -> value, matched longest first.

    A dict lookup per position: loading is a dict build (no pattern docs to make
    for forty thousand names) and matching is linear in the document.
    """

    def __init__(self, sequences: dict[tuple[str, ...], T]) -> None:
        self.sequences = sequences
        self.longest: dict[str, int] = {}
        for seq in sequences:
            self.longest[seq[0]] = max(self.longest.get(seq[0], 0), len(seq))

    def get(self, words: tuple[str, ...]) -> T | None:
        return self.sequences.get(words)

    def match(self, words: list[str]) -> list[tuple[int, int, T]]:
        """The longest sequence starting at each position (matches may overlap)."""
        out = []
        n = len(words)
        for i, word in enumerate(words):
            size = self.longest.get(word, 0)
            for length in range(min(size, n - i), 0, -1):
                value = self.sequences.get(tuple(words[i : i + length]))
                if value is not None:
                    out.append((i, i + length, value))
                    break
        return out


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, Entry]  # folded form -> entry
    index: SequenceIndex[str]  # folded token sequence -> folded form
    upper: frozenset[str]  # folded forms written in capitals: acronyms ("CIREST", "PACA")
    # every form of a Territoire d'industrie, also those an EPCI or a commune shares
    industry_forms: tuple[tuple[str, Entry], ...] = ()


@cache
def load_gazetteer(gazetteer: str, aliases: str) -> Gazetteer:
    """The gazetteer and the hand-written aliases, loaded once per process.

    Token sequences were computed by the build script with the same tokenizer, so
    loading needs no tokenization of the forty thousand names.
    """
    entries: dict[str, Entry] = {}
    sequences: dict[tuple[str, ...], str] = {}

    def put(form: str, entry: Entry) -> None:
        key = fold(form)
        old = entries.get(key)
        if old is None or (KIND_PRIORITY.index(entry.kind), -(entry.population or 0)) < (
            KIND_PRIORITY.index(old.kind),
            -(old.population or 0),
        ):
            entries[key] = entry

    by_name: dict[tuple[str, str], Entry] = {}
    upper: set[str] = set()
    industry: list[tuple[str, Entry]] = []
    for row in resources.iter_jsonl(gazetteer):
        entry = Entry(row["k"], row["n"], row.get("c"), row.get("p"), bool(row.get("a")))
        put(row["f"], entry)
        if entry.kind == "territoire_industrie":
            industry.append((row["f"], entry))
        if row["f"].isupper():
            upper.add(fold(row["f"]))
        by_name.setdefault((row["k"], fold(row["n"])), entry)
        for seq in row["t"]:
            sequences[tuple(seq.split(" "))] = fold(row["f"])
            if entry.kind == "epci" and SPACED_DASH.search(row["f"]):
                # "Loudéac Communauté - Bretagne Centre" is written without its dash too
                bare = tuple(w for w in seq.split(" ") if w != "-")
                sequences.setdefault(bare, fold(row["f"]))
    import spacy

    tokenizer = spacy.blank("fr").tokenizer
    for kind, forms in resources.read_json(aliases).items():
        if kind.startswith("_"):
            continue
        for form, canonical in forms.items():
            target = by_name.get((kind, fold(canonical)))
            code = target.code if target else None
            pop = target.population if target else None
            entry = Entry(kind, canonical, code, pop, False)
            put(form, entry)
            if kind == "territoire_industrie":
                industry.append((form, entry))
            sequences[tuple(fold(t.text) for t in tokenizer(form))] = fold(form)
            if form.isupper():
                upper.add(fold(form))
    return Gazetteer(entries, SequenceIndex(sequences), frozenset(upper), tuple(industry))
