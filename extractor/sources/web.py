"""Polite HTTP fetching and feed/sitemap discovery, one Document per URL.

httpx does the transport; this module adds what a crawler of press sites owes
them and itself: robots.txt, a per-host delay, retries with backoff on 5xx and
timeouts, a size cap enforced while streaming, redirect-loop detection, and
conditional requests (ETag / Last-Modified) against a small on-disk cache so
an unchanged page is not downloaded twice.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..document import Document
from .base import Options, SourceError, decode_bytes, decoded_fields, failed, unexpected
from .encoding import decode
from .html import parse_html
from .pdf import is_pdf, parse_pdf
from .pdflimits import PdfLimits

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_AFTER_STATUSES = frozenset({429, 503})  # where RFC 9110 gives Retry-After its meaning
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Fetched:
    """A response body with what is needed to parse and to save it."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    from_cache: bool = False
    attempts: int = 1

    @property
    def is_pdf(self) -> bool:
        return "pdf" in self.content_type or is_pdf(self.body)


def canonical_url(url: str) -> str:
    """http(s) URL normalised by courlan (case, tracking parameters, query order), no fragment.

    >>> canonical_url("HTTPS://Presse.FR/eco/usine.html?utm_source=rss#haut")
    'https://presse.fr/eco/usine.html'
    """
    import courlan

    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise SourceError(
            "NotSupported", f"only http and https URLs are fetched: {url!r}", stage="fetch"
        )
    normalized = courlan.normalize_url(url) or url
    return urlunsplit(urlsplit(normalized)._replace(fragment=""))


def is_url(source: str) -> bool:
    return "://" in source[:16]


