"""Finding person names for ``fr_actors`` and dropping those that are no party.

Candidates come from the NER and from names right after a title or honorific;
bylines, photo credits, signatures of the publisher and people a place is named
after are dropped here, before any role is read.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..doctext import doc_text, positions_of
from ..names import ARTICLES, HYPHENS, fold, is_cap
from .roles import RoleGrammar

# words after which a name is a role's complement (a body), not the person holding it
COMPLEMENT = frozenset({"de", "d'", "du", "des", "chez", "pour", "a", "au", "aux", "par", "en"})


class ActorNames:
    """Candidate names and the filters on them; lexicons are set by ``ActorsComponent``."""

    roles: RoleGrammar
    honorifics: frozenset[str]
    particles: frozenset[str]
    named_after: frozenset[str]
    place_words: frozenset[str]
    industry: frozenset[str]
    press: frozenset[str]
    photo_line: re.Pattern
    byline: re.Pattern
    window: int
    first_names: frozenset[str]
    known_orgs: frozenset[str]
    speech: list[tuple[str, ...]]

    # -- candidate names -------------------------------------------------------------
    def _looks_like_name(self, span: Span) -> bool:
        words = [
            t
            for t in span
            if t.text not in self.particles and t.text not in HYPHENS and not t.is_space
        ]
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
        return s, self._wrapped_name_end(doc, s, e)

    def _wrapped_name_end(self, doc: Doc, s: int, e: int) -> int:
        """A given name alone at the end of a hard-wrapped line goes on with the surname on
        the next one ("représentée par Mme Claire\nDurand"), else the name ends at ``e``."""
        if (
            e - s != 1
            or e + 1 >= len(doc)
            or doc[e].text != "\n"
            or fold(doc[s].text) not in self.first_names
        ):
            return e
        end = self._name_at(doc, e + 1, len(doc))
        if end == e + 1 or self.roles.is_role_word(doc[e + 1]):
            return e
        while (
            end + 1 < len(doc)
            and doc[end].text in HYPHENS
            and not doc[end - 1].whitespace_
            and is_cap(doc[end + 1])
        ):
            end += 2  # "Castellan-Roure": the tokenizer splits a double surname
        # the surname closes its phrase ("Durand, présidente"); "Coût total" opens another
        return end if end >= len(doc) or doc[end].is_punct or doc[end].is_space else e

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
        self,
        doc: Doc,
        roles: list[tuple[int, int]],
        known: dict[int, int],
        bodies: frozenset[int] = frozenset(),
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
            role, j = self.roles.parse(doc, rs, re_, rs + self.window, known, bodies)
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
        for i in positions_of(doc, self.honorifics):  # on the word ids, no Token per token
            if i + 1 < len(doc):
                e = self._name_at(doc, i + 1, len(doc))
                if e > i + 1:
                    e = self._wrapped_name_end(doc, i + 1, e)
                    found.append(doc[i + 1 : e])
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
        if self._wrapped_line(doc, span, before):
            return False  # "représentée\npar Mme Claire Durand": a sentence, not a byline
        words = key.split()
        while words and words[-1] in {fold(h) for h in self.honorifics}:
            words.pop()  # "posté par Mme X"
        return bool(self.byline.search(" ".join(words) + " " if words else key))

    @staticmethod
    def _wrapped_line(doc: Doc, span: Span, before: str) -> bool:
        """The name's line goes on with the sentence of the line above: it opens with a
        lower-case word and the line above ends on a word, with no blank line between."""
        head = before.lstrip()
        if not head or not head[0].islower():
            return False
        text = doc_text(doc)
        ls = span.start_char - len(before)
        return ls >= 2 and text[ls - 1] == "\n" and text[ls - 2].isalpha()

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
        if self._after_place_word(doc, span.start):
            return True
        if "\n" in prev.whitespace_:
            return False
        return (
            prev.is_upper
            and len(prev.text) >= 2
            and prev.is_alpha
            and prev.text not in self.honorifics
        )

    def _after_place_word(self, doc: Doc, i: int) -> bool:
        """ "la zone Jean-Monnet", "la zone d'activités Jean-Monnet", "le réacteur Jules-Verne"."""
        k = i - 1
        if k >= 0 and fold(doc[k].text) in self.named_after:
            return True
        # one lower-case word between: an adjective or the noun of "d'activités"
        if k >= 1 and doc[k].is_lower and doc[k].is_alpha:
            k -= 1
            if k >= 0 and doc[k].lower_ in {"de", "d'", "d’", "du", "des"}:
                k -= 1
            # accents kept: "porté par X" is no "porte X"
            return k >= 0 and doc[k].lower_ in self.place_words
        return False

    def _firm_named_like_person(self, doc: Doc, span: Span, roles: dict[int, int]) -> bool:
        """ "Provence Coulis engage", "je pense à Armor Fibre": two capitalised words
        that open with no given name and stand nowhere a person does (no honorific,
        speech verb, title or apposition) are a firm's name the NER took for a person."""
        words = [
            t
            for t in span
            if t.text not in self.particles and t.text not in HYPHENS and not t.is_space
        ]
        if len(words) < 2:
            return False
        first = fold(words[0].text)
        if first in self.first_names or first.split("-")[0] in self.first_names:
            return False
        return not self._stands_as_person(doc, span, roles)

    # -- persons the NER typed as organizations ------------------------------------------
    def _person_like(self, span: Span) -> bool:
        """Given name + surname, no known organization, no industry word."""
        words = [
            t
            for t in span
            if t.text not in self.particles and t.text not in HYPHENS and not t.is_space
        ]
        if not 2 <= len(words) <= 4 or " " not in span.text.strip():
            return False
        if not all(is_cap(t) and (t.is_alpha or "-" in t.text) for t in words):
            return False
        if all(t.is_upper for t in words) or self.roles.is_role_word(words[0]):
            return False
        first = fold(words[0].text)
        if first not in self.first_names and first.split("-")[0] not in self.first_names:
            return False
        key = fold(span.text)
        if key in self.press or any(
            fold(span[:k].text) in self.known_orgs for k in range(2, len(span) + 1)
        ):
            return False  # "France Travail de Grasse" opens with a known body
        return not any(fold(t.text) in self.industry for t in words)

    def _stands_as_person(self, doc: Doc, span: Span, roles: dict[int, int]) -> bool:
        """Where a person stands: after a speech verb, an honorific or a role phrase, or
        before ", <role>"."""
        s = span.start
        if s > 0 and doc[s - 1].text in self.honorifics:
            return True
        for words in self.speech:
            b = s - len(words)
            if b >= 0 and tuple(fold(t.text) for t in doc[b:s]) == words:
                return True
        k = span.end
        if k < len(doc) and doc[k].text == ",":
            k += 1
            while k < len(doc) and (
                doc[k].lower_ in ARTICLES or fold(doc[k].text) in self.roles.prefixes
            ):
                k += 1
            if k in roles:
                return True
        return self._after_title(doc, s, roles)

    def _after_title(self, doc: Doc, s: int, roles: dict[int, int]) -> bool:
        """ "le directeur général de Sorelec, X", "la députée X": a role phrase ends at ``s``."""
        prev = fold(doc[s - 1].text) if s else ""
        if (
            not s
            or prev in COMPLEMENT
            or prev in self.roles.org_nouns
            or prev in self.roles.anaphoric
        ):
            # "directeur général de Pierre Fabre", "directrice de l'agence France Travail":
            # the role's body
            return False
        end = s - 1 if doc[s - 1].text == "," else s
        for rs in range(max(0, end - self.window), end):
            if rs not in roles or any(t.is_sent_start for t in doc[rs + 1 : end]):
                continue
            role, j = self.roles.parse(doc, rs, roles[rs], end)
            if max(j, role.end) >= end:
                return True
        return False

    def _typed_persons(
        self, doc: Doc, roles: list[tuple[int, int]], spans: list[Span]
    ) -> list[Span]:
        """Organization and place spans of the NER that are persons where they stand."""
        starts = dict(roles)
        return [s for s in spans if self._person_like(s) and self._stands_as_person(doc, s, starts)]

    def _inside_persons(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Spans lying inside a person's name the NER tagged (given name first), not all of it."""
        persons = [
            e
            for e in doc.ents
            if e.label_ in {"PER", "PERSON"}
            and self._person_like(e)
            and not self._after_place_word(doc, e.start)
        ]
        return [
            s
            for s in spans
            for e in persons
            if e.start <= s.start and s.end <= e.end and (s.start, s.end) != (e.start, e.end)
        ]
