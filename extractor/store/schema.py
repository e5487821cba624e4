"""The store's schema: tables, migrations, and how a record maps to rows.

Schema (version in ``PRAGMA user_version``; :data:`MIGRATIONS` takes a store
from version *i* to *i + 1*, each script in one transaction):

``documents``
    one row per source (``source`` unique): ``content_hash`` (of what the
    extractor read), ``pipeline_version``, ``kind``, ``title``, ``published``
    (ISO date), ``fetched_at``, ``extracted_at`` (ISO UTC), ``run_id`` (the run
    that last extracted it), ``metadata`` (JSON: author, sitename, url...),
    ``text`` and ``errors`` (JSON list of DocumentError; ``[]`` when fine).
``facts``
    one row per fact, ``document_id`` → documents ON DELETE CASCADE; ``list``
    is ``territory|amount|job|actor|organization``; ``value``/``value_max``
    hold an amount's euros or a job count; evidence in ``text``, ``start``,
    ``end``, ``sentence``, ``page``; any field without a column (an actor's
    ``aliases``, fields added to the records later) goes to ``extra`` (JSON),
    so records rebuild losslessly.
    Amounts and job counts carry their links (schema 2): ``purpose``,
    ``organization``, ``territory`` with its ``territory_canonical_name``,
    ``territory_code`` and ``territory_kind``, ``part_of`` (the index, in the
    same list of the same document, of the total this figure is a part of) and
    ``event``; the words that decided them go to ``extra`` under ``cues``.
``projects``
    one row per project of a document (schema 2), ``document_id`` → documents
    ON DELETE CASCADE: ``kind``, ``organization``, ``territory`` (+ canonical
    name, code, kind), ``date``, totals (``investment_eur``, ``aid_eur``,
    ``budget_eur``, ``jobs_new``, ``jobs_lost``), ``cue``, ``amounts``/``jobs``
    (JSON lists of indices into the document's amounts and jobs) and evidence.
``runs``
    one row per batch run: ``started_at``, ``finished_at`` (NULL while running
    or when the run was killed), ``engine``, ``workers`` and counts (``new``,
    ``updated``, ``skipped``, ``failed``, ``facts`` JSON per list), updated at
    every commit.

Schema 3 makes the store readable by people (``extractor serve``, any SQLite
browser): every fact and project row carries the parents of its place
(:mod:`.places`: ``epci_*``, ``departement_*``, ``region_*``,
``industry_territory``) and every fact its ``list_index`` (its position in its
list of the record, what ``part_of`` and a project's ``amounts``/``jobs``
point at); French views join them to their documents (:data:`VIEWS`); FTS5
tables ``documents_fts`` (title, text) and ``facts_fts`` (names, organization,
territory, sentence) index the text, kept in sync by triggers, so any writer
(the batch, a test, a script) keeps them right.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from pydantic import BaseModel

from ..document import Document
from ..records import Actor, Amount, Job, Organization, Project, Record, Territory
from .places import PLACE_COLUMNS, parent_columns
from .views import FTS_SQL, VIEWS_SQL

#: singular list name in the store → (Record field, fact model)
LISTS: dict[str, tuple[str, type[BaseModel]]] = {
    "territory": ("territories", Territory),
    "amount": ("amounts", Amount),
    "job": ("jobs", Job),
    "actor": ("actors", Actor),
    "organization": ("organizations", Organization),
}
#: record field → singular list name
LIST_OF_FIELD = {field: name for name, (field, _) in LISTS.items()}

MIGRATIONS: list[str] = [
    # 1: initial schema
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        engine TEXT,
        workers INTEGER,
        new INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        facts TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL UNIQUE,
        content_hash TEXT,
        pipeline_version TEXT,
        kind TEXT,
        title TEXT,
        published TEXT,
        fetched_at TEXT,
        extracted_at TEXT,
        run_id INTEGER REFERENCES runs(id),
        metadata TEXT NOT NULL DEFAULT '{}',
        text TEXT NOT NULL DEFAULT '',
        errors TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX documents_content_hash ON documents(content_hash);
    CREATE INDEX documents_run ON documents(run_id);
    CREATE TABLE facts (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        list TEXT NOT NULL
            CHECK (list IN ('territory', 'amount', 'job', 'actor', 'organization')),
        name TEXT,
        value REAL,
        value_max REAL,
        kind TEXT,
        qualifier TEXT,
        role TEXT,
        organization TEXT,
        canonical_name TEXT,
        code TEXT,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        sentence TEXT,
        page INTEGER,
        extra TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX facts_list_name ON facts(list, name);
    CREATE INDEX facts_document ON facts(document_id);
    """,
    # 2: linked facts (what an amount or a job count is, whose, where) and projects
    """
    ALTER TABLE facts ADD COLUMN purpose TEXT;
    ALTER TABLE facts ADD COLUMN territory TEXT;
    ALTER TABLE facts ADD COLUMN territory_canonical_name TEXT;
    ALTER TABLE facts ADD COLUMN territory_code TEXT;
    ALTER TABLE facts ADD COLUMN territory_kind TEXT;
    ALTER TABLE facts ADD COLUMN part_of INTEGER;
    ALTER TABLE facts ADD COLUMN event TEXT;
    CREATE INDEX facts_list_purpose ON facts(list, purpose);
    CREATE INDEX facts_territory_code ON facts(territory_code);
    CREATE TABLE projects (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        organization TEXT,
        territory TEXT,
        territory_canonical_name TEXT,
        territory_code TEXT,
        territory_kind TEXT,
        date TEXT,
        investment_eur REAL,
        aid_eur REAL,
        budget_eur REAL,
        jobs_new INTEGER,
        jobs_lost INTEGER,
        cue TEXT,
        amounts TEXT NOT NULL DEFAULT '[]',
        jobs TEXT NOT NULL DEFAULT '[]',
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        sentence TEXT,
        page INTEGER
    );
    CREATE INDEX projects_document ON projects(document_id);
    CREATE INDEX projects_territory_code ON projects(territory_code);
    """,
    # 3: readable store: parents of places, list positions, French views, full-text search
    "".join(f"ALTER TABLE facts ADD COLUMN {c} TEXT;\n" for c in PLACE_COLUMNS)
    + "".join(f"ALTER TABLE projects ADD COLUMN {c} TEXT;\n" for c in PLACE_COLUMNS)
    + """
    ALTER TABLE facts ADD COLUMN list_index INTEGER;
    CREATE INDEX facts_document_list_index ON facts(document_id, list, list_index);
    CREATE INDEX facts_departement ON facts(departement_code);
    CREATE INDEX facts_region ON facts(region_code);
    """
    + FTS_SQL
    + VIEWS_SQL,
]
SCHEMA_VERSION = len(MIGRATIONS)


