"""PDF -> Document with pdfplumber: reading order, no running headers, tables kept row by row.

``page.extract_text()`` reads two-column pages across both columns, keeps
running headers/footers and page numbers, splits words at line-end hyphens and
scatters table cells; each of those breaks sentences the extractor needs
whole. Here words are grouped into lines, lines repeated in the page margins
are dropped, columns are found from the words' x-positions, and each table row
is written on one line so an amount stays beside its label.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..document import Document, DocumentError
from .base import SourceError
from .pdflimits import Budget, PdfLimits, PdfTimeout, alarm, budget

PDF_MAGIC = b"%PDF-"
_PAGE_NUMBER = re.compile(r"^\W*(?:page|p\.)?\s*\d{1,4}\s*(?:(?:/|sur|of|de)\s*\d{1,4})?\W*$", re.I)
_DIGITS = re.compile(r"\d+")
_AMOUNT_CELL = re.compile(r"\d")
_MONEY_CELL = re.compile(r"\d.*(?:€|\beur(?:os?)?\b)", re.I)
_MONEY_HEADER = re.compile(
    r"budget|montant|co[uû]t|€|euros?|financement|subvention|dotation|aide|prix|invest|total|dont",
    re.I,
)
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-$")
_STARTXREF = re.compile(rb"startxref\s*(\d+)")


@dataclass
class Line:
    """Words sharing a baseline; on a two-column page, one line may hold both columns."""

    top: float
    bottom: float
    words: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Table:
    top: float
    text: str


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line]
    tables: list[Table]
    has_images: bool


def is_pdf(data: bytes) -> bool:
    return PDF_MAGIC in data[:1024]


def parse_pdf(
    data: bytes,
    source: str,
    *,
    max_pages: int = 1000,
    max_bytes: int = 200_000_000,
    limits: PdfLimits | None = None,
) -> Document:
    """Text in reading order with ``page_starts``; unreadable PDFs raise SourceError.

    Within ``limits`` (bytes inflated, seconds per document and per page: a page
    that runs over is skipped with a warning). A PDF whose cross-reference table
    is broken reads as damaged or as empty; it is then read again with the table
    rebuilt by scanning the objects, and the Document says so.
    """
    if not is_pdf(data):
        raise SourceError("NotPDF", "no %PDF- signature at the start of the file")
    if len(data) > max_bytes:
        raise SourceError(
            "TooLarge", f"PDF of {len(data)} bytes exceeds the {max_bytes}-byte limit"
        )
    limits = limits or PdfLimits()
    truncated = b"%%EOF" not in data[-2048:]
    warnings: list[DocumentError] = []
    metadata: dict[str, str] = {}
    with budget(limits) as spent:
        try:
            read: _Read | None = _read(data, max_pages, spent)
            failure = None
        except SourceError as exc:
            if exc.type != "BrokenPDF":
                raise
            read, failure = None, exc
        if truncated:
            raise SourceError("TruncatedPDF", "the PDF is cut short (no %%EOF marker at the end)")
        if (read is None or not read.has_text) and not (read and read.has_images):
            rescanned = _read_rescanned(data, max_pages, spent)
            if rescanned is not None and rescanned.has_text:
                read = rescanned
                metadata["pdf_repair"] = "xref-rebuilt"
                warnings.append(
                    DocumentError(
                        stage="parse",
                        type="RepairedPDF",
                        message="the cross-reference table is broken: read again with the "
                        "table rebuilt by scanning the file's objects (pdfminer's fallback)",
                    )
                )
    if read is None:
        raise failure or SourceError("BrokenPDF", "the PDF is damaged")
    if not read.has_text:
        if read.has_images:
            raise SourceError("ImageOnlyPDF", "no text layer: scanned pages would need OCR")
        raise SourceError("EmptyPDF", "the PDF contains no text")

    pages = read.pages
    drop_running_lines(pages)
    text, starts = _join_pages([page_text(page) for page in pages])
    metadata["pages"] = str(read.total)
    if read.total > read.attempted:
        metadata["pages_read"] = str(read.attempted)
    if read.skipped:
        metadata["pages_skipped"] = ",".join(str(n) for n in read.skipped)
        warnings.append(
            DocumentError(
                stage="parse",
                type="PageTimeout",
                message=f"page(s) {metadata['pages_skipped']} took more than "
                f"{limits.page_seconds:.0f} s each and were skipped",
            )
        )
    info = read.info
    return Document(
        source=source,
        kind="pdf",
        text=text,
        title=_info_str(info.get("Title")),
        author=_info_str(info.get("Author")),
        published=pdf_date(_info_str(info.get("CreationDate"))),
        page_starts=starts,
        metadata=metadata,
        warnings=warnings,
    )


@dataclass
class _Read:
    """What one pass of pdfplumber over the file gave."""

    info: dict[str, Any]
    total: int
    pages: list[Page]
    attempted: int
    skipped: list[int] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return any(page.lines or page.tables for page in self.pages)

    @property
    def has_images(self) -> bool:
        return any(page.has_images for page in self.pages)


def _read(data: bytes, max_pages: int, spent: Budget) -> _Read:
    """Pages within the budget; pdfminer's exceptions become SourceErrors."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    limits = spent.limits
    try:
        with contextlib.ExitStack() as stack:
            with alarm(spent.remaining()):
                pdf = stack.enter_context(pdfplumber.open(io.BytesIO(data)))
                info = dict(pdf.metadata or {})
                every = pdf.pages
            read = _Read(info=info, total=len(every), pages=[], attempted=0)
            for page in every[:max_pages]:
                read.attempted += 1
                if spent.remaining() <= 0:  # off the main thread, no alarm: checked here
                    raise PdfTimeout("document")
                try:
                    with alarm(min(limits.page_seconds, spent.remaining())):
                        read.pages.append(_read_page(page))
                except Exception as exc:
                    if not _timed_out(exc) or spent.remaining() <= 0:
                        raise
                    read.skipped.append(page.page_number)
                    page.close()
    except PdfTimeout as exc:
        raise SourceError(
            "Timeout", f"reading the PDF took more than {limits.seconds:.0f} s; abandoned"
        ) from exc
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        raise _limit_error(cause, limits) or _pdfminer_error(cause) from exc
    except SourceError:
        raise
    except Exception as exc:  # pdfminer raises many things on damaged files
        raise _limit_error(exc, limits) or _pdfminer_error(exc) from exc
    return read


