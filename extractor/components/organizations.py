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
from .actors import (
    ARTICLES,
    CONNECTORS,
    HYPHENS,
    RoleGrammar,
    boilerplate_lines,
    extend_name,
    fold,
    in_ranges,
    is_break,
    is_cap,
    load_titles,
)

DATA = "organizations.json"
ROLES = "actors.json"
PRESS = "press_titles.txt"
BOILERPLATE_LINE = 300
OF = frozenset({"de", "du", "des", "d'", "d’"})
SENTENCE_END = frozenset({".", "!", "?", ";", ":", "…"})
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


class OrganizationsComponent:
    """Writes ``doc.spans["organizations"]``: the span text is the organization's name."""

    def __init__(
        self, nlp: Language, data: str = DATA, roles: str = ROLES, press: str = PRESS
    ) -> None:
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
        self.numbered = re.compile(
            rf"(?:{'|'.join(map(re.escape, raw['numbered_items']))})\s*(?:n\s*[°o]\s*)?\d"
        )
        self.press_words = frozenset(raw["press_name_words"])
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
        self.press = load_titles(press)
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
        self.place_kinds = frozenset(raw["place_kinds"])
        # first words of names that keep their seat ("Collectivité de Corse", "préfecture du Var")
        self.seat_keepers = frozenset(
            fold(w).split()[0]
            for w in [*raw["institutions"], *raw["collectivity_heads"], *raw["seat_heads"]]
        )

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
        return any(
            key == p or key.startswith(p + " ") or key.startswith(p + "'")
            for p in self.stop_prefixes
        )

    def _is_boilerplate(self, doc: Doc, span: Span) -> bool:
        return in_ranges(span, doc.user_data.get("_org_boilerplate", []))

    def _sentence_start(self, tok: Token) -> bool:
        if tok.i == 0:
            return True
        prev = tok.doc[tok.i - 1]
        return (
            bool(tok.is_sent_start)
            or prev.text in {".", "!", "?", ":", "«", "“", '"', ",", ";", "(", "|", "–", "—"}
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
        i, n = 0, len(doc)
        while i < n:
            start = i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].text == "|"
            start = start or doc[i - 1].is_space
            if not start or doc[i].is_space:
                i += 1
                continue
            j, words, long = i, 0, False
            while j < n and (
                (doc[j].is_upper and doc[j].is_alpha)
                or doc[j].text in {"/", "°", "N°", "-", "–", "—", "&"}
                or doc[j].like_num
            ):
                if doc[j].is_alpha:
                    words += 1
                    long = long or len(doc[j].text) >= 5
                if "\n" in doc[j].whitespace_:
                    j += 1
                    break
                j += 1
            line_end = j >= n or "\n" in doc[j - 1].whitespace_ or doc[j].is_space
            alone = words == 1 and j == i + 1 and line_end and len(doc[i].text) >= 4
            if (words >= 2 and long) or alone:
                out.update(range(i, j))
            i = max(j, i + 1)
        return out

    def _is_heading(self, doc: Doc, tok: Token) -> bool:
        if tok.i in doc.user_data.get("_org_caps", ()):
            return True
        text = doc.text
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
            if doc[k].is_lower and low in self.clause_words:
                return k
        return e

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
        e = self._cut_clause(doc, s, e)
        while e > s + 1 and doc[e - 1].lower_ in CONNECTORS:
            e -= 1
        span = doc[s:e]
        if self.is_stopped(span.text) or not is_cap(doc[s]) or len(span) > 10:
            return None
        if self._after_venue_cue(doc, s) or self._is_boilerplate(doc, span):
            return None
        if len(span) == 1:
            tok = doc[s]
            if tok.is_upper:
                if (
                    tok.text in self.generic_acronyms
                    or (len(tok.text) >= 4 and self._common_word(doc, tok))
                    or not 2 <= len(tok.text) <= 8
                    or not tok.text.isascii()
                    or self._is_heading(doc, tok)
                ):
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
        if fold(doc[s].text) in self.heads:
            end = extend_name(doc, e - 1, len(doc))  # "Région des Pays" + "de la Loire"
            if end + 1 < len(doc) and doc[end].text in {",", "et"} and doc[end + 1].lower_ in OF:
                end = self._enumerated_end(doc, end)  # "de l'économie, de l'emploi, du travail"
            return doc[s:end]
        if all(is_cap(t) or t.like_num for t in words):
            return self._grown(doc, s, e)
        return None

    def _grown(self, doc: Doc, s: int, e: int) -> Span:
        """A firm name the NER cut after a place word ("Ferro Industrie" in "Pyrénées Ferro Industrie")."""
        g = self._grow_left(doc, s)
        if g < s:
            acr = doc[e + 1] if e + 2 < len(doc) and doc[e].text == "(" else None
            if fold(doc[e - 1].text) in self.industry or (
                acr is not None and acr.text == self._initials(doc[g:e])
            ):
                return doc[g:e]
        return doc[s:e]

    # -- cue patterns ----------------------------------------------------------------
    def _name_after(self, doc: Doc, i: int, limit: int | None = None) -> Span | None:
        limit = len(doc) if limit is None else limit
        if i >= limit or not is_cap(doc[i]) or self.roles.is_role_word(doc[i]):
            return None
        if doc[i].text in self.generic_acronyms:
            return None
        e = doc.user_data.get("_org_known", {}).get(i) or extend_name(doc, i, limit, self.suffixes)
        return doc[i:e]

    def _instrument_before(self, doc: Doc, s: int) -> bool:
        """ "via le fonds X", "au titre du fonds X": an instrument, not a party."""
        k = s
        while k > 0 and doc[k - 1].lower_ in ARTICLES:
            k -= 1
        words = tuple(fold(t.text) for t in doc[max(0, k - 4) : k])
        return any(words[-len(p) :] == p for p in self.instrument)

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
            if self._instrument_before(doc, s):
                continue
            # "le groupe agroalimentaire X", "l'équipementier automobile X": up to two
            # lower-case qualifiers, never ending on a preposition ("l'usine de Lanester")
            k = e
            while (
                k < len(doc)
                and k - e < 3
                and doc[k].is_lower
                and doc[k].is_alpha
                and fold(doc[k].text) not in self.clause_words
                and doc[k].lower_ not in ARTICLES
            ):
                k += 1
            if k > e and doc[k - 1].lower_ in CONNECTORS:
                continue
            span = self._name_after(doc, k)
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

    def _industry_names(self, doc: Doc) -> list[Span]:
        """Capitalised runs ending on an industry word: "Berry Mécanique Systèmes"."""
        out = []
        for tok in doc:
            if not is_cap(tok) or fold(tok.text) not in self.industry or tok.i == 0:
                continue
            s = self._grow_left(doc, tok.i)
            if s == tok.i or fold(doc[s].text) in self.industry:
                continue
            before = " ".join(fold(t.text) for t in doc[max(0, s - 3) : s])
            if "territoire" in before:
                continue  # "Territoire d'industrie Est Industries": a programme's territory
            out.append(doc[s : tok.i + 1])
        return out

    def _schools(self, doc: Doc) -> list[Span]:
        """ "le lycée Jean-Zay", "l'IUT Nice Côte d'Azur": a training partner, kind word kept."""
        out = []
        for _, s, e in self.schools(doc):
            if self._after_venue_cue(doc, s):
                continue  # "au lycée X": where it happens, not who acts
            if e < len(doc) and is_cap(doc[e]) and not is_break(doc[e]):
                if self.roles.is_role_word(doc[e]):
                    continue
                out.append(doc[s : extend_name(doc, e, len(doc))])
        return out

    def _trade_names(self, doc: Doc) -> list[Span]:
        """ "Coutellerie Dupuy", "Tannerie d'Annonay", "Forges Alpines Réunies": a trade word
        opening a capitalised name is a firm's name."""
        out = []
        for tok in doc:
            if not is_cap(tok) or fold(tok.text) not in self.trade_heads:
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else tok
            if nxt.like_num or "\n" in tok.whitespace_:
                continue  # "Fonderie 2027": a plan's name
            end = extend_name(doc, tok.i, len(doc), self.suffixes)
            if end > tok.i + 1:
                out.append(doc[tok.i : end])
        return out

    def _listed_firms(self, doc: Doc) -> list[Span]:
        """ "- Dupuy Plast (Oyonnax) : ...", "- X, à Y : ...", "• X Y investira": a bullet
        item opening on a firm's name."""
        out = []
        for tok in doc:
            if tok.text not in {"-", "•", "–", "*", "▪"}:
                continue
            if tok.i > 0 and "\n" not in doc[tok.i - 1].whitespace_ and not doc[tok.i - 1].is_space:
                continue
            i = tok.i + 1
            if i >= len(doc) or not is_cap(doc[i]) or fold(doc[i].text) in self.function_words:
                continue
            end = extend_name(doc, i, len(doc), self.suffixes)
            if end + 1 >= len(doc) or "\n" in doc[end - 1].whitespace_:
                continue
            nxt, after = doc[end], doc[end + 1]
            subject = (  # "• Dupuy Verre Recyclage construira ...": two names or more, then a verb
                end - i >= 2
                and nxt.is_lower
                and nxt.is_alpha
                and nxt.lower_ not in CONNECTORS
                and fold(nxt.text) not in self.function_words
            )
            if subject or nxt.text == "(" or (nxt.text == "," and after.lower_ == "à"):
                out.append(doc[i:end])
        return out

    def _kind_appositions(self, doc: Doc) -> list[Span]:
        """ "X, un fonds d'investissement créé par ...": the apposition says X is a body."""
        out = []
        for tok in doc:
            if tok.text != "," or tok.i + 2 >= len(doc) or tok.i == 0:
                continue
            if doc[tok.i + 1].lower_ not in {"un", "une"}:
                continue
            if fold(doc[tok.i + 2].text) not in self.kind_nouns or not is_cap(doc[tok.i - 1]):
                continue
            s = self._grow_left(doc, tok.i)
            if s < tok.i:
                out.append(doc[s : tok.i])
        return out

    def _collectivities(self, doc: Doc, terr_at: dict[int, Span]) -> list[Span]:
        out = []
        for _, s, e in self.coll_heads(doc):
            if s > 0 and doc[s - 1].lower_ in {"en", "les", "des", "aux"}:
                continue  # "en Région Occitanie" is a place; "les Régions" are generic
            k = e
            while k < len(doc) and doc[k].lower_ in CONNECTORS and k - e < 2:
                k += 1
            if k < len(doc) and is_cap(doc[k]) and not is_break(doc[k]):
                end = self._cut_clause(doc, s, extend_name(doc, k, len(doc)))
                # "communauté de communes Thiers Dore et Montagne", "Val de l'Indre - Brenne":
                # the gazetteer knows where an intercommunality's name ends
                for at in (s, k):
                    terr = terr_at.get(at)
                    if terr is not None and terr._.territory_kind == "epci":
                        end = max(end, terr.end)
                out.append(doc[s:end])
        for tok in doc:
            # "l'agglomération Bourges Plus": the kind word in lower case, then the name
            if (
                tok.lower_ in {"agglomération", "agglo", "intercommunalité"}
                and tok.is_lower
                and tok.i + 1 < len(doc)
                and is_cap(doc[tok.i + 1])
                and doc[tok.i + 1].lower_ not in ARTICLES
            ):
                out.append(doc[tok.i + 1 : extend_name(doc, tok.i + 1, len(doc))])
            if tok.text in self.coll_suffixes and tok.i > 0 and is_cap(doc[tok.i - 1]):
                j = tok.i - 1
                while (
                    j > 0
                    and (doc[j - 1].text in HYPHENS or is_cap(doc[j - 1]))
                    and not self._sentence_start(doc[j])
                ):
                    j -= 1
                if doc[j].lower_ in ARTICLES or (self._sentence_start(doc[j]) and j < tok.i - 1):
                    while j < tok.i and (
                        doc[j].lower_ in ARTICLES or fold(doc[j].text) in self.function_words
                    ):
                        j += 1
                if j == tok.i or doc[j].text in HYPHENS or fold(doc[j].text) in self.heads:
                    continue
                end = tok.i + 1
                # "Grand Belfort Communauté d'agglomération", "X Communauté de communes"
                nxt = [t.lower_ for t in doc[end : end + 2]]
                if nxt[:1] in (["d'"], ["d’"], ["de"]) and nxt[1:] in (
                    ["agglomération"],
                    ["communes"],
                ):
                    end += 2
                out.append(doc[j:end])
        return out

    def _institutions(self, doc: Doc) -> list[Span]:
        """Bodies named by kind and seat: "tribunal de commerce de Tarbes", "préfecture du Var"."""
        out = []
        for _, s, e in self.institutions(doc):
            if self._after_venue_cue(doc, s) or (s > 0 and doc[s - 1].text == "-"):
                continue
            k = e
            if k < len(doc) and doc[k].lower_ in OF:
                k += 1
                if k < len(doc) and doc[k].lower_ in ARTICLES:
                    k += 1
            if k < len(doc) and k > e and is_cap(doc[k]) and not is_break(doc[k]):
                out.append(doc[s : extend_name(doc, k, len(doc))])
        for tok in doc:
            if (
                fold(tok.text) == "ministere"
                and tok.i + 1 < len(doc)
                and doc[tok.i + 1].lower_
                in OF
                | {
                    "de",
                    "l'",
                    "l’",
                }
            ):
                end = self._enumerated_end(doc, tok.i + 1, caps_ok=True)
                if end > tok.i + 2:
                    out.append(doc[tok.i : end])
        return out

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
                and (terr is None or terr._.territory_kind == "epci")
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
            if prev in {"par", "avec"} or subject or self._agent_list(doc, k):
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
            if tok.text in SENTENCE_END or "\n" in tok.whitespace_ or tok.is_space:
                return False
            if (tok.is_lower and key in self.clause_words) or key == "par":
                return False
            j -= 1
        return False

    def _is_collectivity(self, span: Span) -> bool:
        first, last = span[0].text, span[-1].text
        return (
            fold(first) in {"communaute", "region", "metropole", "departement", "agglomeration"}
            or last in self.coll_suffixes
            or span[-1].lower_ in {"agglomération", "communes"}
        )

    def _acronyms(self, doc: Doc) -> list[Span]:
        """Capitalised acronyms the NER misses ("PIICTO à Fos"): in press text mostly bodies and firms."""
        out = []
        for tok in doc:
            t = tok.text
            if (
                not (tok.is_upper and tok.is_alpha and t.isascii() and 3 <= len(t) <= 8)
                or t in self.generic_acronyms
            ):
                continue
            if self._after_venue_cue(doc, tok.i) or fold(t) in self.stop:
                continue
            if len(t) >= 4 and self._common_word(doc, tok):
                continue  # "ENTRE", "ACTION": a word set in capitals
            if self._is_heading(doc, tok):
                continue  # a heading in capitals
            out.append(doc[tok.i : tok.i + 1])
        return out

    def _extend_acronym(self, doc: Doc, span: Span) -> Span:
        """ "CCI Aveyron", "UIMM Centre-Val de Loire", "CCI du Var", "KNDS France": one name."""
        if len(span) != 1 or not (span[0].is_upper and len(span[0].text) >= 2):
            return span
        i = span.end
        if i >= len(doc) or "\n" in span[0].whitespace_:
            return span
        acr = span[0].text
        network = acr in self.networks
        if (
            is_cap(doc[i])
            and not is_break(doc[i])
            and doc[i].text not in self.legal_forms
            and (network or fold(acr) not in self.known_keys)
            and fold(doc[i].text) not in self.function_words
        ):
            return doc[span.start : extend_name(doc, i, len(doc))]
        if network and doc[i].lower_ in OF:
            k = i + 1
            if k < len(doc) and doc[k].lower_ in ARTICLES:
                k += 1
            if k < len(doc) and is_cap(doc[k]) and not is_break(doc[k]):
                return doc[span.start : extend_name(doc, k, len(doc))]
        return span

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

    def _acronym_definitions(self, doc: Doc, spans: list[Span]) -> tuple[list[Span], set[str]]:
        """ "Conseil national de l'industrie (CNI)": the acronym names the same body.

        An acronym defined by a phrase that is no organization ("plan de sauvegarde de
        l'emploi (PSE)", "fonds ... (FDES)") is returned in the second set: never a body.
        """
        out = []
        ends = {s.end: s for s in spans}
        not_bodies = set()
        for tok in doc:
            if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
                continue
            acr = doc[tok.i + 1]
            if not (acr.is_upper and acr.is_alpha) or acr.text in self.generic_acronyms:
                continue
            if tok.i in ends:
                out.append(doc[acr.i : acr.i + 1])
            elif tok.i > 0 and doc[tok.i - 1].is_lower:
                not_bodies.add(acr.text)
            else:
                s = tok.i - 1
                while s > 0 and tok.i - s < 12 and not is_break(doc[s - 1]):
                    s -= 1
                if any(self.is_stopped(doc[k : tok.i].text) for k in range(s, tok.i)):
                    not_bodies.add(acr.text)
        return out, not_bodies

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
            q = p + 1
            if doc[q].lower_ in ARTICLES and q + 1 < span.end:
                q += 1
            if fold(doc[q : span.end].text) in places:
                return doc[span.start : p]
        return span

    def _is_place(
        self, span: Span, terr_span: dict[tuple[int, int], Span], ti_tokens: set[int]
    ) -> bool:
        """A bare place ("Hombourg-Haut") or a Territoire d'industrie's name is no body."""
        if fold(span.text) in self.known_keys:
            return False  # a known body, whatever a gazetteer of places says
        if all(i in ti_tokens for i in range(span.start, span.end)):
            return True
        terr = terr_span.get((span.start, span.end))
        return (
            terr is not None
            and terr._.territory_kind in self.place_kinds
            and not self._is_collectivity(span)
            and fold(span[0].text) not in self.heads
        )

    def _strip_descriptor(self, span: Span) -> Span:
        """ "groupe Gaborit Ameublement" is named "Gaborit Ameublement"."""
        s = span.start
        while (
            s < span.end - 1 and span.doc[s].is_lower and fold(span.doc[s].text) in self.descriptors
        ):
            s += 1
        if s > span.start and is_cap(span.doc[s]):
            return span.doc[s : span.end]
        return span

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
        ti_tokens = {
            i
            for s in territories
            if s._.territory_kind == "territoire_industrie"
            for i in range(s.start, s.end)
        }
        candidates: list[Span] = []
        for matcher in (self.known_lower, self.known_orth):
            for _, s, e in matcher(doc):
                span = doc[s:e]
                if not self._is_boilerplate(doc, span) and not (
                    s > 0 and doc[s - 1].lower_ == "au" and span.text == "Total"
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
        per_ents = {i for e in doc.ents if e.label_ == "PER" for i in range(e.start, e.end)}
        candidates += [
            s
            for s in self._kind_appositions(doc)
            if not any(i in per_ents for i in range(s.start, s.end))
        ]
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
        kept = []
        for s in candidates:
            s = self._strip_descriptor(s)
            if len(s) > 1 and s[-1].text in self.legal_forms:
                s = s[:-1]  # "Ecoplast SAS" is named Ecoplast
            if not s.text.strip() or self.is_stopped(s.text) or self._is_boilerplate(doc, s):
                continue
            if self._crosses_sentence(s) or s.text in not_bodies:
                continue
            if all(t.i in caps for t in s):
                continue  # a heading or a credit in capitals
            s = self._drop_seat(s, places)
            if self._is_place(s, terr_span, ti_tokens):
                continue
            k = s.start
            if k > 0 and doc[k - 1].is_lower and fold(doc[k - 1].text) in self.descriptors:
                k -= 1
            if self._instrument_before(doc, k):
                continue
            if (
                (s.start, s.end) not in roles_orgs
                and self._is_collectivity(s)
                and self._is_listed(doc, s)
            ):
                continue
            kept.append(s)
        doc.spans[attrs.ORGANIZATIONS] = filter_spans(kept)
        for key in (
            "_org_boilerplate",
            "_org_words",
            "_org_known",
            "_org_caps",
        ):  # scratch, not output
            doc.user_data.pop(key, None)
        return doc


@Language.factory("fr_organizations", default_config={"data": DATA, "roles": ROLES, "press": PRESS})
def make_organizations(
    nlp: Language, name: str, data: str, roles: str, press: str
) -> OrganizationsComponent:
    return OrganizationsComponent(nlp, data, roles, press)