class ValidatorCache:
    """ETag/Last-Modified and body per URL on disk: a 304 reuses the saved copy."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        return self.root / f"{key}.json", self.root / f"{key}.body"

    def validators(self, url: str) -> dict[str, str]:
        meta_path, body_path = self._paths(url)
        if not (meta_path.exists() and body_path.exists()):
            return {}
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        headers = {}
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
        return headers

    def saved(self, url: str) -> tuple[dict[str, str], bytes]:
        meta_path, body_path = self._paths(url)
        return json.loads(meta_path.read_text(encoding="utf-8")), body_path.read_bytes()

    def save(self, url: str, response: httpx.Response, body: bytes) -> None:
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if not (etag or modified):
            return
        meta_path, body_path = self._paths(url)
        body_path.write_bytes(body)
        meta = {"etag": etag, "last_modified": modified, "content_type": _content_type(response)}
        meta_path.write_text(json.dumps(meta), encoding="utf-8")


class Fetcher:
    """One HTTP client, robots cache and per-host clock for a whole run."""

    def __init__(
        self,
        options: Options | None = None,
        *,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        """``clock``, ``sleep`` and ``now`` (wall time, for HTTP dates) are the fetcher's
        only ties to time: tests pass their own so that waiting costs nothing."""
        self.options = options or Options()
        self._clock, self._sleep, self._now = clock, sleep, now
        o = self.options
        self.client = client or httpx.Client(
            timeout=httpx.Timeout(o.timeout, connect=o.connect_timeout),
            headers={"User-Agent": o.user_agent, "Accept-Language": "fr,en;q=0.5"},
            follow_redirects=False,
        )
        self.cache = ValidatorCache(o.cache_dir) if o.cache_dir else None
        self._robots: dict[str, RobotFileParser] = {}
        self._last: dict[str, float] = {}
        self.requests = 0

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- documents -------------------------------------------------------------------

    def document(self, url: str) -> Document:
        """The page at ``url`` as a Document; failures are its error, never an exception."""
        return self.fetch_document(url)[0]

    def fetch_document(self, url: str) -> tuple[Document, Fetched | None]:
        try:
            url = canonical_url(url)
            fetched = self.get(url)
        except SourceError as exc:
            return failed(url, exc, kind="url", url=url), None
        except Exception as exc:  # a transport error nobody foresaw must not stop the batch
            return failed(url, unexpected(exc, "fetch"), kind="url", url=url), None
        return to_document(fetched, self.options), fetched

    # -- HTTP ------------------------------------------------------------------------

    def get(self, url: str) -> Fetched:
        """GET following redirects by hand, so loops and robots are checked at every hop."""
        seen: list[str] = []
        current = url
        while True:
            if current in seen:
                raise SourceError(
                    "RedirectLoop", f"redirect loop: {' -> '.join([*seen, current])}", stage="fetch"
                )
            if len(seen) > self.options.max_redirects:
                raise SourceError(
                    "RedirectLoop",
                    f"more than {self.options.max_redirects} redirects",
                    stage="fetch",
                )
            seen.append(current)
            if self.options.respect_robots and not self.allowed(current):
                raise SourceError(
                    "RobotsDisallowed", f"robots.txt forbids {current}", stage="fetch"
                )
            result = self._get_once(current)
            if isinstance(result, Fetched):
                return dataclasses.replace(result, url=url)
            current = canonical_url(urljoin(current, result))

    def _get_once(self, url: str) -> Fetched | str:
        """A response, or the Location to follow; retries 5xx and timeouts with backoff."""
        o = self.options
        attempts = o.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                return self._request(url, attempt)
            except _Retryable as exc:
                if attempt == attempts:
                    raise SourceError(
                        exc.type, f"{exc.message} after {attempt} attempts", stage="fetch"
                    ) from exc
                pause = o.backoff * 2 ** (attempt - 1)
                if exc.retry_after is not None:
                    if exc.retry_after > o.max_retry_after:
                        raise SourceError(
                            exc.type,
                            f"{exc.message}: the server asks to retry in {exc.retry_after:.0f} s, "
                            f"more than the {o.max_retry_after:.0f} s we wait; given up",
                            stage="fetch",
                        ) from exc
                    pause = max(pause, exc.retry_after)
                self._sleep(pause)
        raise AssertionError("unreachable")  # pragma: no cover

    def _request(self, url: str, attempt: int) -> Fetched | str:
        headers = self.cache.validators(url) if self.cache else {}
        self._wait(url)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in REDIRECT_STATUSES:
                    location = response.headers.get("location")
                    if not location:
                        raise SourceError(
                            "HTTPError", f"HTTP {status} without Location", stage="fetch"
                        )
                    return location
                if status == 304 and self.cache and headers:
                    meta, body = self.cache.saved(url)
                    return Fetched(url, url, 304, meta.get("content_type", ""), body, True, attempt)
                if status in RETRY_STATUSES:
                    after = None
                    if status in RETRY_AFTER_STATUSES:
                        after = retry_after(response.headers.get("retry-after"), self._now())
                    raise _Retryable("HTTPError", f"HTTP {status} {response.reason_phrase}", after)
                if status >= 400:
                    raise SourceError(
                        "HTTPError", f"HTTP {status} {response.reason_phrase}", stage="fetch"
                    )
                body = self._read_limited(response)
        except httpx.TimeoutException as exc:
            raise _Retryable("Timeout", f"timed out ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise _Retryable("ConnectionError", f"{type(exc).__name__}: {exc}") from exc
        finally:
            self._last[_host(url)] = self._clock()
            self.requests += 1
        if self.cache:
            self.cache.save(url, response, body)
        return Fetched(
            url, str(response.url), status, _content_type(response), body, False, attempt
        )

    def _read_limited(self, response: httpx.Response) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise SourceError(
                "TooLarge",
                f"Content-Length {declared} exceeds the {limit}-byte limit",
                stage="fetch",
            )
        chunks, total = [], 0
        deadline = self._clock() + self.options.timeout * 4  # a trickling server never times out
        for chunk in response.iter_bytes():
            if self._clock() > deadline:
                raise SourceError("Timeout", "download too slow; aborted", stage="fetch")
            total += len(chunk)
            if total > limit:
                raise SourceError(
                    "TooLarge",
                    f"body exceeds the {limit}-byte limit; download aborted",
                    stage="fetch",
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait(self, url: str) -> None:
        last = self._last.get(_host(url))
        if last is not None and self.options.delay > 0:
            pause = self.options.delay - (self._clock() - last)
            if pause > 0:
                self._sleep(pause)

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host, fetched once; unreachable robots.txt allows."""
        host = _host(url)
        parser = self._robots.get(host)
        if parser is None:
            parser = RobotFileParser(f"{host}/robots.txt")
            try:
                result = self._get_once(f"{host}/robots.txt")
                if isinstance(result, Fetched):
                    parser.parse(decode_bytes(result.body).splitlines())
                else:
                    parser.allow_all = True
            except SourceError as exc:
                parser.disallow_all = "HTTP 401" in exc.message or "HTTP 403" in exc.message
                parser.allow_all = not parser.disallow_all
            self._robots[host] = parser
        return parser.can_fetch(self.options.user_agent, url)

    # -- discovery -------------------------------------------------------------------

    def discover(self, feed: str | None = None, sitemap: str | None = None) -> list[str]:
        """Article URLs listed by a feed (RSS/Atom) and/or a sitemap (index followed)."""
        urls: list[str] = []
        if feed:
            fetched = self.get(canonical_url(feed))
            urls += feed_links(fetched.body, fetched.final_url)
        if sitemap:
            urls += self._sitemap(canonical_url(sitemap), depth=0)
        return _unique(urls)[: self.options.max_discovered]

    def _sitemap(self, url: str, depth: int) -> list[str]:
        fetched = self.get(url)
        pages, children = sitemap_links(fetched.body, fetched.final_url)
        if depth < 2:
            for child in children[:100]:
                if len(pages) >= self.options.max_discovered:
                    break
                pages += self._sitemap(canonical_url(child), depth + 1)
        return pages