def _read_rescanned(data: bytes, max_pages: int, spent: Budget) -> _Read | None:
    """The file read again with its startxref pointer hidden, so pdfminer rebuilds the
    cross-reference table by scanning the objects; None when that reads nothing."""
    hidden = hide_xref(data)
    if hidden is None:
        return None
    spent.inflated = 0  # the same streams are inflated again: same budget, not twice it
    try:
        return _read(hidden, max_pages, spent)
    except SourceError as exc:
        if exc.type in {"TooLarge", "Timeout"}:
            raise
        return None


def hide_xref(data: bytes) -> bytes | None:
    """The bytes with the last ``startxref`` offset blanked (same length, so every other
    offset holds); pdfminer then finds no table and scans the file for its objects.

    >>> hide_xref(b"%PDF-1.4 ... startxref 1043 %%EOF")
    b'%PDF-1.4 ... startxref xxxx %%EOF'
    """
    at = data.rfind(b"startxref")
    match = _STARTXREF.match(data, at) if at >= 0 else None
    if match is None:
        return None
    digits = match.span(1)
    return data[: digits[0]] + b"x" * (digits[1] - digits[0]) + data[digits[1] :]


def _timed_out(exc: BaseException) -> bool:
    """Our timeout, raised as such or wrapped by pdfplumber (PdfminerException(cause))."""
    return isinstance(exc, PdfTimeout) or any(isinstance(a, PdfTimeout) for a in exc.args)


def _limit_error(cause: object, limits: PdfLimits) -> SourceError | None:
    """Our own limits, raised inside pdfminer and wrapped by pdfplumber on the way out."""
    if isinstance(cause, SourceError):
        return cause
    if isinstance(cause, PdfTimeout):
        return SourceError(
            "Timeout", f"reading the PDF took more than {limits.seconds:.0f} s; abandoned"
        )
    return None


def _pdfminer_error(cause: object) -> SourceError:
    name = type(cause).__name__
    if name in {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"} or (
        "password" in str(cause).lower()
    ):
        return SourceError("EncryptedPDF", "the PDF is password-protected and cannot be read")
    return SourceError("BrokenPDF", f"the PDF is damaged ({name}: {cause})")


