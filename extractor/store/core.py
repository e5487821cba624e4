"""SQLite store of extracted records: incremental, resumable, exportable.

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
``runs``
    one row per batch run: ``started_at``, ``finished_at`` (NULL while running
    or when the run was killed), ``engine``, ``workers`` and counts (``new``,
    ``updated``, ``skipped``, ``failed``, ``facts`` JSON per list), updated at
    every commit.

Each document's row and facts are written in one transaction, and a batch
commits every N documents, so a run killed at any point leaves only whole
documents; the next run skips them (same source, content hash and pipeline
version, no error) and does the rest. Only one batch run writes at a time: it
holds an exclusive ``flock`` on ``<store>.lock``.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, Field

from .document import Document
from .records import Actor, Amount, Job, Organization, Record, Territory

ExportFormat = Literal["jsonl", "csv", "parquet"]
Outcome = Literal["new", "updated", "failed", "kept"]

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
    "extra",
)
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
_SQL_COLS = ", ".join(f'"{c}"' for c in FACT_COLUMNS)


class StoreError(Exception):
    """The store cannot be used: newer schema, missing file, locked by another run."""


class StoreLocked(StoreError):
    """Another batch run holds the store."""


class Run(BaseModel):
    """One batch run; ``finished_at`` is None while it runs or when it was killed."""

    id: int
    started_at: datetime
    finished_at: datetime | None = None
    engine: str | None = None
    workers: int | None = None
    new: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    facts: dict[str, int] = Field(default_factory=dict, description="facts found, per list")

    @property
    def total_facts(self) -> int:
        return sum(self.facts.values())


class Stored(BaseModel):
    """What the store knows of one source, enough to decide whether to extract it again."""

    id: int
    content_hash: str | None
    pipeline_version: str | None
    ok: bool


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _statements(script: str) -> Iterator[str]:
    """Split a SQL script (``executescript`` would commit the migration's transaction)."""
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            yield current.strip()
            current = ""
    if current.strip():
        yield current.strip()


class Store:
    """The SQLite store; open one per process (connections are not shared across processes)."""

    def __init__(self, path: str | Path, *, create: bool = True, timeout: float = 30.0) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        if self.path is not None and not create and not self.path.exists():
            raise StoreError(f"no store at {self.path}")
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(
            str(path), timeout=timeout, isolation_level=None, check_same_thread=False
        )
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        try:
            self._migrate()
            if self.path is not None:
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            self.conn.close()
            raise

    # -- lifecycle -------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this extractor's "
                f"({SCHEMA_VERSION}): upgrade territoires-extractor to read it"
            )
        if version == SCHEMA_VERSION:
            return
        with self.transaction():  # BEGIN IMMEDIATE: a concurrent opener waits, then re-reads
            version = self.schema_version
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (nested calls join the outer one)."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def run_lock(self, timeout: float = 10.0) -> Iterator[None]:
        """Exclusive lock of a batch run on this store; waits up to ``timeout`` seconds."""
        if self.path is None:
            yield
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        with open(lock_path, "a+") as fh:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        fh.seek(0)
                        holder = fh.read().strip() or "?"
                        raise StoreLocked(
                            f"another batch run (pid {holder}) is writing to {self.path}; "
                            "wait for it to finish or use another --store"
                        ) from None
                    time.sleep(0.1)
            try:
                fh.seek(0)
                fh.truncate()
                fh.write(str(os.getpid()))
                fh.flush()
                yield
            finally:
                fh.seek(0)
                fh.truncate()
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- runs ------------------------------------------------------------------

    def begin_run(self, engine: str | None = None, workers: int | None = None) -> int:
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO runs (started_at, engine, workers) VALUES (?, ?, ?)",
                (now(), engine, workers),
            )
        return int(cur.lastrowid)

    def update_run(
        self,
        run_id: int,
        *,
        new: int,
        updated: int,
        skipped: int,
        failed: int,
        facts: dict[str, int],
        finished: bool = False,
    ) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE runs SET new = ?, updated = ?, skipped = ?, failed = ?, facts = ?,"
                " finished_at = COALESCE(?, finished_at) WHERE id = ?",
                (
                    new,
                    updated,
                    skipped,
                    failed,
                    json.dumps(facts),
                    now() if finished else None,
                    run_id,
                ),
            )

    def runs(self) -> list[Run]:
        return [_run(row) for row in self.conn.execute("SELECT * FROM runs ORDER BY id")]

    def last_run(self) -> Run | None:
        row = self.conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return _run(row) if row else None

    # -- documents -------------------------------------------------------------

    def stored(self, source: str) -> Stored | None:
        row = self.conn.execute(
            "SELECT id, content_hash, pipeline_version, errors = '[]' AS ok"
            " FROM documents WHERE source = ?",
            (source,),
        ).fetchone()
        return Stored(**dict(row)) if row else None

    def is_current(self, source: str, content_hash: str, pipeline_version: str | None) -> bool:
        """True when this exact content was extracted by this pipeline without error."""
        row = self.conn.execute(
            "SELECT 1 FROM documents WHERE source = ? AND content_hash = ?"
            " AND pipeline_version IS ? AND errors = '[]'",
            (source, content_hash, pipeline_version),
        ).fetchone()
        return row is not None

    def put(
        self,
        record: Record,
        *,
        document: Document | None = None,
        content_hash: str | None = None,
        run_id: int | None = None,
        fetched_at: str | None = None,
    ) -> Outcome:
        """Store one record, replacing the source's old row and facts atomically.

        A failed record does not replace a good stored version of its source (a
        page that is down today keeps yesterday's facts): the outcome is ``kept``.
        """
        content_hash = content_hash or record.content_hash
        errors = json.dumps([e.model_dump() for e in record.errors], ensure_ascii=False)
        values = {
            "source": record.source,
            "content_hash": content_hash,
            "pipeline_version": record.pipeline_version,
            "kind": record.kind,
            "title": record.title,
            "published": record.published.isoformat() if record.published else None,
            "fetched_at": fetched_at,
            "extracted_at": now(),
            "run_id": run_id,
            "metadata": json.dumps(_metadata(document), ensure_ascii=False),
            "text": record.text,
            "errors": errors,
        }
        with self.transaction():
            old = self.stored(record.source)
            if old is not None and old.ok and record.errors:
                return "kept"
            if old is None:
                cols = ", ".join(values)
                marks = ", ".join("?" * len(values))
                cur = self.conn.execute(
                    f"INSERT INTO documents ({cols}) VALUES ({marks})", tuple(values.values())
                )
                doc_id = int(cur.lastrowid)
            else:
                doc_id = old.id
                self.conn.execute("DELETE FROM facts WHERE document_id = ?", (doc_id,))
                sets = ", ".join(f"{c} = ?" for c in values)
                self.conn.execute(
                    f"UPDATE documents SET {sets} WHERE id = ?", (*values.values(), doc_id)
                )
            self.conn.executemany(
                f"INSERT INTO facts (document_id, list, {_SQL_COLS})"
                f" VALUES (?, ?, {', '.join('?' * len(FACT_COLUMNS))})",
                ((doc_id, *row) for row in _fact_rows(record)),
            )
        if record.errors:
            return "failed"
        return "new" if old is None else "updated"

    def count_documents(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def fact_counts(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT list, COUNT(*) FROM facts GROUP BY list")
        return {name: 0 for name in LISTS} | {r[0]: r[1] for r in rows}

    def iter_records(
        self, run_id: int | None = None, *, sources: Iterable[str] | None = None
    ) -> Iterator[Record]:
        """Stored records with their facts and errors, one at a time, in storage order."""
        if sources is not None:
            wanted = list(dict.fromkeys(sources))
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                sql = f"SELECT * FROM documents WHERE source IN ({', '.join('?' * len(chunk))})"
                args: tuple[Any, ...] = tuple(chunk)
                if run_id is not None:
                    sql += " AND run_id = ?"
                    args += (run_id,)
                yield from self._records(sql + " ORDER BY id", args)
            return
        if run_id is None:
            yield from self._records("SELECT * FROM documents ORDER BY id", ())
        else:
            yield from self._records(
                "SELECT * FROM documents WHERE run_id = ? ORDER BY id", (run_id,)
            )

    def _records(self, sql: str, args: tuple[Any, ...]) -> Iterator[Record]:
        for row in self.conn.execute(sql, args):
            facts = self.conn.execute(
                f"SELECT list, {_SQL_COLS} FROM facts WHERE document_id = ? ORDER BY id",
                (row["id"],),
            )
            yield _record(row, facts)

    def iter_fact_rows(self, run_id: int | None = None) -> Iterator[sqlite3.Row]:
        """One row per fact with its document's source, title and date (``EXPORT_COLUMNS``)."""
        cols = ", ".join(f'f."{c}"' for c in FACT_COLUMNS)
        sql = (
            f"SELECT d.source, d.title, d.published, f.list, {cols}"
            " FROM facts f JOIN documents d ON d.id = f.document_id"
        )
        args: tuple[Any, ...] = ()
        if run_id is not None:
            sql += " WHERE d.run_id = ?"
            args = (run_id,)
        yield from self.conn.execute(sql + " ORDER BY d.id, f.id", args)

    # -- export ----------------------------------------------------------------

    def export(
        self, path: str | Path, fmt: ExportFormat | None = None, *, run_id: int | None = None
    ) -> int:
        """Write the store to ``path`` (format from the suffix by default); returns rows written."""
        path = Path(path)
        fmt = fmt or _format_of(path)
        if fmt == "jsonl":
            with path.open("w", encoding="utf-8") as out:
                return export_jsonl(self, out, run_id=run_id)
        if fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as out:
                return export_csv(self, out, run_id=run_id)
        if fmt == "parquet":
            return export_parquet(self, path, run_id=run_id)
        raise StoreError(f"unknown export format {fmt!r}: jsonl, csv or parquet")


def _format_of(path: Path) -> ExportFormat:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    if suffix in ("csv", "parquet"):
        return suffix  # type: ignore[return-value]
    raise StoreError(f"cannot tell the export format of {path.name}: give --format")


def export_jsonl(store: Store, out: IO[str], *, run_id: int | None = None) -> int:
    """One record per line, streamed."""
    n = 0
    for record in store.iter_records(run_id):
        out.write(record.model_dump_json() + "\n")
        n += 1
    return n


def export_csv(store: Store, out: IO[str], *, run_id: int | None = None) -> int:
    """One fact per row, streamed."""
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    n = 0
    for row in store.iter_fact_rows(run_id):
        writer.writerow(tuple(row))
        n += 1
    return n


def parquet_schema():  # -> pyarrow.Schema; pyarrow imported lazily (heavy)
    import pyarrow as pa

    types = {"value": pa.float64(), "value_max": pa.float64(), "start": pa.int64()}
    types |= {"end": pa.int64(), "page": pa.int64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in EXPORT_COLUMNS])


def export_parquet(
    store: Store, path: str | Path, *, run_id: int | None = None, row_group_size: int = 50_000
) -> int:
    """One fact per row, written in row groups so memory stays bounded."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        columns: list[list[Any]] = [[] for _ in EXPORT_COLUMNS]

        def flush() -> None:
            writer.write_table(pa.Table.from_arrays(columns, schema=schema))
            for col in columns:
                col.clear()

        for row in store.iter_fact_rows(run_id):
            for col, value in zip(columns, row, strict=True):
                col.append(value)
            n += 1
            if len(columns[0]) >= row_group_size:
                flush()
        if columns[0] or n == 0:
            flush()
    return n


# -- record <-> rows ----------------------------------------------------------------


def _metadata(document: Document | None) -> dict[str, Any]:
    if document is None:
        return {}
    fields = ("author", "sitename", "url", "language")
    meta: dict[str, Any] = {f: getattr(document, f) for f in fields if getattr(document, f)}
    if document.page_starts:
        meta["page_starts"] = document.page_starts
    return meta | dict(document.metadata)


def _fact_rows(record: Record) -> Iterator[tuple[Any, ...]]:
    for list_name, (field, _) in LISTS.items():
        for fact in getattr(record, field):
            data = fact.model_dump(mode="json")
            row = {_RENAMED.get(k, k): v for k, v in data.items()}
            extra = {k: row.pop(k) for k in list(row) if k not in FACT_COLUMNS}
            extra = {k: v for k, v in extra.items() if v not in (None, [], {})}
            row["extra"] = json.dumps(extra, ensure_ascii=False)
            yield (list_name, *(row.get(c) for c in FACT_COLUMNS))


def _record(row: sqlite3.Row, facts: Iterable[sqlite3.Row]) -> Record:
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
        **lists,
    )


def _run(row: sqlite3.Row) -> Run:
    data = dict(row)
    data["facts"] = json.loads(data["facts"] or "{}")
    return Run.model_validate(data)
