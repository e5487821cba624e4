"""The document type every source returns and the extractor reads.

Kept apart from both the collection code and the NLP code so that neither
imports the other.
"""

from __future__ import annotations

import bisect
import hashlib
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

SourceKind = Literal["text", "html", "pdf", "url"]


class DocumentError(BaseModel):
    """What failed for one document, and why; the batch goes on.

    The same shape serves as a warning (``Document.warnings``): something was
    repaired, the text and its facts are still good.
    """

    stage: str = Field(description="fetch, parse, extract, store...")
    type: str = Field(description="short machine-readable reason, e.g. HTTPError, EncryptedPDF")
    message: str


class Document(BaseModel):
    """Clean text plus metadata, whatever the origin (URL, HTML, PDF, text file)."""

    source: str = Field(description="URL or file path the text came from")
    text: str = ""
    kind: SourceKind = "text"
    title: str | None = None
    published: date | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    page_starts: list[int] = Field(
        default_factory=list,
        description="character offset where each PDF page starts in `text` (page 1 first)",
    )
    metadata: dict[str, str] = Field(default_factory=dict)
    errors: list[DocumentError] = Field(default_factory=list)
    warnings: list[DocumentError] = Field(
        default_factory=list,
        description="what was repaired on the way (bad bytes, a rebuilt PDF table); the facts stand",
    )

    @property
    def content_hash(self) -> str:
        """Hash of what the extractor reads: same text and title, same facts."""
        h = hashlib.sha256()
        h.update((self.title or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
        h.update(self.text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def page_of(self, offset: int) -> int | None:
        """1-based page number of a character offset, for PDFs."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))
