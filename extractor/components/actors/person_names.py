"""Finding person names for ``fr_actors`` and dropping those that are no party.

Candidates come from the NER and from names right after a title or honorific;
bylines, photo credits, signatures of the publisher and people a place is named
after are dropped here, before any role is read.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..doctext import doc_text
from ..names import ARTICLES, HYPHENS, fold, is_cap
from .roles import RoleGrammar


class ActorNames:
    """Candidate names and the filters on them; lexicons are set by ``ActorsComponent``."""

    roles: RoleGrammar
    honorifics: frozenset[str]
    particles: frozenset[str]
    named_after: frozenset[str]
    industry: frozenset[str]
    press: frozenset[str]
    photo_line: re.Pattern
    byline: re.Pattern
    window: int

    # -- candidate names -------------------------------------------------------------
    def _looks_like_name(self, span: Span) -> bool:
        words = [t for t in span if t.text not in self.particles and t.text not in HYPHENS]
        if not words or len(span) > 6:
            return False
        for t in words:
            if not is_cap(t) or (not t.is_alpha and "-" not in t.text and "'" not in t.text):
                return False
            if t.text in self.honorifics:
                return False
        if self.roles.is_role_word(words[0]):
            return False  # "Maire", "Président"; "Bruno Le Maire" is a name
        first = fold(words[0].text)
        if first in self.named_after or first in self.roles.org_nouns:
            return False  # "Cabinet de X", "Service presse": a body, not a person
        if len(words) > 1 and any(fold(t.text) in self.industry for t in words):
            return False  # "Berry Mécanique Systèmes", "Tannerie Dupuy": a firm, not a person
        key = fold(span.text)
        if key in self.press or key.partition(" ")[2] in self.press:
            return False
        return any(not t.is_upper for t in words)

    def _trim(self, doc: Doc, s: int, e: int) -> tuple[int, int]:
        while s < e and (
            doc[s].text in self.honorifics
            or doc[s].lower_ in ARTICLES
            or not is_cap(doc[s])
            or self.roles.is_role_word(doc[s])
        ):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space or not doc[e - 1].text.strip()):
            e -= 1
        for k in range(s, e - 1):  # a name never runs over a line break
            if "\n" in doc[k].whitespace_ or doc[k].is_space:
                return s, k + (0 if doc[k].is_space else 1)
        return s, e

    def _name_at(self, doc: Doc, i: int, limit: int) -> int:
        """End of a Firstname Lastname run at ``i`` (2-4 name tokens), or ``i``."""
        j = i
        n = min(limit, len(doc))
        while j < n and j - i < 5:
            tok = doc[j]
            if is_cap(tok) and (tok.is_alpha or "-" in tok.text):
                if self.roles.is_role_word(tok) and j == i:
                    return i
                j += 1
            elif tok.text in self.particles and j > i and j + 1 < n and is_cap(doc[j + 1]):
                j += 1
            else:
                break
            if "\n" in tok.whitespace_:
                break
        return j

    def _candidates(
        self, doc: Doc, roles: list[tuple[int, int]], known: dict[int, int]
    ) -> list[Span]:
        found: list[Span] = []
        for ent in doc.ents:
            if ent.label_ not in ("PER", "PERSON", "MISC"):
                continue
            s, e = self._trim(doc, ent.start, ent.end)
            if s >= e:
                continue
            # the NER tags "Premier ministre Edouard Philippe" as MISC: keep the name after a role
            if ent.label_ == "MISC" and (s == ent.start or e - s < 2):
                continue
            found.append(doc[s:e])
        # names after a title or honorific that the NER missed
        for rs, re_ in roles:
            role, j = self.roles.parse(doc, rs, re_, rs + self.window, known)
            for k in (j, role.end):
                if k < len(doc) and doc[k].text == ",":
                    k += 1
                while k < len(doc) and doc[k].is_space:
                    k += 1  # a signature block: "le président,\nJean Dupont"
                while k < len(doc) and doc[k].text in self.honorifics:
                    k += 1
                e = self._name_at(doc, k, len(doc))
                if e - k >= 2:
                    found.append(doc[k:e])
                    break
        for tok in doc:
            if tok.text in self.honorifics and tok.i + 1 < len(doc):
                e = self._name_at(doc, tok.i + 1, len(doc))
                if e > tok.i + 1:
                    found.append(doc[tok.i + 1 : e])
        return found

    # -- filters ---------------------------------------------------------------------
    def _line(self, doc: Doc, span: Span) -> tuple[str, str]:
        text = doc_text(doc)
        ls = text.rfind("\n", 0, span.start_char) + 1
        le = text.find("\n", span.end_char)
        le = len(text) if le < 0 else le
        return text[ls : span.start_char], text[span.end_char : le]

    def _is_byline(self, doc: Doc, span: Span) -> bool:
        before, after = self._line(doc, span)
        if not before.strip(" \t\u00a0") and not after.strip(" \t\u00a0.,;"):
            return not self._signs(doc, span)  # a name alone on its line
        key = fold(before)
        if self.photo_line.search(key):
            return True  # "Photo : Le Journal / Jean Dupont"
        words = key.split()
        while words and words[-1] in {fold(h) for h in self.honorifics}:
            words.pop()  # "posté par Mme X"
        return bool(self.byline.search(" ".join(words) + " " if words else key))

    def _signs(self, doc: Doc, span: Span) -> bool:
        """A name alone on its line under a role line ending in a comma: a signatory."""
        k = span.start - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k < 0 or doc[k].text != ",":
            return False
        line = []
        for t in reversed(doc[max(0, k - 8) : k]):
            if t.is_space or "\n" in t.whitespace_:
                break
            line.append(t)
        return any(self.roles.is_role_word(t) for t in line)

    def _is_named_after(self, doc: Doc, span: Span, occupied: set[int]) -> bool:
        if any(i in occupied for i in range(span.start, span.end)):
            return True
        if span.start == 0:
            return False
        prev = doc[span.start - 1]
        if fold(prev.text) in self.named_after:
            return True
        if "\n" in prev.whitespace_:
            return False
        return (
            prev.is_upper
            and len(prev.text) >= 2
            and prev.is_alpha
            and prev.text not in self.honorifics
        )