def _fill_schema_3(conn: sqlite3.Connection) -> None:
    """Rows written before schema 3 get their list positions and the parents of their place."""
    conn.execute(
        "UPDATE facts SET list_index = r.n FROM (SELECT id, ROW_NUMBER() OVER"
        " (PARTITION BY document_id, list ORDER BY id) - 1 AS n FROM facts) AS r"
        " WHERE r.id = facts.id"
    )
    sets = ", ".join(f"{c} = ?" for c in PLACE_COLUMNS)
    for table, where, place in _PLACE_OF_ROW:
        keys = conn.execute(f"SELECT DISTINCT {place} FROM {table} WHERE {where}").fetchall()
        for kind, code, name in keys:
            conn.execute(
                f"UPDATE {table} SET {sets} WHERE {where} AND ({place}) IS (?, ?, ?)",
                (*parent_columns(kind, code, name), kind, code, name),
            )


#: (table, rows that have a place, SQL of its (kind, code, name))
_PLACE_OF_ROW = (
    (
        "facts",
        "list IN ('amount', 'job') AND territory_kind IS NOT NULL",
        "territory_kind, territory_code, COALESCE(territory_canonical_name, territory)",
    ),
    ("facts", "list = 'territory'", "kind, code, COALESCE(canonical_name, name)"),
    (
        "projects",
        "territory_kind IS NOT NULL",
        "territory_kind, territory_code, COALESCE(territory_canonical_name, territory)",
    ),
)

#: Python steps run right after the SQL of the migration to that version, in its transaction
BACKFILLS: dict[int, Callable[[sqlite3.Connection], None]] = {3: _fill_schema_3}

