"""Lexicons and checks ``fr_organizations`` applies to any candidate name.

The candidate finders (:mod:`.org_cues`) and the component's final filtering
share these: whether a text is stop-listed, a heading, boilerplate or a common
word, where a sentence or clause starts, how far a name runs.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ... import resources
from ..actors.roles import RoleGrammar
from ..doctext import doc_text
from ..names import (
    ARTICLES,
    CONNECTORS,
    extend_name,
    fold,
    in_ranges,
    is_break,
    is_cap,
    load_titles,
)

OF = frozenset({"de", "du", "des", "d'", "d’"})
SENTENCE_END = frozenset({".", "!", "?", ";", ":", "…"})
#: possessive determiners between an instrument word and its noun ("via son fonds X")
POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos"})
INSTRUMENT_NOUNS = frozenset({"fonds", "programme", "dispositif", "plan"})
# lower-case words that may close a body's name ("Souveraineté industrielle et numérique")
ADJECTIVE_ENDINGS = (
    "ique",
    "iques",
    "elle",
    "elles",
    "el",
    "els",
    "ale",
    "ales",
    "al",
    "aux",
    "aire",
    "aires",
    "ive",
    "ives",
    "if",
    "ifs",
    "ien",
    "ienne",
    "iens",
    "iennes",
    "ier",
    "iere",
    "iers",
    "ieres",
    "ee",
    "ees",
    "able",
    "ables",
    "ible",
    "ibles",
)


class OrgRules:
    """The lexicons of ``organizations.json`` and the checks built on them."""

    def __init__(self, nlp: Language, data: str, roles: str, press: str) -> None:
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
        self.stop = frozenset(fold(s) for s in [*raw["stop"], *raw["deliberation_verbs"]])
        self.numbered = re.compile(
            rf"(?:{'|'.join(map(re.escape, raw['numbered_items']))})\s*(?:n\s*[°o]\s*)?\d"
        )
        self.press_words = frozenset(raw["press_name_words"])
        self.stop_prefixes = sorted((fold(s) for s in raw["stop_prefixes"]), key=len, reverse=True)
        # a name that is a stop prefix, or opens on one as a word ("salon de ...", "l'...")
        self.stop_prefix_set = frozenset(self.stop_prefixes)
        self.stop_prefix_heads = tuple(p + sep for p in self.stop_prefixes for sep in (" ", "'"))
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
        self.press = load_titles(press)
        # the titles as written, to find them in a doc ("L'Est Éclair" over an article)
        self.press_titles = self._matcher(nlp, resources.read_lines(press), attr="ORTH")
        self.industry = frozenset(fold(w) for w in raw["industry_words"])
        self.function_words = frozenset(fold(w) for w in raw["function_words"])
        self.networks = frozenset(raw["network_acronyms"])
        self.descriptors = frozenset(fold(w) for w in raw["descriptors"])
        self.instrument = [tuple(fold(p).split()) for p in raw["instrument_preps"]]
        self.listing = frozenset(fold(w) for w in raw["listing_verbs"])
        self.institutions = self._matcher(nlp, raw["institutions"])
        self.clause_words = frozenset(fold(w) for w in raw["clause_words"])
        self.schools = self._matcher(nlp, raw["schools"])
        self.trade_heads = frozenset(fold(w) for w in raw["trade_heads"])
        self.kind_nouns = frozenset(fold(w) for w in raw["apposition_kinds"])
        self.bare_kinds = frozenset(fold(w) for w in raw["bare_apposition_kinds"])
        self.place_kinds = frozenset(raw["place_kinds"])
        # first words of names that keep their seat ("Collectivité de Corse", "préfecture du Var")
        self.seat_keepers = frozenset(
            fold(w).split()[0]
            for w in [*raw["institutions"], *raw["collectivity_heads"], *raw["seat_heads"]]
        )
        # "Bénéficiaire   Commune   Montant": a table's title row, then one name a row
        heads = "|".join(map(re.escape, raw["table_heads"]))
        self.table_head = re.compile(
            rf"^(?:{heads})\b[^\n|]{{0,30}}?(?:[ \t]*\|[ \t]*|[ \t]{{2,}})\S", re.M
        )
        self.table_totals = tuple(fold(w) for w in raw["table_totals"])
        self.named_cues = frozenset(fold(w) for w in raw["named_cues"])
        self.epci_abbreviations = frozenset(raw["epci_abbreviations"])
        self.first_names = frozenset(resources.read_lines("first_names.txt"))
        self.standard_codes = frozenset(raw["standard_codes"])
        self.compass_prefixes = frozenset(raw["compass_prefixes"])
        # "CA de Haguenau" keeps its seat: the town is its name
        self.seat_keepers |= {fold(w) for w in self.epci_abbreviations}

    @staticmethod
    def _matcher(nlp: Language, words: list[str], attr: str = "LOWER") -> PhraseMatcher:
        m = PhraseMatcher(nlp.vocab, attr=attr)
        m.add("CUE", [nlp.make_doc(w) for w in words])
        return m

    # -- filters -------------------------------------------------------------------
    def is_stopped(self, text: str) -> bool:
        key = fold(text).strip(" '\"«»“”")
        if not key or key in self.stop or key in self.press or self.numbered.match(key):
            return True
        if self.press_words.intersection(key.split()):
            return True
        return key in self.stop_prefix_set or key.startswith(self.stop_prefix_heads)

    def in_press_title(self, doc: Doc, span: Span) -> bool:
        """Is ``span`` a word or two of a press title the doc writes ("Éclair" of "L'Est
        Éclair" heading the article)? The publication is the publisher, its words no body."""
        titles = doc.user_data.get("_org_press")
        if titles is None:  # one pass per doc
            titles = doc.user_data["_org_press"] = [(s, e) for _, s, e in self.press_titles(doc)]
        return any(s <= span.start and span.end <= e for s, e in titles)

    def _is_boilerplate(self, doc: Doc, span: Span) -> bool:
        return in_ranges(span, doc.user_data.get("_org_boilerplate", []))

    def _sentence_start(self, tok: Token) -> bool:
        if tok.i == 0:
            return True
        prev = tok.doc[tok.i - 1]
        return (
            bool(tok.is_sent_start)
            or prev.text in {".", "!", "?", ":", "«", "“", '"', ",", ";", "(", "|", "–", "—", "→"}
            or (len(prev.text) > 1 and prev.text.endswith("."))
            or "\n" in prev.whitespace_
            or prev.is_space
        )

    def _crosses_sentence(self, span: Span) -> bool:
        for t in span[1:]:
            prev = span.doc[t.i - 1]
            if t.is_sent_start or prev.text in SENTENCE_END or "\n" in prev.whitespace_:
                return True
            if len(prev.text) > 1 and prev.text.endswith(".") and not prev.text[0].isupper():
                return True
        return False

    def _after_venue_cue(self, doc: Doc, start: int) -> bool:
        prev = [fold(t.text) for t in doc[max(0, start - 2) : start]]
        if not prev:
            return False
        return prev[-1] in self.venue_cues or (
            len(prev) == 2 and prev[0] in self.venue_cues and prev[1] in ARTICLES | CONNECTORS
        )

    def _common_word(self, doc: Doc, tok: Token) -> bool:
        """A capitalised word the doc also writes in lower case is a common word, not a name."""
        words = doc.user_data.get("_org_words")
        if words is None:  # one pass per doc, not one per candidate
            words = doc.user_data["_org_words"] = frozenset(t.text for t in doc)
        return tok.lower_ in words

    @staticmethod
    def _caps_runs(doc: Doc) -> set[int]:
        """Tokens of capitals-only labels: a line (or "|" segment) opening with two or more
        words in capitals ("FICHE ACTION N° 3", "LE JOURNAL / JEAN DUPONT"), or a word
        in capitals alone on its line ("ENTRE"). Headings and credits, not bodies."""
        out: set[int] = set()
        toks = list(doc)  # indexing a list of Tokens, not the Doc: doc[i] costs ten times more
        n = len(doc)
        nxt = 0  # where the previous label ended: starts before it are inside it
        for i in _line_starts(doc):
            if i < nxt:
                continue
            j, words, long = i, 0, False
            while j < n and (
                (toks[j].is_upper and toks[j].is_alpha)
                or toks[j].text in {"/", "°", "N°", "-", "–", "—", "&"}
                or toks[j].like_num
            ):
                if toks[j].is_alpha:
                    words += 1
                    long = long or len(toks[j].text) >= 5
                if "\n" in toks[j].whitespace_:
                    j += 1
                    break
                j += 1
            line_end = j >= n or "\n" in toks[j - 1].whitespace_ or toks[j].is_space
            alone = words == 1 and j == i + 1 and line_end and len(toks[i].text) >= 4
            if (words >= 2 and long) or alone:
                out.update(range(i, j))
            nxt = max(j, i + 1)
        return out

    def _is_heading(self, doc: Doc, tok: Token) -> bool:
        if tok.i in doc.user_data.get("_org_caps", ()):
            return True
        text = doc_text(doc)
        ls = text.rfind("\n", 0, tok.idx) + 1
        le = text.find("\n", tok.idx)
        line = text[ls : len(text) if le < 0 else le]
        letters = [c for c in line if c.isalpha()]
        return len(letters) > len(tok.text) + 3 and (
            sum(c.isupper() for c in letters) > 0.5 * len(letters)
        )

    def _cut_clause(self, doc: Doc, s: int, e: int) -> int:
        """End of a name at the first verb, pronoun or determiner ("Région Occitanie une")."""
        for k in range(s + 1, e):
            low = fold(doc[k].text)
            if doc[k].is_lower and low in self.clause_words and not self._purpose_of(doc, s, k, e):
                return k
        return e

    def _purpose_of(self, doc: Doc, s: int, k: int, e: int) -> bool:
        """ "Agence de développement pour la Normandie", "Association pour l'Emploi": after a
        body's head word, "pour" and a capitalised name go on naming the body."""
        return (
            doc[k].lower_ == "pour"
            and fold(doc[s].text) in self.heads
            and k + 2 < e
            and doc[k + 1].lower_ in ARTICLES
            and is_cap(doc[k + 2])
        )

    def _grow_left(self, doc: Doc, s: int) -> int:
        """Start of a capitalised run ending before ``s``: "Pyrénées Ferro Industrie"."""
        while s > 0:
            prev = doc[s - 1]
            if (
                not is_cap(prev)
                or self._sentence_start(doc[s])
                or "\n" in prev.whitespace_
                or fold(prev.text) in self.function_words
                or fold(prev.text) in self.heads
                or self.roles.is_role_word(prev)
                or prev.text in self.legal_forms
            ):
                break
            s -= 1
        return s

    @staticmethod
    def _initials(span: Span) -> str:
        return "".join(t.text[0] for t in span if is_cap(t)).upper()

    def _name_after(self, doc: Doc, i: int, limit: int | None = None) -> Span | None:
        limit = len(doc) if limit is None else limit
        if i >= limit or not is_cap(doc[i]) or self.roles.is_role_word(doc[i]):
            return None
        if doc[i].text in self.generic_acronyms:
            return None
        e = doc.user_data.get("_org_known", {}).get(i) or extend_name(doc, i, limit, self.suffixes)
        return doc[i:e]

    def _instrument_before(self, doc: Doc, s: int) -> bool:
        """ "via le fonds X", "au titre du fonds X", "via son fonds X": an instrument, not
        a party."""
        k = s
        # "via son fonds X" is an instrument, "via son agence X" a body acting
        skip = ARTICLES | POSSESSIVES if doc[s].lower_ in INSTRUMENT_NOUNS else ARTICLES
        while k > 0 and doc[k - 1].lower_ in skip:
            k -= 1
        words = tuple(fold(t.text) for t in doc[max(0, k - 4) : k])
        return any(words[-len(p) :] == p for p in self.instrument)

    def _is_collectivity(self, span: Span) -> bool:
        first, last = span[0].text, span[-1].text
        return (
            fold(first) in {"communaute", "region", "metropole", "departement", "agglomeration"}
            or last in self.coll_suffixes
            or span[-1].lower_ in {"agglomération", "communes"}
        )

    @staticmethod
    def _content_at(doc: Doc, i: int) -> int:
        """First token at or after ``i`` that is not a preposition, article or comma."""
        while i < len(doc) - 1 and (
            doc[i].lower_ in OF | ARTICLES | {"de", "et"} or doc[i].text == ","
        ):
            i += 1
        return i

    def _enumerated_end(self, doc: Doc, i: int, caps_ok: bool = False) -> int:
        """End of "de l'Économie, des Finances et de la Souveraineté industrielle et numérique".

        The list goes on over ", de/du/des" and "et de" while the items are lower case
        ("de l'emploi, du travail"); ``caps_ok`` lets capitalised items go on (a ministry's
        portfolios), which elsewhere start a new name ("de Bpifrance, de France Travail").
        """
        j = i
        n = len(doc)
        while j < n and j - i < 30:
            tok = doc[j]
            if "\n" in doc[j - 1].whitespace_ or tok.is_space:
                break
            if tok.text == "," or tok.lower_ == "et":
                nxt = doc[j + 1] if j + 1 < n else None
                if nxt is not None and (nxt.lower_ in OF | {"de", "la", "le", "l'", "l’"}):
                    m = self._content_at(doc, j + 1)
                    if m < n and (doc[m].is_lower or caps_ok):
                        j += 2  # the list goes on in the same case ("de l'emploi, du travail")
                        continue
                    break
                if (
                    tok.lower_ == "et"
                    and nxt is not None
                    and nxt.is_alpha
                    and (j + 2 >= n or is_break(doc[j + 2]) or "\n" in nxt.whitespace_)
                ):
                    j += 2  # "industrielle et numérique" ends the name
                break
            if is_break(tok) or fold(tok.text) in self.clause_words:
                break
            if (
                tok.is_lower
                and tok.lower_ not in OF | ARTICLES | {"de"}
                and doc[j - 1].lower_ not in OF | ARTICLES | {"de"}
                and not fold(tok.text).endswith(ADJECTIVE_ENDINGS)
            ):
                break  # "ministère de l'Industrie finance ...": a verb, not the name
            j += 1
        return j


def _line_starts(doc: Doc) -> list[int]:
    """Non-space tokens that open a line or a "|" segment: the first token, and those after
    a space token or a "|". Read on the doc's columns; a Token's ``whitespace_`` is " " or
    "", never a line break (spaCy makes every other space a token of its own)."""
    if not len(doc):
        return []
    columns = doc.to_array([IS_SPACE, ORTH])
    space = columns[:, 0].astype(bool)
    after = numpy.zeros(len(doc), dtype=bool)
    after[0] = True
    after[1:] = space[:-1]
    bar = doc.vocab.strings.as_int("|") if "|" in doc.vocab.strings else None
    if bar is not None:
        after[1:] |= columns[:-1, 1] == bar
    return numpy.flatnonzero(after & ~space).tolist()