class _Retryable(Exception):
    def __init__(self, type_: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.type, self.message, self.retry_after = type_, message, retry_after


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP-date.

    >>> retry_after("120", datetime(2024, 4, 9, tzinfo=timezone.utc))
    120.0
    >>> retry_after("Tue, 09 Apr 2024 08:01:30 GMT", datetime(2024, 4, 9, 8, 0, tzinfo=timezone.utc))
    90.0
    >>> retry_after("bientôt", datetime(2024, 4, 9, tzinfo=timezone.utc)) is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _content_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _unique(urls: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(urls))


def to_document(fetched: Fetched, options: Options | None = None) -> Document:
    """Parse a response by what it is: PDF by type or magic, HTML, or plain text."""
    options = options or Options()
    meta = {"http_status": str(fetched.status), "content_type": fetched.content_type}
    if fetched.from_cache:
        meta["from_cache"] = "true"
    try:
        if fetched.is_pdf:
            doc = parse_pdf(
                fetched.body,
                fetched.url,
                max_pages=options.max_pages,
                max_bytes=options.max_bytes,
                limits=PdfLimits.of(options),
            )
            doc = doc.model_copy(update={"url": fetched.final_url})
        elif (
            fetched.content_type in {"text/html", "application/xhtml+xml", ""}
            or fetched.body[:1024].lstrip()[:1] == b"<"
        ):
            doc = parse_html(fetched.body, fetched.url, url=fetched.final_url)
        elif fetched.content_type.startswith("text/"):
            decoded = decode(fetched.body)
            doc = Document(
                source=fetched.url,
                kind="url",
                text=decoded.text,
                url=fetched.final_url,
                **decoded_fields(decoded),
            )
        else:
            raise SourceError(
                "NotSupported", f"content type {fetched.content_type!r} is not HTML, PDF or text"
            )
    except SourceError as exc:
        return failed(
            fetched.url,
            exc,
            kind="pdf" if fetched.is_pdf else "url",
            url=fetched.final_url,
            metadata=meta,
        )
    except Exception as exc:
        return failed(
            fetched.url, unexpected(exc), kind="url", url=fetched.final_url, metadata=meta
        )
    return doc.model_copy(update={"metadata": {**doc.metadata, **meta}})


# -- feeds and sitemaps -------------------------------------------------------------------


def _xml_root(body: bytes, what: str):  # -> lxml.etree._Element
    from lxml import etree

    if body[:2] == b"\x1f\x8b":
        try:
            body = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, 50_000_000)
        except (zlib.error, gzip.BadGzipFile) as exc:
            raise SourceError("NotXML", f"the {what} is a broken gzip file", stage="fetch") from exc
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise SourceError("NotXML", f"the {what} URL returned an HTML page, not XML", stage="fetch")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError(
            "NotXML", f"the {what} is not well-formed XML: {exc}", stage="fetch"
        ) from exc


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


