"""The figures of a money column (``extractor.money_columns``): what a row of an action table says.

ANNOTATION.md: the lines and totals of a contract's action table are ``budget``;
their organization is the body that carries the action, their territory the site
the row names, else the Territoire d'industrie the contract is for. A row is one
line of a pipe table, or, in a table laid out with spaces, the lines from an item
number ("1.1", "2") or a total down to the next one. The body is the first
organization of the row before its first figure (the "Porteur" column comes
before the amounts); in a pipe table, the cell under a "Porteur" / "Maître
d'ouvrage" header when there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...money_columns import money_cells
from .context import DocIndex, Place

#: the start of a row: an item number, or a total line
_ROW_START = re.compile(
    r"^[ \t|]*(?:\d{1,2}(?:\.\d{1,2})*\.?[ \t|]|(?:sous-)?total\b|montant\s+total\b)",
    re.I | re.M,
)
_TOTAL = re.compile(r"^[ \t|]*(?:\|[ \t]*)*(?:sous-)?total\b|\btotal\s*(?:\||\s{2,})", re.I | re.M)
_HOLDER_HEADER = re.compile(
    r"porteur|ma[îi]tre\s+d['’]\s*ouvrage|b[ée]n[ée]ficiaire|pilote|op[ée]rateur|structure", re.I
)

#: the body that carries an action, as an action table titles its column (a list of aids
#: titles its first column "Bénéficiaire" instead)
_ACTION_HOLDER = re.compile(r"porteur|ma[îi]tre\s+d['’]\s*ouvrage|pilote", re.I)


@dataclass(frozen=True)
class Row:
    start: int
    end: int
    total: bool
    holder: tuple[int, int] | None  # the "Porteur" cell of a pipe table


def cell_spans(text: str) -> set[tuple[int, int]]:
    """Where the money-column figures are, to tell a cell from a figure of the prose."""
    return {(c.start, c.end) for c in money_cells(text)}


def _line(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


def _holder_column(text: str, lo: int) -> int | None:
    """The index of the "Porteur" column of the pipe table whose row starts at ``lo``."""
    pos = lo
    while pos > 0:
        p_lo, p_hi = _line(text, pos - 1)
        line = text[p_lo:p_hi]
        if "|" not in line:
            return None
        cells = line.strip().strip("|").split("|")
        for i, cell in enumerate(cells):
            if _HOLDER_HEADER.search(cell):
                return i
        pos = p_lo
    return None


def row_of(text: str, pos: int) -> Row:
    """The row of the table cell at ``pos``."""
    lo, hi = _line(text, pos)
    line = text[lo:hi]
    if line.lstrip().startswith("|"):
        holder = None
        col = _holder_column(text, lo)
        if col is not None:
            bars = [lo + m.start() for m in re.finditer(r"\|", line)]
            if col + 1 < len(bars):
                holder = (bars[col] + 1, bars[col + 1])
        return Row(lo, hi, bool(_TOTAL.match(text, lo, hi)), holder)
    starts = [m.start() for m in _ROW_START.finditer(text, 0, hi)]
    start = starts[-1] if starts else lo
    if pos - start > 600:
        start = lo
    nxt = _ROW_START.search(text, hi)
    end = nxt.start() if nxt and nxt.start() - hi < 600 else hi
    return Row(start, end, bool(_TOTAL.match(text, start, _line(text, start)[1])), None)


def _header_columns(text: str, pos: int) -> tuple[int, int] | None:
    """The character columns of the "Porteur" header of the space-aligned table above
    ``pos``: where its title starts and where the next column's starts."""
    head = None
    for m in _HOLDER_HEADER.finditer(text, max(0, pos - 3000), pos):
        head = m
    if head is None:
        return None
    lo, hi = _line(text, head.start())
    col = head.start() - lo
    nxt = re.compile(r"(?: {2,}|\t+)(?=\S)").search(text, head.end(), hi)
    return (col, nxt.end() - lo) if nxt else None


def holder_text(text: str, row: Row) -> str | None:
    """The words of the row under its table's "Porteur" header, lines joined: the body
    that carries the action ("Agglomération du" / "Gard rhodanien")."""
    if row.holder is not None:
        cell = text[row.holder[0] : row.holder[1]]
    else:
        cols = _header_columns(text, row.start)
        if cols is None:
            return None
        lo, hi = cols
        lines = text[row.start : row.end].split("\n")
        cell = " ".join(line[lo:hi].strip() for line in lines if len(line) > lo)
    cell = re.sub(r"\s+", " ", cell).strip(" |–-—")
    return cell if re.search(r"[A-ZÉ]", cell) and len(cell) <= 120 else None


def decide(ix: DocIndex, start: int) -> tuple[str | None, Place | None]:
    """The body and the place of the table cell at ``start``."""
    text = ix.text
    row = row_of(text, start)
    if row.total:
        return None, _contract_place(ix)
    org = holder_text(text, row)
    if org is None:
        first_cell = min((s for s in ix.figure_starts if row.start <= s < row.end), default=start)
        names = ix.mentions_in(row.start, first_cell)
        org = names[0].name if names else _firm_cell(text, start, row.start, row.end)
    places = [
        p
        for p in ix.places_in(row.start, row.end)
        if not p.in_org and not p.as_org and p.kind in ("commune", "zone")
    ]
    return org, (places[0] if places else _contract_place(ix))


def _continued(text: str, hi: int) -> int:
    """The end of a row of a list whose cells wrap: the lines after it whose first cell is
    blank ("                    | Champs  |") go on with it."""
    while hi < len(text):
        lo, nxt = _line(text, hi + 1)
        line = text[lo:nxt]
        if not line.strip() or not line[:1].isspace() or _RULE.match(line):
            break
        hi = nxt
    return hi


