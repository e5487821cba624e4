"""Territoire d'industrie names written another way than the reference list.

The press and the contracts write a Territoire d'industrie's name with other
separators ("Aurillac/Figeac/Rodez", "Sète - Béziers"), in another order of its
parts ("Figeac – Aurillac – Rodez"), with hyphens for spaces ("Gard-Rhodanien"),
with département numbers for département names ("Interdépartemental 32/82"), or
with a separator lost in a PDF ("GersTarn-et-Garonne"). All of these are read on
one key: the folded words of the name, every hyphen, dash and slash dropped, and
camel-case glue split. The variants are generated from the reference names in
the gazetteer (each part's département names may be their codes, the parts may
come in any order), so no variant is written by hand.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple

from spacy.attrs import IS_SPACE, ORTH
from spacy.tokens import Doc

from ..folding import fold
from .gazetteer import Entry, Gazetteer, load_gazetteer

# inside a token: hyphens, dashes and slashes separate words
_SEPARATORS = re.compile(r"[-–—‑‐−/]+")
# two words glued where a PDF lost the space or dash: "GersTarn"
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý])")
# between parts of a reference name: a spaced dash, a slash or a semicolon
# "l'arve" -> "l'", "arve": an elided article is a word of its own, glued or not
_ELISION = re.compile(r"[^']+'?|'")
_PARTS = re.compile(r"\s+[-–—]\s+|\s*/\s*|\s*;\s*")
_WORDS = re.compile(r"[\s\-]+")
PLACE_KINDS = ("commune", "departement", "region", "epci")
MAX_PERMUTED_PARTS = 4


@lru_cache(maxsize=1 << 16)
@lru_cache(maxsize=1 << 16)
def pieces(text: str) -> tuple[str, ...]:
    """The folded words of one token: "Aurillac-Figeac" -> ("aurillac", "figeac"),
    "Vallée-de-l'Arve" -> ("vallee", "de", "l'", "arve"). Cached: a text's words repeat."""
    out: list[str] = []
    for chunk in _SEPARATORS.split(text):
        for sub in _CAMEL.split(chunk):
            out.extend(_ELISION.findall(fold(sub)))
    return tuple(out)


class Piece(NamedTuple):
    word: str
    token: int
    first: bool  # the first word of its token
    last: bool  # the last word of its token


def word_stream(doc: Doc) -> list[Piece]:
    """The doc's words with separators and spaces dropped, each tied to its token."""
    stream = []
    strings = doc.vocab.strings
    # the ORTH and IS_SPACE columns, with no Token object per token
    columns = doc.to_array([ORTH, IS_SPACE]).tolist()
    for i, (orth, space) in enumerate(columns):
        if space:
            continue
        words = pieces(strings[orth])
        last = len(words) - 1
        for k, word in enumerate(words):
            stream.append(Piece(word, i, k == 0, k == last))
    return stream


class TerritoryNameVariants:
    """Word keys of every Territoire d'industrie name variant -> its gazetteer entry."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        import spacy

        tokenizer = spacy.blank("fr").tokenizer

        def words(text: str) -> tuple[str, ...]:
            return tuple(w for t in tokenizer(text) if not t.is_space for w in pieces(t.text))

        forms = dict(gazetteer.industry_forms)
        places = {k for k, e in gazetteer.entries.items() if e.kind in PLACE_KINDS}
        departements = {
            words(e.name): e.code
            for e in gazetteer.entries.values()
            if e.kind == "departement" and e.code
        }
        self.keys: dict[tuple[str, ...], Entry] = {}
        for name, entry in sorted(forms.items()):
            parts = [_with_codes(words(part), departements) for part in split_parts(name, places)]
            orders: Iterable[tuple[int, ...]] = (
                itertools.permutations(range(len(parts)))
                if len(parts) <= MAX_PERMUTED_PARTS
                else [tuple(range(len(parts)))]
            )
            for order in orders:
                for combo in itertools.product(*(parts[k] for k in order)):
                    key = tuple(w for part in combo for w in part)
                    if len(key) >= 2 and not all(w.isdigit() for w in key):
                        self.keys.setdefault(key, entry)
        self.longest: dict[str, int] = {}
        for key in self.keys:
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))

    def match(self, doc: Doc) -> list[tuple[int, int, Entry]]:
        """(start token, end token, entry) of every variant that covers whole tokens."""
        longest = self.longest
        stream = word_stream(doc)
        if not any(p.first and p.word in longest for p in stream):
            return []  # no word that opens a variant: the common case, kept cheap
        out = []
        n = len(stream)
        for i, piece in enumerate(stream):
            size = longest.get(piece.word, 0)
            if not size or not piece.first:
                continue
            for length in range(min(size, n - i), 1, -1):
                entry = self.keys.get(tuple(p.word for p in stream[i : i + length]))
                if entry is not None and stream[i + length - 1].last:
                    out.append((piece.token, stream[i + length - 1].token + 1, entry))
                    break
        return out


def split_parts(name: str, places: set[str]) -> list[str]:
    """The parts of a reference name that may come in another order: those between spaced
    dashes or slashes ("Aurillac – Figeac – Rodez"), or the words of a name made of place
    names only ("Castelnaudary Castres", "Béziers-Sète")."""
    parts = [p for p in _PARTS.split(name) if p.strip()]
    if len(parts) == 1:
        words = [w for w in _WORDS.split(name) if w]
        if 2 <= len(words) <= MAX_PERMUTED_PARTS and all(fold(w) in places for w in words):
            return words
    return parts


def _with_codes(
    words: tuple[str, ...], departements: dict[tuple[str, ...], str]
) -> list[tuple[str, ...]]:
    """A part's words, and the same with each département name written as its number
    ("Interdépartemental Gers" -> "Interdépartemental 32")."""
    out = [words]
    for dep, code in departements.items():
        size = len(dep)
        for variant in list(out):
            for i in range(len(variant) - size + 1):
                if variant[i : i + size] == dep:
                    out.append((*variant[:i], fold(code), *variant[i + size :]))
    return list(dict.fromkeys(out))


@cache
def load_variants(gazetteer: str, aliases: str) -> TerritoryNameVariants:
    """The variants of a gazetteer's Territoires d'industrie, built once per process."""
    return TerritoryNameVariants(load_gazetteer(gazetteer, aliases))
