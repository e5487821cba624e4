"""Collection: URLs, feeds, sitemaps, HTML, PDF and text files -> :class:`Document`.

Nothing here raises for a bad source: the Document carries an ``errors`` entry
(stage ``fetch`` or ``parse``) and empty text, so a batch always goes on.

>>> from extractor.sources import load
>>> load("/no/such/file.txt").errors[0].type
'NotFound'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..document import Document
from .base import Options, SourceError
from .files import SUPPORTED_SUFFIXES, expand, load_file
from .urllists import UrlList, read_url_list
from .web import Fetcher, is_url, iter_fetched

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Fetcher",
    "Options",
    "SourceError",
    "UrlList",
    "discover",
    "iter_documents",
    "load",
    "read_url_list",
]


def load(
    source: str | Path, *, options: Options | None = None, fetcher: Fetcher | None = None
) -> Document:
    """One source (URL, HTML/PDF/text file, or a Document saved by ``fetch``) as a Document."""
    source = str(source)
    if is_url(source):
        if fetcher is not None:
            return fetcher.document(source)
        with Fetcher(options) as own:
            return own.document(source)
    return load_file(source, options)


def iter_documents(
    sources: Iterable[str | Path],
    *,
    feeds: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
    options: Options | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Document]:
    """Documents for files, directories (recursively), URL lists, URLs, and the URLs
    feeds/sitemaps list.

    Lazy and in order: files and directories first as given, then URLs. Duplicate
    paths and URLs (after canonicalisation) are read once. A ``.txt`` file given
    as a source that lists URLs (see :mod:`.urllists`) stands for its URLs, with
    an error Document for each of its lines that is not a URL. A folder that
    cannot be listed is an error Document too.
    """
    options = options or (fetcher.options if fetcher else Options())
    urls: list[str] = []
    seen: set[str] = set()
    for source in sources:
        text = str(source)
        if is_url(text):
            urls.append(text)
            continue
        listed = read_url_list(Path(text))
        if listed is not None:
            urls += (url for _, url in listed.urls)
            yield from listed.errors()
            continue
        for path in expand(Path(text)):
            if isinstance(path, Document):  # a folder we may not list
                yield path
                continue
            key = str(path.resolve())
            if key not in seen:
                seen.add(key)
                yield load_file(path, options)
    feeds, sitemaps = list(feeds), list(sitemaps)
    if urls or feeds or sitemaps:
        for document, _ in iter_fetched(
            urls, feeds=feeds, sitemaps=sitemaps, options=options, fetcher=fetcher
        ):
            yield document


def discover(
    feed: str | None = None,
    sitemap: str | None = None,
    *,
    options: Options | None = None,
    fetcher: Fetcher | None = None,
) -> list[str]:
    """Canonical article URLs listed by a feed and/or a sitemap.

    Raises :class:`SourceError` (type NotXML, NotFeed, HTTPError...) when the feed
    itself cannot be read: there is no Document to carry the error here.
    """
    if fetcher is not None:
        return fetcher.discover(feed=feed, sitemap=sitemap)
    with Fetcher(options) as own:
        return own.discover(feed=feed, sitemap=sitemap)
