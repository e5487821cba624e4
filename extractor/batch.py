"""Batch runs: collect documents, skip the unchanged ones, extract the rest, store.

Three engines give the same records: ``local`` (this process), ``process`` (a
pool of N processes on this machine) and ``dask`` (a distributed cluster, or a
LocalCluster of N processes). Workers load the pipeline once and only return
records; only this process writes to SQLite, in transactions of
``commit_every`` documents, in the order results arrive (a slow document does
not hold the others back). Everything streams: at most a window of
documents is in flight, so memory stays flat over any number of documents.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor
from concurrent.futures import wait as futures_wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager, nullcontext
from functools import cache
from itertools import chain, islice
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field

from .document import Document, DocumentError
from .records import Record, error_record
from .store import LIST_OF_FIELD, LISTS, Store, now

log = logging.getLogger(__name__)

Engine = Literal["local", "process", "dask"]


class RecordSource(Protocol):
    """What the local engine needs of an extractor: an :class:`~extractor.api.Extractor` or a wrapper."""

    version: str

    def extract_many(self, items: Iterable[Document]) -> Iterator[Record]: ...


class BatchError(Exception):
    """The run cannot start: its engine (process pool, Dask cluster or scheduler) is not there.

    Raised before the run is recorded, so the store holds no unfinished run for it.
    """


class Failure(BaseModel):
    """One document that failed: where it came from and why."""

    source: str
    type: str
    message: str

    def text(self) -> str:
        return f"{self.source}: {self.type}: {self.message}"


class Summary(BaseModel):
    """What a run did; failed documents are stored with their error and retried next run."""

    run_id: int
    engine: Engine
    workers: int
    new: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    facts: dict[str, int] = Field(default_factory=lambda: dict.fromkeys(LISTS, 0))
    seconds: float = 0.0
    failures: list[Failure] = Field(
        default_factory=list, description="the documents that failed, with their error"
    )

    @property
    def documents(self) -> int:
        return self.new + self.updated + self.skipped + self.failed

    def count(self, outcome: str, record: Record) -> None:
        if record.errors:
            error = record.errors[-1]
            self.failures.append(
                Failure(source=record.source, type=error.type, message=error.message)
            )
        if outcome == "kept":  # a failure that left the good stored version in place
            self.failed += 1
            return
        setattr(self, outcome, getattr(self, outcome) + 1)
        for field, name in LIST_OF_FIELD.items():
            self.facts[name] += len(getattr(record, field))

    def text(self) -> str:
        facts = ", ".join(f"{n} {name}" for name, n in self.facts.items())
        return (
            f"{self.documents} documents in {self.seconds:.1f}s: {self.new} new, "
            f"{self.updated} updated, {self.skipped} unchanged (skipped), {self.failed} failed; "
            f"facts found: {facts}"
        )


# -- collection ------------------------------------------------------------------


def url_list(path: Path) -> list[str] | None:
    """The URLs of a URL-list text file, else None (see :mod:`extractor.sources.urllists`)."""
    from .sources import read_url_list

    listed = read_url_list(path)
    return [url for _, url in listed.urls] if listed else None


def collect(
    sources: Iterable[str | Document], *, feeds: Sequence[str] = (), sitemaps: Sequence[str] = ()
) -> Iterator[Document]:
    """Documents of the sources, lazily; Documents given as such pass through."""
    from . import sources as loaders

    names: list[str] = []
    for item in sources:
        if isinstance(item, Document):
            yield item
        else:
            names.append(str(item))
    if names or feeds or sitemaps:
        yield from loaders.iter_documents(names, feeds=list(feeds), sitemaps=list(sitemaps))


# -- workers ---------------------------------------------------------------------


@cache
def _worker_extractor(config_path: str | None):
    """One pipeline per worker process, loaded on first use."""
    from .api import Extractor

    return Extractor(config_path)


def _init_worker(config_path: str | None, parent_pid: int | None = None) -> None:
    if parent_pid is not None:
        threading.Thread(target=_exit_with, args=(parent_pid,), daemon=True).start()
    _worker_extractor(config_path)


def _exit_with(pid: int, every: float = 1.0) -> None:
    """Pool workers outlive a SIGKILLed parent (blocked on their queue): leave with it."""
    import psutil

    while True:
        time.sleep(every)
        try:
            gone = psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            gone = True
        if gone:
            os._exit(1)


def extract_chunk(documents: list[Document], config_path: str | None = None) -> list[Record]:
    """Run in a worker: one record per document, in order."""
    return list(_worker_extractor(config_path).extract_many(documents))


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _as_completed(
    submit: Callable[[list[Document]], Any],
    chunks: Iterable[list[Document]],
    window: int,
    wait_first: Callable[[list[Any]], Iterable[Any]],
) -> Iterator[tuple[Document, Record]]:
    """Results of submitted chunks as they finish, with at most ``window`` chunks in flight.

    Completion order, not submission order: a long document (a 500-page PDF) must
    not leave the other workers idle behind it. The store does not need order.
    """
    inflight: dict[Any, list[Document]] = {}

    def collect(future: Any) -> Iterator[tuple[Document, Record]]:
        chunk = inflight.pop(future)
        try:
            records = future.result()
        except Exception as exc:  # a worker died: the chunk fails, the run goes on
            log.warning("a worker failed on %d documents: %r", len(chunk), exc)
            err = DocumentError(stage="extract", type=type(exc).__name__, message=str(exc))
            records = [error_record(d, err) for d in chunk]
        yield from zip(chunk, records, strict=True)

    for chunk in chunks:
        inflight[submit(chunk)] = chunk
        while len(inflight) >= window:
            for future in wait_first(list(inflight)):
                yield from collect(future)
    while inflight:
        for future in wait_first(list(inflight)):
            yield from collect(future)


def _first_done(futures: list[Any]) -> set[Any]:
    return futures_wait(futures, return_when=FIRST_COMPLETED).done


def _local(extractor: RecordSource, todo: Iterable[Document]) -> Iterator[tuple[Document, Record]]:
    pending: deque[Document] = deque()

    def feed() -> Iterator[Document]:
        for document in todo:
            pending.append(document)
            yield document

    for record in extractor.extract_many(feed()):
        yield pending.popleft(), record


# -- the run ---------------------------------------------------------------------


def _engine_of(engine: Engine | None, workers: int, scheduler: str | None) -> Engine:
    if engine:
        return engine
    if scheduler:
        return "dask"
    return "process" if workers > 1 else "local"


def planned(
    sources: Iterable[str | Document], *, feeds: Sequence[str] = (), sitemaps: Sequence[str] = ()
) -> int | None:
    """How many documents the sources hold, for a progress total; None when not known ahead.

    Folders are listed and URL lists read (cheap next to extraction); feeds and
    sitemaps are only known once fetched, and a one-shot iterator cannot be counted.
    """
    from .sources.files import expand
    from .sources.web import is_url

    if feeds or sitemaps or not isinstance(sources, Sequence):
        return None
    seen: set[str] = set()
    try:
        for item in sources:
            if isinstance(item, Document):
                seen.add(item.source)
            elif is_url(str(item)):
                seen.add(str(item))
            elif (urls := url_list(Path(item))) is not None:
                seen.update(urls)
            else:
                seen.update(str(p.resolve()) for p in expand(Path(item)))
    except OSError:  # an unreadable folder: its error comes with its documents
        return None
    return len(seen)


def missing_paths(sources: Iterable[str]) -> list[str]:
    """The local paths among ``sources`` that do not exist (URLs are never missing here).

    A path that cannot even be looked at (inside a folder this user may not
    enter) is not "missing": the run goes on and that source gets its own
    ``PermissionDenied`` error.
    """
    from .sources.web import is_url

    def missing(source: str) -> bool:
        try:
            return not Path(source).exists()
        except OSError:
            return False

    return [s for s in sources if not is_url(s) and missing(s)]


def run_batch(
    sources: Iterable[str | Document],
    store: Store | str | Path,
    *,
    workers: int = 1,
    engine: Engine | None = None,
    scheduler: str | None = None,
    feeds: Sequence[str] = (),
    sitemaps: Sequence[str] = (),
    progress: bool | None = None,
    config_path: str | None = None,
    extractor: RecordSource | None = None,
    commit_every: int = 50,
    chunk_size: int = 8,
    lock_timeout: float = 10.0,
) -> Summary:
    """Extract every new or changed document of ``sources`` into ``store``.

    ``engine`` defaults to ``dask`` with a ``scheduler`` address, ``process`` with
    ``workers > 1``, else ``local``. ``extractor`` replaces the pipeline of the
    local engine (e.g. an already loaded one). ``progress``: draw a bar on standard
    error (default: when it is a terminal). Raises :class:`StoreLocked` when
    another run holds the store for longer than ``lock_timeout`` seconds,
    :class:`StoreError` when the store cannot be opened, and :class:`BatchError`
    when the engine cannot start (e.g. an unreachable scheduler); in both cases
    no run is recorded.
    """
    from .progress import progress_bar

    workers = max(1, workers)
    engine = _engine_of(engine, workers, scheduler)
    t0 = time.perf_counter()
    summary = Summary(run_id=0, engine=engine, workers=workers)
    with ExitStack() as stack:
        if not isinstance(store, Store):
            store = stack.enter_context(Store(store))
        stack.enter_context(store.run_lock(lock_timeout))
        if extractor is not None and engine == "local":
            version = extractor.version
        else:
            from .api import pipeline_version

            version = pipeline_version(config_path)
        bar = stack.enter_context(progress_bar(progress))
        task = bar.add_task("reading", total=planned(sources, feeds=feeds, sitemaps=sitemaps))

        def tick(advance: int = 1) -> None:
            bar.update(
                task,
                advance=advance,
                description=f"batch ({summary.skipped} unchanged, {summary.failed} failed)",
            )

        def save_counts(finished: bool = False) -> None:
            store.update_run(
                summary.run_id,
                new=summary.new,
                updated=summary.updated,
                skipped=summary.skipped,
                failed=summary.failed,
                facts=summary.facts,
                finished=finished,
            )

        seen: set[str] = set()
        fetched: dict[str, str] = {}

        def todo() -> Iterator[Document]:
            for document in collect(sources, feeds=feeds, sitemaps=sitemaps):
                if document.source in seen:
                    continue
                seen.add(document.source)
                if store.is_current(document.source, document.content_hash, version):
                    summary.skipped += 1
                    tick()
                    continue
                fetched[document.source] = document.metadata.get("fetched_at") or now()
                yield document

        pending: list[tuple[Document, Record]] = []

        def flush() -> None:
            with store.transaction():
                for document, record in pending:
                    outcome = store.put(
                        record,
                        document=document,
                        content_hash=document.content_hash,
                        run_id=summary.run_id,
                        fetched_at=fetched.pop(document.source, None),
                    )
                    summary.count(outcome, record)
                save_counts()
            pending.clear()
            tick(0)

        # the engine starts (or fails to) before the run is recorded: a run that
        # could not start leaves no unfinished row behind
        starting = _results(engine, todo(), workers, scheduler, config_path, extractor, chunk_size)
        bar.update(task, description=f"starting the {engine} engine")
        try:
            results = stack.enter_context(starting)
        except (OSError, ValueError) as exc:  # refused, timed out, no such host, bad address
            where = f"the Dask scheduler at {scheduler}" if scheduler else f"the {engine} engine"
            raise BatchError(f"cannot start {where}: {exc}") from exc
        summary.run_id = store.begin_run(engine, workers)
        # rate and ETA from here: without the pipeline's loading time
        bar.reset(task, completed=summary.skipped)
        tick(0)
        try:
            for document, record in results:
                pending.append((document, record))
                bar.advance(task)
                if len(pending) >= commit_every:
                    flush()
        finally:
            if pending:
                flush()
        summary.seconds = time.perf_counter() - t0
        save_counts(finished=True)
        bar.update(task, total=summary.documents, completed=summary.documents)
    log.info("batch run %d: %s", summary.run_id, summary.text())
    return summary


def _results(
    engine: Engine,
    todo: Iterator[Document],
    workers: int,
    scheduler: str | None,
    config_path: str | None,
    extractor: RecordSource | None,
    chunk_size: int,
):
    """A context manager yielding the (document, record) stream of the chosen engine.

    Nothing is started (no pipeline loaded, no pool, no cluster) until a document
    needs extracting: a run over unchanged documents costs only their hashing.
    """
    first = next(todo, None)
    if first is None:
        return nullcontext(iter(()))
    todo = chain([first], todo)
    if engine == "local":
        return nullcontext(_local(extractor or _worker_extractor(config_path), todo))
    if engine == "process":
        return _process_results(todo, workers, config_path, chunk_size)
    if engine == "dask":
        return _dask_results(todo, workers, scheduler, config_path, chunk_size)
    raise ValueError(f"unknown engine {engine!r}: local, process or dask")


#: imported once by the fork server, so each worker only loads the model
PRELOAD = ["spacy.lang.fr", "extractor.api"]


def _mp_context() -> multiprocessing.context.BaseContext:
    """Fork server where there is one: workers fork from a clean process with spaCy imported.

    (``fork`` from here would copy our threads and open SQLite handle; ``spawn`` would
    import spaCy's French tables, seconds, in every worker.)
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


class _Pool:
    """A process pool that replaces itself when a worker dies (OOM kill, crash on a document).

    The chunks in flight then fail (stored with their error, retried next run) and
    the run goes on with new workers. A pool that breaks before finishing any chunk
    means the pipeline cannot load: that error is raised, not retried forever.
    """

    def __init__(self, workers: int, config_path: str | None) -> None:
        self.workers = workers
        self.config_path = config_path
        self.completed = 0
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        self.completed = 0
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=_mp_context(),
            initializer=_init_worker,
            initargs=(self.config_path, os.getpid()),
        )

    def _done(self, future: Any) -> None:
        if not future.cancelled() and future.exception() is None:
            self.completed += 1

    def submit(self, chunk: list[Document]) -> Any:
        try:
            future = self.pool.submit(extract_chunk, chunk, self.config_path)
        except BrokenProcessPool:
            if not self.completed:
                raise
            log.warning("a worker process died; starting a new pool")
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            future = self.pool.submit(extract_chunk, chunk, self.config_path)
        future.add_done_callback(self._done)
        return future

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _process_results(
    todo: Iterator[Document], workers: int, config_path: str | None, chunk_size: int
) -> Iterator[Iterator[tuple[Document, Record]]]:
    pool = _Pool(workers, config_path)
    try:
        yield _as_completed(pool.submit, _chunks(todo, chunk_size), 2 * workers, _first_done)
    finally:
        pool.shutdown()


