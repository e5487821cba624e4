"""Text files that list URLs, one a line: the URLs to fetch, and an error per line that is not one.

A list of fifty URLs with one stray line (a title pasted by mistake, a URL
without its ``https://``) is still a list: the stray line is reported with its
number and the other URLs are fetched. A text that merely cites a URL or two is
an article, not a list: URLs must outnumber the other lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from .base import SourceError, failed
from .encoding import decode

_URL = re.compile(r"https?://\S+$", re.IGNORECASE)
MAX_LIST_BYTES = 20_000_000


@dataclass
class UrlList:
    """The URLs of a list file and its lines that are not URLs, with 1-based line numbers."""

    path: Path
    urls: list[tuple[int, str]] = field(default_factory=list)
    stray: list[tuple[int, str]] = field(default_factory=list)

    def errors(self) -> list[Document]:
        """One failed Document per stray line, named ``file:line`` so the line is found at once."""
        return [
            failed(
                f"{self.path}:{number}",
                SourceError(
                    "NotURL",
                    f"line {number} of {self.path} is not an http(s) URL: {_shorten(line)!r}",
                    stage="fetch",
                ),
                kind="url",
            )
            for number, line in self.stray
        ]


def is_list(urls: int, stray: int) -> bool:
    """URLs and no other line, or at least two URLs and more URLs than other lines.

    >>> is_list(1, 0), is_list(4, 1), is_list(3, 2), is_list(1, 1), is_list(3, 3)
    (True, True, True, False, False)
    """
    return urls > 0 and (stray == 0 or urls >= max(2, stray + 1))


def read_url_list(path: Path) -> UrlList | None:
    """The list in a ``.txt`` file, or None when it is not a URL list (or cannot be read:
    then loading it as a document reports why)."""
    try:
        if path.suffix.lower() != ".txt" or not path.is_file():
            return None
        if path.stat().st_size > MAX_LIST_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    found = UrlList(path)
    for number, raw in enumerate(decode(data).text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if _URL.match(line):
            found.urls.append((number, line))
        else:
            found.stray.append((number, line))
    return found if is_list(len(found.urls), len(found.stray)) else None


def _shorten(line: str, size: int = 80) -> str:
    return line if len(line) <= size else line[: size - 1] + "…"
