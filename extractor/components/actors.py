"""``fr_actors``: named persons with the role and organization the text gives them.

Persons come from the statistical NER (PER), checked to look like a name, plus
names the NER misses right after a title ("le Premier ministre Edouard
Philippe") or an honorific ("M. Dupont"). Roles and organizations are read
from an apposition after the name ("X, maire de Carros") or a title before it
("le sous-préfet d'Alès, X"). Later mentions by surname, or with a typo, link to
the first full mention. Authors, photo credits and people a place is named
after are dropped: they are not parties to what the article reports.

The role grammar (:class:`RoleGrammar`) is shared with ``fr_organizations``,
which reads the organization of a role ("président d'Arkopharma").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from difflib import SequenceMatcher

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import resources
from . import attributes as attrs

DATA = "actors.json"
ORGS = "organizations.json"
PRESS = "press_titles.txt"
POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs", "notre", "nos"})
CLAUSE_END = frozenset(',;.:!?«»()[]"“”|/—–')
ARTICLES = frozenset({"le", "la", "l'", "l’", "les"})
CONNECTORS = frozenset(
    {"de", "du", "des", "d'", "d’", "l'", "l’", "la", "le", "sur", "en", "lès", "les"}
)
HYPHENS = frozenset({"-", "‑", "–"})
AMOUNT_UNITS = frozenset({"%", "€", "k€", "M€", "Md€", "euros", "millions", "milliards", "emplois"})


def fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe: the key names are compared on."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    return " ".join(s.split())


def is_cap(tok: Token) -> bool:
    """A token that may start or continue a proper name (Dupont, ST, Jean-Luc, L'Oréal)."""
    t = tok.text
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t)


def load_titles(name: str) -> frozenset[str]:
    """Folded press titles, each with and without its leading article."""
    keys = set()
    for line in resources.read_lines(name):
        key = fold(line)
        keys.add(key)
        head, _, rest = key.partition(" ")
        if rest and head in ARTICLES:
            keys.add(rest)
        elif key.startswith(("l'", "l’")):
            keys.add(key[2:])
    return frozenset(keys)


def line_of(doc: Doc, span: Span) -> tuple[int, int]:
    """Character bounds of the line(s) holding ``span``."""
    text = doc.text
    ls = text.rfind("\n", 0, span.start_char) + 1
    le = text.find("\n", span.end_char)
    return ls, len(text) if le < 0 else le


def boilerplate_lines(doc: Doc, pattern: re.Pattern, max_len: int = 300) -> list[tuple[int, int]]:
    """Char ranges of publisher lines: short lines matching ``pattern`` and press-contact blocks.

    A "Contact presse" heading starts a block that runs to the next blank line: the
    service and person named there are the publisher's, not parties to the news.
    """
    out = []
    pos = 0
    in_contact = False
    for line in doc.text.split("\n"):
        end = pos + len(line)
        key = fold(line)
        if not key:
            in_contact = False
        elif in_contact or (len(line) < max_len and pattern.search(key)):
            out.append((pos, end))
        if re.match(r"^\W*(contacts?|relations?) (presse|media)s?\b", key):
            in_contact = True
        pos = end + 1
    return out


def in_ranges(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= span.start_char and span.end_char <= e for s, e in ranges)


def is_break(tok: Token) -> bool:
    return tok.text in CLAUSE_END or "\n" in tok.text or (tok.is_space and "\n" in tok.whitespace_)


def _amount_follows(doc: Doc, j: int) -> bool:
    """A number group, unit or percent sign after a number: "Banque X 50 %" is not "Banque X 50"."""
    if j >= len(doc):
        return False
    nxt = doc[j]
    return nxt.text[:1].isdigit() or nxt.text in AMOUNT_UNITS


