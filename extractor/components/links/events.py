"""The kind of project a figure belongs to (records.ProjectKind), from the words of its
sentence: the cue nearest to the figure wins; a line of a contract's action table belongs
to its signing; an amount with none is a project of its purpose when that purpose makes
one (an investment, an aid)."""

from __future__ import annotations

from .context import DocIndex

_BY_PURPOSE = {"investment": "investment", "aid": "aid"}


def decide(
    ix: DocIndex, start: int, end: int, purpose: str | None
) -> tuple[str | None, str | None]:
    lo, hi = ix.sentence(start)
    best: tuple[int, str, str] | None = None
    for cue in ix.lex.event_cues:
        for m in cue.pattern.finditer(ix.text, lo, hi):
            dist = start - m.end() if m.end() <= start else m.start() - end
            if dist < 0:
                continue
            if best is None or dist < best[0]:
                best = (dist, cue.label, m.group())
    if best is not None:
        return best[1], best[2]
    if ix.action_table and ix.is_table_line(start):
        return "signing", None  # a line of a contract's action table
    if purpose in _BY_PURPOSE:
        return _BY_PURPOSE[purpose], None
    return None, None
