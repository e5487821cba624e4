"""``extractor fetch``: download pages once, keep raw bytes and parsed Documents on disk.

A later run re-extracts from DIR without the network: ``load`` and directory
expansion read the saved ``<slug>.document.json`` files.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer

from .common import EXIT_FAILED_DOCUMENTS, AllowFailures

_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(url: str, max_len: int = 80) -> str:
    """File-system-safe, readable and unique name for a URL.

    >>> slug("https://presse.fr/eco/usine-de-batteries.html")
    'presse-fr-eco-usine-de-batteries-html-bb330744'
    """
    parts = urlsplit(url)
    readable = _SLUG_UNSAFE.sub("-", f"{parts.netloc}{parts.path}".lower()).strip("-")[:max_len]
    return f"{readable}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"


FETCH_EXAMPLES = """Examples:

  extractor fetch https://example.org/article.html --out corpus/web/

  extractor fetch --feed https://example.org/rss.xml --sitemap https://example.org/sitemap.xml -o corpus/web/

Exit status 3 when some pages failed (--allow-failures: 0)."""


def register(app: typer.Typer) -> None:
    """Add the ``fetch`` command to the main app."""

    @app.command(epilog=FETCH_EXAMPLES)
    def fetch(
        out: Annotated[
            Path, typer.Option("--out", "-o", help="Directory for raw bytes and Documents.")
        ],
        urls: Annotated[list[str] | None, typer.Argument(help="Article URLs (http/https).")] = None,
        feed: Annotated[list[str] | None, typer.Option("--feed", help="RSS/Atom feed URL.")] = None,
        sitemap: Annotated[list[str] | None, typer.Option("--sitemap", help="Sitemap URL.")] = None,
        delay: Annotated[float, typer.Option(help="Seconds between requests to a host.")] = 1.0,
        timeout: Annotated[float, typer.Option(help="Read timeout in seconds.")] = 20.0,
        retries: Annotated[int, typer.Option(help="Retries on 5xx and timeouts.")] = 2,
        max_bytes: Annotated[
            int, typer.Option(help="Abort downloads larger than this.")
        ] = 50_000_000,
        no_robots: Annotated[
            bool, typer.Option("--no-robots", help="Ignore robots.txt (own sites only).")
        ] = False,
        allow_failures: AllowFailures = False,
    ) -> None:
        """Fetch pages and save DIR/<slug>.html|.pdf plus DIR/<slug>.document.json."""
        from rich.console import Console

        from ..sources.base import Options
        from ..sources.web import Fetcher, iter_fetched

        console = Console(stderr=True)
        if not (urls or feed or sitemap):
            raise typer.BadParameter("give URLs, --feed or --sitemap")
        out.mkdir(parents=True, exist_ok=True)
        options = Options(
            delay=delay,
            timeout=timeout,
            retries=retries,
            max_bytes=max_bytes,
            respect_robots=not no_robots,
            cache_dir=out / ".http-cache",
        )
        ok = failed = 0
        with Fetcher(options) as fetcher:
            for document, fetched in iter_fetched(
                urls or [], feeds=feed or [], sitemaps=sitemap or [], fetcher=fetcher
            ):
                name = slug(document.url or document.source)
                if fetched is not None:
                    suffix = ".pdf" if fetched.is_pdf else ".html"
                    (out / f"{name}{suffix}").write_bytes(fetched.body)
                (out / f"{name}.document.json").write_text(
                    document.model_dump_json(indent=2), encoding="utf-8"
                )
                if document.errors:
                    failed += 1
                    error = document.errors[-1]
                    console.print(f"[red]✗[/red] {document.source}: {error.type}: {error.message}")
                else:
                    ok += 1
                    console.print(
                        f"[green]✓[/green] {document.source} ({len(document.text)} chars)"
                    )
        console.print(f"{ok} saved, {failed} failed -> {out}")
        if failed and not allow_failures:
            raise typer.Exit(EXIT_FAILED_DOCUMENTS)
