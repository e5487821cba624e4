"""Figures of a table whose column header carries the currency.

Contracts and protocols print their action tables with the unit in the header
("Montant (€)", "Coût total (€ HT)", "en k€") and bare figures in the cells
("4 800 000", "735 000"). Read one cell at a time, such a figure has no currency;
read with its table it is an amount. This module finds such headers and reads
the figures of the lines that follow, until the table ends: a line of running
prose, or a long stretch with no figure. Pure functions over the text, so the
same reading serves the spaCy component and any caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .job_columns import job_cells
from .layout import COLUMNS as _COLUMNS

#: the currency as a column header writes it, in brackets or after "en"
_UNIT = r"(?P<unit>k\s?€|K\s?€|M\s?€|€|euros?|keuros|milliers\s+d['’]euros|millions\s+d['’]euros)"
_HEADER_UNIT = re.compile(
    rf"(?:\(\s*(?:en\s+)?|\ben\s+(?=\S+(?:\s+(?:HT|TTC))?\s*(?:\||\s\s|$))){_UNIT}"
    r"(?:\s+(?:HT|TTC))?\s*\)?",
    re.I | re.M,
)
_SCALE = {"k": 1e3, "K": 1e3, "keuros": 1e3, "milliers": 1e3, "M": 1e6, "millions": 1e6}
#: a figure of a cell: digits grouped by thousands ("2 450 000", "1.200.000"), a plain
#: number of four digits or more, or a decimal ("1,2" in a k€ or M€ column)
_CELL = re.compile(
    r"(?<![\w.,/°-])(?P<num>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,3})?)"
    r"(?![\w%]|[.,/]\d|\s?%|\s?(?:€|euros?|k€|M€|ans?|mois|PME|emplois|postes|salariés|m²|m2|ha|km)\b)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
#: a table holds no sentence: a long line of prose ends it
_PROSE = re.compile(r"[a-zàâçéèêëîïôûùüÿœ’',]+(?: [a-zàâçéèêëîïôûùüÿœ’',]+){9}")
#: how far after its last figure a table may still go on (page footers, blank rows)
_GAP = 600


@dataclass(frozen=True)
class Cell:
    """A figure of a money column: where it is and its value in euros."""

    start: int
    end: int
    value: float
    match: re.Match[str]


def _scale(unit: str) -> float:
    word = unit.split()[0].replace(" ", "")
    return _SCALE.get(word[0] if word[:1] in "kKM" and word.endswith("€") else word, 1.0)


def _number(text: str) -> float | None:
    digits = re.sub(r"[ \u00a0\u202f.]", "", text).replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _tables(text: str) -> Iterator[tuple[int, int, float, int]]:
    """(start, end, scale, header line start) of each table under a header that names the
    currency."""
    pos = 0
    for m in _HEADER_UNIT.finditer(text):
        if m.start() < pos:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        if not _COLUMNS.search(text, line_start, line_end) and not (
            line_start and _COLUMNS.search(text, prev_start, line_start - 1)
        ):
            continue  # "(en euros)" in a sentence is not a column header (nor under one)
        end = _table_end(text, line_end)
        yield line_end, end, _scale(m["unit"]), line_start
        pos = end


def _table_end(text: str, start: int) -> int:
    """Where the table that starts at ``start`` ends: at a line of prose, or ``_GAP``
    characters after its last figure."""
    last = start
    pos = start
    while pos < len(text):
        nl = text.find("\n", pos + 1)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end]
        if _PROSE.search(line) and not _COLUMNS.search(line):
            return pos
        if _CELL.search(line):
            last = line_end
        elif line_end - last > _GAP:
            return last
        pos = line_end
    return len(text)


def _column_units(text: str, lo: int, hi: int) -> list[tuple[int, int, float]]:
    """The currency of each column of a header line that names several ("Invest. (M€)",
    "Aide (k€)"): (pipe index, character column, scale) of each; empty when the header
    has one currency only, which then holds for the whole table."""
    line = text[lo:hi]
    found = [
        (line.count("|", 0, m.start()), m.start(), _scale(m["unit"]))
        for m in _HEADER_UNIT.finditer(line)
    ]
    return found if len({f[2] for f in found}) > 1 else []


def _unit_of(
    text: str, line_start: int, pos: int, units: list[tuple[int, int, float]]
) -> float | None:
    """The scale of the column the figure at ``pos`` stands in: the one of its pipe cell,
    or of the nearest currency title on a table laid out with spaces."""
    line_end = text.find("\n", pos)
    row = text[line_start : len(text) if line_end < 0 else line_end]
    offset = pos - line_start
    if "|" in row:
        index = row.count("|", 0, offset)
        return next((scale for i, _, scale in units if i == index), None)
    return min(units, key=lambda u: abs(u[1] - offset))[2]


def money_cells(text: str) -> list[Cell]:
    """The figures of every money column of ``text`` (item numbers, years and
    percentages left out).

    >>> t = "N°  Action           Porteur      Montant (€)\\n1   Centre de formation   CA du Val   4 800 000\\n"
    >>> [(c.value, t[c.start:c.end]) for c in money_cells(t)]
    [(4800000.0, '4 800 000')]
    """
    cells: list[Cell] = []
    jobs = {c.start for c in job_cells(text)}
    for lo, hi, scale, head in _tables(text):
        units = _column_units(text, head, lo)
        for m in _CELL.finditer(text, lo, hi):
            if m.start() in jobs:
                continue  # "Emplois créés" over "14": a count of jobs, not euros
            raw = m["num"]
            line_start = text.rfind("\n", 0, m.start()) + 1
            if units:
                found = _unit_of(text, line_start, m.start(), units)
                if found is None:
                    continue  # a column with no currency ("Emplois", "Surface")
                scale = found
            if not text[line_start : m.start()].strip(" |\t"):
                continue  # an item number at the start of a row ("1", "2.1")
            if _YEAR.fullmatch(raw):
                continue
            value = _number(raw)
            if value is None or value == 0:
                continue
            if scale == 1.0 and value < 1000:
                continue  # counts and sizes, not euros, in a column of euros
            cells.append(Cell(m.start(), m.end(), value * scale, m))
    return cells
