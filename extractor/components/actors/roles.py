"""Role phrases ("maire de Carros", "PDG d'Arkopharma") and the organization they name.

Shared by ``fr_actors`` (the role and organization of a person) and
``fr_organizations`` (the complement of a role is an organization).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from ..names import ARTICLES, extend_name, fold, is_break, is_cap


@dataclass(frozen=True)
class Role:
    """A role phrase: its tokens, and the organization span it names (token offsets)."""

    start: int
    end: int
    text: str
    org: tuple[int, int] | None


class RoleGrammar:
    """Finds role words and reads the role phrase and its organization."""

    def __init__(self, vocab, data: dict) -> None:
        self.kinds: dict[str, str] = {}
        self.portfolio: set[str] = set()
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        from spacy.lang.fr import French

        make = French().tokenizer
        for entry in data["roles"]:
            for form in entry["forms"]:
                key = fold(form)
                self.kinds[key] = entry["org"]
                if entry.get("portfolio"):
                    self.portfolio.add(key)
                self.matcher.add(entry["org"], [make(form)])
        self.heads = frozenset(k.split()[0] for k in self.kinds)
        self.prefixes = frozenset(fold(w) for w in data["role_prefixes"])
        self.stops = frozenset(data["role_stops"])
        self.preps = [tuple(make(p).text.lower().split()) for p in data["org_prepositions"]]
        self.preps.sort(key=len, reverse=True)
        self.org_nouns = frozenset(fold(w) for w in data["org_nouns"])
        self.anaphoric = frozenset(fold(w) for w in data["anaphoric_nouns"])
        self.clause = self.stops | frozenset(data["clause_words"])

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """Role words of the doc, longest match at each place."""
        spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        return [(s.start, s.end) for s in filter_spans(spans)]

    def kind(self, doc: Doc, start: int, end: int) -> str:
        return self.kinds.get(fold(doc[start:end].text), "org")

    def is_role_word(self, tok: Token) -> bool:
        return fold(tok.text) in self.heads

    def _prep_at(self, doc: Doc, j: int) -> int:
        for p in self.preps:
            if tuple(t.lower_ for t in doc[j : j + len(p)]) == p:
                return len(p)
        return 0

    def _glued_end(self, doc: Doc, j: int, limit: int) -> int | None:
        """End of a name (ending at ``j``) glued to a role word when an organization follows.

        "référent Industrie du futur pour la Caisse des Dépôts": the glued name is part of
        the role; the preposition must lead to a capitalised name within the clause.
        """
        for k in range(j, min(limit, j + 6)):
            if is_break(doc[k]) or doc[k].lower_ in self.stops:
                return None
            plen = self._prep_at(doc, k)
            if not plen:
                continue
            m = k + plen
            while m < limit and doc[m].lower_ in ARTICLES:
                m += 1
            if m < limit and is_cap(doc[m]):
                return k
        return None

    @staticmethod
    def _firm_after_seat(
        doc: Doc, e: int, limit: int, known: dict[int, int]
    ) -> tuple[int, int] | None:
        """ "directeur du site de Ville de Firme": the firm after the site's town."""
        if e + 1 >= limit or doc[e].lower_ not in {"de", "du", "d'", "d’"}:
            return None
        k = e + 1
        if not is_cap(doc[k]):
            return None
        return (k, known.get(k) or extend_name(doc, k, limit))

    def parse(
        self,
        doc: Doc,
        start: int,
        end: int,
        limit: int,
        known: dict[int, int] | None = None,
        bodies: AbstractSet[int] = frozenset(),
    ) -> tuple[Role, int]:
        """The role phrase of the role word ``doc[start:end]`` and the index where it stops.

        ``known`` maps start token -> end token of organization/territory spans, preferred
        as the organization when one follows a preposition of the clause; ``bodies`` are
        the starts of those that are organizations.
        """
        known = known or {}
        limit = min(limit, len(doc))
        kind = self.kind(doc, start, end)
        key = fold(doc[start:end].text)
        j = end
        if key in self.portfolio:
            while j < limit and not is_break(doc[j]) and "\n" not in doc[j - 1].whitespace_:
                low = doc[j].lower_
                nxt = doc[j + 1].lower_ if j + 1 < limit else ""
                if low in self.stops and not (
                    low == "et" and nxt in {"de", "des", "du", "à", "aux", "d'", "d’"}
                ):
                    break
                j += 1
            return Role(start, j, doc[start:j].text, None), j
        if kind == "none":
            return Role(start, end, doc[start:end].text, None), end
        role_end = end
        # "référent Territoire d'Industrie pour X": a capitalised phrase glued to the role
        # word, followed by the organization, belongs to the role.
        if j < limit and is_cap(doc[j]):
            k = known.get(j) or extend_name(doc, j, limit)
            # a known body right after the role is its organization ("directeur du site
            # Dupuy de Vierzon"), not a name glued to the role
            glued = None if j in bodies else self._glued_end(doc, k, limit)
            comma = next((c for c in range(k, min(limit, k + 4)) if doc[c].text == ","), None)
            # "cheffe de projet Industrie du futur, Syndicat mixte X": the glued name
            # is a programme (no organization span); the body follows the comma
            if (
                glued is None
                and j not in known
                and comma is not None
                and comma + 1 in known
                and not any(is_break(t) or t.lower_ in self.stops for t in doc[k:comma])
            ):
                org = (comma + 1, known[comma + 1])
                return Role(start, comma, doc[start:comma].text, org), org[1]
            if glued is None:
                # "directeur du programme Territoires d'industrie": the name is the organization
                return Role(start, role_end, doc[start:role_end].text, (j, k)), k
            role_end = j = glued
        org = None
        while j < limit and not is_break(doc[j]) and "\n" not in doc[j - 1].whitespace_:
            if j > end and doc[j].lower_ in self.stops - {"et"}:
                break
            plen = self._prep_at(doc, j)
            if not plen:
                j += 1
                continue
            k = j + plen
            while k < limit and doc[k].lower_ in ARTICLES:
                k += 1
            if k >= limit:
                break
            if k in known:
                org = (k, known[k])
                j = known[k]
                break
            if fold(doc[k].text) in self.org_nouns:
                m = k + 1
                while (
                    m < limit
                    and m - k < 5
                    and not is_cap(doc[m])
                    and not is_break(doc[m])
                    and doc[m].lower_ not in self.clause
                ):
                    m += 1
                if m < limit and is_cap(doc[m]):
                    org = (k, known.get(m, extend_name(doc, m, limit)))
                    if m not in bodies:
                        org = self._firm_after_seat(doc, org[1], limit, known) or org
                    j = org[1]
                    break
            if is_cap(doc[k]) and not self.is_role_word(doc[k]):
                org = (k, extend_name(doc, k, limit))
                j = org[1]
                break
            j = k
        return Role(start, role_end, doc[start:role_end].text, org), j
