"""Signature blocks laid out in columns, as contracts and protocols copied out of PDFs are.

    Pour l'État,                    Pour la Communauté X,
    le préfet du Cantal             le président
    Jean Dupont                     Marie Durand

Each signatory's body and function stand above the name in the same column, not
before it on the line: read line by line, "le président" would sit right before
"Jean Dupont". Columns are runs of text set apart by two spaces or more.
"""

from __future__ import annotations

import re

#: a column's text: words separated by single spaces, columns by two or more
SEGMENT = re.compile(r"\S+(?: \S+)*")


def segments(line: str) -> list[tuple[int, int]]:
    """Character ranges of the columns of one line."""
    return [m.span() for m in SEGMENT.finditer(line)]


def _line_at(text: str, at: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return begin, len(text) if end < 0 else end


def column_above(text: str, start: int, depth: int = 3) -> list[tuple[int, int]]:
    """Character ranges, nearest first, of the column above the text at ``start``.

    Only when the line at ``start`` has two columns or more, and only through lines
    cut into as many columns, up to ``depth`` lines or a blank line: a signature block.
    """
    ls, le = _line_at(text, start)
    cols = segments(text[ls:le])
    if len(cols) < 2:
        return []
    index = next((i for i, (s, e) in enumerate(cols) if s <= start - ls < e), None)
    if index is None:
        return []
    out = []
    end = ls - 1
    for _ in range(depth):
        if end <= 0:
            break
        begin = text.rfind("\n", 0, end) + 1
        above = segments(text[begin:end])
        if len(above) != len(cols):
            break
        s, e = above[index]
        out.append((begin + s, begin + e))
        end = begin - 1
    return out


def column_below(text: str, start: int) -> tuple[int, int] | None:
    """Character range of the column right below the text at ``start`` ("Marie Durand" /
    "Présidente"), when both lines are cut into the same two columns or more."""
    ls, le = _line_at(text, start)
    cols = segments(text[ls:le])
    if len(cols) < 2 or le >= len(text):
        return None
    index = next((i for i, (s, e) in enumerate(cols) if s <= start - ls < e), None)
    nb, ne = _line_at(text, le + 1)
    below = segments(text[nb:ne])
    if index is None or len(below) != len(cols):
        return None
    return nb + below[index][0], nb + below[index][1]
