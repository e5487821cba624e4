"""The role and organization of a person named by ``fr_actors``.

A role comes from the person's own title or apposition; the organization from
the role's complement or, when the text leaves it implicit, from the context:
"Pour la CFDT, X", "représentée par son président", "son PDG", the firm the
article is about, the one Région named for "le conseiller régional".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..doctext import doc_text
from ..names import ARTICLES, fold, is_break, is_cap
from .person_names import ActorNames
from .roles import Role

POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs", "notre", "nos"})


@dataclass
class DocOrgs:
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


class ActorOrgs(ActorNames):
    """Reads roles and organizations of names; lexicons are set by ``ActorsComponent``."""

    prefixes: frozenset[str]
    bodies: frozenset[str]
    firm_roles: frozenset[str]
    represented: list[tuple[str, ...]]
    speaks_for: frozenset[str]
    councils: dict[str, str]

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

    def _annotate(
        self, doc: Doc, span: Span, name: str, roles: dict[int, int], ctx: DocOrgs
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

    def _council_org(self, doc: Doc, role: Role, ctx: DocOrgs) -> Span | None:
        """ "le conseiller régional X": the one Région the article names as a body."""
        head = self.councils.get(fold(doc[role.start : role.end].text))
        if head is None:
            return None
        bodies = {fold(o.text): o for o in ctx.orgs if fold(o[0].text) == head}
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def _signatory_org(self, doc: Doc, role: Role, known: dict[int, int]) -> Span | None:
        """ "Pour la Région X,\nle président,\nY": the body on the "Pour" line above."""
        text = doc_text(doc)
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

    def _anaphoric_org(self, doc: Doc, role: Role, ctx: DocOrgs) -> Span | None:
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

    def _firm_of_role(self, doc: Doc, role: Role, ctx: DocOrgs) -> Span | None:
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
