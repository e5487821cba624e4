"""The one folding key shared by every component and ``scripts/build_gazetteer.py``.

Territories, organizations and actors compare names on the same key, so "the
same name" means one thing everywhere: lower case, no accents, straight
apostrophes and dashes, single spaces (:func:`fold`), or the same with accents
kept where they carry meaning (:func:`light`: "à" is not "a").
"""

from __future__ import annotations

import sys
import unicodedata
from functools import cache, lru_cache

DASHES = ("-", "–", "—", "‑", "‐", "−")


@cache
def _combining() -> dict[int, None]:
    """Every combining code point, mapped to None for ``str.translate`` (built once)."""
    return {cp: None for cp in range(sys.maxunicode + 1) if unicodedata.combining(chr(cp))}


def unaccent_lower(text: str) -> str:
    """Lower case without accents: NFKD, combining marks dropped, then ``lower()``.

    The same as ``"".join(c for c in nfkd if not unicodedata.combining(c)).lower()``
    (tests/test_folding.py checks it), done in C: an ASCII text is only lower-cased,
    any other has its marks dropped by one ``str.translate``. Long lines fold often
    (publisher lines, records), and the per-character generator was the cost.

    >>> unaccent_lower("Côte-d’Or Énergie")
    'cote-d’or energie'
    """
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_combining()).lower()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Matching key of a token or name: lower case, no accents, straight apostrophes and dashes."""
    s = unaccent_lower(text)
    if s.isascii():  # nothing below but the dash "-" and spaces to touch
        return " ".join(s.split())
    s = s.replace("’", "'").replace("‘", "'").replace("œ", "oe").replace("æ", "ae")
    for dash in DASHES:
        s = s.replace(dash, "-")
    return " ".join(s.split())


@lru_cache(maxsize=1 << 16)
def light(text: str) -> str:
    """Lower case with apostrophes and dashes folded, accents kept ("à" is not "a")."""
    s = text.lower().replace("’", "'").replace("‘", "'")
    for dash in DASHES:
        s = s.replace(dash, "-")
    return s