def _dask_log_level() -> int:
    """Dask's own log level: its lines only when ours are shown (``-v``), errors always.

    Without ``-v`` even its warnings are hidden: they are about its own machinery
    ("worker process still alive after 4 s, killing" at every shutdown of a busy
    machine), while a document it fails on comes back as that document's error.
    ``distributed`` sets its loggers to INFO when imported; call this after the import.
    """
    level = logging.INFO if log.isEnabledFor(logging.INFO) else logging.ERROR
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(level)
    return level


@contextmanager
def _dask_results(
    todo: Iterator[Document],
    workers: int,
    scheduler: str | None,
    config_path: str | None,
    chunk_size: int,
) -> Iterator[Iterator[tuple[Document, Record]]]:
    from distributed import Client, LocalCluster
    from distributed import wait as distributed_wait

    level = _dask_log_level()
    with ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    # a free port: the scheduler's HTTP server starts anyway, and on the
                    # default 8787 it warns whenever another cluster runs on the machine
                    dashboard_address=":0",
                    silence_logs=level,
                )
            )
            client = stack.enter_context(Client(cluster))
        n = len(client.scheduler_info().get("workers", {})) or workers
        yield _as_completed(
            lambda chunk: client.submit(extract_chunk, chunk, config_path, pure=False),
            _chunks(todo, chunk_size),
            2 * n,
            lambda futures: distributed_wait(futures, return_when="FIRST_COMPLETED").done,
        )
