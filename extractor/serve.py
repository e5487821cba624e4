"""The observatory: Datasette over the store, read-only, with packaged French metadata.

People who work from spreadsheets browse, filter, search and download the facts
in a web page, without a line of SQL and without a hand-written web UI:
Datasette serves the store's French views (schema 3, :mod:`.store.views`) with
the titles, column labels, facets, sort orders, full-text search and canned
queries of ``serve_metadata.yaml`` (shipped in the package). This module adds
only what needs Python: links from a row to its document and its briefing page,
two SQL functions for the canned queries, and the server itself.

Nothing is writable from the page: every request but GET and HEAD is refused
before Datasette sees it, the store is opened ``mode=ro`` (Datasette's read
connections for a file that may still change, so a batch may run while the
page is open), no canned query writes, and Datasette 0.x has no write API (the
pin keeps it so). The server binds to loopback unless told otherwise.
"""

from __future__ import annotations

import asyncio
import ipaddress
import mimetypes
import sqlite3
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from datasette import Response, hookimpl
from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm
from markupsafe import Markup, escape

from .briefing.formatting import format_eur, format_eur_full
from .components.folding import fold

DATABASE = "observatoire"
METADATA = "serve_metadata.yaml"
BRIEFINGS_MOUNT = "briefings"
PLUGIN_NAME = "extractor-observatory"
READ_METHODS = ("GET", "HEAD")
#: columns of the views that hold euros (shown as "38 M€", the exact figure on hover)
EURO_COLUMNS = frozenset(
    {"montant_eur", "montant_max_eur", "investissement_eur", "aide_eur", "budget_eur"}
)
#: Datasette settings: short cells (documents carry their whole text), no file download
SETTINGS = {
    "default_page_size": 50,
    "truncate_cells_html": 240,
    "sql_time_limit_ms": 3000,
    "allow_download": False,
    "suggest_facets": False,
}


#: the column descriptions of the metadata are labels: on hover, and in a closed list;
#: the evidence sentence and the document get room to be read
FOLD_COLUMN_LABELS = """
const style = document.createElement("style");
style.textContent = "td.col-phrase { min-width: 26em } td.col-document { min-width: 12em }";
document.head.append(style);
for (const th of document.querySelectorAll("th[data-column-description]")) {
  th.title = th.dataset.columnDescription;
}
const labels = document.querySelector("dl.column-descriptions");
if (labels) {
  const box = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = "Colonnes : ce que dit chacune";
  labels.replaceWith(box);
  box.append(summary, labels);
}
"""


class ServeError(Exception):
    """The observatory cannot start: no store, a store too new, no briefings folder."""


def is_loopback(host: str) -> bool:
    """True when only this machine can reach ``host``.

    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "192.168.1.5")]
    [True, True, True, False, False]
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def search_key(text: str) -> str:
    """How the canned queries compare names: folded, dashes as spaces.

    >>> search_key("Hauts-de-France") == search_key("hauts de france")
    True
    """
    return " ".join(fold(text).replace("-", " ").split())


def matches_place(names: str | None, codes: str | None, wanted: str | None) -> int:
    """SQL ``matches_place``: 1 when ``wanted`` is empty or is one of the names or codes.

    A place inside several départements lists them (names joined by `` / ``,
    codes by ``,``), and matches each.

    >>> matches_place("Vosges / Haute-Saône", "88,70", "haute saone")
    1
    >>> matches_place("Vosges", "88", "70"), matches_place(None, None, ""), matches_place(None, None, "x")
    (0, 1, 0)
    """
    if not wanted or not wanted.strip():
        return 1
    key = search_key(wanted)
    if names and key in {search_key(n) for n in names.split(" / ")}:
        return 1
    return int(bool(codes) and wanted.strip() in codes.split(","))


def name_contains(name: str | None, wanted: str | None) -> int:
    """SQL ``name_contains``: 1 when ``wanted`` is empty or inside ``name`` (folded).

    >>> name_contains("Bpifrance", "BPI"), name_contains(None, "bpi"), name_contains("Verallia", "")
    (1, 0, 1)
    """
    if not wanted or not wanted.strip():
        return 1
    return int(bool(name) and search_key(wanted) in search_key(name))


def load_metadata(briefings: Path | None = None) -> dict[str, Any]:
    """The packaged metadata, with the briefings link when pages are served."""
    text = files("extractor").joinpath(METADATA).read_text(encoding="utf-8")
    metadata = yaml.safe_load(text)
    if briefings is not None:
        metadata["description_html"] += (
            f'<p>Fiches écrites par <code>extractor brief</code> : <a href="/{BRIEFINGS_MOUNT}/'
            'digest.md">la synthèse du dernier passage</a> ; chaque document renvoie à la '
            "sienne.</p>"
        )
    return metadata


def briefing_page(briefings: Path, source: str, title: str | None) -> str | None:
    """Path of a document's briefing page under ``briefings``, when one was written."""
    from .briefing.views import document_slug
    from .records import Record

    relative = f"documents/{document_slug(Record(source=source, title=title))}.md"
    return relative if (briefings / relative).is_file() else None


