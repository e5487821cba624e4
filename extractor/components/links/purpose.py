"""What an amount is: investment, aid, budget, turnover or other (ANNOTATION.md).

The amount's own words decide first: the noun or verb that governs it right
before ("investissement de", "un prêt de Bpifrance de", "Budget :") or the noun
it modifies right after ("1,8 Md€ de chiffre d'affaires"); then the nearest cue
of its own stretch of the sentence (up to the figures before and after it);
then the nearest cue of the sentence; then what the document is (the lines of
an action table are budgets, money of a list of laureates is aid).
Money that a public funder "invests" or "devotes" to others is an aid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import FUNDER, DocIndex
from .lexicon import Cue

_FUNDED = re.compile(
    r"\b(?:financ|cofinanc|soutenu|pris\s+en\s+charge)\w*\s+par\s+(?:la\s+|le\s+|l['’])?$", re.I
)
#: a cue on the right weighs this much more than one on the left at the same distance
RIGHT_PENALTY = 1.3
DEFAULT = "investment"


@dataclass(frozen=True)
class Decision:
    purpose: str
    cue: str | None
    own: bool  # decided by the amount's own stretch of the sentence


@dataclass(frozen=True)
class _Hit:
    cue: Cue
    start: int
    end: int
    adjacent: bool
    distance: float

    def rank(self, cost_said: bool = False) -> tuple[bool, bool, float, int]:
        # a project noun ("ateliers", "usine") that does not govern the amount yields to a
        # cost or a revenue said in its stretch ("la facture d'électricité de nos ateliers est
        # passée de"); not to an aid's words ("le financement de son usine : 1,8 Md€")
        return (
            not self.adjacent,
            cost_said and self.cue.weak and not self.adjacent,
            self.distance,
            -(self.end - self.start),
        )


def _hits(ix: DocIndex, lo: int, hi: int, start: int, end: int) -> list[_Hit]:
    text, lex = ix.text, ix.lex
    out = []
    for cue in lex.purpose_cues:
        for m in cue.pattern.finditer(text, lo, hi):
            if lex.cue_negation.search(text, max(lo, m.start() - 30), m.start()):
                continue  # "hors investissements": said not to be in the amount
            if ix.in_name(m.start(), m.end()):
                continue  # a word of a name ("les Ateliers Dumoulin", "Normandie Aménagement")
            if m.end() <= start and cue.side in ("left", "any"):
                gap = text[m.end() : start]
                out.append(
                    _Hit(
                        cue, m.start(), m.end(), bool(lex.adjacent_gap.match(gap)), start - m.end()
                    )
                )
            elif m.start() >= end and cue.side in ("right", "any"):
                gap = text[end : m.start()]
                out.append(
                    _Hit(
                        cue,
                        m.start(),
                        m.end(),
                        bool(lex.right_gap.match(gap)),
                        (m.start() - end) * RIGHT_PENALTY,
                    )
                )
    return out


def _funder_subject(ix: DocIndex, hit: _Hit, lo: int) -> bool:
    """Is the subject of an investing verb a public funder ("Bpifrance investit", "la Région
    avait consacré")?"""
    before = [m for m in ix.mentions_in(lo, hit.start) if hit.start - m.end < 60]
    if before:
        return before[-1].role == FUNDER
    return bool(ix.lex.public_funder_words.search(ix.text, max(lo, hit.start - 60), hit.start))


def _funder_named(ix: DocIndex, lo: int, start: int) -> bool:
    """A public funder named right before the amount in its own stretch ("Bpifrance, 5 M€")."""
    before = ix.mentions_in(lo, start)
    return bool(before) and before[-1].role == FUNDER and start - before[-1].end <= 30


def decide(ix: DocIndex, start: int, end: int) -> Decision:
    seg_lo, seg_hi = ix.segment(start, end)
    sent_lo, sent_hi = ix.sentence(start)
    table = ix.action_table and ix.is_table_line(start)
    for lo, hi, own in ((seg_lo, seg_hi, True), (sent_lo, sent_hi, False)):
        hits = _hits(ix, lo, hi, start, end)
        if not hits:
            continue
        cost_said = any(h.cue.label in ("other", "turnover") for h in hits)
        best = min(hits, key=lambda h: h.rank(cost_said))
        purpose = best.cue.label
        cue = ix.text[best.start : best.end]
        if purpose == "investment" and (
            (best.cue.verb and best.end <= start and _funder_subject(ix, best, sent_lo))
            or _funder_named(ix, seg_lo, start)
        ):
            purpose = "aid"
        if table and purpose not in ("turnover", "other"):
            return Decision("budget", cue, own)
        if best.cue.weak and ix.laureates and ix.is_table_line(start) and not _with_jobs(ix, start):
            return Decision("aid", cue, own)
        return Decision(purpose, cue, own)
    funded = _funded_by(ix, seg_lo, start)
    if funded is not None:
        # "financé par l'ADEME jusqu'à 200 000 €": a public funder's money, with no other cue
        return Decision("aid", funded, False)
    # a national release's figure with no cue is a programme's envelope
    if (table or ix.action_table or ix.national) and not (ix.laureates and ix.is_table_line(start)):
        return Decision("budget", None, False)
    if ix.laureates:
        # a laureate's line with its jobs states the project's size, else the grant
        return Decision("investment" if _with_jobs(ix, start) else "aid", None, False)
    return Decision(DEFAULT, None, False)


def _funded_by(ix: DocIndex, lo: int, start: int) -> str | None:
    """The words naming a public funder right before the amount in its own stretch: the
    funder's name ("Bpifrance, 5 M€"), with "financé par" before it when said."""
    before = ix.mentions_in(lo, start)
    if not before or before[-1].role != FUNDER or start - before[-1].end > 40:
        return None
    m = before[-1]
    verb = _FUNDED.search(ix.text, max(lo, m.start - 30), m.start)
    return ix.text[verb.start() if verb else m.start : m.end]


def _with_jobs(ix: DocIndex, start: int) -> bool:
    """Does the amount's line also give a job count ("modules de batteries, 22 M€, 140 emplois")?"""
    lo, hi = ix.line(start)
    return ix.has_job_in(lo, hi)
