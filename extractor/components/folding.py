"""The one folding key shared by every component and ``scripts/build_gazetteer.py``.

Territories, organizations and actors compare names on the same key, so "the
same name" means one thing everywhere: lower case, no accents, straight
apostrophes and dashes, single spaces (:func:`fold`), or the same with accents
kept where they carry meaning (:func:`light`: "à" is not "a").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

DASHES = ("-", "–", "—", "‑", "‐", "−")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Matching key of a token or name: lower case, no accents, straight apostrophes and dashes."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
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
