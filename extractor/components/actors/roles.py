"""Role phrases ("maire de Carros", "PDG d'Arkopharma") and the organization they name.

Shared by ``fr_actors`` (the role and organization of a person) and
``fr_organizations`` (the complement of a role is an organization).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy
from spacy.attrs import ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..names import ARTICLES, extend_name, fold, is_break, is_camel, is_cap

#: words a line cannot end a phrase on: after them, a newline is a wrap, not a break
WRAP_OPENERS = frozenset(
    {"de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "à", "au", "aux", "en", "pour"}
)


def line_wrap(doc: Doc, j: int, limit: int) -> bool:
    """A line break inside a phrase of hard-wrapped text (contracts, minutes copied out of
    PDFs): one newline, maybe indented, after a word, with a lower-case word after it
    ("le préfet\nde l'Aisne") or after a preposition or article ("sous-préfet de\nLangres")."""
    if j == 0 or j + 1 >= limit or not doc[j].is_space or doc[j].text.count("\n") != 1:
        return False
    prev, nxt = doc[j - 1], doc[j + 1]
    if prev.is_punct or nxt.is_space or nxt.is_punct:
        return False
    return nxt.is_lower or prev.lower_ in WRAP_OPENERS


@dataclass(frozen=True)
class Role:
    """A role phrase: its tokens, and the organization span it names (token offsets)."""

    start: int
    end: int
    text: str
    org: tuple[int, int] | None
    form_end: int = -1  # end of the matched role form ("conseiller régional" of a longer role)

    @property
    def head_end(self) -> int:
        return self.form_end if self.form_end >= 0 else self.end


class RoleGrammar:
    """Finds role words and reads the role phrase and its organization."""

    def __init__(self, vocab, data: dict) -> None:
        # fr_organizations and fr_actors each hold a grammar of the same data: the roles
        # one finds in a doc are kept under this key for the other
        digest = hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
        self._found_key = f"extractor.roles.{digest}"
        self.kinds: dict[str, str] = {}
        self.portfolio: set[str] = set()
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        # a role of several words wrapped over two lines ("directrice\ngénérale")
        self.multiword: set[tuple[str, ...]] = set()
        from spacy.lang.fr import French

        make = French().tokenizer
        for entry in data["roles"]:
            for form in entry["forms"]:
                # "l'ex-président": the tokenizer keeps "ex-" glued to the head word;
                # press writes both apostrophes ("directrice de l’agence")
                bent = form.replace("'", "’")
                for variant in {form, f"ex-{form}", bent, f"ex-{bent}"}:
                    key = fold(variant)
                    self.kinds[key] = entry["org"]
                    if entry.get("portfolio"):
                        self.portfolio.add(key)
                    self.matcher.add(entry["org"], [make(variant)])
                    words = tuple(t.lower_ for t in make(variant))
                    if len(words) > 1:
                        self.multiword.add(words)
        self.heads = frozenset(k.split()[0] for k in self.kinds)
        self.prefixes = frozenset(fold(w) for w in data["role_prefixes"])
        self.stops = frozenset(data["role_stops"])
        self.preps = [tuple(make(p).text.lower().split()) for p in data["org_prepositions"]]
        self.preps.sort(key=len, reverse=True)
        self._longest_prep = max((len(p) for p in self.preps), default=0)
        self.org_nouns = frozenset(fold(w) for w in data["org_nouns"])
        self.anaphoric = frozenset(fold(w) for w in data["anaphoric_nouns"])
        self.clause = self.stops | frozenset(data["clause_words"])
        ext = data["role_extension"]
        self.keep_prefixes = frozenset(fold(w) for w in ext["kept_prefixes"])
        self.modifiers = frozenset(fold(w) for w in ext["modifiers"])
        self.charge = frozenset(fold(w) for w in ext["charge_words"])
        self.domain_preps = frozenset(fold(w) for w in ext["domain_prepositions"])
        self.not_domain = frozenset(fold(w) for w in ext["not_domain"])
        self.bare_field = frozenset(fold(w) for w in ext["bare_field_heads"])
        self.charge_heads = frozenset(fold(w) for w in ext["charge_heads"])
        self.facilities = frozenset(w.lower() for w in ext["facility_nouns"])
        self.end_preps = frozenset(w.lower() for w in ext["end_prepositions"])
        self.governance = sorted(
            (tuple(fold(t.text) for t in make(g)) for g in ext["governance"]), key=len, reverse=True
        )
        # the last doc seen and its role starts; holding the doc keeps its id from reuse
        self._starts: tuple[Doc, dict[int, int]] | None = None

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """Role words of the doc, longest match at each place (found once per doc and data)."""
        cached = doc.user_data.get(self._found_key)
        if cached is not None and cached[0] == len(doc):
            found = list(cached[1])
        else:
            spans = [doc[s:e] for _, s, e in self.matcher(doc)]
            spans += self._wrapped(doc)
            found = [(s.start, s.end) for s in filter_spans(spans)]
            doc.user_data[self._found_key] = (len(doc), tuple(found))
        self._starts = (doc, dict(found))
        return found

    def _wrapped(self, doc: Doc) -> list[Span]:
        """Multi-word roles cut by a line break ("directrice\ngénérale"): only the
        newline tokens are visited, each with the few words on either side."""
        out = []
        longest = 5
        newline = doc.vocab.strings["\n"]
        # the newline tokens' indices from the ORTH column, with no Token object per token
        for i in numpy.flatnonzero(doc.to_array(ORTH) == newline).tolist():
            if i == 0 or i + 1 >= len(doc):
                continue
            lo, hi = max(0, i - longest + 1), min(len(doc), i + longest)
            # the window's lower-case words read once, not once per pair of bounds
            lowers = [t.lower_ for t in doc[lo:hi]]
            before, after = lowers[: i - lo], lowers[i + 1 - lo :]
            for a in range(lo, i):
                left = tuple(before[a - lo :])
                for b in range(i + 2, hi + 1):
                    if left + tuple(after[: b - i - 1]) in self.multiword:
                        out.append(doc[a:b])
        return out

    @staticmethod
    def label_end(doc: Doc, j: int, limit: int) -> int:
        """End of a short label in brackets at ``j`` ("(LR)", "(PS)", "(CFDT)"), else ``j``."""
        if j >= limit or doc[j].text != "(":
            return j
        for k in range(j + 1, min(limit, j + 5)):
            if doc[k].text == ")":
                return k + 1 if k > j + 1 else j
            if is_break(doc[k]) or not doc[k].is_upper:
                return j
        return j

    def _role_starts(self, doc: Doc) -> dict[int, int]:
        """Role words of ``doc`` by start, found once per doc (a second role after "et")."""
        if self._starts is None or self._starts[0] is not doc:
            self.find(doc)
        assert self._starts is not None
        return self._starts[1]

    def kind(self, doc: Doc, start: int, end: int) -> str:
        return self.kinds.get(fold(doc[start:end].text), "org")

    def is_role_word(self, tok: Token) -> bool:
        return fold(tok.text) in self.heads

    def _prep_at(self, doc: Doc, j: int) -> int:
        # the words at j read once, not once per preposition
        words = tuple(t.lower_ for t in doc[j : j + self._longest_prep])
        for p in self.preps:
            if words[: len(p)] == p:
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
        the starts of those that are organizations. The role's text keeps what the press
        writes as part of the function (see :meth:`_role_text`); the organization is
        found by :meth:`_parse_org`.
        """
        known = known or {}
        limit = min(limit, len(doc))
        role, j = self._parse_org(doc, start, end, limit, known, bodies)
        if fold(doc[start:end].text) in self.portfolio:
            return self._with_prefix(doc, role), j
        text, role_end, j = self._role_text(doc, role, end, limit, known, j)
        return Role(role.start, role_end, text, role.org, end), j

    def _with_prefix(self, doc: Doc, role: Role) -> Role:
        """ "l'ancien ministre de l'Économie": a kept prefix opens the role."""
        s = role.start
        if s > 0 and fold(doc[s - 1].text) in self.keep_prefixes:
            return Role(role.start, role.end, doc[s - 1 : role.end].text, role.org)
        return role

    def _role_text(
        self, doc: Doc, role: Role, matched_end: int, limit: int, known: dict[int, int], j: int
    ) -> tuple[str, int, int]:
        """The role as written, its end, and where the phrase stops.

        The matched form grows by what French press writes inside a function:
        qualifiers ("délégué syndical central", "directrice générale déléguée"), a
        charge ("vice-présidente déléguée à l'économie", "conseiller régional chargé
        de l'emploi et de la formation"), a field ("directeur des achats") and a kept
        prefix ("ancien président"); a second role of the same kind joined by "et" ("PDG
        et fondateur", "dirigeant de X et copilote industriel") is part of it; a second
        role of another kind ("président de X et élu référent") belongs to another body,
        and a second charge ("conseillère régionale et déléguée à ...") is another role.
        """
        start, end = role.start, role.end
        if start > 0 and fold(doc[start - 1].text) in self.keep_prefixes:
            start -= 1
        pieces = [(start, end)]
        if end == matched_end and not (role.org is not None and role.org[0] == matched_end):
            end = self._words_end(doc, role.start, end, limit, known)
            pieces = [(start, end)]
        # a second role joined by "et", right after the first or after its organization
        starts = self._role_starts(doc)
        first_kind = self.kind(doc, role.start, matched_end)
        for at in (end, self._after_org(doc, role, j, limit)):
            if at is None:
                continue
            second = self._second_role(doc, at, limit, starts, known, first_kind)
            if second is not None:
                pieces.append(second)
                if at == end and role.org is None:
                    break
                j = max(j, second[1])
                break
        text = " et ".join(doc[s:e].text for s, e in pieces)
        charge = self._charge_after_org(doc, role, pieces, limit, known)
        if charge is not None:
            text = f"{text} {doc[charge[0] : charge[1]].text}"
            j = max(j, charge[1])
        return text, pieces[0][1], j

    def _charge_after_org(
        self,
        doc: Doc,
        role: Role,
        pieces: list[tuple[int, int]],
        limit: int,
        known: dict[int, int],
    ) -> tuple[int, int] | None:
        """A charge written after the role's organization, which is still part of the
        function: "vice-présidente de la Région Normandie chargée de l'économie" is the
        "vice-présidente chargée de l'économie" of the Région, as a minister keeps his
        portfolio; so after a body named by its kind ("de l'agglomération chargée de").
        Not when the role already has a charge of its own."""
        if any(
            fold(t.text) in self.charge or t.lower_ == "charge" for s, e in pieces for t in doc[s:e]
        ):
            return None
        if role.org is not None:
            k = role.org[1]
        else:  # "de l'agglomération", "du département": an org noun alone
            k = pieces[-1][1]
            plen = self._prep_at(doc, k) if k < limit else 0
            if not plen:
                return None
            k += plen
            while k < limit and doc[k].lower_ in ARTICLES:
                k += 1
            if k >= limit or fold(doc[k].text) not in self.org_nouns:
                return None
            k += 1
            # "de la communauté urbaine chargé de": the kind noun's own adjective
            if k + 1 < limit and doc[k].is_lower and fold(doc[k + 1].text) in self.charge:
                k += 1
        if k + 2 < limit and doc[k].lower_ == "en" and doc[k + 1].lower_ == "charge":
            return k, self._charge_end(doc, k + 2, limit, known)
        nxt = k + 1 + (k + 1 < limit and line_wrap(doc, k + 1, limit))
        if (
            nxt < limit
            and fold(doc[k].text) in self.charge
            and fold(doc[nxt].text) in self.domain_preps
        ):
            return k, self._charge_end(doc, nxt, limit, known)
        return None

    def _after_org(self, doc: Doc, role: Role, j: int, limit: int) -> int | None:
        """Where a second role may follow the organization: "dirigeant de X à Scionzier et ..."."""
        if role.org is None:
            return None
        k = role.org[1]
        if k < limit and doc[k].lower_ in {"à", "en"} and k + 1 < limit and is_cap(doc[k + 1]):
            k = extend_name(doc, k + 1, limit)
        return k

    def _second_role(
        self,
        doc: Doc,
        at: int,
        limit: int,
        starts: dict[int, int],
        known: dict[int, int],
        first_kind: str,
    ) -> tuple[int, int] | None:
        if at >= limit - 1 or doc[at].lower_ != "et":
            return None
        r = at + 1
        first = r
        if fold(doc[r].text) in self.keep_prefixes:
            r += 1
        if r not in starts:
            return None
        kind = self.kinds.get(fold(doc[r : starts[r]].text))
        if kind != first_kind or fold(doc[r].text) in self.charge:
            return None
        return first, self._words_end(doc, r, starts[r], limit, known)

    def _words_end(self, doc: Doc, start: int, end: int, limit: int, known: dict[int, int]) -> int:
        """End of the role's own words after the matched form ``doc[start:end]``."""
        e = end
        while e < limit and fold(doc[e].text) in self.modifiers:
            e += 1
        if e == end and fold(doc[start:end].text) in self.bare_field:
            # "responsable développement durable", "directrice marketing"
            while (
                e < min(limit, end + 3)
                and self._field_word(doc, e, limit)
                and not doc[e].lower_.endswith(("ée", "és", "ées"))
            ):
                e += 1
        if e + 1 < limit and doc[e].lower_ == "en" and doc[e + 1].lower_ == "charge":
            return self._charge_end(doc, e + 2, limit, known)
        preps = self.domain_preps
        if e + 1 < limit and fold(doc[e].text) in self.charge and fold(doc[e + 1].text) in preps:
            return self._charge_end(doc, e + 1, limit, known)
        if e < limit and fold(doc[e - 1].text) in self.charge and fold(doc[e].text) in preps:
            return self._charge_end(doc, e, limit, known)
        if e == end and self._direct_charge(doc, start, end, limit):
            return self._charge_end(doc, e, limit, known)
        if self.kind(doc, start, end) == "org":
            return self._field_end(doc, e, limit)
        return e

    def _direct_charge(self, doc: Doc, start: int, end: int, limit: int) -> bool:
        """ "vice-président à l'économie", "adjointe aux finances": a charge after "à"
        with no "délégué"; a lower-case field, not a place or a body ("à la Région")."""
        if fold(doc[start:end].text) not in self.charge_heads:
            return False
        if end >= limit or doc[end].lower_ not in {"à", "au", "aux"}:
            return False
        k = end + 1
        while k < limit and doc[k].lower_ in ARTICLES:
            k += 1
        return (
            k < limit
            and doc[k].is_alpha
            and doc[k].is_lower
            and fold(doc[k].text) not in self.org_nouns
            and fold(doc[k].text) not in self.heads
        )

    def _charge_end(self, doc: Doc, j: int, limit: int, known: dict[int, int]) -> int:
        """End of a charge: "(déléguée) à l'industrie et à l'innovation" up to a body.

        The first group after the preposition is the charge whatever its case ("chargé
        de l'Industrie"); a later preposition that leads to a capitalised name or a
        known span opens the organization ("... à l'économie de la Région Bretagne").
        """
        e = j
        first = True
        stop = min(limit, j + 12)
        while e < stop:
            tok = doc[e]
            if line_wrap(doc, e, limit):
                e += 1  # "déléguée à\nl'industrie": a line wrapped inside the charge
                stop = min(limit, stop + 1)
                continue
            if is_break(tok) or (e > j and "\n" in doc[e - 1].whitespace_):
                break
            low = tok.lower_
            if fold(tok.text) in self.domain_preps:
                k = e + 1
                while k < stop and doc[k].lower_ in ARTICLES:
                    k += 1
                if k >= stop or k in known:
                    break
                if not first and (is_cap(doc[k]) or fold(doc[k].text) in self.org_nouns):
                    break
                first = False
                e = k + 1
                continue
            if low == "et":
                if e + 1 < stop and (
                    fold(doc[e + 1].text) in self.domain_preps or doc[e + 1].lower_ in ARTICLES
                ):
                    e += 1
                    continue
                break
            if low in self.clause or low in self.end_preps or is_cap(tok) or not tok.is_alpha:
                break
            e += 1
        return e

    @staticmethod
    def _wrapped_inside(doc: Doc, j: int, limit: int) -> bool:
        """A line break inside a phrase: one newline after a word, a lower-case word after."""
        return (
            doc[j].text == "\n"
            and j > 0
            and not doc[j - 1].is_punct
            and j + 1 < limit
            and doc[j + 1].is_lower
        )

    def _governance_at(self, doc: Doc, k: int) -> int:
        """End of a governance council at ``k`` ("conseil de surveillance"), else ``k``."""
        for words in self.governance:
            if tuple(fold(t.text) for t in doc[k : k + len(words)]) == words:
                return k + len(words)
        return k

    def _field_end(self, doc: Doc, e: int, limit: int) -> int:
        """ "directeur des achats", "président du directoire": a field, not a body."""
        if (
            e >= limit
            or fold(doc[e].text) not in self.domain_preps
            or doc[e].lower_
            in {
                "à",
                "au",
                "aux",
            }
        ):
            return e
        k = e + 1
        while k < limit and doc[k].lower_ in ARTICLES:
            k += 1
        g = self._governance_at(doc, k)
        if g > k:
            return g  # "président du conseil de surveillance"
        if (
            k < limit
            and doc[k].lower_ in self.facilities
            and not (k + 1 < limit and (is_cap(doc[k + 1]) or self._prep_at(doc, k + 1)))
        ):
            return k + 1  # "responsable du site", not "directeur du site Indrelec"
        if not self._field_word(doc, k, limit):
            return e
        m = k + 1
        while m < min(limit, k + 3) and self._field_word(doc, m, limit, adjective=True):
            m += 1
        return m

    def _field_word(self, doc: Doc, k: int, limit: int, adjective: bool = False) -> bool:
        if k >= limit:
            return False
        tok = doc[k]
        key = fold(tok.text)
        if not (tok.is_alpha and tok.is_lower) or key in self.not_domain:
            return False
        if key in self.org_nouns or key in self.anaphoric or key in self.heads:
            return False
        if key in self.domain_preps or tok.lower_ in self.clause or tok.lower_ in ARTICLES:
            return False
        if tok.lower_ in self.end_preps:
            return False
        pos = tok.pos_
        return not pos or pos in ({"ADJ"} if adjective else {"NOUN", "ADJ", "PROPN"})

    def _parse_org(
        self,
        doc: Doc,
        start: int,
        end: int,
        limit: int,
        known: dict[int, int],
        bodies: AbstractSet[int],
    ) -> tuple[Role, int]:
        """The matched role and the organization its complement names."""
        kind = self.kind(doc, start, end)
        key = fold(doc[start:end].text)
        j = end
        if key in self.portfolio:
            while j < limit and "\n" not in doc[j - 1].whitespace_:
                low = doc[j].lower_
                nxt = doc[j + 1].lower_ if j + 1 < limit else ""
                if self._wrapped_inside(doc, j, limit):
                    j += 1  # "ministre de la Transition\nécologique": a hard-wrapped line
                    continue
                if is_break(doc[j]):
                    # "ministre de l'Économie, des Finances et de la Souveraineté industrielle"
                    if doc[j].text == "," and nxt in {"de", "des", "du", "d'", "d’"}:
                        j += 1
                        continue
                    break
                if doc[j].ent_iob_ == "B" and doc[j].ent_type_ in {"PER", "PERSON"}:
                    break  # "la ministre de l'Industrie Marie Dupont"
                if low in self.stops and not (
                    low == "et" and nxt in {"de", "des", "du", "à", "aux", "d'", "d’"}
                ):
                    break
                j += 1
            while j > end and doc[j - 1].text == ",":
                j -= 1
            return Role(start, j, doc[start:j].text, None), j
        if kind == "none":
            return Role(start, end, doc[start:end].text, None), end
        role_end = end
        j = self.label_end(doc, j, limit)  # "le maire (LR) de Châteauroux"
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
        while j < limit:
            if line_wrap(doc, j, limit):
                j += 1  # "préfet\nde l'Aisne": the phrase goes on on the next line
                continue
            if is_break(doc[j]) or "\n" in doc[j - 1].whitespace_:
                break
            if j > end and doc[j].lower_ in self.stops - {"et"}:
                break
            plen = self._prep_at(doc, j)
            if not plen:
                j += 1
                continue
            k = j + plen
            while k < limit and (doc[k].lower_ in ARTICLES or line_wrap(doc, k, limit)):
                k += 1
            if k >= limit:
                break
            if k in known:
                if kind == "org" and doc[j].lower_ in {"à", "au"} and k not in bodies:
                    break  # "chef de projet X à Vierzon": a place after "à" is a seat
                org = (k, known[k])
                if k not in bodies:
                    # "gérante de Laval Bois": a place that opens a longer name is the name's
                    org = (k, max(known[k], extend_name(doc, k, limit)))
                j = org[1]
                break
            g = self._governance_at(doc, k)
            if g > k:
                j = g  # "président du conseil de surveillance de X": the body is X
                continue
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
            if (is_cap(doc[k]) or is_camel(doc[k])) and not self.is_role_word(doc[k]):
                org = (k, extend_name(doc, k, limit))
                j = org[1]
                break
            j = k
        return Role(start, role_end, doc[start:role_end].text, org), j