FACT_COLUMNS = (
    "name",
    "value",
    "value_max",
    "kind",
    "qualifier",
    "role",
    "organization",
    "canonical_name",
    "code",
    "text",
    "start",
    "end",
    "sentence",
    "page",
    "purpose",
    "territory",
    "territory_canonical_name",
    "territory_code",
    "territory_kind",
    "part_of",
    "event",
    "extra",
)
#: one row per project (the record's ``projects``); ``amounts``/``jobs`` are JSON lists
PROJECT_COLUMNS = (
    "kind",
    "organization",
    "territory",
    "territory_canonical_name",
    "territory_code",
    "territory_kind",
    "date",
    "investment_eur",
    "aid_eur",
    "budget_eur",
    "jobs_new",
    "jobs_lost",
    "cue",
    "amounts",
    "jobs",
    "text",
    "start",
    "end",
    "sentence",
    "page",
)
PROJECT_SQL_COLS = ", ".join(f'"{c}"' for c in PROJECT_COLUMNS)
#: record field names stored under another column
_RENAMED = {
    "value_eur": "value",
    "value_eur_max": "value_max",
    "count": "value",
    "count_max": "value_max",
}
_FIELD_OF = {
    "amount": {"value": "value_eur", "value_max": "value_eur_max"},
    "job": {"value": "count", "value_max": "count_max"},
}
#: one fact per row in CSV/Parquet exports
#: a fact's or a project's row carries the parents of its place (intercommunality,
#: département, région, Territoire d'industrie), for filtering a spreadsheet by area
EXPORT_COLUMNS = ("source", "title", "published", "list", *FACT_COLUMNS, *PLACE_COLUMNS)
#: one project per row in the projects export
PROJECT_EXPORT_COLUMNS = ("source", "title", "published", *PROJECT_COLUMNS, *PLACE_COLUMNS)
SQL_COLS = ", ".join(f'"{c}"' for c in FACT_COLUMNS)
#: what :func:`fact_rows` and :func:`project_rows` yield: the record's fields, then the
#: columns derived from them (schema 3) that rebuilding a record does not read
FACT_WRITE_COLUMNS = (*FACT_COLUMNS, *PLACE_COLUMNS, "list_index")
PROJECT_WRITE_COLUMNS = (*PROJECT_COLUMNS, *PLACE_COLUMNS)


def metadata_of(document: Document | None) -> dict[str, Any]:
    if document is None:
        return {}
    fields = ("author", "sitename", "url", "language")
    meta: dict[str, Any] = {f: getattr(document, f) for f in fields if getattr(document, f)}
    if document.page_starts:
        meta["page_starts"] = document.page_starts
    return meta | dict(document.metadata)


def fact_rows(record: Record) -> Iterator[tuple[Any, ...]]:
    """``(list, *FACT_WRITE_COLUMNS)`` per fact of the record."""
    for list_name, (field, _) in LISTS.items():
        for index, fact in enumerate(getattr(record, field)):
            data = fact.model_dump(mode="json")
            row = {_RENAMED.get(k, k): v for k, v in data.items()}
            extra = {k: row.pop(k) for k in list(row) if k not in FACT_COLUMNS}
            extra = {k: v for k, v in extra.items() if v not in (None, [], {})}
            row["extra"] = json.dumps(extra, ensure_ascii=False)
            if list_name == "territory":
                place = (row["kind"], row["code"], row["canonical_name"] or row["name"])
            else:
                place = _linked_place(row)
            yield (list_name, *(row.get(c) for c in FACT_COLUMNS), *parent_columns(*place), index)


def _linked_place(row: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    name = row.get("territory_canonical_name") or row.get("territory")
    return (row.get("territory_kind"), row.get("territory_code"), name)


def project_rows(record: Record) -> Iterator[tuple[Any, ...]]:
    """``PROJECT_WRITE_COLUMNS`` per project of the record."""
    for project in record.projects:
        data = project.model_dump(mode="json")
        data["amounts"] = json.dumps(data["amounts"])
        data["jobs"] = json.dumps(data["jobs"])
        yield (*(data[c] for c in PROJECT_COLUMNS), *parent_columns(*_linked_place(data)))


def project_of(row: sqlite3.Row) -> Project:
    data = {c: row[c] for c in PROJECT_COLUMNS if row[c] is not None}
    data["amounts"] = json.loads(row["amounts"] or "[]")
    data["jobs"] = json.loads(row["jobs"] or "[]")
    return Project.model_validate(data)


def record_of(
    row: sqlite3.Row, facts: Iterable[sqlite3.Row], projects: Iterable[sqlite3.Row] = ()
) -> Record:
    lists: dict[str, list[Any]] = {field: [] for field, _ in LISTS.values()}
    for fact in facts:
        list_name = fact["list"]
        field, model = LISTS[list_name]
        renames = _FIELD_OF.get(list_name, {})
        data = {
            renames.get(c, c): fact[c] for c in FACT_COLUMNS if c != "extra" and fact[c] is not None
        }
        data |= json.loads(fact["extra"] or "{}")
        lists[field].append(
            model.model_validate({k: v for k, v in data.items() if k in model.model_fields})
        )
    return Record(
        source=row["source"],
        title=row["title"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        kind=row["kind"] or "text",
        content_hash=row["content_hash"],
        pipeline_version=row["pipeline_version"],
        text=row["text"],
        errors=json.loads(row["errors"] or "[]"),
        projects=[project_of(p) for p in projects],
        **lists,
    )
