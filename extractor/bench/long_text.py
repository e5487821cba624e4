"""Long documents: per-character speed on a 5 MiB text against the same pipeline on articles.

Extraction cost must grow linearly with length: a 500-page report must not
cost more per character than a press article (target: ratio >= 0.5). The long
text is the corpus's own articles joined into one document, so both figures
read the same kind of French.
"""

from __future__ import annotations

from collections.abc import Sequence

from .common import peak_rss_mib, timed

FIVE_MIB = 5 * 2**20


def long_text(texts: Sequence[str], size: int) -> str:
    """The texts joined as paragraphs of one document, repeated to exactly ``size`` characters.

    >>> long_text(["Un.", "Deux."], 12)
    'Un.\\n\\nDeux.\\n\\n'
    """
    block = "".join(f"{t.strip()}\n\n" for t in texts)
    return (block * (size // len(block) + 1))[:size]


def bench_long_text(texts: Sequence[str], size: int = FIVE_MIB) -> dict[str, float]:
    """Characters per second on the articles one by one, then on one ``size``-character text."""
    from ..api import Extractor
    from ..document import Document

    extractor = Extractor()
    list(extractor.extract_many(texts[:3]))  # warm-up: lazy data, first-call allocations
    article_chars = sum(len(t) for t in texts)
    t_articles = timed(lambda: list(extractor.extract_many(texts)))
    text = long_text(texts, size)
    t_long = timed(lambda: extractor.extract(Document(source="long.txt", text=text)))
    articles_cps = article_chars / t_articles
    long_cps = len(text) / t_long
    return {
        "articles": len(texts),
        "article_chars": article_chars,
        "articles_chars_per_s": articles_cps,
        "long_chars": len(text),
        "long_seconds": t_long,
        "long_chars_per_s": long_cps,
        "speed_ratio_long_vs_articles": long_cps / articles_cps,
        "peak_rss_mib": peak_rss_mib(),
    }
