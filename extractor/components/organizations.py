"""``fr_organizations``: named organizations acting as parties.

The stock NER's ORG/MISC labels are noisy on press text (sentence-initial
verbs, programmes, events, venues, the publisher's boilerplate), so its ORG
entities are kept only when they look like a name and are not stop-listed,
and names it misses or mislabels come from cues: a gazetteer of known bodies,
"la société X", "les cabinets A, B et C", legal forms ("X SAS"), collectivities
("Région Sud", "Alès Agglomération") and the complement of a role ("président
d'Arkopharma"). Data lives in ``models/organizations.json``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import resources
from . import attributes as attrs
from .actors import ARTICLES, CONNECTORS, HYPHENS, RoleGrammar, extend_name, fold, is_break, is_cap

DATA = "organizations.json"
ROLES = "actors.json"
BOILERPLATE_LINE = 300


class OrganizationsComponent:
    """Writes ``doc.spans["organizations"]``: the span text is the organization's name."""

    def __init__(self, nlp: Language, data: str = DATA, roles: str = ROLES) -> None:
        attrs.register()
        raw = resources.read_json(data)
        make = nlp.make_doc
        self.known_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.known_orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.known_keys: set[str] = set()
        for entry in raw["known"]:
            for form in [entry["name"], *entry["aliases"]]:
                self.known_keys.add(fold(form))
                doc = make(form)
                (self.known_lower if len(doc) > 1 else self.known_orth).add("ORG", [doc])
        self.stop = frozenset(fold(s) for s in raw["stop"])
        self.stop_prefixes = sorted((fold(s) for s in raw["stop_prefixes"]), key=len, reverse=True)
        self.cues = self._matcher(nlp, raw["cues"])
        self.enum_cues = self._matcher(nlp, raw["enumeration_cues"])
        self.suffixes = frozenset(fold(s) for s in raw["suffixes"])
        self.legal_forms = frozenset(raw["legal_forms"])
        self.heads = frozenset(fold(s) for s in raw["heads"])
        self.coll_heads = self._matcher(nlp, raw["collectivity_heads"], attr="ORTH")
        self.coll_suffixes = frozenset(raw["collectivity_suffixes"])
        self.generic_acronyms = frozenset(raw["generic_acronyms"])
        self.boilerplate = re.compile("|".join(raw["boilerplate"]))
        self.venue_cues = frozenset(fold(v) for v in raw["venue_cues"])
        self.roles = RoleGrammar(nlp.vocab, resources.read_json(roles))

    @staticmethod
    def _matcher(nlp: Language, words: list[str], attr: str = "LOWER") -> PhraseMatcher:
        m = PhraseMatcher(nlp.vocab, attr=attr)
        m.add("CUE", [nlp.make_doc(w) for w in words])
        return m

    # -- filters -------------------------------------------------------------------
    def is_stopped(self, text: str) -> bool:
        key = fold(text).strip(" '\"«»“”")
        if not key or key in self.stop:
            return True
        return any(
            key == p or key.startswith(p + " ") or key.startswith(p + "'")
            for p in self.stop_prefixes
        )

    def _line(self, doc: Doc, span: Span) -> str:
        text = doc.text
        ls = text.rfind("\n", 0, span.start_char) + 1
        le = text.find("\n", span.end_char)
        return text[ls : len(text) if le < 0 else le]

    def _is_boilerplate(self, doc: Doc, span: Span) -> bool:
        line = self._line(doc, span)
        return len(line) < BOILERPLATE_LINE and bool(self.boilerplate.search(fold(line)))

    def _sentence_start(self, tok: Token) -> bool:
        if tok.i == 0:
            return True
        prev = tok.doc[tok.i - 1]
        return (
            bool(tok.is_sent_start)
            or prev.text in {".", "!", "?", ":", "«", "“", '"', ","}
            or "\n" in prev.whitespace_
            or prev.is_space
        )

    def _after_venue_cue(self, doc: Doc, start: int) -> bool:
        prev = [fold(t.text) for t in doc[max(0, start - 2) : start]]
        if not prev:
            return False
        return prev[-1] in self.venue_cues or (
            len(prev) == 2 and prev[0] in self.venue_cues and prev[1] in ARTICLES | CONNECTORS
        )

    def _common_word(self, doc: Doc, tok: Token) -> bool:
        """A capitalised word the doc also writes in lower case is a common word, not a name."""
        low = tok.lower_
        return any(t.text == low for t in doc)

    def _accept_ner(self, doc: Doc, ent: Span) -> Span | None:
        s, e = ent.start, ent.end
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        if s < e and doc[s].lower_ in ARTICLES:
            if doc[s].is_lower or fold(doc[s + 1].text if s + 1 < e else "") in self.heads:
                s += 1
            else:
                return None  # "La Mède", "Le Creusot": places, not bodies
        if s >= e or any("\n" in t.whitespace_ or t.is_space for t in doc[s : e - 1]):
            return None
        span = doc[s:e]
        if self.is_stopped(span.text) or not is_cap(doc[s]) or len(span) > 10:
            return None
        if self._after_venue_cue(doc, s) or self._is_boilerplate(doc, span):
            return None
        if len(span) == 1:
            tok = doc[s]
            if tok.is_upper:
                if tok.text in self.generic_acronyms or not 2 <= len(tok.text) <= 8:
                    return None
                return span
            if self._sentence_start(tok) or self._common_word(doc, tok):
                return None
            return span
        words = [
            t
            for t in span
            if t.lower_ not in CONNECTORS and t.text not in HYPHENS and not t.is_punct
        ]
        if fold(doc[s].text) in self.heads or all(is_cap(t) or t.like_num for t in words):
            return span
        return None

    # -- cue patterns ----------------------------------------------------------------
    def _name_after(self, doc: Doc, i: int, limit: int | None = None) -> Span | None:
        limit = len(doc) if limit is None else limit
        if i >= limit or not is_cap(doc[i]) or self.roles.is_role_word(doc[i]):
            return None
        if doc[i].text in self.generic_acronyms:
            return None
        e = extend_name(doc, i, limit, self.suffixes)
        return doc[i:e]

    def _cued(self, doc: Doc) -> list[Span]:
        out = []
        for _, s, e in self.cues(doc):
            if s > 0 and doc[s - 1].lower_ in {
                "une",
                "un",
                "des",
                "plusieurs",
                "cette",
                "cet",
                "ce",
                "ces",
            }:
                continue  # "une entreprise Française": a description, not a name
            span = self._name_after(doc, e)
            if span is not None and not self.is_stopped(doc[s : span.end].text):
                out.append(span)
        for _, _s, e in self.enum_cues(doc):
            out.extend(self._enumeration(doc, e))
        for tok in doc:
            if tok.text in self.legal_forms and tok.i > 0 and is_cap(doc[tok.i - 1]):
                j = tok.i - 1
                while (
                    j > 0
                    and tok.i - j < 4
                    and is_cap(doc[j - 1])
                    and not self._sentence_start(doc[j])
                ):
                    j -= 1
                out.append(doc[j : tok.i])
        return out

    def _enumeration(self, doc: Doc, i: int) -> list[Span]:
        """Items of "les cabinets A, B, C et D": each a capitalised name."""
        out = []
        while i < len(doc):
            span = self._name_after(doc, i)
            if span is None:
                break
            out.append(span)
            i = span.end
            if i < len(doc) and (doc[i].text == "," or doc[i].lower_ in {"et", "ou"}):
                i += 1
            else:
                break
        return out

    def _collectivities(self, doc: Doc) -> list[Span]:
        out = []
        for _, s, e in self.coll_heads(doc):
            if s > 0 and doc[s - 1].lower_ in {"en", "les", "des", "aux"}:
                continue  # "en Région Occitanie" is a place; "les Régions" are generic
            k = e
            while k < len(doc) and doc[k].lower_ in CONNECTORS and k - e < 2:
                k += 1
            if k < len(doc) and is_cap(doc[k]) and not is_break(doc[k]):
                out.append(doc[s : extend_name(doc, k, len(doc))])
        for tok in doc:
            if tok.text in self.coll_suffixes and tok.i > 0 and is_cap(doc[tok.i - 1]):
                j = tok.i - 1
                while (
                    j > 0
                    and (doc[j - 1].text in HYPHENS or is_cap(doc[j - 1]))
                    and not self._sentence_start(doc[j])
                ):
                    j -= 1
                if doc[j].text not in HYPHENS and fold(doc[j].text) not in self.heads:
                    out.append(doc[j : tok.i + 1])
        return out

    def _role_complements(
        self, doc: Doc, known: dict[int, int], territory_starts: set[int]
    ) -> list[Span]:
        out = []
        for s, e in self.roles.find(doc):
            kind = self.roles.kind(doc, s, e)
            if kind == "none":
                continue
            role, _ = self.roles.parse(doc, s, e, s + 16, known)
            if role.org is None:
                continue
            os_, oe = role.org
            span = doc[os_:oe]
            has_noun = fold(doc[os_].text) in self.roles.org_nouns
            if has_noun or (kind == "org" and os_ not in territory_starts):
                out.append(span)
        return out

    def _acronyms(self, doc: Doc) -> list[Span]:
        """Capitalised acronyms the NER misses ("PIICTO à Fos"): in press text mostly bodies and firms."""
        out = []
        for tok in doc:
            t = tok.text
            if (
                not (tok.is_upper and tok.is_alpha and 3 <= len(t) <= 8)
                or t in self.generic_acronyms
            ):
                continue
            if self._after_venue_cue(doc, tok.i) or fold(t) in self.stop:
                continue
            line = self._line(doc, doc[tok.i : tok.i + 1])
            if sum(c.isupper() for c in line) > 0.5 * sum(c.isalpha() for c in line):
                continue  # a heading in capitals
            out.append(doc[tok.i : tok.i + 1])
        return out

    def _acronym_people(self, doc: Doc) -> list[Span]:
        """ "TEAM Henri Fabre": an acronym and a person's name make one organization's name."""
        out = []
        for ent in doc.ents:
            if ent.label_ != "PER" or ent.start == 0:
                continue
            prev = doc[ent.start - 1]
            if (
                prev.is_upper
                and prev.is_alpha
                and len(prev.text) >= 2
                and prev.text not in self.generic_acronyms
                and "\n" not in prev.whitespace_
            ):
                out.append(doc[ent.start - 1 : ent.end])
        return out

    def _acronym_definitions(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "Conseil national de l'industrie (CNI)": the acronym names the same body."""
        out = []
        ends = {s.end: s for s in spans}
        for tok in doc:
            if (
                tok.text == "("
                and tok.i in ends
                and tok.i + 2 < len(doc)
                and doc[tok.i + 2].text == ")"
            ):
                acr = doc[tok.i + 1]
                if acr.is_upper and acr.is_alpha and acr.text not in self.generic_acronyms:
                    out.append(doc[acr.i : acr.i + 1])
        return out

    def __call__(self, doc: Doc) -> Doc:
        territories = list(doc.spans[attrs.TERRITORIES]) if attrs.TERRITORIES in doc.spans else []
        territory_starts = {s.start for s in territories}
        candidates: list[Span] = []
        for matcher in (self.known_lower, self.known_orth):
            for _, s, e in matcher(doc):
                span = doc[s:e]
                if not self._is_boilerplate(doc, span) and not (
                    s > 0 and doc[s - 1].lower_ == "au" and span.text == "Total"
                ):
                    candidates.append(span)
        for ent in doc.ents:
            if ent.label_ == "ORG":
                span = self._accept_ner(doc, ent)
                if span is not None:
                    candidates.append(span)
        candidates += self._cued(doc) + self._collectivities(doc) + self._acronym_people(doc)
        candidates += self._acronyms(doc)
        base = filter_spans(candidates)
        known = {s.start: s.end for s in territories}
        known.update({s.start: s.end for s in base})
        candidates += self._role_complements(doc, known, territory_starts)
        candidates += self._acronym_definitions(doc, filter_spans(candidates))
        kept = []
        for s in candidates:
            if len(s) > 1 and s[-1].text in self.legal_forms:
                s = s[:-1]  # "Ecoplast SAS" is named Ecoplast
            if s.text.strip() and not self.is_stopped(s.text) and not self._is_boilerplate(doc, s):
                kept.append(s)
        doc.spans[attrs.ORGANIZATIONS] = filter_spans(kept)
        return doc


@Language.factory("fr_organizations", default_config={"data": DATA, "roles": ROLES})
def make_organizations(nlp: Language, name: str, data: str, roles: str) -> OrganizationsComponent:
    return OrganizationsComponent(nlp, data, roles)
