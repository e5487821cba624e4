"""HTML page -> Document: trafilatura's main-content extraction plus its metadata.

Trafilatura removes navigation, sidebars, cookie banners and footers; a light
post-filter drops the "À lire aussi" teaser lines some sites put inside the
article body itself.
"""

from __future__ import annotations

import re
from datetime import date

from ..document import Document
from .base import SourceError, declared_html_charset, decoded_fields
from .encoding import Decoded, decode

# Teasers to other articles, inline in the body: never part of the article's facts.
_TEASER = re.compile(
    r"^\W*(?:[àa]\s+lire\s+(?:aussi|également|egalement)|lire\s+(?:aussi|également|egalement|la suite)"
    r"|[àa]\s+(?:voir|découvrir|decouvrir)\s+(?:aussi|également)|voir\s+aussi|sur\s+le\s+même\s+sujet"
    r"|(?:nos|vos)\s+articles?\s+(?:liés|associés|similaires)|articles?\s+(?:liés|associés|similaires)"
    r"|(?:retrouvez|suivez)[- ]nous\s+sur|abonnez-vous|ceci\s+est\s+un\s+article\s+réservé)\b",
    re.IGNORECASE,
)
_BLANKS = re.compile(r"\n{3,}")
_WORD = re.compile(r"\w+")


def parse_html(
    data: bytes | str, source: str, *, url: str | None = None, min_words: int = 12
) -> Document:
    """Main text and metadata of a page; a page without an article is a NoArticle error.

    Trafilatura falls back to any text it finds, so a navigation-only page yields
    a few menu words: below ``min_words`` words there is no article to read.
    """
    import trafilatura

    decoded = (
        Decoded(data, "unicode")
        if isinstance(data, str)
        else decode(data, declared_html_charset(data))
    )
    text = decoded.text
    try:
        result = trafilatura.bare_extraction(
            text, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura/lxml on hostile markup
        raise SourceError("HTMLError", f"could not parse the page: {exc}") from exc
    body = drop_teasers(getattr(result, "text", None) or "")
    if len(_WORD.findall(body)) < min_words:
        raise SourceError(
            "NoArticle", "no article text found in the page (navigation or empty page?)"
        )
    repaired = decoded_fields(decoded)
    return Document(
        source=source,
        kind="html",
        text=body,
        title=_clean(result.title),
        author=_clean(result.author),
        sitename=_clean(result.sitename),
        published=_parse_date(result.date),
        url=result.url or url,
        language=result.language,
        metadata={k: v for k, v in {"description": result.description}.items() if v}
        | repaired.get("metadata", {}),
        warnings=repaired.get("warnings", []),
    )


def drop_teasers(text: str) -> str:
    """Remove "À lire aussi"-style lines left inside the article body.

    >>> drop_teasers("Le site emploie 40 personnes.\\nÀ lire aussi : La ZA s'agrandit\\nFin.")
    'Le site emploie 40 personnes.\\nFin.'
    """
    kept = [line for line in text.split("\n") if not _TEASER.match(line)]
    return _BLANKS.sub("\n\n", "\n".join(kept)).strip()


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
