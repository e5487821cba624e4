"""Benchmark: figures, never assertions.

Each figure is a ratio against a baseline measured in the same run on the same
inputs, so the numbers mean something on any machine:

* extraction: ``Extractor.extract_many`` against a stock ``fr_core_news_md``
  ``nlp(text)`` loop (target: ratio >= 1.0), and the peak RSS;
* collection: our HTML and PDF to text against the stock trafilatura and
  pdfplumber calls;
* batch: 1 and 2 workers, memory per worker, a no-op re-run.

Run with ``extractor bench`` or ``python -m extractor.bench``.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Sequence
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


def _timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bench_extraction(texts: Sequence[str]) -> dict[str, float]:
    """Our full extraction against the stock pipeline's ``nlp(text)`` loop, same texts."""
    import spacy

    from .api import Extractor

    words = sum(len(t.split()) for t in texts)
    stock = spacy.load("fr_core_news_md")
    ours = Extractor()
    for t in texts[:3]:  # warm-up: lazy data, first-call allocations
        stock(t)
    list(ours.extract_many(texts[:3]))

    def run_stock() -> None:
        for t in texts:
            stock(t)

    t_stock = _timed(run_stock)
    t_ours = _timed(lambda: list(ours.extract_many(texts)))
    return {
        "docs": len(texts),
        "words": words,
        "stock_docs_per_s": len(texts) / t_stock,
        "stock_words_per_s": words / t_stock,
        "ours_docs_per_s": len(texts) / t_ours,
        "ours_words_per_s": words / t_ours,
        "speed_ratio_ours_vs_stock": t_stock / t_ours,
        "peak_rss_mib": peak_rss_mib(),
    }


def main(n_docs: int = 200, root: str | Path = ".", sections: Sequence[str] = ("extract",)) -> dict:
    """Run the chosen sections and return their figures (the CLI prints them)."""
    results: dict[str, Any] = {}
    if "extract" in sections:
        results["extract"] = bench_extraction(corpus_texts(root, n_docs))
    if "sources" in sections:
        from .sources.bench import bench_html, bench_pdf

        base = Path(root) / "corpus"
        html = bench_html(sorted(base.glob("**/*.html")))
        html["speed_ratio_ours_vs_trafilatura"] = (
            html["ours_pages_per_s"] / html["trafilatura_pages_per_s"]
        )
        pdf = bench_pdf(sorted(base.glob("**/*.pdf")))
        pdf["speed_ratio_ours_vs_pdfplumber"] = (
            pdf["ours_pages_per_s"] / pdf["pdfplumber_pages_per_s"]
        )
        results["html"], results["pdf"] = html, pdf
    if "batch" in sections:
        import tempfile

        from .bench_batch import bench_batch

        with tempfile.TemporaryDirectory() as tmp:
            # memory after n and 10 n documents: ``--docs 1000`` gives the 1,000 / 10,000 figures
            results["batch"] = bench_batch(
                corpus_texts(root, n_docs), tmp, rss_docs=(n_docs, 10 * n_docs)
            )
    return results


if __name__ == "__main__":  # pragma: no cover
    import json

    print(json.dumps(main(), indent=2))
