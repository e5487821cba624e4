"""Name helpers shared by ``fr_organizations`` and ``fr_actors``.

Both components compare names on the same folded key and read capitalised
names, clause breaks and publisher boilerplate the same way; keeping these in
one place keeps the two components agreeing on what a name is.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .. import resources
from .doctext import doc_text
from .folding import fold

CLAUSE_END = frozenset(',;.:!?«»()[]"“”|/—–')
ARTICLES = frozenset({"le", "la", "l'", "l’", "les"})
CONNECTORS = frozenset(
    {"de", "du", "des", "d'", "d’", "l'", "l’", "la", "le", "sur", "en", "lès", "les"}
)
SEGMENT = re.compile(r"\s+[–—|-]\s+")
HYPHENS = frozenset({"-", "‑", "–"})
#: ``doc.user_data`` key of the publisher lines found last (see :func:`boilerplate_lines`)
_BOILERPLATE = "extractor.boilerplate"
#: the heading of a press-contact block ("Contact presse", "Relations médias")
_CONTACT = re.compile(r"^\W*(contacts?|relations?) (presse|media)s?\b")
AMOUNT_UNITS = frozenset({"%", "€", "k€", "M€", "Md€", "euros", "millions", "milliards", "emplois"})


def is_cap(tok: Token) -> bool:
    """A token that may start or continue a proper name (Dupont, ST, Jean-Luc, L'Oréal)."""
    t = tok.text
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t)


def is_camel(tok: Token) -> bool:
    """A name written in lower case with capitals inside: "m2A", "iXblue", "eFounders"."""
    t = tok.text
    return len(t) > 1 and t[0].islower() and any(c.isupper() for c in t[1:]) and t.isalnum()


def load_titles(name: str) -> frozenset[str]:
    """Folded press titles, each with and without its leading article."""
    keys = set()
    for line in resources.read_lines(name):
        key = fold(line)
        keys.add(key)
        head, _, rest = key.partition(" ")
        if rest and head in ARTICLES:
            keys.add(rest)
        elif key.startswith(("l'", "l’")):
            keys.add(key[2:])
    return frozenset(keys)


def boilerplate_lines(doc: Doc, pattern: re.Pattern, max_len: int = 300) -> list[tuple[int, int]]:
    """Char ranges of publisher lines: short lines matching ``pattern`` and press-contact blocks.

    A "Contact presse" heading starts a block that runs to the next blank line: the
    service and person named there are the publisher's, not parties to the news.

    Kept in ``doc.user_data`` for the next caller with the same pattern (``fr_organizations``
    and ``fr_actors`` both ask): the text of a doc never changes.
    """
    cached = doc.user_data.get(_BOILERPLATE)
    if cached is not None and cached[0] == pattern.pattern and cached[1] == max_len:
        return list(cached[2])
    out = _boilerplate_lines(doc_text(doc), pattern, max_len)
    doc.user_data[_BOILERPLATE] = (pattern.pattern, max_len, tuple(out))
    return out


def _boilerplate_lines(text: str, pattern: re.Pattern, max_len: int) -> list[tuple[int, int]]:
    out = []
    pos = 0
    in_contact = False
    publisher: set[str] = set()
    heads: list[tuple[int, int, str]] = []
    for line in text.split("\n"):
        end = pos + len(line)
        key = fold.__wrapped__(line)  # a line is seldom seen twice: keep the cache for words
        parts = SEGMENT.split(key.strip())
        if not key:
            in_contact = False
        elif in_contact or (len(line) < max_len and pattern.search(key)):
            out.append((pos, end))
            if len(parts) > 1 and len(parts[0].split()) <= 4 and not pattern.search(parts[0]):
                publisher.add(parts[0])  # "Adira – Mentions légales": the site's own name
        elif len(line) < max_len and len(parts) > 1:
            heads.append((pos, end, parts[0]))
        if _CONTACT.match(key):
            in_contact = True
        pos = end + 1
    # "Adira – Agence de développement d'Alsace": the site's name and tagline in its header
    out += [(s, e) for s, e, first in heads if first in publisher]
    return sorted(out)


def in_ranges(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= span.start_char and span.end_char <= e for s, e in ranges)


def is_break(tok: Token) -> bool:
    return tok.text in CLAUSE_END or "\n" in tok.text or (tok.is_space and "\n" in tok.whitespace_)


def _amount_follows(doc: Doc, j: int) -> bool:
    """A number group, unit or percent sign after a number: "Banque X 50 %" is not "Banque X 50"."""
    if j >= len(doc):
        return False
    nxt = doc[j]
    return nxt.text[:1].isdigit() or nxt.text in AMOUNT_UNITS


def extend_name(doc: Doc, i: int, limit: int, suffixes: frozenset[str] = frozenset()) -> int:
    """End of the capitalised name starting at ``i``: caps, hyphens and connectors between caps."""
    j = i + 1
    n = min(limit, len(doc))
    while j < n and j - i < 8:
        tok = doc[j]
        if "\n" in doc[j - 1].whitespace_:
            break
        if is_cap(tok) or (
            tok.text[:1].isdigit() and is_cap(doc[j - 1]) and not _amount_follows(doc, j + 1)
        ):
            j += 1
        elif (
            j + 1 < n
            and is_cap(doc[j + 1])
            and ((tok.text in HYPHENS and not doc[j - 1].whitespace_) or tok.lower_ in CONNECTORS)
        ):
            j += 2
        elif (
            j + 2 < n
            and tok.lower_ == "de"
            and doc[j + 1].lower_ in ARTICLES
            and is_cap(doc[j + 2])
        ):
            j += 3  # "Région des Pays de la Loire"
        elif tok.lower_ in suffixes and tok.is_lower:
            j += 1
        else:
            break
    return j
