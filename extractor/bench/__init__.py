"""Benchmark: figures, never assertions.

Each figure is a ratio against a baseline measured in the same run on the same
inputs, so the numbers mean something on any machine:

* extraction: ``Extractor.extract_many`` against a stock ``fr_core_news_md``
  ``nlp(text)`` loop (target: ratio >= 1.0), and the peak RSS;
* collection: our HTML and PDF to text against the stock trafilatura and
  pdfplumber calls;
* batch: 1 and 2 workers, memory per worker, a no-op re-run;
* long: per-character speed on a 5 MiB text against articles (target >= 0.5).

Run with ``extractor bench`` (tables; ``--json`` for machines). One module per
section: :mod:`.extraction`, :mod:`.sources`, :mod:`.batch`, :mod:`.long_text`;
:mod:`.common` holds what they share; this module runs them and lays out their figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .common import corpus_texts
from .extraction import bench_extraction

SECTIONS = ("extract", "sources", "long", "batch")

#: figure names that compare us with a baseline: shown first, in their own table
RATIO_WORDS = ("ratio", "speedup")


def main(
    n_docs: int = 200,
    root: str | Path = ".",
    sections: Sequence[str] = ("extract",),
    *,
    on_section: Callable[[str], None] | None = None,
    on_done: Callable[[], None] | None = None,
) -> dict:
    """Run the chosen sections and return their figures (the CLI prints them).

    ``on_section(name)`` is called as a section starts and ``on_done()`` as it ends
    (a progress bar: the batch section alone takes minutes).
    """
    results: dict[str, Any] = {}

    def section(name: str) -> bool:
        if name in sections and on_section is not None:
            on_section(name)
        return name in sections

    def done() -> None:
        if on_done is not None:
            on_done()

    if section("extract"):
        results["extract"] = bench_extraction(corpus_texts(root, n_docs))
        done()
    if section("sources"):
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
        done()
    if section("long"):
        from .long_text import bench_long_text

        results["long_text"] = bench_long_text(corpus_texts(root, n_docs))
        done()
    if section("batch"):
        import tempfile

        from .batch import bench_batch

        with tempfile.TemporaryDirectory() as tmp:
            # memory after n and 10 n documents: ``--docs 1000`` gives the 1,000 / 10,000 figures
            results["batch"] = bench_batch(
                corpus_texts(root, n_docs), tmp, rss_docs=(n_docs, 10 * n_docs)
            )
        done()
    return results


# -- output ----------------------------------------------------------------------


def rounded(value: Any, digits: int = 3) -> Any:
    """The figures with floats rounded (timings are not exact to 16 digits).

    >>> rounded({"a": [1.23456, 2], "b": {"c": 0.1 + 0.2}})
    {'a': [1.235, 2], 'b': {'c': 0.3}}
    """
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(v, digits) for v in value]
    return value


def flatten(results: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted name, value) of every figure, nested sections joined by dots.

    >>> list(flatten({"batch": {"local": {"seconds": 2.0}, "docs": 10}}))
    [('batch.local.seconds', 2.0), ('batch.docs', 10)]
    """
    for key, value in results.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from flatten(value, f"{name}.")
        else:
            yield name, value


def _cell(value: Any) -> str:
    """A figure as a table cell: 3 significant decimals at most, thousands separated.

    >>> [_cell(v) for v in (1.26349, 12345.678, 7, [101.04, 99.5], None)]
    ['1.263', '12,345.7', '7', '101, 99.5', '-']
    """
    if value is None:
        return "-"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 1000 else f"{value:.4g}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def format_tables(results: dict[str, Any]) -> list[Any]:
    """Rich tables: the ratios against their baselines first, then every figure by section."""
    from rich.table import Table

    figures = list(flatten(results))
    ratios = Table(title="Ratios against baselines measured in the same run")
    ratios.add_column("section")
    ratios.add_column("figure")
    ratios.add_column("ratio", justify="right", style="bold")
    ratios.add_column("better")
    for name, value in figures:
        section, _, figure = name.partition(".")
        if any(word in figure for word in RATIO_WORDS):
            # speed ratios: ours / baseline rate; the others compare times
            better = "higher" if "speed" in figure else "lower"
            ratios.add_row(section, figure, _cell(value), better)
    details = Table(title="All figures")
    details.add_column("section")
    details.add_column("figure")
    details.add_column("value", justify="right")
    for name, value in figures:
        section, _, figure = name.partition(".")
        details.add_row(section, figure, _cell(value))
    return [ratios, details] if ratios.row_count else [details]
