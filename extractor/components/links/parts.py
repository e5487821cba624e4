"""Which figure a figure is a part of: "12 M€, dont 7 millions pour le bâtiment", "145
salariés, dont 12 en CDI", "soit", "parmi lesquels"; parts coordinated after the first one
("dont 2,5 M€ de fonds européens et 1,2 M€ de la Région") belong to the same whole.

A part is never larger than its whole and stays in the whole's sentence, so a
total that a later sentence details is not taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Span

from .context import DocIndex

_COORDINATED = re.compile(r"^[^.;:!?\n]{0,140}?(?:,|\bet\b|\bou\b|;)[^,;.:!?\n]{0,40}$", re.I)


def wholes(
    ix: DocIndex, spans: Sequence[Span], value: Callable[[Span], float | None]
) -> dict[int, int]:
    """Index of a span → index of the span it is a part of (spans sorted by position)."""
    out: dict[int, int] = {}
    text, lex = ix.text, ix.lex
    _financing_lines(ix, spans, value, out)
    for i in range(1, len(spans)):
        if i in out:
            continue
        prev, span = spans[i - 1], spans[i]
        if ix.sentence(prev.start_char) != ix.sentence(span.start_char):
            continue
        gap = text[prev.end_char : span.start_char]
        v = value(span)
        if v is None:
            continue
        sent_lo = ix.sentence(span.start_char)[0]
        lead = None
        for j in range(i - 1, -1, -1):
            if spans[j].start_char < sent_lo:
                break
            if lex.whole_before.search(
                text[max(sent_lo, spans[j].start_char - 40) : spans[j].start_char]
            ):
                lead = j
        if lex.part_before.search(gap):
            whole = i - 1
        elif lead is not None:
            whole = lead
        elif (i - 1) in out and _COORDINATED.match(gap):
            whole = out[i - 1]
        else:
            continue
        w = value(spans[whole])
        if w is not None and v <= w:
            out[i] = whole
    return out


def _financing_lines(
    ix: DocIndex, spans: Sequence[Span], value: Callable[[Span], float | None], out: dict[int, int]
) -> None:
    """The figures of a financing line are parts of the budget line above them in the block."""
    text, lex = ix.text, ix.lex
    total: tuple[int, tuple[int, int]] | None = None  # (index, paragraph)
    for i, span in enumerate(spans):
        lo, hi = ix.line(span.start_char)
        para = ix.paragraph(span.start_char)
        if lex.total_line.match(text, lo, hi):
            total = (i, para)
        elif total is not None and total[1] == para and lex.financing_line.match(text, lo, hi):
            v, w = value(span), value(spans[total[0]])
            if v is not None and w is not None and v <= w:
                out[i] = total[0]
