"""Which figure a figure is a part of: "12 M€, dont 7 millions pour le bâtiment", "145
salariés, dont 12 en CDI", "soit", "parmi lesquels"; parts coordinated after the first one
("dont 2,5 M€ de fonds européens et 1,2 M€ de la Région") belong to the same whole.

A part is never larger than its whole and stays in the whole's sentence, so a
total that a later sentence details is not taken for one. A total that says it is one
("Au total, ces projets représentent 6,1 M€") is the whole of the run of figures next
to it whose sum it is (``sums``): the arithmetic, not the wording, says which figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Span

from .context import DocIndex

#: how far from its total the run of parts may reach, in characters and in figures
SUM_REACH = 2500
SUM_MAX_PARTS = 40
_FIRST_NUMBER = re.compile(r"\d+(?:[ \u00a0.\u202f]\d{3})*(?:,(\d+))?")

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


def sums(
    ix: DocIndex,
    spans: Sequence[Span],
    value: Callable[[Span], float | None],
    taken: dict[int, int],
) -> dict[int, int]:
    """Index of a figure → index of the total it adds up to, for totals that say so.

    A figure whose sentence calls it a total ("au total", "ces projets représentent",
    "cumulé") is the whole of the unbroken run of figures just before it, or else just
    after it, whose values add up to it: two parts at least, none already a part of
    something (``taken``), within ``SUM_REACH`` characters. The sum must equal the total
    to the precision it is written with ("6,1 M€" covers 6,05 to 6,15 M€). Briefings
    then show the parts under their total instead of adding both (a committee's list of
    aids and its "Au total" line)."""
    out: dict[int, int] = {}
    parts_of = set(taken)
    for k, span in enumerate(spans):
        total = value(span)
        if total is None or total <= 0 or k in parts_of or k in out:
            continue
        lo = ix.sentence(span.start_char)[0]
        line_lo = ix.line(span.start_char)[0]
        before = ix.text[max(lo, span.start_char - 120) : span.start_char]
        if not ix.lex.sum_cue.search(before) and not ix.lex.total_line.match(
            ix.text, line_lo, span.start_char
        ):
            continue
        tol = _tolerance(span.text, total)
        for run in (range(k - 1, -1, -1), range(k + 1, len(spans))):
            found = _run_to(spans, value, run, span, total, tol, parts_of | set(out))
            if found:
                for j in found:
                    out[j] = k
                break
    return out


def _run_to(
    spans: Sequence[Span],
    value: Callable[[Span], float | None],
    run: range,
    total_span: Span,
    total: float,
    tol: float,
    taken: set[int],
) -> list[int]:
    """The figures of ``run`` (in order away from the total) whose running sum first
    reaches the total within ``tol``; empty if it overshoots, breaks or goes too far."""
    acc, found = 0.0, []
    for j in run:
        v = value(spans[j])
        far = abs(spans[j].start_char - total_span.start_char) > SUM_REACH
        if v is None or j in taken or far or len(found) >= SUM_MAX_PARTS:
            return []
        acc += v
        found.append(j)
        if abs(acc - total) <= tol:
            return found if len(found) >= 2 else []
        if acc > total + tol:
            return []
    return []


def _tolerance(text: str, value: float) -> float:
    """Half a unit of the total's last written digit: "6,1 M€" is 6,1 ± 0,05 M€; never
    under 0.5 % (the scoring's own tolerance for amounts)."""
    m = _FIRST_NUMBER.search(text)
    written = float(m.group(0).translate(_NO_SPACES).replace(",", ".")) if m else 0.0
    if not written:
        return value * 0.005
    decimals = len(m.group(1) or "") if m else 0
    unit = value / written  # the scale the number is written in (1, 1 000, 1 000 000…)
    return max(value * 0.005, 0.5 * unit * 10.0**-decimals)


_NO_SPACES = str.maketrans("", "", " \u00a0.\u202f")
