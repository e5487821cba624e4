"""The role and organization of a person named by ``fr_actors``.

A role comes from the person's own title or apposition; the organization from
the role's complement or, when the text leaves it implicit, from the context:
"Pour la CFDT, X", "représentée par son président", "son PDG", the firm the
article is about, the one Région named for "le conseiller régional".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..doctext import doc_text
from ..names import ARTICLES, fold, is_break, is_cap
from ..territories.rules import foreign_places
from .columns import column_above, column_below
from .person_names import ActorNames
from .roles import Role

#: words before a place named as where things are, not as a body ("dans le Tarn")
LOCATIVES = frozenset({"dans", "en", "à", "a", "sur", "vers"})
POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs", "notre", "nos"})


@cache
def month_words() -> frozenset[str]:
    """French month names from Babel's CLDR, with and without accents ("août", "aout")."""
    from babel.dates import get_month_names

    names = get_month_names("wide", locale="fr").values()
    return frozenset({*names, *(fold(n) for n in names)})


TRAILING_PREPS = frozenset({"à", "a", "de", "du", "des", "d'", "d’", "au", "aux", "en"})


def clean_role(text: str) -> str:
    """A role as one line ("directrice\ngénérale" wrapped in the source), never ending
    on a preposition whose complement the line break cut off ("délégué à")."""
    words = text.split()
    while len(words) > 1 and words[-1].lower() in TRAILING_PREPS:
        words.pop()
    return " ".join(words)


def soft_wrap(tok: Token) -> bool:
    """A line break inside a sentence of hard-wrapped text ("délégué à\nl'industrie"):
    one newline, after a word rather than a punctuation mark."""
    return tok.text == "\n" and tok.i > 0 and not tok.doc[tok.i - 1].is_punct


def since(rest: Span) -> bool:
    """ "depuis 2020", "depuis mars 2021": how long the title has been held, between the
    title and the comma before the name ("Présidente de X depuis 2020, Y ...")."""
    return (
        len(rest) >= 2
        and rest[0].lower_ == "depuis"
        and all(t.like_num or t.lower_ in month_words() for t in rest[1:])
    )


@dataclass
class DocOrgs:
    """Per-doc organization data, built once: role readers look things up, never rescan."""

    known: dict[int, int]
    orgs: list[Span]
    firms: list[Span]  # sorted, not overlapping
    terrs: list[Span] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.bodies = frozenset(o.start for o in self.orgs)
        self.names = frozenset(fold(o.text) for o in self.orgs)
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


