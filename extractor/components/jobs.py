"""``fr_jobs``: counts of jobs and workers, with their kind read from the context.

Numbers are read by :mod:`extractor.numbers` (the same grammar as amounts); the
job nouns, the cue words that tell existing from created, planned or lost jobs,
and the exclusions are data in ``models/jobs.json``. The kind is decided by the
cue nearest to the count within its clause, since one sentence often states
several counts ("emploie 300 salariés et va en recruter 50"). Vague counts
("plusieurs centaines d'emplois", "des milliers de postes") state no figure and
are skipped; "une centaine" is 100 with the qualifier "environ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import numbers, resources
from . import attributes as attrs

_S = r"[\s\u00a0\u2009\u202f]"
_BOUNDARY = re.compile(r"[.!?…](?=[\s\u00a0»\"”)]|$)|\n")


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
        self.grammar = numbers.grammar(numbers_lexicon)
        nouns = "|".join(f"(?:{n})" for n in data["nouns"])
        unit = (
            rf"{_S}*(?:d(?:e{_S}+|['’]{_S}*))?(?:(?:{data['adjectives']}){_S}+)?"
            rf"(?P<{{p}}noun>{nouns})(?![\w-])"
        )
        self.patterns = self.grammar.patterns(unit)
        self.defaults = [(re.compile(n, re.I), kind) for n, kind in data["nouns"].items()]
        self.needs_cue = re.compile(data["nouns_needing_staff_cue"], re.I)
        self.staff_cue = re.compile(data["staff_cue"], re.I)
        self.noun_exclusion = re.compile(data["noun_exclusions"], re.I)
        self.left_exclusion = re.compile(data["left_exclusions"], re.I)
        self.cues = [
            Cue(c["kind"], re.compile(c["pattern"], re.I), c.get("weak", False))
            for c in data["kind_cues"]
        ]
        self.left_window = data["window"]["left"]
        self.right_window = data["window"]["right"]

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        found = [
            (m.start(), m.end(), q, m["noun"])
            for m, q in numbers.find_matches(text, self.patterns, self.grammar)
            if self._keep(text, m.start(), m.end(), m["noun"])
        ]
        spans: list[Span] = []
        for i, (start, end, q, noun) in enumerate(found):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            lo = found[i - 1][1] if i else 0
            hi = found[i + 1][0] if i + 1 < len(found) else len(text)
            span._.job_count = round(q.value)
            span._.job_count_max = round(q.value_max) if q.value_max is not None else None
            span._.qualifier = q.qualifier
            span._.job_kind = self.kind(text, start, end, lo, hi, noun)
            spans.append(span)
        doc.spans[attrs.JOBS] = filter_spans(spans)
        return doc

    def _keep(self, text: str, start: int, end: int, noun: str) -> bool:
        """Drop station counts ("20 postes de recharge"), firm sizes ("PME de 50 salariés")
        and "personnes" that are not staff."""
        if self.noun_exclusion.match(text, end):
            return False
        left = text[max(0, start - 60) : start]
        if self.left_exclusion.search(left):
            return False
        return not (self.needs_cue.fullmatch(noun) and not self.staff_cue.search(left))

    def kind(self, text: str, start: int, end: int, lo: int, hi: int, noun: str) -> str:
        """Kind from the nearest cue in the clause around the count, else the noun's default."""
        lo = max(lo, start - self.left_window)
        lo = max([lo, *(b.end() for b in _BOUNDARY.finditer(text, lo, start))])
        right_end = min(hi, end + self.right_window)
        b = _BOUNDARY.search(text, end, right_end)
        hi = b.start() if b else right_end
        left, right = text[lo:start], text[end:hi]
        best: tuple[bool, int, int] | None = None
        for i, cue in enumerate(self.cues):
            hits = [len(left) - m.end() for m in cue.pattern.finditer(left)]
            hits += [m.start() for m in cue.pattern.finditer(right)]
            if hits:
                cand = (cue.weak, min(hits), i)
                best = cand if best is None or cand < best else best
        if best is not None:
            return self.cues[best[2]].kind
        return next((kind for n, kind in self.defaults if n.fullmatch(noun)), "unspecified")


@Language.factory(
    "fr_jobs", default_config={"lexicon": "jobs.json", "numbers_lexicon": numbers.LEXICON}
)
def make_jobs(nlp: Language, name: str, lexicon: str, numbers_lexicon: str) -> JobsComponent:
    return JobsComponent(lexicon, numbers_lexicon)
