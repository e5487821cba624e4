"""What an amount is: investment, aid, budget, turnover or other (ANNOTATION.md).

The amount's own words decide first: the noun or verb that governs it right
before ("investissement de", "un prêt de Bpifrance de", "Budget :") or the noun
it modifies right after ("1,8 Md€ de chiffre d'affaires"); then the nearest cue
of its own stretch of the sentence (up to the figures before and after it);
then the nearest cue of the sentence; then what the document is (the lines of
an action table are budgets, money of a list of laureates is aid).
Money that a public funder "invests" or "devotes" to others is an aid.

Before all that, the title of its column decides a figure of a commission's wide
table ("Assiette" is the project's cost, "Aide" the aid). Next to the amount, a
noun ("48 M€ de chiffre d'affaires", "une enveloppe de") outranks a verb ("il
pèse"); a noun that governs the next figure ("pour une perte de 4,6 M€") is
that figure's, not this one's; and a figure that is only the size of a thing
named after another figure's aid ("aide : 800 000 € pour une tour de séchage de
9 M€") is that project's cost.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from . import tables
from .context import COLLECTIVITY, FUNDER, DocIndex
from .lexicon import Cue

_FUNDED = re.compile(
    r"\b(?:financ|cofinanc|soutenu|pris\s+en\s+charge)\w*\s+par\s+(?:la\s+|le\s+|l['’])?$", re.I
)
#: the gap of a noun the amount modifies ("12 M€ d'investissements", "48 M€ de chiffre")
_OF = re.compile(r"^\s*(?:de|d['’])", re.I)
#: the gap of a noun that governs the amount ("une enveloppe de 15 M€", "bénéficié de")
_OF_BEFORE = re.compile(r"(?:\bde|\bd['’]|:)\s*$", re.I)
#: a short verb between a noun and its figure: "les pertes ont atteint 4,3 M€"
_VERB_GAP = re.compile(
    r"^\s*(?!(?:qui|que|dont|où|et|ou|mais|soit|puis)\b)(?:[^\W\d]+['’]?\s*){1,2}$", re.I
)
#: the size of a thing the text names, with no word of money about it: "une unité de
#: liquéfaction de 7,4 M€", "pour un programme de 5,4 M€" (the cost of a project)
_SIZE = re.compile(r"\b(?:un|une|son|sa|leur)\s+(?:[^\W\d]+[\s'’-]+){1,5}?(?:de|d['’])\s*$", re.I)
#: the investing verbs that say money is given to another: "apporte 500 000 €", "ajoute 150 000 €"
_GIVING = re.compile(r"apport|inject|ajout", re.I)
#: what stands between a noun and its complement: "de l'", "du", "des"
_OF_ONLY = re.compile(r"\s*(?:de|du|des|d['’])\s*(?:l['’]\s*|la\s+|le\s+|les\s+)?", re.I)
#: between an amount and the funder it comes from: "de la", "du", "(", "de l'"
_SOURCE_GAP = re.compile(r"\s*(?:\(\s*|de\s+(?=la\s|l['’])|du\s+|d['’]\s*(?=[A-ZÉ]))", re.I)
#: a right cue that attaches to the amount as its noun would: "300 000 € au titre du programme"
_UNDER = re.compile(r"au\s+titre\b|via\s+(?:le|son|leur)\s+fonds\b", re.I)
#: what the money pays for, after it: "1,1 M€ pour une ligne de sciage" says nothing of
#: whether the money is an aid or the firm's own
_FOR = re.compile(r"^[\s,]*pour\b", re.I)
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
    #: a noun the amount modifies ("19 M€ de chiffre d'affaires") or that governs it ("une
    #: enveloppe de 15 M€ de prêts"), as opposed to a verb ("il pèse 48 M€")
    noun: bool = False

    def rank(self, cost_said: bool = False) -> tuple[bool, bool, bool, float, int]:
        # a project noun ("ateliers", "usine") that does not govern the amount yields to a
        # cost or a revenue said in its stretch ("la facture d'électricité de nos ateliers est
        # passée de"); not to an aid's words ("le financement de son usine : 1,8 Md€").
        # A noun next to the amount names it better than the verb that governs it: "il pèse
        # 48 M€ de chiffre d'affaires" is a turnover, whatever "pèse" says alone.
        return (
            not self.adjacent,
            not self.noun,
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
                adjacent = bool(lex.adjacent_gap.match(gap))
                out.append(
                    _Hit(
                        cue,
                        m.start(),
                        m.end(),
                        adjacent,
                        start - m.end(),
                        adjacent and bool(_OF_BEFORE.search(text, m.start(), start)),
                    )
                )
            elif m.start() >= end and cue.side in ("right", "any"):
                if not cue.verb and _governs_next(ix, m.end(), end):
                    continue  # "27 M€ facturés, pour une perte de 4,6 M€": the loss is the next one's
                gap = text[end : m.start()]
                if cue.weak and _FOR.match(gap):
                    continue
                adjacent = bool(lex.right_gap.match(gap))
                out.append(
                    _Hit(
                        cue,
                        m.start(),
                        m.end(),
                        adjacent,
                        (m.start() - end) * RIGHT_PENALTY,
                        adjacent and bool(_OF.match(gap) or _UNDER.match(text, m.start())),
                    )
                )
    return [h for h in out if not (h.cue.weak and _complement(text, h, out))]


def _complement(text: str, hit: _Hit, hits: list[_Hit]) -> bool:
    """Is a project noun only the complement of another cue ("la masse salariale de
    l'atelier", "le coût de l'usine")? The head noun names the money, not its complement."""
    return any(
        h is not hit and h.end <= hit.start and _OF_ONLY.fullmatch(text, h.end, hit.start)
        for h in hits
    )


def _governs_next(ix: DocIndex, pos: int, end: int) -> bool:
    """Does the cue ending at ``pos`` govern the figure right after it ("une perte de 4,6 M€"),
    another figure than the one ending at ``end``?"""
    i = bisect_left(ix.figure_starts, pos)
    if i == len(ix.figure_starts) or ix.figure_starts[i] < end:
        return False
    nxt = ix.figure_starts[i]
    j = bisect_left(ix.job_starts, nxt)
    if j < len(ix.job_starts) and ix.job_starts[j] == nxt:
        return False  # "de chiffre d'affaires et compte 85 salariés": a job count is no money
    gap = ix.text[pos:nxt]
    return bool(ix.lex.adjacent_gap.match(gap) or _VERB_GAP.match(gap))


def _funder_subject(ix: DocIndex, hit: _Hit, lo: int) -> bool:
    """Is the subject of an investing verb a public funder ("Bpifrance investit", "la Région
    avait consacré")?"""
    if ix.lex.public_funder_words.search(ix.text, max(lo, hit.start - 20), hit.start):
        return True  # "la Région engage 1,1 M€"
    before = [m for m in ix.mentions_in(lo, hit.start) if hit.start - m.end < 60]
    if before:
        # a collectivity that "brings" money to a firm grants it; one that invests, builds
        return before[-1].role == FUNDER or (
            before[-1].role == COLLECTIVITY and bool(_GIVING.match(ix.text, hit.start))
        )
    return bool(ix.lex.public_funder_words.search(ix.text, max(lo, hit.start - 60), hit.start))


def _funder_named(ix: DocIndex, lo: int, start: int) -> bool:
    """A public funder named right before the amount in its own stretch ("Bpifrance, 5 M€")."""
    before = ix.mentions_in(lo, start)
    return bool(before) and before[-1].role == FUNDER and start - before[-1].end <= 30


#: the unit a column title ends on
_TITLE_UNIT = re.compile(
    r"\s*\(?\s*(?:en\s+)?(?:[kKM]\s?€|€|k?euros)(?:\s+(?:HT|TTC))?\s*\)?\s*$", re.I
)


def column(ix: DocIndex, start: int, end: int) -> Decision | None:
    """What the title of its column says a figure of a wide table is ("Assiette", "Aide")."""
    found = tables.column_title(ix.text, start, end)
    if found is None or tables.holder_header(found[1]):
        return None
    title, header = found
    title = _TITLE_UNIT.sub("", title)  # "Aide (k€)", "Invest. (M€)": the unit says no purpose
    for cue in ix.lex.column_purposes:
        if cue.pattern.fullmatch(title) and (cue.header is None or cue.header.search(header)):
            return Decision(cue.label, title, True)
    return None


#: the project a granted share goes to, after the share: "210 000 € pour une ligne, dans le
#: cadre d'un programme de 2,8 M€", "420 000 €, pour un investissement total de 1,9 M€"
_SHARE_OF = re.compile(
    r"[^.;:!?\n€]{0,90}?(?:\bdans\s+le\s+cadre\s+d['’]|\bpour\s+|\bsur\s+)(?:un|une)\s+"
    r"(?P<cue>(?:investissement|programme|projet|budget|coût)(?:\s+(?:total|global|"
    r"industriel|d['’]investissement))?)\s+(?:de\s+|d['’]\s*)(?=\d)",
    re.I,
)
#: a firm the money goes to, right after it: "350 000 € à Sologne Plasturgie", "210 000 €
#: à la menuiserie industrielle Dupuis"
_TO_FIRM = re.compile(r"\s*(?:,\s*)?(?:à|au|aux)\s+(?:la\s+|l['’]\s*|le\s+|les\s+)?", re.I)


def _granted_share(ix: DocIndex, start: int, end: int) -> Decision | None:
    """An amount granted to a project or a firm that the sentence names after it, with no
    word of its own: the share of a larger project ("210 000 € pour une ligne de tri, dans le
    cadre d'un programme de 2,8 M€"), or money "to" a firm ("350 000 € à Sologne
    Plasturgie"): what a committee's list of aids writes."""
    found = _share_or_firm(ix, end)
    if found is None:
        return None
    seg_lo = ix.segment(start, end)[0]
    if any(h.adjacent for h in _hits(ix, seg_lo, start, start, end)):
        return None  # "investit 210 000 €, dans le cadre d'un programme de 2,8 M€"
    return found


def _share_or_firm(ix: DocIndex, end: int) -> Decision | None:
    """The aid the words after an amount make of it (see :func:`_granted_share`)."""
    text = ix.text
    m = _SHARE_OF.match(text, end)
    if m is not None:
        i = bisect_left(ix.figure_starts, m.end())
        if i < len(ix.figure_starts) and ix.figure_starts[i] == m.end():
            return Decision("aid", m["cue"], True)
    to = _TO_FIRM.match(text, end)
    if to is not None:
        names = ix.mentions_in(to.end(), to.end() + 60)
        if (
            names
            and names[0].role != FUNDER
            and _NAME_GAP.fullmatch(text, to.end(), names[0].start)
        ):
            return Decision("aid", text[end : names[0].start].strip(" ,"), True)
    return None


#: between "à la" and a firm's name: at most two words of trade ("menuiserie industrielle")
_NAME_GAP = re.compile(r"(?:[^\W\d][\w’'-]*\s+){0,2}", re.I)


def decide(ix: DocIndex, start: int, end: int) -> Decision:
    found = column(ix, start, end)
    if found is not None:
        return found
    share = _granted_share(ix, start, end)
    if share is not None:
        return share
    seg_lo, seg_hi = ix.segment(start, end)
    sent_lo, sent_hi = ix.sentence(start)
    table = ix.action_table and ix.is_table_line(start)
    for lo, hi, own in ((seg_lo, seg_hi, True), (sent_lo, sent_hi, False)):
        hits = _hits(ix, lo, hi, start, end)
        if own and not table and not any(h.adjacent for h in hits):
            giver = _funder_after(ix, end, seg_hi)
            if giver is not None:
                return Decision("aid", giver, True)
        if not hits:
            continue
        cost_said = any(h.cue.label in ("other", "turnover") for h in hits)
        best = min(hits, key=lambda h: h.rank(cost_said))
        purpose = best.cue.label
        cue = ix.text[best.start : best.end]
        size = None if own or table else _SIZE.search(ix.text, seg_lo, start)
        if size is not None and purpose in ("aid", "budget"):
            # "une aide de 800 000 € pour une tour de séchage de 9 M€": the aid's words are
            # the other figure's; this one is the size of the thing it pays for
            return Decision("investment", size.group().strip(), True)
        # "1,2 Md€ d'investissements" names itself: a funder named before it does not make
        # it an aid
        named = best.noun and best.start >= end
        if purpose == "investment" and (
            (best.cue.verb and best.end <= start and _funder_subject(ix, best, sent_lo))
            or (not named and _funder_named(ix, seg_lo, start))
        ):
            purpose = "aid"
        if table and purpose not in ("turnover", "other"):
            return Decision("budget", cue, own)
        if best.cue.weak and ix.laureates and ix.is_table_line(start) and not _with_jobs(ix, start):
            return Decision("aid", cue, own)
        return Decision(purpose, cue, own)
    size = None if table else _SIZE.search(ix.text, seg_lo, start)
    if size is not None and _after_figure(ix, seg_lo):
        # "BioVelle : 1 M€, pour un programme de 6,4 M€": the size of the aided project
        return Decision("investment", size.group().strip(), True)
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
    return _asked(ix, start, end) or Decision(DEFAULT, None, False)


def _asked(ix: DocIndex, start: int, end: int) -> Decision | None:
    """The purpose an interview's question names for the answer below it: "Et le chiffre
    d'affaires ?" then "Nous avons terminé 2024 à 9,4 M€." (the answer's paragraph says no
    word of money itself)."""
    text = ix.text
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0:
        return None
    q_start = text.rfind("\n", 0, line_start - 1) + 1
    question = text[q_start : line_start - 1].rstrip()
    if not question.endswith("?") or len(question) > 160:
        return None
    hits = [h for h in _hits(ix, q_start, line_start - 1, start, end) if not h.cue.weak]
    if not hits:
        return None
    best = min(hits, key=lambda h: (not h.noun, h.start))
    return Decision(best.cue.label, text[best.start : best.end], False)


def _funder_after(ix: DocIndex, end: int, hi: int) -> str | None:
    """A public funder named as the amount's source right after it ("2,8 M€ de l'État",
    "380 000 € (Région Grand Est)"): the money is that funder's aid."""
    gap = _SOURCE_GAP.match(ix.text, end, hi)
    if gap is None:
        return None
    word = ix.lex.public_funder_words.match(ix.text, gap.end(), hi)
    if word is not None:
        return word.group()
    after = ix.mentions_in(end, hi)
    if after and after[0].role == FUNDER and after[0].start == gap.end():
        return after[0].name
    return None


def _after_figure(ix: DocIndex, lo: int) -> bool:
    """Does the amount's stretch start right after another figure of its sentence?"""
    return ix.sentence(lo)[0] < lo


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