def decide_line(ix: DocIndex, start: int) -> tuple[str | None, Place | None]:
    """The firm and the place of a figure of a list with one row per firm (a jobs column
    under "Emplois créés"): the first name of its row before its first figure, and the
    first commune or zone of the row; a total row covers the territory of the document (the
    département or région its title names, else its Territoire d'industrie)."""
    text = ix.text
    lo, hi = _line(text, start)
    if _TOTAL.match(text, lo, hi) or re.match(r"[ \t|]*au\s+total\b", text[lo:hi], re.I):
        return None, ix.scope or _contract_place(ix)
    hi = _continued(text, hi)
    first_cell = min((s for s in ix.figure_starts if lo <= s < hi), default=start)
    names = ix.mentions_in(lo, first_cell)
    firm = _firm_cell(text, start, lo, hi)
    places = [
        p
        for p in ix.places_in(lo, hi)
        if not p.in_org and not p.as_org and p.kind in ("commune", "zone")
    ]
    return (names[0].name if names else firm), (places[0] if places else None)


#: the title of a first column that names the firm of each row
_FIRM_HEADER = re.compile(
    r"[\s|]*(?:b[ée]n[ée]ficiaires?|entreprises?|soci[ée]t[ée]s?|lauréats?|raison\s+sociale)\b",
    re.I,
)


def _firm_header_above(text: str, pos: int) -> bool:
    """Is the table above ``pos`` (up to a blank line) headed by a firm column?"""
    for _ in range(_HEADER_REACH):
        if pos == 0:
            return False
        lo, hi = _line(text, pos - 1)
        if not text[lo:hi].strip():
            return False
        if _FIRM_HEADER.match(text, lo, hi):
            return True
        pos = lo
    return False


def _firm_cell(text: str, start: int, lo: int, hi: int) -> str | None:
    """The first cell of the row ``lo``..``hi`` (its wrapped lines joined) when the table
    titles its first column "Bénéficiaire" or "Entreprise": a list of firms names each in
    full there, where a name finder may not know it ("Mécabourges")."""
    if not _firm_header_above(text, lo):
        return None
    parts = []
    for line in text[lo:hi].split("\n"):
        first = line.split("|")[0] if "|" in line else re.split(r" {2,}|\t", line.strip())[0]
        if line[:1].isspace() and "|" not in line:
            break  # a wrapped cell of another column
        parts.append(first.strip())
    cell = " ".join(p for p in parts if p)
    return cell if re.match(r"[A-ZÀ-Ý]", cell) and len(cell) <= 80 else None


def _contract_place(ix: DocIndex) -> Place | None:
    for kind in ("territoire_industrie", "epci"):
        if kind in ix.main:
            return ix.main[kind]
    return None


#: a header line: three titles or more, split by pipes or runs of spaces, and no figure
_TITLES = re.compile(r"[^|\s](?:[^|\s]| (?! ))*")
_RULE = re.compile(r"^[\s|+=_-]*$")
#: a header cell that gives only the unit of its column, its title on the line above
_UNIT_ONLY = re.compile(r"\(?\s*(?:en\s+)?(?:[kKM]\s?€|€|k?euros)\s*\)?|")
#: how many lines above its row a table's header may stand (wrapped rows, rules)
_HEADER_REACH = 25


def _titles(line: str) -> list[tuple[int, int]]:
    """The titles of a header line with their columns, or none when it is not one."""
    if re.search(r"\d", line) or ("|" not in line and "  " not in line.strip()):
        return []
    titles = [(m.start(), m.end()) for m in _TITLES.finditer(line)]
    return titles if len(titles) >= 3 else []


def column_title(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The title of the column a figure of a wide table stands in, and the whole header line:
    the grid of a commission's list of aids ("Bénéficiaire | Projet | Assiette | Aide"). The
    header is the nearest line above with three titles or more and no figure; rows, wrapped
    cells and rules may stand between."""
    lo, hi = _line(text, start)
    row = text[lo:hi]
    if "|" not in row and not re.search(r"\S {2,}\S", row):
        return None
    pos = lo
    for _ in range(_HEADER_REACH):
        if pos == 0:
            return None
        h_lo, h_hi = _line(text, pos - 1)
        header = text[h_lo:h_hi]
        pos = h_lo
        if not header.strip():
            return None
        if _RULE.match(header):
            continue
        titles = _titles(header)
        if not titles:
            continue
        if "|" in row and "|" in header:
            index = row.count("|", 0, start - lo)
            cells = header.split("|")
            if index >= len(cells):
                return None
            title = cells[index].strip()
            above = _line(text, h_lo - 1)[0] if h_lo else h_lo
            upper = text[above : max(above, h_lo - 1)].split("|")
            if _UNIT_ONLY.fullmatch(title) and h_lo and index < len(upper):
                # "Invest." over "(M€)": a title wrapped over two header lines
                title = f"{upper[index].strip()} {title}".strip()
            return title, header
        a, b = start - lo, end - lo
        t_lo, t_hi = min(titles, key=lambda t: (-_overlap(t, a, b), abs((t[0] + t[1]) - (a + b))))
        return header[t_lo:t_hi], header
    return None


def holder_header(header: str) -> bool:
    """Does a header line name the body that carries each row (an action table)?"""
    return bool(_ACTION_HOLDER.search(header))


def _overlap(title: tuple[int, int], a: int, b: int) -> int:
    return max(0, min(title[1], b) - max(title[0], a))