def _read_page(page: Any) -> Page:
    tables: list[Table] = []
    boxes: list[tuple[float, float, float, float]] = []
    if page.rects or page.lines:  # lattice tables need ruling lines; skip the search otherwise
        for found in page.find_tables():
            rows = found.extract()
            lines = table_lines(rows)
            if lines:
                tables.append(Table(top=found.bbox[1], text="\n".join(lines)))
                boxes.append(found.bbox)
    words = [w for w in page.extract_words(x_tolerance=2) if not _inside(w, boxes)]
    result = Page(
        width=float(page.width),
        height=float(page.height),
        lines=group_lines(words),
        tables=tables,
        has_images=bool(page.images),
    )
    page.close()
    return result


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def group_lines(words: list[dict[str, Any]]) -> list[Line]:
    """Words whose vertical middles are within half a line height share a line."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        if lines:
            line = lines[-1]
            if abs(middle - (line.top + line.bottom) / 2) <= max(line.height, 1.0) / 2:
                line.words.append(word)
                line.bottom = max(line.bottom, word["bottom"])
                continue
        lines.append(Line(top=word["top"], bottom=word["bottom"], words=[word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _running_key(text: str) -> str:
    return " ".join(_DIGITS.sub("#", text.lower()).split())


def drop_running_lines(pages: list[Page], margin_lines: int = 2) -> None:
    """Remove headers/footers: margin lines repeated on most pages, and bare page numbers.

    Digits are masked before comparing so "Page 3/10" and "Page 4/10" are the same
    running line.
    """
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_running_key(line.text) for line in _margin(page, margin_lines)})
    needed = max(2, (len(pages) + 1) // 2)
    running = {key for key, count in seen.items() if count >= needed} if len(pages) > 1 else set()
    for page in pages:
        margin = _margin(page, margin_lines)
        drop = {
            id(line)
            for line in margin
            if _running_key(line.text) in running
            or (_PAGE_NUMBER.match(line.text) and _in_page_margin(line, page))
        }
        page.lines = [line for line in page.lines if id(line) not in drop]


def _margin(page: Page, count: int) -> list[Line]:
    if len(page.lines) <= count * 2:
        return list(page.lines)
    return page.lines[:count] + page.lines[-count:]


def _in_page_margin(line: Line, page: Page, share: float = 0.15) -> bool:
    return line.bottom <= page.height * share or line.top >= page.height * (1 - share)


def find_gutter(lines: list[Line], width: float, min_gap: float = 8.0) -> float | None:
    """x of the blank vertical band between two columns, or None for a single column.

    The band must lie in the middle of the page, be crossed by few lines (full-width
    titles may cross it) and have text on both sides on several lines: ordinary
    word spaces never line up over many lines, a gutter does.
    """
    if len(lines) < 4:
        return None
    lo, hi = int(width * 0.25), int(width * 0.75)
    cover = [0] * (hi - lo + 1)
    for line in lines:
        for word in line.words:
            for x in range(max(lo, int(word["x0"])), min(hi, int(word["x1"])) + 1):
                cover[x - lo] += 1
    allowed = len(lines) * 0.35
    best: tuple[int, int] | None = None
    start = None
    for i, count in enumerate([*cover, len(lines) + 1]):
        if count <= allowed and start is None:
            start = i
        elif count > allowed and start is not None:
            if best is None or i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    if best is None or best[1] - best[0] < min_gap:
        return None
    left, right = best[0] + lo, best[1] + lo
    beside = sum(
        1
        for line in lines
        if any(w["x1"] <= left + 1 for w in line.words)
        and any(w["x0"] >= right - 1 for w in line.words)
    )
    right_only = sum(1 for line in lines if all(w["x0"] >= right - 1 for w in line.words))
    if beside + right_only < max(3, len(lines) * 0.3):
        return None
    return (left + right) / 2


def _split(line: Line, gutter: float) -> tuple[Line | None, Line | None, bool]:
    """Left part, right part, and whether a word crosses the gutter (a full-width line)."""
    if any(w["x0"] < gutter < w["x1"] for w in line.words):
        return None, None, True
    left = [w for w in line.words if w["x1"] <= gutter]
    right = [w for w in line.words if w["x0"] >= gutter]

    def part(words: list[dict[str, Any]]) -> Line | None:
        if not words:
            return None
        return Line(min(w["top"] for w in words), max(w["bottom"] for w in words), words)

    return part(left), part(right), False


def page_text(page: Page) -> str:
    """Blocks in reading order: full-width runs as they come, column runs left then right."""
    gutter = find_gutter(page.lines, page.width)
    items: list[tuple[float, Line | Table]] = [(line.top, line) for line in page.lines]
    items += [(table.top, table) for table in page.tables]
    items.sort(key=lambda item: item[0])
    blocks: list[str] = []
    full: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        for run in (full, left, right):
            blocks.extend(paragraphs(run))
            run.clear()

    for _, item in items:
        if isinstance(item, Table):
            flush()
            blocks.append(item.text)
            continue
        if gutter is None:
            full.append(item)
            continue
        lpart, rpart, crossing = _split(item, gutter)
        if crossing:
            if left or right:
                flush()
            full.append(item)
        else:
            if full:
                flush()
            if lpart:
                left.append(lpart)
            if rpart:
                right.append(rpart)
    flush()
    return "\n\n".join(block for block in blocks if block)


def paragraphs(lines: list[Line]) -> list[str]:
    """Lines of one column into paragraphs: a gap clearly wider than usual starts a new one."""
    if not lines:
        return []
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines)]
    usual = statistics.median(gaps) if gaps else 0.0
    height = statistics.median(line.height for line in lines)
    groups: list[list[str]] = [[lines[0].text]]
    for gap, line in zip(gaps, lines[1:], strict=True):
        if gap > usual + 0.5 * height or gap < -height:
            groups.append([])
        groups[-1].append(line.text)
    return [join_lines(group) for group in groups]


def join_lines(lines: list[str]) -> str:
    """Lines of a paragraph into one string, rejoining words split at a line end.

    A hyphen at a line end followed by a lower-case letter is a word split
    ("indus-" + "trie"); before a capital it is a compound ("Provence-" + "Alpes")
    and stays, without a space.

    >>> join_lines(["la relocalisation de l'indus-", "trie textile"])
    "la relocalisation de l'industrie textile"
    >>> join_lines(["la Région Provence-", "Alpes-Côte d'Azur"])
    "la Région Provence-Alpes-Côte d'Azur"
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif _LINE_END_HYPHEN.search(out) and line[0].isalpha():
            out = (out[:-1] if line[0].islower() else out) + line
        else:
            out = f"{out} {line}"
    return out


