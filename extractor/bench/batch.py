"""Batch figures: throughput of 1 and 2 workers, memory per worker, a no-op re-run.

Every figure is measured in the same call on the same documents, so the ratios
mean something on any machine. The single-process baseline uses a pipeline
loaded beforehand; worker runs are timed cold (pool start-up and one pipeline
load per worker included) and warm (minus the start-up, timed on one document).
The memory runs use distinct sources cycling through the texts.

Wall-clock speed-ups need idle cores: each run also reports the CPU seconds its
workers used and the load average, so a speed-up lost to other processes on a
shared machine shows as low ``worker_cpu_share`` rather than as a slow engine.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..batch import run_batch
from ..document import Document


def as_documents(items: Sequence[str | Document], n: int | None = None) -> list[Document]:
    """``n`` documents with distinct sources, cycling through the given texts."""
    n = len(items) if n is None else n
    docs = []
    for i in range(n):
        item = items[i % len(items)]
        text = item.text if isinstance(item, Document) else item
        docs.append(Document(source=f"bench/{i:06d}.txt", text=text))
    return docs


class RssSampler:
    """Peak RSS and CPU time of this process and of each of its children, sampled in a thread."""

    def __init__(self, every: float = 0.2) -> None:
        import psutil

        self._me = psutil.Process()
        self.every = every
        self.main_peak = 0
        self.child_peaks: dict[int, int] = {}
        self.child_cpu: dict[int, float] = {}  # last seen user + system seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)

    def sample(self) -> None:
        import psutil

        self.main_peak = max(self.main_peak, self._me.memory_info().rss)
        for child in self._me.children(recursive=True):
            try:
                rss = child.memory_info().rss
                cpu = child.cpu_times()
            except psutil.Error:
                continue
            self.child_peaks[child.pid] = max(self.child_peaks.get(child.pid, 0), rss)
            self.child_cpu[child.pid] = cpu.user + cpu.system

    def __enter__(self) -> RssSampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _timed_run(docs: list[Document], db: Path, **kwargs: Any) -> dict[str, Any]:
    load = os.getloadavg()[0]
    with RssSampler(every=0.1) as sampler:
        before = dict(sampler.child_cpu)  # the fork server's own CPU, not the workers'
        t0, cpu0 = time.perf_counter(), time.process_time()
        summary = run_batch(docs, db, progress=False, **kwargs)
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    workers_cpu = sum(v - before.get(pid, 0.0) for pid, v in sampler.child_cpu.items())
    n = summary.new + summary.updated + summary.failed
    return {
        "seconds": wall,
        "docs_per_s": n / wall if wall else 0.0,
        "failed": summary.failed,
        "main_cpu_seconds": round(cpu, 2),
        "workers_cpu_seconds": round(workers_cpu, 2),
        # CPU seconds of this process and its workers per wall second: close to the
        # number of busy processes on idle cores, lower when others take the CPU
        "cpu_share": round((cpu + workers_cpu) / wall, 2) if wall else 0.0,
        "load_avg_1min_before": round(load, 2),
        "rss_main_peak_mib": round(sampler.main_peak / 2**20, 1),
        "rss_peaks_mib": sorted(
            (round(p / 2**20, 1) for p in sampler.child_peaks.values()), reverse=True
        ),
    }


def bench_batch(
    texts_or_docs: Sequence[str | Document],
    tmpdir: str | Path,
    *,
    workers: Sequence[int] = (1, 2),
    rss_docs: Sequence[int] = (1_000, 10_000),
    rss_workers: int = 2,
    chunk_size: int = 8,
) -> dict[str, Any]:
    """Figures of the batch engines, as a JSON-able dict.

    ``texts_or_docs``: the texts (or Documents) of the throughput runs, each given a
    distinct source; ``tmpdir``: where the stores go (one per run). ``workers``: the
    process-pool sizes to time against the in-process baseline. ``rss_docs``: the
    document counts of the memory runs (e.g. ``(n, 10 * n)``: flat memory shows as
    equal peaks), cycling through the texts; ``rss_workers``: their pool size.
    ``chunk_size``: documents per task sent to a worker.
    """
    from ..api import Extractor

    tmp = Path(tmpdir)
    docs = as_documents(texts_or_docs)
    extractor = Extractor()
    list(extractor.extract_many(docs[:2]))  # warm-up: lazy data, first-call allocations
    results: dict[str, Any] = {"docs": len(docs), "cpus": os.cpu_count()}

    local = _timed_run(docs, tmp / "local.db", engine="local", extractor=extractor)
    results["local"] = local
    t0 = time.perf_counter()
    noop = run_batch(docs, tmp / "local.db", engine="local", extractor=extractor, progress=False)
    noop_s = time.perf_counter() - t0
    results["noop_rerun"] = {
        "seconds": noop_s,
        "skipped": noop.skipped,
        "ratio_vs_first_run": noop_s / local["seconds"],
    }
    # untimed: starts the fork server (spaCy imported once), as any earlier run would have
    run_batch(docs[:1], tmp / "warmup.db", engine="process", workers=1, progress=False)
    for n in workers:
        # start-up (pool, one pipeline load per worker) timed on one document
        startup = _timed_run(docs[:1], tmp / f"startup{n}.db", engine="process", workers=n)
        run = _timed_run(
            docs, tmp / f"process{n}.db", engine="process", workers=n, chunk_size=chunk_size
        )
        warm = run["seconds"] - startup["seconds"]
        run["startup_seconds"] = startup["seconds"]
        run["docs_per_s_warm"] = len(docs) / warm if warm > 0 else 0.0
        run["speedup_vs_local"] = run["docs_per_s"] / local["docs_per_s"]
        run["speedup_warm_vs_local"] = run["docs_per_s_warm"] / local["docs_per_s"]
        # CPU seconds per document: equal across engines means no per-worker overhead
        run["cpu_ms_per_doc"] = round(
            1000 * (run["workers_cpu_seconds"] - startup["workers_cpu_seconds"]) / len(docs), 1
        )
        results[f"process_{n}"] = run
    local["cpu_ms_per_doc"] = round(1000 * local["main_cpu_seconds"] / len(docs), 1)

    memory: dict[str, Any] = {}
    for n in rss_docs:
        run = _timed_run(
            as_documents(texts_or_docs, n),
            tmp / f"rss{n}.db",
            engine="process",
            workers=rss_workers,
            chunk_size=chunk_size,
        )
        memory[str(n)] = {
            "docs_per_s": run["docs_per_s"],
            # the fork server is a child too: keep the workers, the largest ones
            "peak_rss_mib_per_worker": run["rss_peaks_mib"][:rss_workers],
            "peak_rss_mib_main": run["rss_main_peak_mib"],
        }
    results["memory"] = memory
    return results