def feed_links(body: bytes, base_url: str) -> list[str]:
    """Item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, absolute, in feed order."""
    root = _xml_root(body, "feed")
    kind = _local(root.tag)
    links: list[str] = []
    if kind in {"rss", "rdf"}:
        for item in root.iter():
            if _local(item.tag) != "item":
                continue
            link = next((c.text for c in item if _local(c.tag) == "link" and c.text), None)
            if link is None:
                guid = next((c for c in item if _local(c.tag) == "guid" and c.text), None)
                if guid is not None and guid.get("isPermaLink", "true") != "false":
                    link = guid.text
            if link:
                links.append(link.strip())
    elif kind == "feed":
        for entry in root:
            if _local(entry.tag) != "entry":
                continue
            hrefs = [
                c.get("href")
                for c in entry
                if _local(c.tag) == "link"
                and c.get("href")
                and c.get("rel", "alternate") == "alternate"
            ]
            if hrefs:
                links.append(hrefs[0].strip())
    else:
        raise SourceError("NotFeed", f"XML root <{kind}> is neither RSS nor Atom", stage="fetch")
    return _absolute(links, base_url)


def sitemap_links(body: bytes, base_url: str) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) of a sitemap or sitemap index."""
    root = _xml_root(body, "sitemap")
    kind = _local(root.tag)
    if kind not in {"urlset", "sitemapindex"}:
        raise SourceError("NotSitemap", f"XML root <{kind}> is not a sitemap", stage="fetch")
    locs = [el.text.strip() for el in root.iter() if _local(el.tag) == "loc" and el.text]
    locs = _absolute(locs, base_url)
    return (locs, []) if kind == "urlset" else ([], locs)


def _absolute(links: list[str], base_url: str) -> list[str]:
    out = []
    for link in links:
        try:
            out.append(canonical_url(urljoin(base_url, link)))
        except SourceError:
            continue
    return _unique(out)


def iter_fetched(
    urls: Iterable[str],
    *,
    feeds: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
    options: Options | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[tuple[Document, Fetched | None]]:
    """Fetch URLs plus those listed by feeds and sitemaps, each canonical URL once."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(options)
    try:
        seen: set[str] = set()
        for url in _candidates(urls, feeds, sitemaps, fetcher):
            if isinstance(url, Document):
                yield url, None
                continue
            try:
                key = canonical_url(url)
            except SourceError as exc:
                yield failed(url, exc, kind="url"), None
                continue
            if key in seen:
                continue
            seen.add(key)
            yield fetcher.fetch_document(key)
    finally:
        if own:
            fetcher.close()


def _candidates(
    urls: Iterable[str], feeds: Iterable[str], sitemaps: Iterable[str], fetcher: Fetcher
) -> Iterator[str | Document]:
    yield from urls
    for kind, sources in (("feed", feeds), ("sitemap", sitemaps)):
        for source in sources:
            try:
                found = fetcher.discover(**{kind: source})
            except SourceError as exc:
                yield failed(source, exc, kind="url", url=source)
                continue
            except Exception as exc:
                yield failed(source, unexpected(exc, "fetch"), kind="url", url=source)
                continue
            yield from found