def table_lines(rows: list[list[str | None]]) -> list[str]:
    """One line per row, amounts after their row's label, so no amount loses its action.

    >>> table_lines([["N°", "Action", "Budget"], ["1", "Diagnostic\\nénergie", "120 000 €"]])
    ['N° — Action — Budget', '1 — Diagnostic énergie : 120 000 €.']
    """
    cleaned = [[" ".join((cell or "").split()) for cell in row] for row in rows]
    cleaned = [row for row in cleaned if any(row)]
    if not cleaned:
        return []
    header: list[str] | None = None
    if len(cleaned) > 1 and not any(_AMOUNT_CELL.search(c) for c in cleaned[0]):
        header = cleaned[0]
        body = cleaned[1:]
    else:
        body = cleaned
    out = [" — ".join(c for c in header if c)] if header else []
    for row in body:
        out.append(_row_text(row, header))
    return out


def _row_text(row: list[str], header: list[str] | None) -> str:
    cells = [(i, c) for i, c in enumerate(row) if c]
    numeric = [
        (i, c) for i, c in cells if _is_money(c, header[i] if header and i < len(header) else "")
    ]
    labels = [c for i, c in cells if (i, c) not in numeric]
    if not numeric or not labels:
        text = " — ".join(c for _, c in cells)
    elif len(numeric) == 1:
        i, value = numeric[0]
        unit = header[i] if header and i < len(header) and not _MONEY_CELL.search(value) else ""
        text = f"{' — '.join([*labels, unit] if unit else labels)} : {value}"
    else:
        named = [
            f"{header[i]} : {c}" if header and i < len(header) and header[i] else c
            for i, c in numeric
        ]
        text = f"{' — '.join(labels)} — {' ; '.join(named)}"
    return text if text.endswith((".", "!", "?", ":")) else f"{text}."


def _is_money(cell: str, header: str) -> bool:
    """An amount cell: says € / euros, or holds a number under a budget-like header."""
    if _MONEY_CELL.search(cell):
        return True
    return bool(
        _AMOUNT_CELL.search(cell) and not cell[0].isalpha() and _MONEY_HEADER.search(header)
    )


def _join_pages(texts: list[str]) -> tuple[str, list[int]]:
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 2
    return "\n\n".join(parts), starts


def _info_str(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-16" if value.startswith(b"\xfe\xff") else "latin-1", "replace")
    text = str(value).strip()
    return text or None


def pdf_date(value: str | None) -> date | None:
    """The date part of a PDF date string.

    >>> pdf_date("D:20231012093000+02'00'")
    datetime.date(2023, 10, 12)
    """
    match = _PDF_DATE.match(value or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None
