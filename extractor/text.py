"""Pure text hygiene before the pipeline: what the record's offsets index."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline; lone surrogates left by surrogateescape.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CRLF = re.compile(r"\r\n?")

_FRENCH_MARKERS = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "un",
        "une",
        "et",
        "est",
        "à",
        "au",
        "aux",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "qui",
        "que",
        "ce",
        "cette",
        "sont",
        "été",
        "a",
        "pas",
        "plus",
        "ne",
        "se",
        "il",
        "elle",
        "ils",
        "nous",
        "vous",
        "leur",
        "leurs",
        "son",
        "sa",
        "ses",
        "d",
        "l",
        "qu",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def clean_text(text: str) -> str:
    """NFC, Unix newlines, no control characters or lone surrogates.

    >>> clean_text("Alès\\r\\nAgglo\\x00 \\udcff")
    'Alès\\nAgglo \\ufffd'
    """
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
    return _CONTROL.sub("", _CRLF.sub("\n", text))


def french_ratio(text: str, sample: int = 20_000) -> float:
    """Share of words that are French function words: cheap, and robust on press text.

    >>> french_ratio("Le maire de la commune a signé le contrat avec la Région.") > 0.3
    True
    >>> french_ratio("The mayor signed the contract with the region.") < 0.1
    True
    """
    words = _WORD.findall(text[:sample].lower())
    if not words:
        return 0.0
    return sum(w in _FRENCH_MARKERS for w in words) / len(words)


def looks_french(text: str, threshold: float = 0.12, min_words: int = 8) -> bool:
    """Too short to judge counts as French: a headline must not be refused."""
    if len(_WORD.findall(text[:2000])) < min_words:
        return True
    return french_ratio(text) >= threshold