def extend_name(doc: Doc, i: int, limit: int, suffixes: frozenset[str] = frozenset()) -> int:
    """End of the capitalised name starting at ``i``: caps, hyphens and connectors between caps."""
    j = i + 1
    n = min(limit, len(doc))
    while j < n and j - i < 8:
        tok = doc[j]
        if "\n" in doc[j - 1].whitespace_:
            break
        if is_cap(tok) or (
            tok.text[:1].isdigit() and is_cap(doc[j - 1]) and not _amount_follows(doc, j + 1)
        ):
            j += 1
        elif (
            j + 1 < n
            and is_cap(doc[j + 1])
            and ((tok.text in HYPHENS and not doc[j - 1].whitespace_) or tok.lower_ in CONNECTORS)
        ):
            j += 2
        elif (
            j + 2 < n
            and tok.lower_ == "de"
            and doc[j + 1].lower_ in ARTICLES
            and is_cap(doc[j + 2])
        ):
            j += 3  # "Région des Pays de la Loire"
        elif tok.lower_ in suffixes and tok.is_lower:
            j += 1
        else:
            break
    return j


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
                    j = org[1]
                    break
            if is_cap(doc[k]) and not self.is_role_word(doc[k]):
                org = (k, extend_name(doc, k, limit))
                j = org[1]
                break
            j = k
        return Role(start, role_end, doc[start:role_end].text, org), j


@dataclass
class _DocOrgs:
    """Per-doc organization data, built once: role readers look things up, never rescan."""

    known: dict[int, int]
    orgs: list[Span]
    firms: list[Span]  # sorted, not overlapping

    def __post_init__(self) -> None:
        self.bodies = frozenset(o.start for o in self.orgs)
        self._ends = [f.end for f in self.firms]
        self._starts = [f.start for f in self.firms]
        self._count: dict[str, int] = {}
        for f in self.firms:
            key = fold(f.text)
            self._count[key] = self._count.get(key, 0) + 1

    def main_firm(self, i: int) -> Span | None:
        """The firm the article is about: the most named one, the last before ``i`` on a tie."""
        if not self.firms:
            return None
        top = max(self._count.values())
        for f in reversed(self.firms[: bisect_right(self._ends, i)]):
            if self._count[fold(f.text)] == top:
                return f
        return next(f for f in self.firms if self._count[fold(f.text)] == top)

    def firm_before(self, i: int) -> Span | None:
        k = bisect_right(self._ends, i)
        return self.firms[k - 1] if k else None

    def firm_after(self, i: int) -> Span | None:
        k = bisect_left(self._starts, i)
        return self.firms[k] if k < len(self.firms) else None


