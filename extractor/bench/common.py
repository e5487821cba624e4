"""What the benchmark sections share: the corpus they read, a timer, peak memory."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CORPUS_GLOBS = ("corpus/**/*.txt",)


def peak_rss_mib() -> float:
    """Peak resident set size of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_texts(root: str | Path = ".", n_docs: int = 200) -> list[str]:
    """The sample corpus's texts, repeated to ``n_docs`` so timings are not noise."""
    paths = sorted({p for pattern in CORPUS_GLOBS for p in Path(root).glob(pattern)})
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    if not texts:
        raise FileNotFoundError(f"no corpus text under {Path(root).resolve()}")
    return [texts[i % len(texts)] for i in range(n_docs)]


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0
