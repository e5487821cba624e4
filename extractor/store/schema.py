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
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from pydantic import BaseModel

from ..document import Document
from ..records import Actor, Amount, Job, Organization, Project, Record, Territory

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
]
SCHEMA_VERSION = len(MIGRATIONS)

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
EXPORT_COLUMNS = ("source", "title", "published", "list", *FACT_COLUMNS)
#: one project per row in the projects export
PROJECT_EXPORT_COLUMNS = ("source", "title", "published", *PROJECT_COLUMNS)
SQL_COLS = ", ".join(f'"{c}"' for c in FACT_COLUMNS)


def metadata_of(document: Document | None) -> dict[str, Any]:
    if document is None:
        return {}
    fields = ("author", "sitename", "url", "language")
    meta: dict[str, Any] = {f: getattr(document, f) for f in fields if getattr(document, f)}
    if document.page_starts:
        meta["page_starts"] = document.page_starts
    return meta | dict(document.metadata)


def fact_rows(record: Record) -> Iterator[tuple[Any, ...]]:
    for list_name, (field, _) in LISTS.items():
        for fact in getattr(record, field):
            data = fact.model_dump(mode="json")
            row = {_RENAMED.get(k, k): v for k, v in data.items()}
            extra = {k: row.pop(k) for k in list(row) if k not in FACT_COLUMNS}
            extra = {k: v for k, v in extra.items() if v not in (None, [], {})}
            row["extra"] = json.dumps(extra, ensure_ascii=False)
            yield (list_name, *(row.get(c) for c in FACT_COLUMNS))


def project_rows(record: Record) -> Iterator[tuple[Any, ...]]:
    for project in record.projects:
        data = project.model_dump(mode="json")
        data["amounts"] = json.dumps(data["amounts"])
        data["jobs"] = json.dumps(data["jobs"])
        yield tuple(data[c] for c in PROJECT_COLUMNS)


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
