"""Local files -> Document; the type comes from the bytes, the extension only breaks ties.

A PDF saved as ``.txt`` or an HTML page saved as ``.dat`` is common in
collections assembled by hand, so sniffing wins over the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from ..document import Document
from .base import Options, SourceError, decode_bytes, failed, looks_binary
from .dates import published_date
from .html import parse_html
from .pdf import is_pdf, parse_pdf

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
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise SourceError("NotFound", f"no such file: {path}", stage="fetch") from exc
    except OSError as exc:
        raise SourceError("OSError", str(exc), stage="fetch") from exc
    if path.is_dir():
        raise SourceError("IsADirectory", f"{path} is a directory", stage="fetch")
    if size > options.max_bytes:
        raise SourceError(
            "TooLarge", f"{size} bytes exceeds the {options.max_bytes}-byte limit", stage="fetch"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(type(exc).__name__, str(exc), stage="fetch") from exc
    if not data.strip():
        raise SourceError("EmptyFile", "the file is empty")
    name = path.name.lower()
    kind = sniff(data, ".json" if name.endswith(".json") else path.suffix.lower())
    if kind == "pdf":
        return parse_pdf(data, source, max_pages=options.max_pages, max_bytes=options.max_bytes)
    if looks_binary(data):
        raise SourceError("NotText", "binary content that is neither PDF, HTML nor text")
    if kind == "json":
        return load_saved(data, source)
    if kind == "html":
        return parse_html(data, source)
    text = decode_bytes(data)
    return Document(source=source, kind="text", text=text, published=published_date(text))


def load_saved(data: bytes, source: str) -> Document:
    """A Document saved as JSON by ``extractor fetch``: read back as it was, no network."""
    try:
        return Document.model_validate_json(data)
    except ValidationError as exc:
        raise SourceError(
            "NotDocument", f"JSON that is not a saved Document: {exc.errors()[0]['msg']}"
        ) from exc


def expand(path: Path) -> Iterator[Path]:
    """Supported files under a directory, sorted, recursively.

    Where ``fetch`` saved ``x.document.json`` beside ``x.html``, the JSON stands for
    both: it keeps the URL and metadata the raw page may lack.
    """
    if not path.is_dir():
        yield path
        return
    files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
    saved = {
        p.with_name(p.name[: -len(SAVED_SUFFIX)]) for p in files if p.name.endswith(SAVED_SUFFIX)
    }
    for file in files:
        is_raw = file.suffix.lower() in SUPPORTED_SUFFIXES and file.with_suffix("") not in saved
        if file.name.endswith(SAVED_SUFFIX) or is_raw:
            yield file


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


__all__ = ["SUPPORTED_SUFFIXES", "expand", "load_file", "load_saved", "sniff"]
