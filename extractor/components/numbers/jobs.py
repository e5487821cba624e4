"""``fr_jobs``: counts of jobs and workers, with their kind read from the context.

Numbers are read by :mod:`extractor.numbers` (the same grammar as amounts); the
job nouns, the cue words that tell existing from created, planned or lost jobs,
and the exclusions are data in ``models/jobs.json``. The kind is decided by the
cue nearest to the count within its clause, since one sentence often states
several counts ("emploie 300 salariés et va en recruter 50"). Vague counts
("plusieurs centaines d'emplois", "des milliers de postes") state no figure and
are skipped; "une centaine" is 100 with the qualifier "environ". A change ("l'effectif
passera de 120 à 180 salariés") gives two counts, the current one and the new one. Some
nouns state the kind themselves ("36 licenciements"), and a count may have no noun of its
own ("nous pourrions en recruter 40 de plus", "120 des 310 postes", "dont une quarantaine
en CDI"); a count after "dont" details the one before it and shares its kind.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ... import numbers, resources
from ...job_columns import job_cells
from .. import attributes as attrs
from ..doctext import doc_text

_S = r"[\s\u00a0\u2009\u202f]"
# a count right after another one, joined by "et", "ou" or a comma, shares its kind
_COORDINATED = re.compile(r"[^.;:!?\n]{0,40}?(?:\bet|\bou|\bainsi\s+que|,)\s*", re.I)
_COORDINATED_REACH = 20
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
# a verb that brings a headcount to a new level: "passera à 330", "portera à 80",
# "dépasser les 380"
_TRANSITION = re.compile(
    r"\b(?:pass|port|mont|grimp|atteindr)\w*\s+à\s+$"
    r"|\b(?:dépasser|atteindre|franchir)\s+(?:les\s+|la\s+barre\s+des\s+)?$",
    re.I,
)
_BOUNDARY = re.compile(r"[.!?…](?=[\s\u00a0»\"”)]|$)|\n")
# the same, but a hard-wrapped line going on in lower case does not end the sentence
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\u00a0»\"”)]|$)|\n(?![a-zàâçéèêëîïôûùüÿœ])")


@dataclass(frozen=True)
class Cue:
    kind: str
    pattern: re.Pattern[str]
    weak: bool = False


class JobsComponent:
    """Writes ``doc.spans["jobs"]`` with ``job_count``, ``job_count_max``, ``qualifier``, ``job_kind``."""

    def __init__(self, lexicon: str = "jobs.json", numbers_lexicon: str = numbers.LEXICON) -> None:
        attrs.register()
        data = resources.read_json(lexicon)
        self.grammar = g = numbers.grammar(numbers_lexicon)
        nouns = "|".join(f"(?:{n})" for n in data["nouns"])
        unit = (
            rf"{_S}*(?:d(?:e{_S}+|['’]{_S}*))?(?:(?:{data['adjectives']}){_S}+)?"
            rf"(?P<{{p}}noun>{nouns})(?![\w-])"
        )
        # every count ends on its noun: the patterns run only within reach of one (a noun
        # starts a word, or follows the figure's digits: the scan skips the inside of words)
        noun = re.compile(rf"(?<![^\W\d])(?:{nouns})(?![\w-])", re.I)
        self.patterns = tuple(
            numbers.Anchored(p, noun, numbers.FIGURE_REACH, numbers.LOOKAHEAD_REACH)
            for p in g.patterns(unit)
        )
        self.elliptic = re.compile(
            rf"(?:{data['elliptic']}){_S}+(?:(?:{data['elliptic_adverbs']}){_S}+)?"
            rf"(?P<amt>(?:(?P<qual>{g.qualifier}){_S}*)?(?P<num>{g.number})"
            rf"(?:{data['elliptic_tail']})?)(?={data['elliptic_follow']})",
            re.I,
        )
        self.contract = re.compile(
            rf"(?<![\w-])(?P<amt>(?:(?P<qual>{g.qualifier}){_S}*)?(?P<num>{g.number}))"
            rf"(?={data['contract_tail']})",
            re.I,
        )
        self.partitive = re.compile(
            rf"(?<![\w-])(?P<amt>(?:(?P<qual>{g.qualifier}){_S}*)?(?P<num>{g.number}))"
            rf"(?={data['partitive']}{g.number}{unit.format(p='part_')})",
            re.I,
        )
        # the same patterns behind a test of their first character (see numbers.guarded)
        self.elliptic, self.contract, self.partitive = (
            numbers.guarded(p) for p in (self.elliptic, self.contract, self.partitive)
        )
        count = rf"(?P<amt>(?:(?P<qual>{g.qualifier}){_S}*)?(?P<num>{g.number}))"
        follow = rf"(?={data['elliptic_follow']}|{data['subcount_follow']})"
        self.subcount = re.compile(rf"{data['subcount']}{count}{follow}", re.I)
        self.subcount_lead = re.compile(data["subcount"], re.I)
        self.continuation = re.compile(
            rf"{data['continuation']}{count}(?:{data['continuation_tail']}){follow}", re.I
        )
        # the noun taken up by the pronoun "en" ("et en comptera 90"), or left out before a
        # later horizon ("et jusqu'à 200 à terme")
        self.pronoun = re.compile(
            rf"{data['continuation']}{data['continuation_pronoun']}{count}"
            rf"(?:{follow}|(?={data['continuation_horizon']}))",
            re.I,
        )
        self.horizon = re.compile(
            rf"{data['continuation']}{count}(?={data['continuation_horizon']})", re.I
        )
        compared = (
            rf"(?={data['elliptic_follow']}|{data['subcount_follow']}|{data['comparison_follow']})"
        )
        self.comparison = re.compile(rf"{data['comparison']}{count}{compared}", re.I)
        self.subcount_next = re.compile(rf"{data['subcount_next']}{count}{follow}", re.I)
        ef = data["elliptic_follow"]
        self.total = re.compile(
            rf"{data['total']}{count}(?={ef}|{data['subcount_follow']}|{data['total_follow']})",
            re.I,
        )
        self.share = re.compile(rf"{data['share']}{count}(?={ef}|{data['share_verb']})", re.I)
        self.change_to = re.compile(
            rf"{data['change_to']}{count}(?={data['change_to_follow']})", re.I
        )
        self.listed = [
            re.compile(rf"{data['bracketed']}{count}(?={data['bracketed_follow']})", re.I),
            re.compile(rf"{data['placed']}{count}(?={data['placed_follow']})", re.I),
        ]
        sf = data["subcount_follow"]
        self.copulas = [
            numbers.guarded(
                re.compile(rf"{data[k]}{count}(?={data['copula_tail']}(?:{ef}|{sf}))", re.I)
            )
            for k in ("copula", "pronoun_count")
        ]
        # "une vingtaine d'entre eux": people of a staff named before
        self.copulas.append(
            numbers.guarded(re.compile(rf"(?<![\w-]){count}{data['among_them']}", re.I))
        )
        self.levels = [
            numbers.guarded(re.compile(rf"{data['level']}{count}(?={ef})", re.I)),
            numbers.guarded(re.compile(rf"(?<![\w-]){count}{data['number_of']}", re.I)),
        ]
        self.staff_context = re.compile(data["staff_context"], re.I)
        self.department = re.compile(data["bracketed_department"], re.I)
        self.label = numbers.guarded(
            re.compile(rf"{data['label']}{count}(?={data['label_follow']})", re.I)
        )
        self.label_next = re.compile(
            rf"{data['label_next']}{count}(?={data['label_follow']})", re.I
        )
        self.defaults = [(re.compile(n, re.I), kind) for n, kind in data["nouns"].items()]
        self.fixed_kind = re.compile(data["fixed_kind_nouns"], re.I)
        self.hire_nouns = re.compile(data["hire_nouns"], re.I)
        self.needs_cue = re.compile(data["nouns_needing_staff_cue"], re.I)
        self.staff_cue = re.compile(data["staff_cue"], re.I)
        self.staff_cue_right = re.compile(data["staff_cue_right"], re.I)
        self.trade_nouns = re.compile(data["trade_nouns"], re.I)
        self.training = re.compile(data["training_exclusion"], re.I)
        self.noun_exclusion = re.compile(data["noun_exclusions"], re.I)
        self.left_exclusion = re.compile(data["left_exclusions"], re.I)
        self.future = re.compile(data["future_cue"], re.I)
        self.new_after = re.compile(data["new_after"], re.I)
        self.cues = [
            Cue(c["kind"], re.compile(c["pattern"], re.I), c.get("weak", False))
            for c in data["kind_cues"]
        ]
        self.left_window = data["window"]["left"]
        self.right_window = data["window"]["right"]

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        hits = [
            h
            for h in numbers.find_matches(text, self.patterns, self.grammar)
            if self._keep(text, h.match)
        ]
        hits, heads = self._add_parts(text, self._add_headless(text, hits))
        hits, follows, own = self._add_elided(text, hits)
        hits = self._add_cells(text, hits, own)
        spans: list[Span] = []
        prev: str | None = None
        kinds: dict[int, str] = {}
        for i, h in enumerate(hits):
            span = doc.char_span(h.start, h.end, alignment_mode="expand")
            if span is None:
                continue
            # the two ends of a change share one context
            lo = max((o.end for o in hits[:i] if o.match is not h.match), default=0)
            hi = min((o.start for o in hits[i + 1 :] if o.match is not h.match), default=len(text))
            q = h.quantity
            span._.job_count = round(q.value)
            span._.job_count_max = round(q.value_max) if q.value_max is not None else None
            span._.qualifier = q.qualifier
            head_kind = (
                None
                if self.fixed_kind.fullmatch(_noun(h.match))
                else kinds.get(heads.get(h.start, -1))
            )
            if h.start in own:
                kind = own[h.start] or kinds.get(follows[h.start], "unspecified")
            elif h.start in follows:
                kind = self._own_kind(text, h, hi) or kinds.get(follows[h.start], "unspecified")
            else:
                kind = head_kind or self.kind(text, h, lo, hi, prev if i else None)
            span._.job_kind = prev = kinds[h.start] = kind
            spans.append(span)
        doc.spans[attrs.JOBS] = filter_spans(spans)
        return doc

    def _keep(self, text: str, m: re.Match[str]) -> bool:
        """Drop station counts ("20 postes de recharge"), firm size classes ("PME de moins de
        250 salariés"), trainees ("forme 200 techniciens"), "personnes" that are not staff
        (neither a staff cue before them nor a staff verb of their own after them) and a
        figure whose noun opens the next block, past a blank line."""
        noun = _noun(m)
        if m.groupdict().get("noun") and _BLANK_LINE.search(text, m.end("num"), m.start("noun")):
            return False  # "12 360 000" closing a table, "Emplois attendus" opening the next block
        if self.noun_exclusion.match(
            text, m.end("part_noun") if "part_noun" in m.re.groupindex else m.end()
        ):
            return False
        first = m.start("lo_num") if m.groupdict().get("lo_num") else m.start("num")
        if self.left_exclusion.search(text[max(0, first - 80) : first]):
            return False
        left = text[max(0, m.start() - 60) : m.start()]
        if self.trade_nouns.fullmatch(noun) and self.training.search(left):
            return False
        if not self.needs_cue.fullmatch(noun) or self.staff_cue.search(left):
            return True
        return bool(self.staff_cue_right.match(text, m.end()))

    def _add_headless(self, text: str, hits: list[numbers.Hit]) -> list[numbers.Hit]:
        """Counts with no noun of their own: after a recruitment verb ("en recruter 40 de
        plus") or before a partitive ("120 des 310 postes")."""
        taken = [(h.start, h.end) for h in hits]
        extra = []
        found = [*self.elliptic.finditer(text), *self.contract.finditer(text)]
        found += [m for m in self.partitive.finditer(text) if self._keep(text, m)]
        found += [
            m
            for p in self.copulas
            for m in p.finditer(text)
            if self.staff_context.search(text, max(0, m.start() - 250), m.start())
        ]
        found += self._labelled(text)
        found += [m for p in self.levels for m in p.finditer(text)]
        for m in found:
            q = self.grammar.interpret(m)
            num = m["num"]
            if q is None or q.value < 2 or re.fullmatch(r"(?:19|20)\d\d", num):
                continue
            start, end = m.start("amt"), m.end()
            if all(end <= s or start >= e for s, e in taken):
                extra.append(numbers.Hit(start, end, q, m))
                taken.append((start, end))
        return sorted(hits + extra, key=lambda h: h.start)

    @staticmethod
    def _add_cells(
        text: str, hits: list[numbers.Hit], own: dict[int, str | None]
    ) -> list[numbers.Hit]:
        """The figures of a jobs column ("Emplois créés" over "60", "+18"), with the kind
        their header gives, written in ``own``."""
        extra = []
        for c in job_cells(text):
            if any(c.start < h.end and c.end > h.start for h in hits):
                continue
            q = numbers.Quantity(float(re.sub(r"\D", "", c.match["num"])))
            extra.append(numbers.Hit(c.start, c.end, q, c.match))
            own[c.start] = c.kind
        return sorted(hits + extra, key=lambda h: h.start) if extra else hits

    def _labelled(self, text: str) -> list[re.Match[str]]:
        """Counts in a form or an aid table: "Emplois : 64 maintenus, 6 créés", "effectif
        actuel : 87"; the counts after the first, each after a comma, are listed too."""
        found = []
        for m in self.label.finditer(text):
            while m is not None:
                found.append(m)
                m = self.label_next.match(text, m.end())
        return found

    def _add_parts(
        self, text: str, hits: list[numbers.Hit]
    ) -> tuple[list[numbers.Hit], dict[int, int]]:
        """Counts that detail the count just before ("150 emplois, dont une soixantaine dès
        2026", "dont 40 ingénieurs"), with the start of the count each one details; those with
        no noun of their own are added here."""
        taken = [(h.start, h.end) for h in hits]
        extra: list[numbers.Hit] = []
        heads = {
            h.start: head.start
            for head, h in itertools.pairwise(hits)
            if head.part != "from" and self.subcount_lead.fullmatch(text, head.end, h.start)
        }
        for h in hits:
            if h.part == "from":
                continue
            whole = h.quantity.value_max or h.quantity.value
            pos, pattern = h.end, self.subcount
            while m := pattern.match(text, pos):
                q = self.grammar.interpret(m)
                start, end = m.start("amt"), m.end()
                if (
                    q is None
                    or not 1 < q.value < whole
                    or re.fullmatch(r"(?:19|20)\d\d", m["num"])
                    or any(start < e and end > s for s, e in taken)
                ):
                    break
                extra.append(numbers.Hit(start, end, q, m))
                heads[start] = h.start
                taken.append((start, end))
                pos, pattern = end, self.subcount_next
        return sorted(hits + extra, key=lambda h: h.start), heads

    def _add_elided(
        self, text: str, hits: list[numbers.Hit]
    ) -> tuple[list[numbers.Hit], dict[int, int], dict[int, str | None]]:
        """Counts whose noun is the one of the count just before: "300 personnes en 2025
        puis 200 autres" or "120 salariés en 2026, et jusqu'à 200 à terme" (continuations: the
        start of the count each continues is returned for it, for its kind), "40 salariés et
        en comptera 90" (the pronoun "en" takes the noun up; its own verb gives the kind) and
        "50 salariés, contre une trentaine il y a cinq ans" (a comparison, whose kind comes
        from its own context). Wholes ("18 postes sur 74") are headcounts unless planned
        ("sur les 60 prévus"); counts listed after a count ("Pouzauges (310)") take its kind:
        the third dict gives their kind (None for the kind of the count they follow)."""
        taken = [(h.start, h.end) for h in hits]
        extra: list[numbers.Hit] = []
        follows: dict[int, int] = {}
        own: dict[int, str | None] = {}
        patterns = (
            self.continuation,
            self.pronoun,
            self.horizon,
            self.comparison,
            self.total,
            self.share,
            self.change_to,
        )
        for h in hits:
            for pattern in patterns:
                m = pattern.match(text, h.end)
                if m is None or not self._fits(text, h, pattern, m):
                    continue
                q = self._count(m, taken)
                if q is None:
                    continue
                start, end = m.start("amt"), m.end()
                if pattern is self.total and not self._is_whole(h, q.value):
                    continue
                extra.append(hit := numbers.Hit(start, end, q, m))
                taken.append((start, end))
                if pattern is self.total:
                    follows[start] = h.start
                    planned = self._own_kind(text, hit, len(text)) == "planned"
                    own[start] = "planned" if planned else "existing"
                if pattern is self.continuation or pattern is self.horizon:
                    follows[start] = h.start
                break
            for m in self._listed(text, h):
                q = self._count(m, taken)
                if q is None:
                    continue
                start, end = m.start("amt"), m.end()
                extra.append(numbers.Hit(start, end, q, m))
                taken.append((start, end))
                follows[start] = h.start
                own[start] = None
        return sorted(hits + extra, key=lambda h: h.start), follows, own

    def _count(self, m: re.Match[str], taken: list[tuple[int, int]]) -> numbers.Quantity | None:
        """The count an elided-noun match states, unless it is no headcount (under 2, a year)
        or overlaps a count already read."""
        q = self.grammar.interpret(m)
        start, end = m.start("amt"), m.end()
        if (
            q is None
            or q.value < 2
            or re.fullmatch(r"(?:19|20)\d\d", m["num"])
            or any(start < e and end > s for s, e in taken)
        ):
            return None
        return q

    def _fits(self, text: str, h: numbers.Hit, pattern: re.Pattern[str], m: re.Match[str]) -> bool:
        """A part after "sur les 212 salariés," and the end of a change "de 400 salariés en
        1975 à 95 aujourd'hui" only follow a count opened by "sur les" or "de", or the
        change's own verb ("passera à 330 d'ici 2028")."""
        before = text[max(0, h.start - 12) : h.start]
        if pattern is self.share:
            return bool(re.search(r"\bsur\s+(?:les|ses|leurs)\s+$", before, re.I))
        if pattern is self.change_to:
            # "de 400 salariés en 1975 à 95 aujourd'hui", "240 salariés, passera à 330 d'ici 2028"
            lead = text[m.start() : m.start("amt")]
            opened = re.search(r"\bde\s+$", before, re.I) or _TRANSITION.search(lead)
            return h.part is None and bool(opened)
        return True

    @staticmethod
    def _is_whole(h: numbers.Hit, whole: float) -> bool:
        """The figure after "18 postes sur" is the whole when larger than the part, and not
        "sur 10" or "sur 100", which state a ratio ("3 salariés sur 10")."""
        return whole > (h.quantity.value_max or h.quantity.value) and whole not in (10, 100)

    def _listed(self, text: str, h: numbers.Hit) -> list[re.Match[str]]:
        """Counts listed after ``h`` up to the end of its sentence, their noun left out:
        "Pouzauges (310), Nantes (140)", "134 salariés, 108 à Borgo et 26 à Furiani"; a
        bracketed figure of one or two digits is a département ("Figeac (46)")."""
        b = _SENTENCE_END.search(text, h.end, h.end + 300)
        stop = b.start() if b else min(len(text), h.end + 300)
        bracketed, placed = self.listed
        found = [
            m
            for m in bracketed.finditer(text, h.end, stop)
            if not self.department.fullmatch(m["amt"])
        ]
        return found + list(placed.finditer(text, h.end, stop))

    def _own_kind(self, text: str, h: numbers.Hit, hi: int) -> str | None:
        """The kind a continuation's own words state right after it ("50 autres seront
        recrutés", "40 autres sont menacés"), if any."""
        b = _BOUNDARY.search(text, h.end, min(hi, h.end + self.right_window))
        right = text[h.end : b.start() if b else min(hi, h.end + self.right_window)]
        best: tuple[int, int] | None = None
        for i, cue in enumerate(self.cues):
            if cue.weak or cue.kind == "unspecified":
                continue  # a date after it ("200 autres en 2026") states no kind
            m = cue.pattern.search(right)
            if m and m.start() <= _COORDINATED_REACH and (best is None or (m.start(), i) < best):
                best = (m.start(), i)
        return self.cues[best[1]].kind if best else None

    def kind(self, text: str, h: numbers.Hit, lo: int, hi: int, prev: str | None = None) -> str:
        """Kind from the noun when it states it, else the nearest cue in the clause around the
        count, else the kind of a count it is coordinated with ("recrute 25 techniciens et 10
        soudeurs", given as ``prev``), else the noun's default."""
        noun = _noun(h.match)
        if noun and self.fixed_kind.fullmatch(noun):
            return next(kind for n, kind in self.defaults if n.fullmatch(noun))
        start, end = (h.match.start(), h.match.end()) if h.part else (h.start, h.end)
        staff = (
            not noun
            and (h.match.re is self.elliptic or h.match.re in self.copulas)
            and bool(h.match["staff"])
        )
        if noun:
            hire = bool(self.hire_nouns.fullmatch(noun))
        else:
            hire = h.match.re is self.elliptic and not staff
        coordinated = (
            prev is not None and not hire and bool(_COORDINATED.fullmatch(text, lo, start))
        )
        lo = max(lo, start - self.left_window)
        lo = max([lo, *(b.end() for b in _BOUNDARY.finditer(text, lo, start))])
        right_end = min(hi, end + self.right_window)
        b = _BOUNDARY.search(text, end, right_end)
        # the words between a headcount and the next count of its sentence are that count's
        # ("260 salariés, en recrutera 60", "emploie 22 salariés et prévoit 45 embauches")
        before_next = b is None and right_end == hi and hi < len(text)
        hi = b.start() if b else right_end
        if h.part:
            future = bool(self.future.search(text, lo, start) or self.future.search(text, end, hi))
            if h.part == "from":
                return "existing" if future else "unspecified"
            return "planned" if future else "existing"
        left, right = text[lo:start], text[end:hi]
        staff_noun = bool(noun) and self._default(noun) == "existing"
        best: tuple[bool, int, int] | None = None
        for i, cue in enumerate(self.cues):
            if hire and cue.kind in ("existing", "unspecified"):
                continue
            hits = [len(left) - m.end() for m in cue.pattern.finditer(left)]
            if not (before_next and staff_noun and cue.kind in ("planned", "created")):
                hits += [m.start() for m in cue.pattern.finditer(right)]
            if hits:
                cand = (cue.weak, min(hits), i)
                best = cand if best is None or cand < best else best
        if coordinated and prev and (best is None or best[0] or best[1] > _COORDINATED_REACH):
            return prev
        novel = bool(noun) and bool(self.new_after.match(text, end))
        if novel and (best is None or self.cues[best[2]].kind in ("existing", "unspecified")):
            return "planned"  # "27 emplois nouveaux", "12 postes supplémentaires"
        if best is not None:
            return self.cues[best[2]].kind
        if not noun:
            return "planned" if hire else "existing" if staff else "unspecified"
        return self._default(noun)

    def _default(self, noun: str) -> str:
        """The kind a job noun gives when no cue says one ("salariés": existing)."""
        return next((kind for n, kind in self.defaults if n.fullmatch(noun)), "unspecified")


def _noun(m: re.Match[str]) -> str:
    """The job noun a match counts, its own or the partitive's ("120 des 310 postes")."""
    gd = m.groupdict()
    return gd.get("noun") or gd.get("part_noun") or ""


@Language.factory(
    "fr_jobs", default_config={"lexicon": "jobs.json", "numbers_lexicon": numbers.LEXICON}
)
def make_jobs(nlp: Language, name: str, lexicon: str, numbers_lexicon: str) -> JobsComponent:
    return JobsComponent(lexicon, numbers_lexicon)
