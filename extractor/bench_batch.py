"""Batch figures: throughput of 1 and 2 workers, memory per worker, a no-op re-run.

Every figure is measured in the same call on the same documents, so the ratios
mean something on any machine. The single-process baseline uses a pipeline
loaded beforehand; worker runs are timed cold (pool start-up and one pipeline
load per worker included) and warm (minus the start-up, timed on one document).
The memory runs use distinct sources cycling through the texts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .batch import run_batch
from .document import Document


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
    """Peak RSS of this process and of each of its children, sampled in a thread."""

    def __init__(self, every: float = 0.2) -> None:
        import psutil

        self._me = psutil.Process()
        self.every = every
        self.main_peak = 0
        self.child_peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            self.main_peak = max(self.main_peak, self._me.memory_info().rss)
            for child in self._me.children(recursive=True):
                try:
                    rss = child.memory_info().rss
                except psutil.Error:
                    continue
                self.child_peaks[child.pid] = max(self.child_peaks.get(child.pid, 0), rss)
            self._stop.wait(self.every)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _timed_run(docs: list[Document], db: Path, **kwargs: Any) -> dict[str, float]:
    t0 = time.perf_counter()
    summary = run_batch(docs, db, progress=False, **kwargs)
    wall = time.perf_counter() - t0
    n = summary.new + summary.updated + summary.failed
    return {"seconds": wall, "docs_per_s": n / wall if wall else 0.0, "failed": summary.failed}


def bench_batch(
    texts_or_docs: Sequence[str | Document],
    tmpdir: str | Path,
    *,
    workers: Sequence[int] = (1, 2),
    rss_docs: Sequence[int] = (1_000, 10_000),
    rss_workers: int = 2,
) -> dict[str, Any]:
    """Figures of the batch engines; ``rss_docs`` are the document counts of the memory runs."""
    from .api import Extractor

    tmp = Path(tmpdir)
    docs = as_documents(texts_or_docs)
    extractor = Extractor()
    list(extractor.extract_many(docs[:2]))  # warm-up: lazy data, first-call allocations
    results: dict[str, Any] = {"docs": len(docs)}

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
        run = _timed_run(docs, tmp / f"process{n}.db", engine="process", workers=n)
        warm = run["seconds"] - startup["seconds"]
        run["startup_seconds"] = startup["seconds"]
        run["docs_per_s_warm"] = len(docs) / warm if warm > 0 else 0.0
        run["speedup_vs_local"] = run["docs_per_s"] / local["docs_per_s"]
        run["speedup_warm_vs_local"] = run["docs_per_s_warm"] / local["docs_per_s"]
        results[f"process_{n}"] = run

    memory: dict[str, Any] = {}
    for n in rss_docs:
        with RssSampler() as sampler:
            run = _timed_run(
                as_documents(texts_or_docs, n),
                tmp / f"rss{n}.db",
                engine="process",
                workers=rss_workers,
            )
        peaks = sorted(sampler.child_peaks.values(), reverse=True)[:rss_workers]
        memory[str(n)] = {
            "docs_per_s": run["docs_per_s"],
            "peak_rss_mib_per_worker": [round(p / 2**20, 1) for p in peaks],
            "peak_rss_mib_main": round(sampler.main_peak / 2**20, 1),
        }
    results["memory"] = memory
    return results


if __name__ == "__main__":  # pragma: no cover
    import json
    import sys
    import tempfile

    from .bench import corpus_texts

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as tmp:
        figures = bench_batch(corpus_texts(".", size), tmp, rss_docs=(size, 4 * size))
    print(json.dumps(figures, indent=2))
