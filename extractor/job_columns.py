"""Job counts of a table whose column header names the jobs.

Aid lists and press kits print one row per firm with the jobs in a column of
their own ("Emplois créés", "Emplois", "Effectif", "ETP") and bare figures in its
cells ("60", "+18"). Read one cell at a time, such a figure counts nothing; read
under its header it is a job count. This module finds such headers (a cell of a
line laid out in columns: between pipes, or after a run of spaces) and reads the
figure of each following row that sits in the same column, until the table ends
at a blank line or a line of prose. Pure functions over the text.

The kind is the header's: a headcount ("Effectif", "Emplois maintenus") is
``existing``; jobs to create ("Emplois créés" in a list of laureates, "+25", or a
bare "Emplois" column beside the aid or the investment of each project) are
``planned``; a bare "Emplois" column of a plain list of firms is ``existing``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .layout import COLUMNS as _COLUMNS

_S = r"[ \u00a0\u202f]"
#: a header cell that names the jobs; the anchor of the whole reading (one fast scan)
_HEADER = re.compile(
    r"(?<![\w'’-])(?:nombre\s+d['’]\s*|nb\.?\s+(?:d['’]\s*|de\s+)?)?"
    r"(?:emplois|effectifs?|etp|postes|embauches|recrutements|créations?\s+d['’]\s*emplois)"
    r"(?![\w'’-])",
    re.I,
)
#: where a cell starts on a line laid out with spaces
_CELL_GAP = re.compile(r"(?: {2,}|\t)")
#: the figure of a cell: "60", "+18", "1 200"; not an amount, a percentage, a year range
_FIGURE = re.compile(
    rf"(?<![\w,.€%-])(?P<amt>(?:\+{_S}?)?(?P<num>\d{{1,3}}(?:{_S}\d{{3}})+|\d{{1,5}}))"
    r"(?![\w%€]|[.,]\d|\s?(?:%|€|k€|M€|euros?)(?!\w))"
)
_CELL = re.compile(rf"{_S}*\+?{_S}?\d[\d{_S[1:-1]} ]*")
#: a header of a headcount column, or of jobs to create
_EXISTING = re.compile(r"effectif|maintenus|actuels?|existants|sauvegardés|conservés", re.I)
_PLANNED = re.compile(
    r"créés|créations?|à\s+créer|prévus|attendus|nouveaux|embauches|recrutements", re.I
)
#: a header line of a table of projects: each row has its aid or its investment
_PROJECT = re.compile(r"montant|aide|subvention|invest|coût|assiette|avance|prêt|€", re.I)
#: a rule between the header and the rows ("-----+-----", "=====")
_RULE = re.compile(r"[\s|+=_-]*")
#: running prose (ten lower-case words in a row) ends a table
_PROSE = re.compile(r"[a-zàâçéèêëîïôûùüÿœ’',]+(?: [a-zàâçéèêëîïôûùüÿœ’',]+){9}")
#: the longest stretch of rows a table is read over
_REACH = 4000


@dataclass(frozen=True)
class JobCell:
    """A figure of a jobs column: where it is, its match (groups ``amt``, ``num``) and the
    kind its header gives."""

    start: int
    end: int
    match: re.Match[str]
    kind: str


def _line(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


def _pipe_index(line: str, offset: int) -> int:
    """The index of the pipe cell of ``line`` that holds ``offset``."""
    return line.count("|", 0, offset)


def _header_cell(line: str, offset: int) -> tuple[int, int] | None:
    """(start, end) on ``line`` of the cell that opens at ``offset``, or None when the
    header word does not open a cell of a table laid out in columns."""
    if "|" in line:
        lo = line.rfind("|", 0, offset) + 1
        if line[lo:offset].strip():
            return None
        hi = line.find("|", offset)
        return lo, len(line) if hi < 0 else hi
    before = line[:offset]
    if before.strip() and not re.search(r"(?: {2,}|\t)$", before):
        return None
    nxt = _CELL_GAP.search(line, offset)
    return offset, nxt.start() if nxt else len(line)


def _kind(header: str, header_line: str, cell: str) -> str:
    if _EXISTING.search(header):
        return "existing"
    if cell.lstrip().startswith("+") or _PLANNED.search(header):
        return "planned"
    return "planned" if _PROJECT.search(header_line) else "existing"


def _figure_under(
    text: str, r_lo: int, r_hi: int, cell: tuple[int, int], col: int | None
) -> re.Match[str] | None:
    """The figure of the row ``r_lo``..``r_hi`` of ``text`` in the column of the header
    cell ``cell`` (offsets on its line), or in the pipe cell ``col`` of a pipe table."""
    row = text[r_lo:r_hi]
    if col is not None:
        cells = row.split("|")
        if col >= len(cells) or not _CELL.fullmatch(cells[col].rstrip()):
            return None
        start = r_lo + sum(len(c) + 1 for c in cells[:col])
        return _FIGURE.search(text, start, start + len(cells[col]))
    lo, hi = cell
    last_column = hi >= len(row.rstrip()) or not _CELL_GAP.search(row, hi)
    for m in _FIGURE.finditer(text, r_lo, r_hi):
        s, e = m.start() - r_lo, m.end() - r_lo
        if e > lo and s < hi + 2:
            return m if last_column or _CELL_GAP.match(row, e) else None
    return None


@lru_cache(maxsize=4)
def job_cells(text: str) -> tuple[JobCell, ...]:
    """The figures of every jobs column of ``text`` (kept for the last texts read: the
    jobs, the money columns and the links all ask).

    >>> t = "Entreprise    Commune     Aide (€)     Emplois\\nAlpha         Albi        120 000      14\\n"
    >>> [(t[c.start:c.end], c.kind) for c in job_cells(t)]
    [('14', 'planned')]
    """
    cells: list[JobCell] = []
    if "|" not in text and "  " not in text and "\t" not in text:
        return ()  # no line laid out in columns
    done = 0
    for h in _HEADER.finditer(text):
        if h.start() < done:
            continue
        lo, hi = _line(text, h.start())
        line = text[lo:hi]
        if not _COLUMNS.search(line):
            continue
        found = _header_cell(line, h.start() - lo)
        if found is None:
            continue
        c_lo, c_hi = found
        pipes = "|" in line
        col = _pipe_index(line, h.start() - lo)
        header = line[c_lo:c_hi]
        pos, read = hi, []
        while pos < len(text) and pos - hi < _REACH:
            r_lo, r_hi = _line(text, pos + 1)
            row = text[r_lo:r_hi]
            if not row.strip() or (_PROSE.search(row) and not _COLUMNS.search(row)):
                break
            if _RULE.fullmatch(row):
                pos = r_hi
                continue
            if not row[:1].isspace() and not _COLUMNS.search(row):
                break  # a line of text, not a row
            m = _figure_under(text, r_lo, r_hi, (c_lo, c_hi), col if pipes else None)
            if m is None and pipes and not read and col < len(row.split("|")):
                header += " " + row.split("|")[col]  # "Emplois" / "créés" on two lines
            if m is not None and m["num"] and int(re.sub(r"\D", "", m["num"])) > 0:
                read.append(m)
            pos = r_hi
        cells += [JobCell(m.start("amt"), m.end(), m, _kind(header, line, m["amt"])) for m in read]
        done = pos
    return tuple(cells)
