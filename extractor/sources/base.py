"""What every loader shares: limits and the one exception turned into a Document error."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..document import Document, DocumentError, SourceKind
from .encoding import Decoded, decode
from .errors import SourceError


@dataclass(frozen=True)
class Options:
    """Limits and politeness for one run; defaults suit a batch over the open web."""

    max_bytes: int = 50_000_000
    max_pages: int = 1000
    max_inflated_bytes: int = 200_000_000  # decoded from one PDF's streams (bombs)
    pdf_seconds: float = 120.0  # to read one PDF
    pdf_page_seconds: float = 30.0  # to read one PDF page; a slower page is skipped
    timeout: float = 20.0
    connect_timeout: float = 5.0
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 300.0  # longest Retry-After honoured; beyond it, give up
    delay: float = 1.0
    max_redirects: int = 10
    respect_robots: bool = True
    cache_dir: Path | None = None
    user_agent: str = "territoires-extractor/0.1 (+https://github.com/; research crawler)"
    max_discovered: int = 10_000


def failed(
    source: str, error: SourceError, kind: SourceKind = "text", **fields: object
) -> Document:
    """The Document standing for a source that could not be read: empty text, one error."""
    return Document(source=source, kind=kind, errors=[error.to_error()], **fields)  # type: ignore[arg-type]


def unexpected(exc: BaseException, stage: str = "parse") -> SourceError:
    """Wrap a library exception we did not foresee, keeping its class name as the type."""
    return SourceError(type(exc).__name__, str(exc) or repr(exc), stage=stage)


_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """NUL bytes or many control bytes: not a text or HTML file, whatever the extension."""
    head = data[:sample]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in head)
    return controls > len(head) * 0.05


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Bytes to text (see :func:`.encoding.decode`); for callers that keep no Document.

    >>> decode_bytes("Alès, épargne".encode("cp1252"))
    'Alès, épargne'
    """
    return decode(data, declared).text


def decoded_fields(decoded: Decoded) -> dict[str, Any]:
    """Document fields saying a text was repaired: a warning, not an error (facts are kept)."""
    if not decoded.changed:
        return {}
    note = decoded.note()
    return {
        "warnings": [DocumentError(stage="parse", type="RepairedEncoding", message=note)],
        "metadata": {"encoding": note},
    }


def declared_html_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None
