"""Inputs for the collection tests: PDFs built with fpdf2 and a real local HTTP site."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fpdf import FPDF

# -- PDFs ---------------------------------------------------------------------------------

HEADER = "Bulletin du territoire d'industrie - édition de démonstration"
LEFT_LINES = [
    "Le syndicat mixte a présenté jeudi son plan",
    "pour soutenir la relocalisation de l'indus-",
    "trie textile dans la vallée. Trois ateliers",
    "doivent rouvrir avant la fin de l'année. Les",
    "premiers contrats seront signés au printemps",
    "avec les donneurs d'ordre de la région.",
]
RIGHT_LINES = [
    "Côté financement, la Région Provence-",
    "Alpes-Côte d'Azur apporte une subvention",
    "et la chambre de commerce accompagne les",
    "entreprises candidates au dispositif. Un",
    "guichet unique ouvrira en septembre pour",
    "orienter les porteurs de projets.",
]
TOWNS = ["Roubaix", "Cholet", "Mazamet", "Troyes", "Romans", "Tarare", "Elbeuf", "Lavelanet"]
BUDGET_ROWS = [
    ("Fiche 1", "Rénovation de l'atelier de tissage", "150 000 €"),
    ("Fiche 2", "Formation de vingt couturières", "48 500 €"),
    ("Fiche 3", "Étude de marché export", "12 000 €"),
]


class _Bulletin(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, HEADER, align="C")
        self.ln(12)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, f"Page {self.page_no()}/{{nb}}", align="C")


def _bulletin() -> FPDF:
    pdf = _Bulletin()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    return pdf


def _column(pdf: FPDF, x: float, y: float, lines: list[str]) -> None:
    for i, line in enumerate(lines):
        pdf.text(x, y + i * 5.5, line)


def two_column_pdf(pages: int = 3) -> bytes:
    """Running header and footer, a full-width title, two columns, a budget table on page 2."""
    pdf = _bulletin()
    pdf.set_title("Bulletin de démonstration")
    pdf.set_author("Service développement économique")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 5, 17, 9, 30))
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 13)
        town = TOWNS[(number - 1) % len(TOWNS)]
        pdf.text(20, 32, f"Chronique de {town} : l'industrie textile revient")
        pdf.set_font("Helvetica", "", 10)
        _column(pdf, 12, 45, [*LEFT_LINES, f"Prochaine réunion publique à {town}."])
        _column(pdf, 110, 45, [*RIGHT_LINES, f"Contact presse : mairie de {town}."])
        if number == 2:
            pdf.set_xy(12, 100)
            with pdf.table(col_widths=(25, 100, 45)) as table:
                table.row(("N°", "Action", "Budget"))
                for row in BUDGET_ROWS:
                    table.row(row)
    return bytes(pdf.output())


def text_pdf(lines_per_page: list[list[str]], **encryption: str) -> bytes:
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_font("Helvetica", size=11)
    for lines in lines_per_page:
        pdf.add_page()
        for i, line in enumerate(lines):
            pdf.text(20, 30 + 7 * i, line)
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (300, 400), "white"), x=20, y=20, w=150)
    return bytes(pdf.output())


# -- HTML ---------------------------------------------------------------------------------


def press_page(title: str, paragraphs: list[str], *, date: str = "2024-04-09") -> str:
    """An article wrapped in the boilerplate regional press sites carry."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>{title} - La Gazette de démonstration</title>
