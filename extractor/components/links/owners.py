"""Whose a figure is: the investor, the beneficiary of an aid, the employer, the firm of a
turnover, the body that holds an envelope or carries an action (ANNOTATION.md).

Organizations of the figure's sentence are candidates unless their name or their
place says they are not the owner: a public funder never owns the aid it grants
("un prêt de Bpifrance"), a body that speaks, counts or trains owns nothing
("selon l'UIMM", "France Travail recense"), a partner or a parent company named
after "avec", "filiale de" is not the one acting. The nearest candidate before
the figure wins (the subject: "X investit", "X, qui emploie"), then the nearest
after it ("réalisée par X", "chez X"). With none, a figure said of a sector or
a territory ("l'industrie représente", "les entreprises du territoire") has no
owner, and any other belongs to the firm the article is about (the anaphora
"l'entreprise", "elle", "le groupe" or a bare figure in its story).
"""

from __future__ import annotations

from .context import COLLECTIVITY, FIRM, FUNDER, NOT_OWNER, DocIndex, Mention

#: how far before a mention its "not the owner" words may stand
_BEFORE = 60


def _holder(ix: DocIndex, start: int) -> tuple[str, str] | None:
    """The body named after "Maître d'ouvrage :", "porté par", "opérée par" in the figure's
    sentence, or in its paragraph for an action table's line."""
    text, lex = ix.text, ix.lex
    spans = [ix.sentence(start)]
    if ix.action_table:
        spans.append(ix.paragraph(start))
    for lo, hi in spans:
        for m in ix.mentions_in(lo, hi):
            if m.role == NOT_OWNER and not m.name.lower().startswith(("sous-pr", "pr")):
                continue
            before = text[max(lo, m.start - 40):m.start]
            cue = lex.holder_cue.search(before)
            if cue:
                return m.name, cue.group().strip()
    return None


def _candidates(ix: DocIndex, lo: int, hi: int, purpose: str | None) -> list[Mention]:
    text, lex = ix.text, ix.lex
    out = []
    for m in ix.mentions_in(lo, hi):
        if m.role == NOT_OWNER:
            continue
        if m.role == FUNDER and purpose != "budget":
            continue
        before = text[max(lo, m.start - _BEFORE):m.start]
        if purpose != "budget" and lex.not_owner_before.search(before):
            continue
        out.append(m)
    return out


def decide(
    ix: DocIndex, start: int, end: int, purpose: str | None, is_job: bool
) -> tuple[str | None, str | None]:
    """(organization name, the words that decided it)."""
    text, lex = ix.text, ix.lex
    if purpose == "budget":
        held = _holder(ix, start)
        if held:
            return held
    sent_lo, sent_hi = ix.sentence(start)
    seg_lo, seg_hi = ix.segment(start, end)
    cands = _candidates(ix, sent_lo, sent_hi, purpose)
    if purpose == "aid":
        for m in cands:
            before = text[max(sent_lo, m.start - _BEFORE):m.start]
            if m.role in (FIRM, COLLECTIVITY) and lex.beneficiary_before.search(before):
                return m.name, text[m.start:m.end]
    left = [m for m in cands if m.end <= start]
    right = [m for m in cands if m.start >= end and m.start < seg_hi]
    if left:
        m = left[-1]
        return m.name, text[m.start:m.end]
    if right:
        m = right[0]
        return m.name, text[m.start:m.end]
    if purpose == "budget":
        return None, None
    clause = text[seg_lo:seg_hi]
    anaphor = lex.anaphora.search(text, sent_lo, sent_hi)
    sector = lex.sector.search(clause) or (not anaphor and lex.sector.search(text, sent_lo, sent_hi))
    if sector and not (anaphor and anaphor.start() > sector.start()):
        return None, sector.group()
    if ix.focus:
        return ix.focus, anaphor.group() if anaphor else None
    return None, None
