"""Where ``fr_organizations`` candidates come from, beyond the gazetteer.

The stock NER's ORG entities (trimmed and checked), then cues it misses:
"la société X", enumerations, legal forms, industry and trade words, schools,
bullet lists, appositions, collectivities, institutions and acronyms.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..doctext import positions_of
from ..names import ARTICLES, CONNECTORS, HYPHENS, extend_name, fold, is_break, is_cap
from ..territories.rules import english_words
from .rules import OF, SENTENCE_END, OrgRules

# what opens a person's name or a byline, never an organization's
CIVILITIES = frozenset(
    {"M.", "Mme", "Mlle", "MM.", "Mr", "Me", "Dr", "Pr", "Monsieur", "Madame", "Par"}
)
# separators of a web page's menus and breadcrumbs
NAV_MARKS = frozenset({"|", ">", "»", "›", "/"})
OPEN_PAREN = frozenset({"("})


class OrgCues(OrgRules):
    """Candidate finders: each returns spans that may name an organization."""

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

    def _accept_model(self, doc: Doc, span: Span) -> Span | None:
        """A name the project's model proposes, trimmed and checked like the stock NER's.

        The model was trained on firms named without any cue, so unlike the stock NER
        a single capitalised word opening a sentence ("Lactalis agrandit ...") is kept
        unless the document also writes it in lower case (a common word)."""
        s, e = span.start, span.end
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        while s < e and doc[s].is_lower and doc[s].lower_ in ARTICLES:
            s += 1
        if s >= e or any("\n" in t.whitespace_ or t.is_space for t in doc[s : e - 1]):
            return None
        e = self._cut_clause(doc, s, e)
        while e > s + 1 and (doc[e - 1].lower_ in CONNECTORS or doc[e - 1].like_num):
            e -= 1  # "Région Bretagne de 450 000": the name stops before the amount
        name = doc[s:e]
        if self.is_stopped(name.text) or not is_cap(doc[s]) or len(name) > 12:
            return None
        if self._after_venue_cue(doc, s) or self._is_boilerplate(doc, name):
            return None
        if doc[s].text in CIVILITIES or any(t.text in NAV_MARKS for t in name):
            return None  # "Mme Aubry", "Par Jean Dupont": a person; "Accueil > Industrie"
        if self._whole_line(doc, s, e):
            return None  # a line of its own: a heading, a menu item, a credit
        for k in range(s + 1, e):
            if doc[k].lower_ == "en" or doc[k].like_num:
                e = k  # "Bpifrance en Bretagne", "Bpifrance de 3 M€": the name ends before
                break
        while e > s + 1 and doc[e - 1].lower_ in CONNECTORS:
            e -= 1
        name = doc[s:e]
        words = [t for t in name if t.lower_ not in CONNECTORS and not t.is_punct]
        if len(name) > 1 and not all(is_cap(t) for t in words):
            return None  # "Tout en mettant en avant ...", "Commission permanente du ..."
        if len(name) == 1:
            tok = doc[s]
            if self._common_word(doc, tok) or tok.like_num:
                return None
            if not tok.is_upper and (len(tok.text) < 3 or self._dictionary_word(tok.text)):
                return None  # "Notre", "Côté", "Industries": a word, not a name
            if tok.is_upper and (tok.text in self.generic_acronyms or self._is_heading(doc, tok)):
                return None
        return name

    def _dictionary_word(self, text: str) -> bool:
        """A French dictionary word (or an English function word: "Welcome")."""
        word = fold(text)
        return (
            word in self.dictionary
            or (word[-1:] in ("s", "x") and word[:-1] in self.dictionary)
            or word in english_words()
        )

    @staticmethod
    def _whole_line(doc: Doc, s: int, e: int) -> bool:
        starts = s == 0 or "\n" in doc[s - 1].whitespace_ or doc[s - 1].is_space
        k = e
        while k < len(doc) and doc[k].is_punct and "\n" not in doc[k - 1].whitespace_:
            k += 1
        ends = k >= len(doc) or "\n" in doc[k - 1].whitespace_ or doc[k].is_space
        return starts and ends

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

    def _product_names(self, doc: Doc) -> list[Span]:
        """ "Armor Câblage", "Mayenne Gélules": a proper name, then a capitalised product or
        trade noun (a plural, or a noun in -age), two capitalised words alone inside a
        sentence, name a firm. Headlines in title case (longer runs) do not."""
        out = []
        for tok in doc[1:-1]:
            if not self._product_noun(tok):
                continue
            head, prev, nxt = doc[tok.i - 1], doc[tok.i - 2] if tok.i > 1 else None, doc[tok.i + 1]
            if not is_cap(head) or not head.is_alpha or head.is_upper or is_cap(nxt):
                continue
            if prev is None or is_cap(prev) or prev.text in SENTENCE_END or is_break(prev):
                continue
            if "\n" in prev.whitespace_ or prev.is_space:
                continue
            if self._dictionary_word(head.text) or self.roles.is_role_word(head):
                continue  # "les Jeux Olympiques": a common noun, not a name, opens it
            out.append(doc[head.i : tok.i + 1])
        return out

    def _product_noun(self, tok: Token) -> bool:
        """A capitalised plural of a dictionary noun ("Gélules", "Alliages") or a noun in
        -age ("Câblage"); not a word that is its own plural ("Pays", "Bois")."""
        if not (is_cap(tok) and tok.is_alpha and not tok.is_upper):
            return False
        word = fold(tok.text)
        if word.endswith("age"):
            return word in self.dictionary
        return (
            word[-1:] in ("s", "x") and word not in self.dictionary and word[:-1] in self.dictionary
        )

    def _schools(self, doc: Doc) -> list[Span]:
        """ "le lycée Jean-Zay", "l'IUT Nice Côte d'Azur": a training partner, kind word kept."""
        out = []
        for _, s, e in self.schools(doc):
            if self._after_venue_cue(doc, s):
                continue  # "au lycée X": where it happens, not who acts
            if e < len(doc) and is_cap(doc[e]) and not is_break(doc[e]):
                if self.roles.is_role_word(doc[e]):
                    continue
                # "l'école IMT Mines Albi": a name opening on its own acronym goes without
                # the kind word written in lower case; "le lycée Jean-Zay" keeps it
                own = doc[s].is_lower and doc[e].is_upper and len(doc[e]) >= 2 and e == s + 1
                out.append(doc[e if own else s : extend_name(doc, e, len(doc))])
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
            elif nxt.text == "," and is_cap(after) and not is_break(after):
                # "- X, Ville (Territoire) : projet": the firm, then its town
                town_end = extend_name(doc, end + 1, len(doc))
                if town_end < len(doc) and doc[town_end].text in {"(", ":"}:
                    out.append(doc[i:end])
        return out

    def _kind_appositions(self, doc: Doc) -> list[Span]:
        """ "X, un fonds d'investissement créé par ...": the apposition says X is a body."""
        out = []
        for tok in doc:
            if tok.text != "," or tok.i + 2 >= len(doc) or tok.i == 0:
                continue
            if not is_cap(doc[tok.i - 1]):
                continue
            if doc[tok.i + 1].lower_ in {"un", "une"}:
                if fold(doc[tok.i + 2].text) not in self.kind_nouns:
                    continue
            elif not (  # "X, spécialiste du recyclage": a trade described without article
                fold(doc[tok.i + 1].text) in self.bare_kinds and doc[tok.i + 2].lower_ in OF
            ):
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
                named = j in terr_at  # "Le Mans Métropole": the article is the town's
                if not named and (
                    doc[j].lower_ in ARTICLES or (self._sentence_start(doc[j]) and j < tok.i - 1)
                ):
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
                terr = terr_at.get(j)  # "Loudéac Communauté Bretagne Centre": the gazetteer's end
                if terr is not None and terr._.territory_kind == "epci":
                    end = max(end, terr.end)
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

    def _spelled_body(self, doc: Doc, paren: int, acr: str) -> Span | None:
        """ "la direction régionale de l'économie, de l'emploi (...) (DREETS)": a body's
        lower-case name, opening on a body head, whose content words spell the acronym."""
        j = paren - 1
        while j > 0 and paren - j < 20:
            tok = doc[j]
            if tok.text in SENTENCE_END or tok.text in "()" or "\n" in tok.whitespace_:
                return None
            if tok.is_lower and fold(tok.text) in self.heads:
                words = [
                    t.text
                    for t in doc[j:paren]
                    if t.is_alpha and t.lower_ not in OF | ARTICLES | {"et", "de"}
                ]
                if fold("".join(w[0] for w in words)) == fold(acr):
                    return doc[j:paren]
            j -= 1
        return None

    def _acronym_definitions(self, doc: Doc, spans: list[Span]) -> tuple[list[Span], set[str]]:
        """ "Conseil national de l'industrie (CNI)": the acronym names the same body.

        An acronym defined by a phrase that is no organization ("plan de sauvegarde de
        l'emploi (PSE)", "fonds ... (FDES)") is returned in the second set: never a body.
        """
        out = []
        ends = {s.end: s for s in spans}
        not_bodies = set()
        for i in positions_of(doc, OPEN_PAREN):
            tok = doc[i]
            if tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
                continue
            acr = doc[tok.i + 1]
            if not (acr.is_upper and acr.is_alpha) or acr.text in self.generic_acronyms:
                continue
            if tok.i in ends:
                out.append(doc[acr.i : acr.i + 1])
            elif tok.i > 0 and doc[tok.i - 1].is_lower:
                name = self._spelled_body(doc, tok.i, acr.text)
                if name is None:
                    not_bodies.add(acr.text)
                else:
                    out += [name, doc[acr.i : acr.i + 1]]
            else:
                s = tok.i - 1
                while s > 0 and tok.i - s < 12 and not is_break(doc[s - 1]):
                    s -= 1
                if any(self.is_stopped(doc[k : tok.i].text) for k in range(s, tok.i)):
                    not_bodies.add(acr.text)
        return out, not_bodies