<meta property="og:site_name" content="La Gazette de démonstration">
<meta name="author" content="Nadia Ferrand">
<meta property="article:published_time" content="{date}T08:00:00+02:00">
</head><body>
<div class="cookie-banner" id="cookies"><p>Ce site utilise des cookies de mesure d'audience.
Acceptez-vous le dépôt de cookies publicitaires ?</p><button>J'accepte</button></div>
<nav class="menu"><ul><li><a href="/">Accueil</a></li><li><a href="/region">Région</a></li>
<li><a href="/eco">Économie</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>{title}</h1>
{body}
<div class="related"><p>À lire aussi : <a href="/eco/b.html">Le port de commerce bat un record de trafic</a></p></div>
</article>
<aside class="sidebar"><h3>Les plus lus</h3><ul><li><a href="/x">Fête de la musique : le programme</a></li>
<li><a href="/y">Les horaires de la déchetterie changent</a></li></ul></aside></main>
<footer><p>© 2024 La Gazette de démonstration - Mentions légales - Gestion des cookies</p></footer>
</body></html>"""


NAV_ONLY = """<!DOCTYPE html><html><head><title>Rubrique économie</title></head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/eco">Économie</a></li></ul></nav>
<footer><p>© 2024 La Gazette</p></footer></body></html>"""


# -- HTTP site ----------------------------------------------------------------------------

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Site:
    """A real server on 127.0.0.1; ``hits`` counts requests and ``sent`` full bodies per path."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def send(
    handler: BaseHTTPRequestHandler,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    headers: dict[str, str] | None = None,
    length: bool = True,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    if length:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def serve(site: Site) -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path
            site.hits[path] += 1
            route = site.routes.get(path.split("?")[0])
            if route is None:
                send(self, b"<h1>Not found</h1>", status=404)
                return
            route(self)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def cached_page(site: Site, path: str, html: str) -> Route:
    """Serve with ETag/Last-Modified and answer 304 to a matching conditional request."""
    etag, modified = '"v1-article"', "Tue, 09 Apr 2024 08:00:00 GMT"

    def route(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        site.sent[path] += 1
        send(handler, html.encode(), headers={"ETag": etag, "Last-Modified": modified})

    return route


def sleepy(seconds: float, body: bytes) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        with contextlib.suppress(OSError):  # the client gave up, as intended
            send(handler, body)

    return route


def big_body(size: int) -> Route:
    """No Content-Length: only counting while streaming can stop it."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        chunk = b"<p>" + b"x" * 1000 + b"</p>\n"
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        try:
            for _ in range(size // len(chunk) + 1):
                handler.wfile.write(chunk)
        except OSError:
            pass

    return route


def redirect(to: str) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def status(code: int) -> Route:
    return lambda handler: send(handler, f"<h1>{code}</h1>".encode(), status=code)


def pdf_bytes_route(data: bytes) -> Route:
    return lambda handler: send(handler, data, content_type="application/pdf")


def raw_pdf(streams: list[bytes]) -> bytes:
    """A minimal PDF written by hand: one page per FlateDecode content stream (zlib data,
    e.g. :func:`flate_bomb`, which fpdf2 cannot write), Helvetica as /F1."""
    n = len(streams)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, data in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(
            f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
            + data
            + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def text_stream(lines: list[str]) -> bytes:
    """Page content showing each line in Helvetica 11, one under the other (zlib data)."""
    import zlib

    ops = [b"BT /F1 11 Tf 14 TL 60 780 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("cp1252") + b") Tj T*")
    ops.append(b"ET")
    return zlib.compress(b"\n".join(ops))


def flate_bomb(inflated: int) -> bytes:
    """zlib data that inflates to ``inflated`` bytes of spaces (valid, empty page content).

    Built without compressing them all: a fully flushed deflate block of 1 MiB of
    spaces does not depend on what came before, so it is compressed once and
    repeated; the Adler-32 checksum is computed over the blocks. Seconds, not minutes.
    """
    import struct
    import zlib

    block = b" " * (1 << 20)
    count = inflated // len(block)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: header and sum by hand
    deflater.compress(block)
    deflater.flush(zlib.Z_FULL_FLUSH)  # the first block may differ; the next ones are alike
    repeated = deflater.compress(block) + deflater.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(count):
        adler = zlib.adler32(block, adler)
    return b"\x78\xda" + repeated * count + deflater.flush() + struct.pack(">I", adler)


def rewrite_xref_offsets(pdf: bytes, shift: int) -> bytes:
    """The same PDF with every offset of its cross-reference table off by ``shift`` bytes:
    a table a careless tool rewrote; the objects themselves are intact."""
    import re

    table = pdf.rindex(b"\nxref") + 1
    return pdf[:table] + re.sub(
        rb"(\d{10}) 00000 n",
        lambda m: b"%010d 00000 n" % (int(m.group(1)) + shift),
        pdf[table:],
    )


def busy_then(status_code: int, retry_after: str, body: bytes, times: int = 1) -> Route:
    """Answer ``status_code`` with ``Retry-After`` the first ``times`` requests, then ``body``."""
    seen = {"n": 0}

    def route(handler: BaseHTTPRequestHandler) -> None:
        seen["n"] += 1
        if seen["n"] <= times:
            send(
                handler, b"<h1>busy</h1>", status=status_code, headers={"Retry-After": retry_after}
            )
        else:
            send(handler, body)

    return route
