"""HTTP collection against a real server on 127.0.0.1: politeness, cache, limits, failures."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone

import pytest
from sources_fixtures import (
    NAV_ONLY,
    Site,
    big_body,
    busy_then,
    cached_page,
    pdf_bytes_route,
    press_page,
    redirect,
    send,
    serve,
    sleepy,
    status,
    two_column_pdf,
)
from typer.testing import CliRunner

from extractor.sources import Fetcher, Options, SourceError, discover, iter_documents, load
from extractor.sources.web import canonical_url

USINE = press_page(
    "Quimper : la conserverie agrandit son site et recrute 60 personnes",
    [
        "La conserverie familiale investit 14 millions d'euros dans une nouvelle ligne de production "
        "sur la zone de Kerdroniou, annonce sa direction.",
        "Soixante personnes seront recrutées d'ici 2026. Quimper Bretagne Occidentale a cédé le "
        "terrain voisin et la Région accorde une avance de 900 000 euros.",
    ],
)
SIGNATURE = press_page(
    "Le protocole Territoires d'industrie signé à Lannion",
    [
        "Le sous-préfet et les présidents des intercommunalités ont signé vendredi le protocole "
        "Territoires d'industrie du Trégor pour la période 2023-2027.",
        "Le document recense quinze fiches actions, dont un centre de formation à la photonique "
        "estimé à 2,4 millions d'euros.",
    ],
)


def _rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>t</title><link>{base}{path}</link></item>"
        for path in (
            "/articles/usine.html?utm_source=rss",
            "/articles/signature.html",
            "/articles/usine.html",
        )
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Éco</title>{items}</channel></rss>'.encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
<entry><title>a</title><link rel="alternate" href="/articles/signature.html"/></entry>
<entry><title>b</title><link href="/articles/usine.html"/><link rel="enclosure" href="/img.jpg"/></entry></feed>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/sitemap-articles.xml</loc></sitemap></sitemapindex>"""
URLSET = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>/articles/signature.html</loc></url><url><loc>/articles/usine.html</loc></url></urlset>"""


@pytest.fixture(scope="module")
def site():
    site = Site()
    server, _ = serve(site)
    site.routes.update(
        {
            "/robots.txt": lambda h: send(h, b"User-agent: *\nDisallow: /private/\n", "text/plain"),
            "/articles/usine.html": cached_page(site, "/articles/usine.html", USINE),
            "/articles/signature.html": lambda h: send(h, SIGNATURE.encode()),
            "/private/interne.html": lambda h: send(h, USINE.encode()),
            "/rubrique.html": lambda h: send(h, NAV_ONLY.encode()),
            "/feed.xml": lambda h: send(h, _rss(site.base), "application/rss+xml"),
            "/atom.xml": lambda h: send(h, ATOM, "application/atom+xml"),
            "/broken-feed.xml": lambda h: send(
                h, b"<rss><channel><item>oops</channel>", "application/rss+xml"
            ),
            "/html-feed.xml": lambda h: send(h, USINE.encode(), "text/html"),
            "/sitemap.xml": lambda h: send(h, INDEX, "application/xml"),
            "/sitemap-articles.xml": lambda h: send(h, URLSET, "application/xml"),
            "/error500": status(500),
            "/forbidden": status(403),
            "/slow": sleepy(1.5, USINE.encode()),
            "/loop-a": redirect("/loop-b"),
            "/loop-b": redirect("/loop-a"),
            "/moved": redirect("/articles/signature.html"),
            "/big": big_body(1_000_000),
            "/protocole": pdf_bytes_route(two_column_pdf(pages=2)),
            "/logo.png": lambda h: send(h, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"),
        }
    )
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def options(tmp_path):
    return Options(
        delay=0,
        retries=2,
        backoff=0.01,
        timeout=0.5,
        connect_timeout=0.5,
        max_bytes=200_000,
        cache_dir=tmp_path,
    )


def test_article_main_text_and_metadata(site, options):
    document = load(site.url("/articles/signature.html"), options=options)
    assert not document.errors and document.kind == "html"
    assert "quinze fiches actions" in document.text
    for boilerplate in ("cookies", "Accueil", "À lire aussi", "Les plus lus", "Mentions légales"):
        assert boilerplate not in document.text
    assert document.url == site.url("/articles/signature.html")
    assert document.sitename == "La Gazette de démonstration"
    assert document.metadata["http_status"] == "200"


def test_unchanged_page_is_not_downloaded_twice(site, options):
    url = site.url("/articles/usine.html")
    before = site.sent["/articles/usine.html"]
    first = load(url, options=options)
    second = load(url, options=options)  # new fetcher, same on-disk cache
    assert site.sent["/articles/usine.html"] == before + 1
    assert first.metadata["http_status"] == "200"
    assert second.metadata["http_status"] == "304" and second.metadata["from_cache"] == "true"
    assert second.text == first.text and "60 personnes" in second.text


@pytest.mark.parametrize(
    ("path", "error_type"),
    [
        ("/absent.html", "HTTPError"),
        ("/forbidden", "HTTPError"),
        ("/private/interne.html", "RobotsDisallowed"),
        ("/slow", "Timeout"),
        ("/loop-a", "RedirectLoop"),
        ("/big", "TooLarge"),
        ("/rubrique.html", "NoArticle"),
        ("/logo.png", "NotSupported"),
    ],
    ids=["404", "403", "robots", "timeout", "redirect-loop", "too-large", "no-article", "image"],
)
def test_failures_are_documents_with_one_error(site, options, path, error_type):
    document = load(site.url(path), options=options.__class__(**{**options.__dict__, "retries": 0}))
    assert [e.type for e in document.errors] == [error_type], document.errors
    assert document.text == "" and document.errors[0].message


def test_server_errors_are_retried_then_reported(site, options):
    before = site.hits["/error500"]
    document = load(site.url("/error500"), options=options)
    assert site.hits["/error500"] - before == 3  # first try + 2 retries
    assert document.errors[0].type == "HTTPError" and "500" in document.errors[0].message
    assert "3 attempts" in document.errors[0].message


def test_timeouts_are_retried(site, options):
    before = site.hits["/slow"]
    document = load(
        site.url("/slow"), options=options.__class__(**{**options.__dict__, "retries": 1})
    )
    assert document.errors[0].type == "Timeout"
    assert site.hits["/slow"] - before == 2


def test_redirect_is_followed(site, options):
    document = load(site.url("/moved"), options=options)
    assert not document.errors and "Lannion" in document.title


def test_pdf_response_goes_to_pdf_parser(site, options):
    document = load(site.url("/protocole"), options=options)
    assert not document.errors
    assert document.kind == "pdf" and len(document.page_starts) == 2
    assert "relocalisation de l'industrie textile" in document.text


def test_feed_rss_atom_and_sitemap_discovery(site, options):
    expected = {site.url("/articles/usine.html"), site.url("/articles/signature.html")}
    with Fetcher(options) as fetcher:
        rss = discover(feed=site.url("/feed.xml"), fetcher=fetcher)
        atom = discover(feed=site.url("/atom.xml"), fetcher=fetcher)
        sitemap = discover(sitemap=site.url("/sitemap.xml"), fetcher=fetcher)
    assert sorted(rss) == sorted(expected)  # tracking parameter and duplicate dropped
    assert set(atom) == expected and len(atom) == 2
    assert set(sitemap) == expected


@pytest.mark.parametrize(
    "path", ["/broken-feed.xml", "/html-feed.xml"], ids=["malformed", "html-page"]
)
def test_feed_that_is_not_xml(site, options, path):
    with pytest.raises(SourceError) as info:
        discover(feed=site.url(path), options=options)
    assert info.value.type == "NotXML"
    documents = list(iter_documents([], feeds=[site.url(path)], options=options))
    assert [d.errors[0].type for d in documents] == ["NotXML"]


def test_iter_documents_dedupes_urls_across_sources(site, options):
    sources = [site.url("/articles/usine.html#commentaires"), site.url("/articles/signature.html")]
    documents = list(iter_documents(sources, feeds=[site.url("/feed.xml")], options=options))
    assert [d.source for d in documents] == [canonical_url(s) for s in sources]


def test_polite_delay_between_requests_to_one_host(site, options):
    with Fetcher(options.__class__(**{**options.__dict__, "delay": 0.3})) as fetcher:
        started = time.perf_counter()
        for path in ("/articles/signature.html", "/moved"):
            fetcher.document(site.url(path))
        # robots.txt + 3 pages (one redirect hop): at least 3 pauses
        assert time.perf_counter() - started >= 0.9


@pytest.mark.parametrize(
    "url",
    ["ftp://exemple.fr/a.pdf", "file:///etc/passwd", "javascript:alert(1)"],
    ids=["ftp", "file", "js"],
)
def test_only_http_urls(url):
    with pytest.raises(SourceError):
        canonical_url(url)


def test_fetch_command_saves_raw_and_document_for_offline_reuse(site, tmp_path):
    from extractor.cli import app

    out = tmp_path / "out"
    args = [
        "fetch",
        site.url("/articles/signature.html"),
        site.url("/protocole"),
        site.url("/absent.html"),
    ]
    result = CliRunner().invoke(app, [*args, "--out", str(out), "--delay", "0", "--retries", "0"])
    assert result.exit_code == 3, result.output  # one page failed (404): named, exit 3
    saved = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len([n for n in saved if n.endswith(".document.json")]) == 3
    assert (
        len([n for n in saved if n.endswith(".html")]) == 1
        and len([n for n in saved if n.endswith(".pdf")]) == 1
    )
    offline = list(iter_documents([out]))
    assert sorted(d.url for d in offline) == sorted(args[1:])
    by_url = {d.url: d for d in offline}
    assert "quinze fiches actions" in by_url[site.url("/articles/signature.html")].text
    assert by_url[site.url("/absent.html")].errors[0].type == "HTTPError"
    pdf_json = next(out.glob("*protocole*.document.json"))
    assert json.loads(pdf_json.read_text(encoding="utf-8"))["page_starts"][0] == 0
    assert next(out.glob("*protocole*.pdf")).read_bytes().startswith(b"%PDF-")


def test_url_list_with_stray_lines_fetches_the_urls_and_names_the_other_lines(
    site, options, tmp_path
):
    listing = tmp_path / "a-lire.txt"
    listing.write_text(
        "# revue de presse\n"
        f"{site.url('/articles/usine.html')}\n"
        "Le sommaire du jour\n"
        f"{site.url('/articles/signature.html')}\n"
        "www.presse.fr/eco/usine.html\n"
        f"{site.url('/moved')}\n",
        encoding="utf-8",
    )
    documents = list(iter_documents([listing], options=options))
    failed = {d.source: d.errors[0] for d in documents if d.errors}
    assert set(failed) == {f"{listing}:3", f"{listing}:5"}
    assert {e.type for e in failed.values()} == {"NotURL"}
    assert "www.presse.fr/eco/usine.html" in failed[f"{listing}:5"].message
    fetched = [d for d in documents if not d.errors]
    assert sorted(d.url for d in fetched) == [
        site.url("/articles/signature.html"),  # /moved lands here
        site.url("/articles/signature.html"),
        site.url("/articles/usine.html"),
    ]


NOW = datetime(2024, 4, 9, 8, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("status_code", "header", "waited"),
    [(503, "120", 120.0), (429, "Tue, 09 Apr 2024 08:01:30 GMT", 90.0)],
    ids=["503-seconds", "429-http-date"],
)
def test_retry_after_is_honoured(site, options, status_code, header, waited):
    path = f"/busy-{status_code}"
    site.routes[path] = busy_then(status_code, header, USINE.encode())
    slept: list[float] = []
    with Fetcher(options, sleep=slept.append, now=lambda: NOW) as fetcher:
        document = fetcher.document(site.url(path))
    assert not document.errors and "conserverie" in document.text
    assert slept == [waited] and site.hits[path] == 2


def test_retry_after_beyond_the_longest_wait_gives_up_at_once(site, options):
    site.routes["/maintenance"] = busy_then(503, "7200", USINE.encode(), times=10)
    slept: list[float] = []
    with Fetcher(options, sleep=slept.append, now=lambda: NOW) as fetcher:
        document = fetcher.document(site.url("/maintenance"))
    assert [e.type for e in document.errors] == ["HTTPError"]
    assert "7200 s" in document.errors[0].message and "300 s" in document.errors[0].message
    assert slept == [] and site.hits["/maintenance"] == 1
