"""Benchmark: figures, never assertions.

Each figure is a ratio against a baseline measured in the same run on the same
inputs, so the numbers mean something on any machine:

* extraction: ``Extractor.extract_many`` against a stock ``fr_core_news_md``
  ``nlp(text)`` loop (target: ratio >= 1.0), and the peak RSS;
* collection: our HTML and PDF to text against the stock trafilatura and
  pdfplumber calls;
* batch: 1 and 2 workers, memory per worker, a no-op re-run;
* long: per-character speed on a 5 MiB text against articles (target >= 0.5).

Run with ``extractor bench``. One module per section: :mod:`.extraction`,
:mod:`.sources`, :mod:`.batch`, :mod:`.long_text`; :mod:`.common` holds what they share.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .common import corpus_texts
from .extraction import bench_extraction


def main(n_docs: int = 200, root: str | Path = ".", sections: Sequence[str] = ("extract",)) -> dict:
    """Run the chosen sections and return their figures (the CLI prints them)."""
    results: dict[str, Any] = {}
    if "extract" in sections:
        results["extract"] = bench_extraction(corpus_texts(root, n_docs))
    if "sources" in sections:
        from .sources import bench_html, bench_pdf

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
    if "long" in sections:
        from .long_text import bench_long_text

        results["long_text"] = bench_long_text(corpus_texts(root, n_docs))
    if "batch" in sections:
        import tempfile

        from .batch import bench_batch

        with tempfile.TemporaryDirectory() as tmp:
            # memory after n and 10 n documents: ``--docs 1000`` gives the 1,000 / 10,000 figures
            results["batch"] = bench_batch(
                corpus_texts(root, n_docs), tmp, rss_docs=(n_docs, 10 * n_docs)
            )
    return results
