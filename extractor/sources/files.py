"""Local files -> Document; the type comes from the bytes, the extension only breaks ties.

A PDF saved as ``.txt`` or an HTML page saved as ``.dat`` is common in
collections assembled by hand, so sniffing wins over the name.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from ..document import Document
from .base import Options, SourceError, decoded_fields, failed, looks_binary
from .dates import published_date
from .encoding import decode
from .html import parse_html
from .pdf import is_pdf, parse_pdf
from .pdflimits import PdfLimits

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
SAVED_SUFFIX = ".document.json"  # what ``extractor fetch`` writes beside the raw bytes
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES

_HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<meta\s|<div[\s>]|<p>",
    re.IGNORECASE,
)


def sniff(data: bytes, suffix: str = "") -> str:
    """``pdf``, ``html``, ``json`` (a saved Document) or ``text``, from the content first.

    >>> sniff(b"%PDF-1.7 ...", ".txt"), sniff(b"<!DOCTYPE html><p>x</p>"), sniff(b"Bonjour")
    ('pdf', 'html', 'text')
    """
    if is_pdf(data):
        return "pdf"
    head = data[:4096].lstrip()
    if head.startswith(b"{") and suffix == ".json":
        return "json"
    if _HTML_MARKERS.search(head[:2048]) or (suffix in HTML_SUFFIXES and head.startswith(b"<")):
        return "html"
    return "text"


def load_file(path: str | Path, options: Options | None = None) -> Document:
    """Read one file; every failure becomes the Document's error, never an exception."""
    options = options or Options()
    path = Path(path)
    source = str(path)
    try:
        return _load(path, options)
    except SourceError as exc:
        return failed(source, exc, kind=_kind_from_suffix(path))


def _load(path: Path, options: Options) -> Document:
    source = str(path)
    try:
        mode, size = (st := path.stat()).st_mode, st.st_size
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", source)
        if not stat.S_ISREG(mode):  # a FIFO or a device would block or never end
            raise SourceError("NotAFile", f"{path} is not a regular file", stage="fetch")
        if size > options.max_bytes:
            raise SourceError(
                "TooLarge",
                f"{size} bytes exceeds the {options.max_bytes}-byte limit",
                stage="fetch",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise os_error(exc, path) from exc
    if not data.strip():
        raise SourceError("EmptyFile", "the file is empty")
    name = path.name.lower()
    kind = sniff(data, ".json" if name.endswith(".json") else path.suffix.lower())
    if kind == "pdf":
        return parse_pdf(
            data,
            source,
            max_pages=options.max_pages,
            max_bytes=options.max_bytes,
            limits=PdfLimits.of(options),
        )
    if looks_binary(data):
        raise SourceError("NotText", "binary content that is neither PDF, HTML nor text")
    if kind == "json":
        return load_saved(data, source)
    if kind == "html":
        return parse_html(data, source)
    decoded = decode(data)
    return Document(
        source=source,
        kind="text",
        text=decoded.text,
        published=published_date(decoded.text),
        **decoded_fields(decoded),
    )


def load_saved(data: bytes, source: str) -> Document:
    """A Document saved as JSON by ``extractor fetch``: read back as it was, no network."""
    try:
        return Document.model_validate_json(data)
    except ValidationError as exc:
        raise SourceError(
            "NotDocument", f"JSON that is not a saved Document: {exc.errors()[0]['msg']}"
        ) from exc


def os_error(exc: OSError, path: Path) -> SourceError:
    """The document error for a path the system would not let us read.

    >>> os_error(PermissionError(13, "Permission denied"), Path("x.txt")).type
    'PermissionDenied'
    """
    kinds = {
        FileNotFoundError: ("NotFound", f"no such file: {path}"),
        PermissionError: ("PermissionDenied", f"permission denied: {path}"),
        IsADirectoryError: ("IsADirectory", f"{path} is a directory"),
    }
    for cls, (type_, message) in kinds.items():
        if isinstance(exc, cls):
            return SourceError(type_, message, stage="fetch")
    return SourceError(type(exc).__name__, f"{path}: {exc.strerror or exc}", stage="fetch")


def expand(path: Path) -> Iterator[Path | Document]:
    """Supported files under a directory, sorted, recursively; a failed Document per folder
    that cannot be listed (permission denied), so no file goes missing without a word.

    Where ``fetch`` saved ``x.document.json`` beside ``x.html``, the JSON stands for
    both: it keeps the URL and metadata the raw page may lack.
    """
    try:
        is_dir = path.is_dir()
    except OSError:  # a parent folder we may not enter: load_file says why
        is_dir = False
    if not is_dir:
        yield path
        return
    unreadable: list[OSError] = []
    files: list[Path] = []
    for folder, dirs, names in os.walk(path, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += (Path(folder, name) for name in names)
    for exc in unreadable:
        where = Path(exc.filename or path)
        yield failed(str(where), os_error(exc, where))
    files = sorted(p for p in files if not _hidden(p, path) and _is_file(p))
    saved = {
        p.with_name(p.name[: -len(SAVED_SUFFIX)]) for p in files if p.name.endswith(SAVED_SUFFIX)
    }
    for file in files:
        is_raw = file.suffix.lower() in SUPPORTED_SUFFIXES and file.with_suffix("") not in saved
        if file.name.endswith(SAVED_SUFFIX) or is_raw:
            yield file


def _is_file(path: Path) -> bool:
    """Regular files, and those we cannot stat (their load says why); not FIFOs or sockets."""
    try:
        return path.is_file()
    except OSError:
        return True


def _hidden(file: Path, root: Path) -> bool:
    """Dot files and a folder's README: notes about a corpus, not documents of it."""
    if file.stem.upper() == "README":
        return True
    return any(part.startswith(".") for part in file.relative_to(root).parts)


def _kind_from_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


__all__ = ["SUPPORTED_SUFFIXES", "expand", "load_file", "load_saved", "os_error", "sniff"]
