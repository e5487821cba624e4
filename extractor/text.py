"""Pure text hygiene before the pipeline: what the record's offsets index."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline; lone surrogates left by surrogateescape.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CRLF = re.compile(r"\r\n?")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def clean_text(text: str) -> str:
    """NFC, Unix newlines, no control characters or lone surrogates.

    >>> clean_text("Alès\\r\\nAgglo\\x00 \\udcff")
    'Alès\\nAgglo \\ufffd'
    """
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
    return _CONTROL.sub("", _CRLF.sub("\n", text))


def detect_language(text: str, sample: int = 5_000) -> str:
    """ISO 639-1 code from py3langid (model shipped in the package, no download).

    >>> detect_language("Le maire de la commune a signé le contrat avec la Région.")
    'fr'
    >>> detect_language("The mayor signed the contract with the regional council today.")
    'en'
    """
    import py3langid

    return py3langid.classify(text[:sample])[0]


def looks_french(text: str, min_words: int = 8) -> bool:
    """Too short to judge counts as French: a headline must not be refused."""
    if len(_WORD.findall(text[:2000])) < min_words:
        return True
    return detect_language(text) == "fr"