class ActorOrgs(ActorNames):
    """Reads roles and organizations of names; lexicons are set by ``ActorsComponent``."""

    prefixes: frozenset[str]
    bodies: frozenset[str]
    firm_roles: frozenset[str]
    firm_organs: tuple[str, ...]
    mayor_roles: frozenset[str]
    represented: list[tuple[str, ...]]
    speaks_for: frozenset[str]
    councils: dict[str, str]
    unions: list[str]
    union_initials: frozenset[str]
    seat_keepers: frozenset[str]
    known_orgs: frozenset[str]
    union_words: frozenset[str]
    prefects: frozenset[str]
    terr_nouns: frozenset[str]
    programmes: list[str]
    programme_nouns: frozenset[str]
    collectivities: dict[str, str]
    complement_preps: frozenset[str]
    council_bodies: dict[str, str]
    issuer_roles: frozenset[str]
    charge_holders: frozenset[str]
    collectivity_heads: frozenset[str]
    issuer_line_heads: frozenset[str]
    complement_nouns: frozenset[str]

    # -- roles -------------------------------------------------------------------------
    def _role_of(self, doc: Doc, span: Span, roles: dict[int, int], ctx: DocOrgs) -> Role | None:
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
        name_first = title is not None and self._apposition_of_previous(doc, title)
        k = span.end
        if k < len(doc) and doc[k].text in {",", "("}:
            k += 1
            while k < len(doc) and (
                doc[k].is_space  # "M. Jean Roux,\nprésident," in a hard-wrapped list
                or doc[k].lower_ in ARTICLES
                or doc[k].lower_ in POSSESSIVES  # "X, son président"
                or fold(doc[k].text) in self.prefixes
            ):
                k += 1
            if k in roles:
                role, j = self.roles.parse(doc, k, roles[k], k + 3 * self.window, known, bodies)
                if title is None or name_first or not self._person_at(doc, j):
                    return role  # "A, préfet du Doubs, B, sous-préfète de X": B's is after
        return title

    @staticmethod
    def _apposition_of_previous(doc: Doc, title: Role) -> bool:
        """The title before the name is itself an apposition after another person's
        name ("Jean Roux, préfet du Doubs, Claire Vaissière, ..."): in a list written
        name first, each title follows its name."""
        k = title.start
        while k > 0 and doc[k - 1].lower_ in ARTICLES:
            k -= 1
        if k < 2 or doc[k - 1].text != ",":
            return False
        prev = next((e for e in doc.ents if e.end == k - 1 and e.label_ in ("PER", "PERSON")), None)
        # "Le président de X, A, le préfet de Y, B": A has its title before it
        return prev is not None and (prev.start == 0 or doc[prev.start - 1].text != ",")

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
        if comma:
            # "le président de la CIREST (Communauté intercommunale ...), X": the body's
            # long form or acronym in brackets stands between the title and the comma
            target = self._before_brackets(doc, target)
        best = None
        covered = 0
        for rs in range(max(0, target - 3 * self.window), target):
            if rs not in roles or rs < covered:
                continue  # "vice-président délégué à": "délégué" is inside the first role
            if rs < target - self.window and not self._opens_sentence(doc, rs):
                continue  # a long title only when it opens the sentence, as a lead's does
            label = self.roles.label_end(doc, roles[rs], target)  # "le maire (LR) de X, Y"
            if any(
                is_break(t) and not soft_wrap(t) for t in [*doc[rs : roles[rs]], *doc[label:target]]
            ):
                continue
            role, j = self.roles.parse(doc, rs, roles[rs], target, known, bodies)
            stops = max(role.end, role.org[1] if role.org else role.end)
            if stops < target and fold(doc[stops].text) in self.roles.charge:
                stops = max(stops, j)  # a charge after the body ("de la Région X chargée de")
            covered = max(covered, role.end)
            rest = doc[stops:target]
            # after a comma, a short lower-case tail may remain ("du programme Territoires d'industrie,")
            # or a lower-case complement of the role ("chargée de l'économie,")
            if (
                not rest
                or (comma and since(rest))
                or (
                    comma
                    and (len(rest) <= 3 or (len(rest) <= 8 and all(not is_cap(t) for t in rest)))
                    and not any(t.lower_ in self.roles.clause for t in rest)
                )
            ):
                best = role
        return best, best is not None and not comma

    @staticmethod
    def _before_brackets(doc: Doc, end: int) -> int:
        """Start of a bracketed group of at most eight words ending at ``end``, else ``end``."""
        if end < 3 or doc[end - 1].text != ")":
            return end
        for k in range(end - 2, max(0, end - 10), -1):
            if doc[k].text == "(":
                return k if k + 1 < end - 1 else end
            if is_break(doc[k]):
                return end
        return end

    @staticmethod
    def _opens_sentence(doc: Doc, i: int) -> bool:
        """The role at ``i``, maybe after an article, opens a sentence or a line."""
        if i > 0 and doc[i - 1].lower_ in ARTICLES:
            i -= 1
        return i == 0 or bool(doc[i].is_sent_start) or doc[i - 1].is_space

    def _annotate(
        self, doc: Doc, span: Span, name: str, roles: dict[int, int], ctx: DocOrgs
    ) -> None:
        span._.actor_name = " ".join(name.split())  # "Claire\nDurand" wrapped in the source
        signed = self._column_signatory(doc, span, roles, ctx)
        if signed is not None:
            role, body = signed
            if role is not None:
                span._.actor_role = clean_role(role.text)
            if body is not None:
                span._.actor_organization = body
            return
        role = self._role_of(doc, span, roles, ctx)
        union = self._union_at(doc, span, role)
        if role is not None:
            text = role.text
            if union is not None and fold(text).endswith(" " + fold(union.text)):
                text = text[: -len(union.text)].rstrip()  # "délégué FO" is a délégué of FO
            span._.actor_role = clean_role(text)
        org = self._org_of(doc, span, role, ctx, union)
        if org is not None:
            span._.actor_organization = org

    def _column_signatory(
        self, doc: Doc, span: Span, roles: dict[int, int], ctx: DocOrgs
    ) -> tuple[Role | None, str | None] | None:
        """Role and body of a name in a signature block set in columns: what stands
        above it in its column ("Pour la Région X," / "la présidente"), not the
        neighbouring column's words before it on the line. A préfet's body is the
        territory of the role; another signatory's the body on the "Pour" line, else
        the role's own complement."""
        role = None
        body = None
        text = doc_text(doc)
        column = []
        for cs, ce in column_above(text, doc[span.start].idx):
            seg = doc.char_span(cs, ce, alignment_mode="expand")
            if seg is None:
                break
            if fold(seg[0].text) == "pour":  # the "Pour" line heads the block
                body = next(
                    (
                        doc[i : ctx.known[i]]
                        for i in range(seg.start, seg.end)
                        if i in ctx.known and ctx.known[i] <= seg.end
                    ),
                    None,
                )
                break
            column.append(seg)
        below = column_below(text, doc[span.start].idx)
        if below is not None:
            seg = doc.char_span(*below, alignment_mode="expand")
            column += [seg] if seg is not None else []
        for seg in column:
            rs = next((i for i in range(seg.start, seg.end) if i in roles), None)
            if rs is not None:
                role, _ = self.roles.parse(doc, rs, roles[rs], seg.end, ctx.known, ctx.bodies)
                break
        if role is None and body is None:
            return None
        if role is not None and self._is_prefect(doc, role):
            return role, self._prefect_org(doc, role)
        if body is not None:
            # a name tagged with the "Pour" that heads it ("Pour Vitré Communauté")
            b = body.start + (fold(body[0].text) == "pour" and len(body) > 1)
            return role, doc[b : body.end].text.rstrip(" ,")
        if role is not None and role.org is not None:
            return role, self._org_of(doc, span, role, ctx, None)
        return role, None

    def _org_of(
        self, doc: Doc, span: Span, role: Role | None, ctx: DocOrgs, union: Span | None
    ) -> str | None:
        """The body the person's role belongs to, or None when the text gives none; in a
        contract's list of parties, the party the person represents."""
        org = self._org_written(doc, span, role, ctx, union)
        if org is None and role is not None:
            party = self._party_of(doc, span, ctx.known)
            return party.text if party is not None else None
        return org

    def _party_of(self, doc: Doc, span: Span, known: dict[int, int]) -> Span | None:
        """ "La Communauté X, représentée par Mme Y, présidente": the party before the
        verb, the name coming right after it (a line break allowed)."""
        k = span.start
        while k > 0 and (doc[k - 1].text in self.honorifics or doc[k - 1].is_space):
            k -= 1
        words = [t for t in doc[max(0, k - 4) : k] if not t.is_space]
        for pattern in self.represented:
            if tuple(fold(t.text) for t in words[-len(pattern) :]) != pattern:
                continue
            b = words[-len(pattern)].i
            while b > 0 and doc[b - 1].is_space:
                b -= 1
            comma = b - 1 if b > 0 and doc[b - 1].text == "," else b
            for s in range(max(0, comma - 14), comma):
                if known.get(s) == comma:
                    return doc[s:comma]
        return None

    def _org_written(
        self, doc: Doc, span: Span, role: Role | None, ctx: DocOrgs, union: Span | None
    ) -> str | None:
        """The body the role's phrase or its context names."""
        if union is not None:
            if (
                role is not None
                and role.org
                and role.org[0] == union.start
                and union.end < role.org[1]
                and is_cap(doc[union.end])
            ):
                # "secrétaire général de la CGT Métallurgie du Doubs": the union's own body
                return doc[role.org[0] : self._trim_org(doc, *role.org, ctx)].text
            return union.text
        known = ctx.known
        if role is not None and self._is_prefect(doc, role):
            return self._prefect_org(doc, role)
        if role is not None and role.org:
            os_, oe = role.org
            while (
                os_ < oe - 1 and doc[os_].is_lower and fold(doc[os_].text) in self.roles.anaphoric
            ):
                os_ += 1  # "du groupe Gaborit" is Gaborit
            body = self._past_programme(doc, os_, oe, ctx)
            if body is not None and fold(doc[body[0] : body[1]].text) in foreign_places():
                # "directeur des opérations Europe": a scope; the firm is the article's
                firm = self._firm_of_role(doc, role, ctx)
                return firm.text if firm is not None else None
            if body is None or self._seat_only(doc, role, body[0], ctx):
                return None
            if body[1] - body[0] == 1 and fold(doc[body[0]].text) in self.collectivities:
                # "président de la Métropole": the one métropole the article names, if any
                found = self._collectivity_of(fold(doc[body[0]].text), ctx)
                return found.text if found is not None else None
            return doc[body[0] : self._trim_org(doc, body[0], body[1], ctx)].text
        org = self._speaks_for(doc, span, known)
        if role is not None and self._is_union_role(role):
            # a union delegate's body is the union, never the employer ("Chez X, Y, délégué")
            return org.text if org is not None and self._union_in(org) else None
        if (
            org is None
            and role is not None
            and self.roles.kind(doc, role.start, role.head_end) != "none"
        ):
            org = (
                self._signatory_org(doc, role, known)
                or self._mayor_org(doc, role, ctx)
                or self._represented_org(doc, role, known)
                or self._anaphoric_org(doc, role, ctx)
                or self._collectivity_org(doc, role, ctx)
                or self._firm_of_role(doc, role, ctx)
                or self._council_org(doc, role, ctx)
                or self._elected_org(doc, role, ctx)
            )
        return org.text if org is not None else None

    # -- unions, préfets, programmes ----------------------------------------------------
    def _union_in(self, span: Span) -> bool:
        text = doc_text(span.doc)
        return any(self._union_match(span.doc, i, text) for i in range(span.start, span.end))

    def _union_match(self, doc: Doc, i: int, text: str) -> Span | None:
        """A union's name starting at token ``i``; an acronym as written ("SUD", not "Sud")."""
        tok = doc[i]
        if fold(tok.text[:1]) not in self.union_initials:
            return None
        at = tok.idx
        for name in self.unions:
            piece = text[at : at + len(name)]
            same = piece == name if name.isupper() else fold(piece) == fold(name)
            if not same:
                continue
            span = doc.char_span(at, at + len(name))
            if span is not None:
                return span
        return None

    def _union_at(self, doc: Doc, span: Span, role: Role | None) -> Span | None:
        """A union named in the person's role phrase or in brackets after the name."""
        text = doc_text(doc)
        ranges = [(span.end, min(len(doc), span.end + 4))]
        if role is not None:
            end = max(role.end, role.org[1] if role.org else role.end)
            # "secrétaire du CSE et élu CGT": the union of a second, union title
            reach = 4 if end < len(doc) and doc[end].lower_ == "et" else 2
            ranges.insert(0, (role.start, min(len(doc), end + reach)))
        for s, e in ranges:
            for i in range(s, e):
                if i > s and is_break(doc[i]) and doc[i].text not in "()":
                    break
                found = self._union_match(doc, i, text)
                if found is not None:
                    return found
        return None

    def _is_union_role(self, role: Role) -> bool:
        return any(w in self.union_words for w in fold(role.text).split())

    def _is_prefect(self, doc: Doc, role: Role) -> bool:
        return any(fold(t.text) in self.prefects for t in doc[role.start : role.start + 2])

    def _prefect_org(self, doc: Doc, role: Role) -> str | None:
        """ "préfet de la région Normandie" -> Normandie; null when no territory is written."""
        if role.org is None:
            return None
        os_, oe = role.org
        while os_ < oe - 1 and (
            fold(doc[os_].text) in self.terr_nouns
            or doc[os_].lower_ in ARTICLES
            or doc[os_].lower_ in {"de", "du", "des", "d'", "d’"}
        ):
            os_ += 1
        return doc[os_:oe].text

    def _past_programme(self, doc: Doc, os_: int, oe: int, ctx: DocOrgs) -> tuple[int, int] | None:
        """A programme is no body: the body written after it, or None.

        "directeur du programme Action cœur de ville à la Banque des Territoires":
        the Banque; "référent Territoires d'industrie": nobody.
        """
        after = os_ > 0 and fold(doc[os_ - 1].text) in self.programme_nouns
        tail = fold(doc[os_ : min(len(doc), os_ + 10)].text)
        name = next((p for p in self.programmes if tail == p or tail.startswith(p + " ")), None)
        if not after and name is None:
            return (os_, oe)
        pe = oe
        if name is not None:
            pe = os_ + 1
            while pe < len(doc) and len(fold(doc[os_:pe].text)) < len(name):
                pe += 1
            pe = max(pe, oe if after else pe)
        for k in range(pe, min(len(doc), pe + 6)):
            if is_break(doc[k]) or doc[k].lower_ in self.roles.clause:
                break
            if k in ctx.bodies and doc[k - 1].lower_ in ARTICLES | {
                "de",
                "du",
                "d'",
                "d’",
                "à",
                "au",
            }:
                return (k, ctx.known[k])
        return None

    def _seat_only(self, doc: Doc, role: Role, os_: int, ctx: DocOrgs) -> bool:
        """ "directeur du programme X à Vierzon": after "à", a name no component took for a
        body is where the person works, not whose."""
        if os_ == 0 or doc[os_ - 1].lower_ not in {"à", "au"} or os_ in ctx.bodies:
            return False
        return self.roles.kind(doc, role.start, role.head_end) == "org"

    def _trim_org(self, doc: Doc, os_: int, oe: int, ctx: DocOrgs) -> int:
        """ "Enedis en Gironde" is Enedis; "X de France" is X when the article names X alone."""
        for k in range(os_ + 1, oe - 1):
            if doc[k].lower_ == "en" and is_cap(doc[k + 1]):
                return k
        if (
            oe - os_ >= 3
            and fold(doc[oe - 2 : oe].text) == "de france"
            and fold(doc[os_ : oe - 2].text) in ctx.names
        ):
            return oe - 2
        # "Bpifrance de Brest": a known body then its seat, unless the body keeps its seat
        for k in range(os_ + 1, oe - 1):
            if doc[k].lower_ not in {"de", "d'", "d’", "du"} or not is_cap(doc[k + 1]):
                continue
            head = fold(doc[os_:k].text)
            if head in self.known_orgs and fold(doc[os_].text) not in self.seat_keepers:
                return k
        return oe

    def _collectivity_org(self, doc: Doc, role: Role, ctx: DocOrgs) -> Span | None:
        """ "vice-présidente de l'agglomération": the one body of that kind the article names."""
        k = role.end
        if k >= len(doc) or doc[k].lower_ not in {"de", "du", "d'", "d’"}:
            return None
        k += 1
        while k < len(doc) and doc[k].lower_ in ARTICLES:
            k += 1
        if k >= len(doc) or not doc[k].is_lower:
            return None
        council = self.council_bodies.get(fold(doc[k : k + 2].text))
        if council is not None and not (k + 2 < len(doc) and is_cap(doc[k + 2])):
            # "présidente du conseil départemental": the Département the article names
            return self._collectivity_of(council, ctx)
        kind = self.collectivities.get(fold(doc[k].text))
        if kind is None or (k + 1 < len(doc) and is_cap(doc[k + 1])):
            return None
        return self._collectivity_of(fold(doc[k].text), ctx)

    def _collectivity_of(self, head: str, ctx: DocOrgs) -> Span | None:
        """The one body named with ``head`` (Région X), else the one territory of its kind."""
        kind = self.collectivities[head]
        bodies = {fold(o.text): o for o in ctx.orgs if fold(o[0].text) == head}
        if len(bodies) == 1:
            return next(iter(bodies.values()))
        # a Territoire d'industrie often bears its intercommunality's name (le Grand Chalon)
        kinds = (kind, "territoire_industrie") if kind == "epci" else (kind,)
        for k in kinds:
            places = {fold(t.text): t for t in ctx.terrs if t._.territory_kind == k}
            # "communauté d'agglomération Ardenne Métropole" and "Ardenne Métropole": one body
            short = [n for n in places if not any(m != n and m in n for m in places)]
            if short:
                return places[short[0]] if len(short) == 1 else None
        return None

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

    def _council_org(self, doc: Doc, role: Role, ctx: DocOrgs) -> Span | None:
        """ "le conseiller régional X": the one Région the article names as a body."""
        head = self.councils.get(fold(doc[role.start : role.head_end].text))
        if head is None:
            return None
        bodies = {fold(o.text): o for o in ctx.orgs if fold(o[0].text) == head}
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def _elected_org(self, doc: Doc, role: Role, ctx: DocOrgs) -> Span | None:
        """An elected role with no body written: the body that issues the document (its
        first line, as deliberations and reports open), else, for a role with a charge
        of its own ("vice-présidente chargée de l'économie"), the collectivity named last
        before it, or first after it."""
        head = fold(doc[role.start : role.head_end].text)
        if head not in self.issuer_roles and head not in self.charge_holders:
            return None
        if head in self.issuer_roles:
            issuer = self._issuer(doc, ctx)
            if issuer is not None:
                return issuer
        charged = any(
            fold(t.text) in self.roles.charge or t.lower_ == "charge"
            for t in doc[role.head_end : role.end]
        )
        if head not in self.charge_holders or not charged:
            return None
        bodies = [o for o in ctx.orgs if fold(o[0].text) in self.collectivity_heads]
        bodies += [t for t in ctx.terrs if t._.territory_kind == "epci"]
        before = [b for b in bodies if b.end <= role.start]
        if before:
            return max(before, key=lambda b: b.end)
        return min(bodies, key=lambda b: b.start) if bodies else None

    def _issuer(self, doc: Doc, ctx: DocOrgs) -> Span | None:
        """The body whose name makes up the document's first line, before any " – " or
        " | " ("COMMUNAUTÉ D'AGGLOMÉRATION X", "RÉGION X", "Initiative X – Rapport")."""
        text = doc_text(doc)
        begin = len(text) - len(text.lstrip())
        end = text.find("\n", begin)
        line = text[begin : len(text) if end < 0 else end]
        for sep in (" – ", " — ", " | ", " - ", " : "):
            line = line.split(sep)[0]
        stop = begin + len(line.rstrip())
        spans = [
            s
            for s in [*ctx.orgs, *ctx.terrs]
            if doc[s.end - 1].idx + len(doc[s.end - 1].text) == stop
            and (s in ctx.orgs or s._.territory_kind in ("epci", "region", "commune"))
        ]
        for s in sorted(spans, key=lambda s: s.start):
            lead = doc.char_span(begin, doc[s.start].idx, alignment_mode="expand")
            if lead is None or doc[s.start].idx == begin:
                return s
            if all(fold(t.text) in self.issuer_line_heads for t in lead if not t.is_space):
                # "RÉGION X": the Région is the body; "COMMUNE DE X": the commune X
                region = any(fold(t.text) == "region" for t in lead)
                return doc[lead.start : s.end] if region else s
        return None

    def _signatory_org(self, doc: Doc, role: Role, known: dict[int, int]) -> Span | None:
        """ "Pour la Région X,\nle président,\nY": the body on the "Pour" line above."""
        text = doc_text(doc)
        ls = text.rfind("\n", 0, doc[role.start].idx)
        if ls < 0:
            return None
        pls = ls
        for _ in range(3):  # the body's name may wrap: "Pour la Communauté\nGrand X,"
            end = pls
            pls = text.rfind("\n", 0, end) + 1
            line = text[pls:end]
            if not line.strip():
                return None  # a blank line ends the signature block
            if fold(line).startswith("pour "):
                break
            pls -= 1
            if pls <= 0:
                return None
        else:
            return None
        for i in sorted(known):
            if pls <= doc[i].idx < ls:
                return doc[i : known[i]]
        return None

    def _anaphoric_org(self, doc: Doc, role: Role, ctx: DocOrgs) -> Span | None:
        """ "son PDG", "dirigeante de l'entreprise": the last firm named before the role."""
        p = role.start - 1
        while p > 0 and fold(doc[p].text) in self.prefixes:
            p -= 1  # "son ancien président"
        possessive = p >= 0 and doc[p].lower_ in POSSESSIVES
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
        if possessive and doc[p].lower_ in {"notre", "nos"}:
            # "Notre ancien président, X": the speaker's body, the one the article is about
            main = self._main_body(ctx)
            if main is not None:
                return main
        firm_role = fold(doc[role.start : role.head_end].text) in self.firm_roles
        if possessive and not firm_role:  # "son PDG" is a firm's; "son président" any body's
            # a collectivity named only as a place has a président too ("pour le Pays de X")
            places = [
                t
                for t in ctx.terrs
                if t._.territory_kind == "epci"
                and not (t.start and doc[t.start - 1].lower_ in LOCATIVES)
            ]
            body = self._body_before(doc, role.start, [*ctx.orgs, *places])
            if body is not None:
                return body
        if possessive:
            # "son PDG": the firm the clause is about, not a lender or buyer named after "de"
            firm = self._body_before(doc, role.start, ctx.firms)
            if firm is not None:
                return firm
        if anaphora and not possessive:
            # "directeur industriel du groupe": the group the article is about, not a
            # client or partner named in passing
            main = ctx.main_firm(role.start)
            if main is not None and main.end <= role.start:
                return main
        return ctx.firm_before(role.start)

    @staticmethod
    def _main_body(ctx: DocOrgs) -> Span | None:
        """The organization the article names most (the first of them on a tie)."""
        if not ctx.orgs:
            return None
        count: dict[str, int] = {}
        for o in ctx.orgs:
            count[fold(o.text)] = count.get(fold(o.text), 0) + 1
        top = max(count.values())
        return next(o for o in ctx.orgs if count[fold(o.text)] == top)

    def _body_before(self, doc: Doc, i: int, bodies: list[Span]) -> Span | None:
        """ "la communauté de communes X a investi ... », se félicite son président": the
        last body named before ``i`` in its paragraph, a collectivity as well as a firm.

        A possessive points back to what the clause is about, so a body named as a
        complement ("a obtenu un prêt de Bpifrance", "repris par le fonds X", "les
        cadences d'Airbus") gives way to an earlier one named as a subject or topic;
        with none such, the last body stands.
        """
        text = doc_text(doc)
        para = text.rfind("\n\n", 0, doc[i].idx)
        before = [o for o in bodies if o.end <= i and doc[o.start].idx > para]
        if not before and para > 0 and not text[para : doc[i].idx].strip(" \n").count(" "):
            # "Son président, X" opening a paragraph: the body the previous one ended on
            prev = text.rfind("\n\n", 0, para)
            before = [o for o in bodies if prev < doc[o.start].idx < para]
        if not before:
            return None
        last = max(before, key=lambda o: o.end)
        if not self._complement(doc, last):
            return last
        topics = [o for o in before if o.end <= last.start and not self._complement(doc, o)]
        return max(topics, key=lambda o: o.end) if topics else last

    def _complement(self, doc: Doc, body: Span) -> bool:
        """The body follows a preposition, maybe through an article and its kind noun
        ("de Bpifrance", "par le fonds X", "du groupe Y"): a complement, not a topic."""
        k = body.start - 1
        while k >= 0 and doc[k].lower_ in ARTICLES:
            k -= 1
        if k >= 0 and doc[k].is_lower and fold(doc[k].text) in self.complement_nouns:
            k -= 1
            while k >= 0 and doc[k].lower_ in ARTICLES:
                k -= 1
        return k >= 0 and doc[k].lower_ in self.complement_preps

    def _mayor_org(self, doc: Doc, role: Role, ctx: DocOrgs) -> Span | None:
        """ "le maire, X", "le maire de la commune, X": the last commune named before."""
        if fold(doc[role.start : role.head_end].text) not in self.mayor_roles:
            return None
        if role.org is not None and is_cap(doc[role.org[0]]):
            return None
        best = None
        for t in ctx.terrs:
            if t._.territory_kind == "commune" and t.end <= role.start:
                best = t
        return best

    def _firm_of_role(self, doc: Doc, role: Role, ctx: DocOrgs) -> Span | None:
        """ "le PDG, X", "X, directrice générale": a company function with no body written
        belongs to the firm the article is about."""
        head = fold(doc[role.start : role.head_end].text)
        organ = any(o in fold(role.text) for o in self.firm_organs)
        if head not in self.firm_roles and not organ:
            return None
        return ctx.main_firm(role.start)

    def is_firm(self, org: Span) -> bool:
        """A firm-like organization: not an acronym, a public body or a collectivity."""
        if len(org) == 1 and org[0].is_upper:
            return False  # an acronym: its long form comes first ("X (XYZ)")
        key = fold(org.text)
        return key not in self.bodies and fold(org[0].text) not in self.roles.org_nouns
