"""Throughput of our HTML and PDF loaders beside the stock library calls, same files, same run."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..sources.html import parse_html
from ..sources.pdf import parse_pdf


def _rate(work: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    count = work()
    elapsed = time.perf_counter() - started
    return (count / elapsed if elapsed > 0 else float("inf")), count


def bench_html(paths: Sequence[str | Path]) -> dict[str, float]:
    """Pages per second: ``parse_html`` vs ``trafilatura.extract`` on the same bytes."""
    import trafilatura

    pages = [Path(p).read_bytes() for p in paths]

    def ours() -> int:
        for i, data in enumerate(pages):
            with contextlib.suppress(Exception):  # a page without article still costs its parse
                parse_html(data, str(i))
        return len(pages)

    def stock() -> int:
        for data in pages:
            trafilatura.extract(data, with_metadata=True)
        return len(pages)

    ours_rate, n = _rate(ours)
    stock_rate, _ = _rate(stock)
    return {"pages": n, "ours_pages_per_s": ours_rate, "trafilatura_pages_per_s": stock_rate}


def bench_pdf(paths: Sequence[str | Path]) -> dict[str, float]:
    """PDF pages per second: ``parse_pdf`` vs a plain pdfplumber ``extract_text`` loop."""
    import io

    import pdfplumber

    files = [Path(p).read_bytes() for p in paths]

    def ours() -> int:
        pages = 0
        for i, data in enumerate(files):
            with contextlib.suppress(Exception):
                pages += len(parse_pdf(data, str(i)).page_starts)
        return pages

    def stock() -> int:
        pages = 0
        for data in files:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
        return pages

    ours_rate, n = _rate(ours)
    stock_rate, _ = _rate(stock)
    return {"pages": n, "ours_pages_per_s": ours_rate, "pdfplumber_pages_per_s": stock_rate}
