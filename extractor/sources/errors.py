"""The error of one source, apart from the code that reads sources.

Its own module so that the decoding helpers (``encoding``) and the source
readers (``base`` and the modules of each kind) can all raise it without
importing each other.
"""

from __future__ import annotations

from ..document import DocumentError


class SourceError(Exception):
    """A failure that belongs to one document: becomes its ``errors`` entry, never escapes."""

    def __init__(self, type_: str, message: str, *, stage: str = "parse") -> None:
        super().__init__(message)
        self.type = type_
        self.message = message
        self.stage = stage

    def to_error(self) -> DocumentError:
        return DocumentError(stage=self.stage, type=self.type, message=self.message)
