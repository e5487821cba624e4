"""The store's API: open and migrate, lock a run, write records, read them back.

Each document's row and facts are written in one transaction, and a batch
commits every N documents, so a run killed at any point leaves only whole
documents; the next run skips them (same source, content hash and pipeline
version, no error) and does the rest. Only one batch run writes at a time: it
holds an exclusive ``flock`` on ``<store>.lock``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..document import Document
from ..records import Record
from .places import PLACE_COLUMNS
from .schema import (
    BACKFILLS,
    FACT_COLUMNS,
    FACT_WRITE_COLUMNS,
    LISTS,
    MIGRATIONS,
    PROJECT_COLUMNS,
    PROJECT_SQL_COLS,
    PROJECT_WRITE_COLUMNS,
    SCHEMA_VERSION,
    SQL_COLS,
    fact_rows,
    metadata_of,
    project_rows,
    record_of,
)

Outcome = Literal["new", "updated", "failed", "kept"]


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
        """Open (or create) the store and bring its schema up to date.

        Every way this can fail (no such file, not a SQLite file, a read-only file
        or folder, a newer schema) raises :class:`StoreError` with one readable line.
        """
        self.path = Path(path) if str(path) != ":memory:" else None
        if self.path is not None and not create and not self.path.exists():
            raise StoreError(f"no store at {self.path}")
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(
                str(path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store {path}: {_reason(exc)}") from exc
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            if self.path is not None:
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            self.conn.close()
            raise StoreError(_open_error(path, exc)) from exc
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
                if number + 1 in BACKFILLS:
                    BACKFILLS[number + 1](self.conn)
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
        try:
            fh = open(lock_path, "a+")  # noqa: SIM115 - closed by the with below
        except OSError as exc:
            raise StoreError(
                f"cannot lock the store {self.path}: {_reason(exc)} ({lock_path})"
            ) from exc
        with fh:
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
            "metadata": json.dumps(metadata_of(document), ensure_ascii=False),
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
                self.conn.execute("DELETE FROM projects WHERE document_id = ?", (doc_id,))
                sets = ", ".join(f"{c} = ?" for c in values)
                self.conn.execute(
                    f"UPDATE documents SET {sets} WHERE id = ?", (*values.values(), doc_id)
                )
            self.conn.executemany(
                f"INSERT INTO facts (document_id, list, {_cols(FACT_WRITE_COLUMNS)})"
                f" VALUES (?, ?, {', '.join('?' * len(FACT_WRITE_COLUMNS))})",
                ((doc_id, *row) for row in fact_rows(record)),
            )
            self.conn.executemany(
                f"INSERT INTO projects (document_id, {_cols(PROJECT_WRITE_COLUMNS)})"
                f" VALUES (?, {', '.join('?' * len(PROJECT_WRITE_COLUMNS))})",
                ((doc_id, *row) for row in project_rows(record)),
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
                f"SELECT list, {SQL_COLS} FROM facts WHERE document_id = ? ORDER BY id",
                (row["id"],),
            )
            projects = self.conn.execute(
                f"SELECT {PROJECT_SQL_COLS} FROM projects WHERE document_id = ? ORDER BY id",
                (row["id"],),
            )
            yield record_of(row, facts, projects)

    def iter_fact_rows(self, run_id: int | None = None) -> Iterator[sqlite3.Row]:
        """One row per fact with its document's source, title and date (``EXPORT_COLUMNS``)."""
        return self._with_document("facts", ("list", *FACT_COLUMNS, *PLACE_COLUMNS), run_id)

    def iter_project_rows(self, run_id: int | None = None) -> Iterator[sqlite3.Row]:
        """One row per project with its document's source, title and date."""
        return self._with_document("projects", (*PROJECT_COLUMNS, *PLACE_COLUMNS), run_id)

    def _with_document(
        self, table: str, columns: tuple[str, ...], run_id: int | None
    ) -> Iterator[sqlite3.Row]:
        """Rows of ``table`` with their document's source, title and date, in storage order."""
        cols = ", ".join(f't."{c}"' for c in columns)
        sql = (
            f"SELECT d.source, d.title, d.published, {cols}"
            f" FROM {table} t JOIN documents d ON d.id = t.document_id"
        )
        args: tuple[Any, ...] = ()
        if run_id is not None:
            sql += " WHERE d.run_id = ?"
            args = (run_id,)
        yield from self.conn.execute(sql + " ORDER BY d.id, t.id", args)


def _reason(exc: BaseException) -> str:
    """The cause of an OS or SQLite error, without the traceback."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def _open_error(path: str | Path, exc: sqlite3.Error) -> str:
    """One line saying why a store file cannot be used, and what to do."""
    reason = _reason(exc)
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in reason:
        return f"{path} is not a store (not a SQLite file: {reason}); give another --store"
    if "readonly" in reason or "read-only" in reason or not _writable(Path(path)):
        return (
            f"the store {path} is read-only ({reason}): the file and its folder must be "
            "writable (SQLite writes its journal beside it)"
        )
    return f"cannot use the store {path}: {reason}"


def _writable(path: Path) -> bool:
    """Can this process write the file and create files beside it? (Tried, not guessed:
    permission bits do not stop root, an immutable file or a read-only mount do.)"""
    import tempfile

    try:
        if path.exists():
            with open(path, "ab"):
                pass
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError:
        return False
    return True


def _cols(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _run(row: sqlite3.Row) -> Run:
    data = dict(row)
    data["facts"] = json.loads(data["facts"] or "{}")
    return Run.model_validate(data)