class Observatory:
    """The Datasette plugin of the observatory (hooks on an instance: it knows the folder)."""

    def __init__(self, briefings: Path | None = None) -> None:
        self.briefings = briefings
        self.__name__ = PLUGIN_NAME  # Datasette lists plugins by module name; not importable

    @hookimpl
    def prepare_connection(self, conn: sqlite3.Connection) -> None:
        conn.create_function("matches_place", 3, matches_place, deterministic=True)
        conn.create_function("name_contains", 2, name_contains, deterministic=True)

    @hookimpl
    def extra_body_script(self, database):
        """Column labels as header tooltips, their full list folded away under the table's title."""
        return FOLD_COLUMN_LABELS if database == DATABASE else None

    @hookimpl
    def asgi_wrapper(self):
        """Refuse every method but GET and HEAD before Datasette sees it: nothing to write."""

        def wrap(app):
            async def read_only(scope, receive, send):
                if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                    response = Response.text(
                        "Observatoire en lecture seule : aucune écriture possible.\n",
                        status=405,
                        headers={"Allow": ", ".join(READ_METHODS)},
                    )
                    await response.asgi_send(send)
                    return
                await app(scope, receive, send)

            return read_only

        return wrap

    @hookimpl
    def render_cell(self, row, value, column, table, database, datasette):
        """Euros written the French way; a document's title links to its row and briefing."""
        if database != DATABASE or value is None:
            return None
        keys = row.keys()
        if isinstance(value, (int, float)) and (
            column in EURO_COLUMNS or (column == "valeur" and _get(row, "type_fait") == "montant")
        ):
            return Markup(f'<span title="{format_eur_full(value)}">{format_eur(value)}</span>')
        if table == "documents" and column == "title" and "id" in keys:
            return self._document_link(datasette, row["id"], value)
        if column == "document" and "document_id" in keys and row["document_id"] is not None:
            return self._document_link(datasette, row["document_id"], value)
        return None

    async def _document_link(self, datasette: Datasette, document_id: int, label: str) -> Markup:
        href = datasette.urls.row(DATABASE, "documents", str(document_id))
        html = f'<a href="{escape(href)}">{escape(label)}</a>'
        if self.briefings is not None:
            db = datasette.get_database(DATABASE)
            found = (
                await db.execute("SELECT source, title FROM documents WHERE id = ?", [document_id])
            ).first()
            page = found and briefing_page(self.briefings, found["source"], found["title"])
            if page:
                href = f"/{BRIEFINGS_MOUNT}/{page}"
                html += f' · <a class="fiche" href="{escape(href)}">fiche</a>'
        return Markup(html)


def _get(row: sqlite3.Row, column: str) -> Any:
    return row[column] if column in row.keys() else None  # noqa: SIM118 (Row: in = values)


def prepare_store(store: Path) -> None:
    """Bring the store to the current schema (views, search) before serving it read-only."""
    from .store import Store, StoreError

    if not store.is_file():
        raise ServeError(f"no store at {store}: run `extractor batch ... --store {store}` first")
    try:
        Store(store, create=False).close()
    except (StoreError, sqlite3.DatabaseError) as exc:
        raise ServeError(f"cannot open the store {store}: {exc}") from exc


def make_datasette(store: Path, *, briefings: Path | None = None) -> Datasette:
    """A Datasette over ``store`` (read-only) with the observatory's metadata and plugin."""
    if briefings is not None and not briefings.is_dir():
        raise ServeError(f"no briefings folder at {briefings}: run `extractor brief` first")
    prepare_store(store)
    if pm.get_plugin(PLUGIN_NAME) is not None:
        pm.unregister(name=PLUGIN_NAME)
    pm.register(Observatory(briefings), name=PLUGIN_NAME)
    mounts = []
    if briefings is not None:
        # briefings are markdown: shown as text in the browser, not downloaded
        mimetypes.add_type("text/plain; charset=utf-8", ".md")
        mounts.append((BRIEFINGS_MOUNT, str(briefings.resolve())))
    # Datasette 0.65 prints each handled error with rich, outside an ``except`` block for
    # a refused POST, which rich >= 13 turns into a 500: keep its plain error pages.
    # (Imported only now: imported before datasette.plugins, its hook would be lost.)
    import datasette.handle_exception

    datasette.handle_exception.rich = None
    ds = Datasette(
        [],
        metadata=load_metadata(briefings),
        settings=SETTINGS,
        static_mounts=mounts,
    )
    ds.remove_database("_memory")
    ds.add_database(Database(ds, path=str(store.resolve()), is_mutable=True), name=DATABASE)
    return ds


def serve(
    store: Path, *, host: str = "127.0.0.1", port: int = 8001, briefings: Path | None = None
) -> None:
    """Serve the observatory until interrupted."""
    import uvicorn

    ds = make_datasette(store, briefings=briefings)
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