class ActorsComponent:
    """Writes ``doc.spans["actors"]`` with ``actor_name``, ``actor_role``, ``actor_organization``."""

    def __init__(
        self,
        vocab,
        data: str = DATA,
        fuzzy: float = 0.88,
        window: int = 14,
        orgs: str = ORGS,
        press: str = PRESS,
    ) -> None:
        attrs.register()
        raw = resources.read_json(data)
        org_data = resources.read_json(orgs)
        self.boilerplate = re.compile("|".join(org_data["boilerplate"]))
        self.industry = frozenset(fold(w) for w in org_data["industry_words"])
        self.bodies = frozenset(
            fold(form)
            for entry in org_data["known"]
            if entry.get("kind") != "firm"
            for form in [entry["name"], *entry["aliases"]]
        )
        self.firm_roles = frozenset(fold(r) for r in raw["firm_roles"])
        self.represented = [tuple(fold(p).split()) for p in raw["represented_by"]]
        self.speaks_for = frozenset(fold(w) for w in raw["speaks_for"])
        self.councils = {fold(k): fold(v) for k, v in raw["council_heads"].items()}
        self.press = load_titles(press)
        self.photo_line = re.compile(raw["photo_line"])
        self.roles = RoleGrammar(vocab, raw)
        self.honorifics = frozenset(raw["honorifics"])
        self.prefixes = frozenset(fold(w) for w in raw["role_prefixes"])
        self.particles = frozenset(raw["particles"])
        self.named_after = frozenset(fold(w) for w in raw["named_after_heads"])
        start = "|".join(sorted(raw["byline_line_start"], key=len, reverse=True))
        before = "|".join(sorted(raw["byline_before"], key=len, reverse=True))
        self.byline = re.compile(rf"^\W*(?:{start})\s*:?\s*$|(?:^|\W)(?:{before})\W*$")
        self.fuzzy = fuzzy
        self.window = window

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
        text = doc.text
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

    # -- roles -------------------------------------------------------------------------
    def _role_of(self, doc: Doc, span: Span, roles: dict[int, int], ctx: _DocOrgs) -> Role | None:
        """The role of the name: its own title or apposition, never the next person's.

        A title right before the name ("le conseiller régional X, délégué à ...") is
        the role; an apposition followed by another name ("le président de A, X, le
        préfet de B, Y") is that other person's title.
        """
        bodies = ctx.bodies
        known = ctx.known
        title, adjacent = self._title_role(doc, span, roles, known, bodies)
        if title is not None and adjacent:
            return title
        k = span.end
        if k < len(doc) and doc[k].text in {",", "("}:
            k += 1
            while k < len(doc) and (
                doc[k].lower_ in ARTICLES or fold(doc[k].text) in self.prefixes
            ):
                k += 1
            if k in roles:
                role, j = self.roles.parse(doc, k, roles[k], k + 3 * self.window, known, bodies)
                if title is None or not self._person_at(doc, j):
                    return role
        return title

    def _person_at(self, doc: Doc, j: int) -> bool:
        """ ", M. Jean Dupont" at ``j``: a name (after a comma) starts there."""
        if j >= len(doc) or doc[j].text != ",":
            return False
        k = j + 1
        while k < len(doc) and (doc[k].text in self.honorifics or doc[k].is_space):
            k += 1
        return self._name_at(doc, k, len(doc)) - k >= 2

    def _title_role(
        self,
        doc: Doc,
        span: Span,
        roles: dict[int, int],
        known: dict[int, int],
        bodies: AbstractSet[int],
    ) -> tuple[Role | None, bool]:
        """Title before the name: "(le) sous-préfet d'Alès, X" / "le Premier ministre X".

        The flag says the title touches the name (no comma between them).
        """
        target = span.start
        while target > 0 and (doc[target - 1].text in self.honorifics or doc[target - 1].is_space):
            target -= 1
        comma = target > 0 and doc[target - 1].text == ","
        target -= comma
        best = None
        for rs in range(max(0, target - self.window), target):
            if rs not in roles or any(is_break(t) for t in doc[rs:target]):
                continue
            role, _ = self.roles.parse(doc, rs, roles[rs], target, known, bodies)
            stops = max(role.end, role.org[1] if role.org else role.end)
            rest = doc[stops:target]
            # after a comma, a short lower-case tail may remain ("du programme Territoires d'industrie,")
            # or a lower-case complement of the role ("chargée de l'économie,")
            if not rest or (
                comma
                and (len(rest) <= 3 or (len(rest) <= 8 and all(not is_cap(t) for t in rest)))
                and not any(t.lower_ in self.roles.clause for t in rest)
            ):
                best = role
        return best, best is not None and not comma

    # -- linking -------------------------------------------------------------------------
    def _link(self, name: str, actors: list[str]) -> str | None:
        key = fold(name)
        for a in actors:
            if fold(a) == key:
                return a
        for a in actors:
            fa = fold(a)
            if (
                abs(len(fa) - len(key)) <= 2
                and SequenceMatcher(None, fa, key).ratio() >= self.fuzzy
            ):
                return a
        return None

    def __call__(self, doc: Doc) -> Doc:
        orgs = (
            list(doc.spans.get(attrs.ORGANIZATIONS, [])) if attrs.ORGANIZATIONS in doc.spans else []
        )
        terrs = list(doc.spans.get(attrs.TERRITORIES, [])) if attrs.TERRITORIES in doc.spans else []
        known: dict[int, int] = {}
        for s in terrs + orgs:  # organizations win over territories at the same start
            known[s.start] = s.end
        occupied = {i for s in orgs + terrs for i in range(s.start, s.end)}
        role_list = self.roles.find(doc)
        roles = dict(role_list)
        candidates = filter_spans(self._candidates(doc, role_list, known))
        boiler = boilerplate_lines(doc, self.boilerplate)
        org_names = {fold(s.text) for s in orgs}
        kept: list[Span] = []
        for span in candidates:
            if not self._looks_like_name(span) or self._is_byline(doc, span):
                continue
            if self._is_named_after(doc, span, occupied) or fold(span.text) in org_names:
                continue  # "Alpal Maurienne" named elsewhere as a firm
            if in_ranges(span, boiler):
                continue
            kept.append(span)
        honorific_at = {t.i + 1 for t in doc if t.text in self.honorifics}
        places = {(t.start, t.end) for t in terrs}
        firms = [o for o in orgs if self.is_firm(o) and (o.start, o.end) not in places]
        ctx = _DocOrgs(known, orgs, filter_spans(firms))
        full = [s for s in kept if sum(1 for t in s if t.text not in self.particles) >= 2]
        names: list[str] = []
        out: list[Span] = []
        for span in full:
            linked = self._link(span.text, names)
            if linked is None:
                names.append(span.text)
            self._annotate(doc, span, linked or span.text, roles, ctx)
            out.append(span)
        surnames = {fold(" ".join(n.split()[1:])): n for n in names if len(n.split()) >= 2}
        taken = {i for s in out for i in range(s.start, s.end)} | occupied
        for span in kept:
            if span in full:
                continue
            name = surnames.get(fold(span.text))
            if name is None and span.start not in honorific_at:
                continue
            self._annotate(doc, span, name or span.text, roles, ctx)
            out.append(span)
        # bare surnames the NER did not tag: "a précisé Dupont"
        for tok in doc:
            if tok.i in taken or not is_cap(tok) or tok.is_upper:
                continue
            name = surnames.get(fold(tok.text))
            if name and tok.i + 1 < len(doc) and not is_cap(doc[tok.i + 1]):
                prev = doc[tok.i - 1] if tok.i > 0 else None
                if prev is not None and self._in_other_name(prev):
                    continue
                span = doc[tok.i : tok.i + 1]
                self._annotate(doc, span, name, roles, ctx)
                out.append(span)
        doc.spans[attrs.ACTORS] = filter_spans(out)
        return doc

    def _in_other_name(self, prev: Token) -> bool:
        """A capitalised word before a surname that is not a sentence start: "Jean Moulin"."""
        if not is_cap(prev) or prev.text in self.honorifics:
            return False
        return not (prev.is_sent_start or prev.i == 0 or prev.doc[prev.i - 1].is_punct)

    def _annotate(
        self, doc: Doc, span: Span, name: str, roles: dict[int, int], ctx: _DocOrgs
    ) -> None:
        span._.actor_name = name
        known = ctx.known
        role = self._role_of(doc, span, roles, ctx)
        if role is not None:
            span._.actor_role = role.text
        if role is not None and role.org:
            os_, oe = role.org
            while (
                os_ < oe - 1 and doc[os_].is_lower and fold(doc[os_].text) in self.roles.anaphoric
            ):
                os_ += 1  # "du groupe Gaborit" is Gaborit
            span._.actor_organization = doc[os_:oe].text
            return
        org = self._speaks_for(doc, span, known)
        if (
            org is None
            and role is not None
            and self.roles.kind(doc, role.start, role.end) != "none"
        ):
            org = (
                self._signatory_org(doc, role, known)
                or self._represented_org(doc, role, known)
                or self._anaphoric_org(doc, role, ctx)
                or self._firm_of_role(doc, role, ctx)
                or self._council_org(doc, role, ctx)
            )
        if org is not None:
            span._.actor_organization = org.text

    def _speaks_for(self, doc: Doc, span: Span, known: dict[int, int]) -> Span | None:
        """ "Pour la CFDT, X réclame", "Côté Bpifrance, X": the body the person speaks for."""
        k = span.start
        while k > 0 and doc[k - 1].text in self.honorifics:
            k -= 1
        if k < 3 or doc[k - 1].text != ",":
            return None
        for s in range(max(0, k - 9), k - 1):
            if known.get(s) != k - 1:
                continue
            b = s
            while b > 0 and doc[b - 1].lower_ in ARTICLES:
                b -= 1
            if b > 0 and doc[b - 1].lower_ in self.speaks_for:
                return doc[s : k - 1]
        return None

    def _represented_org(self, doc: Doc, role: Role, known: dict[int, int]) -> Span | None:
        """ "La Région X, représentée par son président, Y": the party before the verb."""
        p = role.start - 1
        if p < 0 or doc[p].lower_ not in POSSESSIVES:
            return None
        for words in self.represented:
            b = p - len(words)
            if b < 1 or tuple(fold(t.text) for t in doc[b:p]) != words:
                continue
            comma = b - 1 if doc[b - 1].text == "," else b
            for s in range(max(0, comma - 14), comma):
                if known.get(s) == comma:
                    return doc[s:comma]
        return None

    def _council_org(self, doc: Doc, role: Role, ctx: _DocOrgs) -> Span | None:
        """ "le conseiller régional X": the one Région the article names as a body."""
        head = self.councils.get(fold(doc[role.start : role.end].text))
        if head is None:
            return None
        bodies = {fold(o.text): o for o in ctx.orgs if fold(o[0].text) == head}
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def _signatory_org(self, doc: Doc, role: Role, known: dict[int, int]) -> Span | None:
        """ "Pour la Région X,\nle président,\nY": the body on the "Pour" line above."""
        text = doc.text
        ls = text.rfind("\n", 0, doc[role.start].idx)
        if ls < 0:
            return None
        pls = text.rfind("\n", 0, ls) + 1
        if not fold(text[pls:ls]).startswith("pour "):
            return None
        for i in sorted(known):
            if pls <= doc[i].idx < ls:
                return doc[i : known[i]]
        return None

    def _anaphoric_org(self, doc: Doc, role: Role, ctx: _DocOrgs) -> Span | None:
        """ "son PDG", "dirigeante de l'entreprise": the last firm named before the role."""
        possessive = role.start > 0 and doc[role.start - 1].lower_ in POSSESSIVES
        anaphora = False
        for k in range(role.end, min(len(doc), role.end + 8)):
            if doc[k].lower_ == "et" and k + 1 < len(doc) and self.roles.is_role_word(doc[k + 1]):
                continue  # "PDG et fondateur de l'entreprise"
            if is_break(doc[k]) or doc[k].lower_ in self.roles.clause:
                break
            if fold(doc[k].text) in self.roles.anaphoric and doc[k - 1].lower_ in ARTICLES | {
                "du",
                "de",
                "d'",
                "d’",
            }:
                anaphora = k + 1 >= len(doc) or not is_cap(doc[k + 1])
                break
        if not (possessive or anaphora):
            return None
        return ctx.firm_before(role.start)

    def _firm_of_role(self, doc: Doc, role: Role, ctx: _DocOrgs) -> Span | None:
        """ "le PDG, X", "X, directrice générale": a company function with no body written
        belongs to the firm the article is about."""
        if fold(doc[role.start : role.end].text) not in self.firm_roles:
            return None
        return ctx.main_firm(role.start)

    def is_firm(self, org: Span) -> bool:
        """A firm-like organization: not an acronym, a public body or a collectivity."""
        if len(org) == 1 and org[0].is_upper:
            return False  # an acronym: its long form comes first ("X (XYZ)")
        key = fold(org.text)
        return key not in self.bodies and fold(org[0].text) not in self.roles.org_nouns


@Language.factory(
    "fr_actors",
    default_config={"data": DATA, "fuzzy": 0.88, "window": 14, "orgs": ORGS, "press": PRESS},
)
def make_actors(
    nlp: Language, name: str, data: str, fuzzy: float, window: int, orgs: str, press: str
) -> ActorsComponent:
    return ActorsComponent(nlp.vocab, data, fuzzy, window, orgs, press)
