"""Bytes to text without letting a few bad bytes garble a whole file.

French files come as UTF-8 or Windows-1252, and often as UTF-8 with a stray
Windows-1252 fragment pasted in (a name copied from an old document, a byte
cut by a careless tool). Decoding such a file as Windows-1252 because one byte
is not UTF-8 turns every accented letter into ``Ã©`` junk; here the UTF-8 parts
stay UTF-8, and only the bytes that are not UTF-8 are repaired: read as
Windows-1252 where that gives a letter or usual punctuation, else replaced
with U+FFFD. The caller records the repair on the Document.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
from dataclasses import dataclass

from .errors import SourceError

#: one or more well-formed UTF-8 sequences (RFC 3629: no overlongs, surrogates or > U+10FFFF)
_UTF8_RUN = re.compile(
    rb"(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})+"
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
#: Windows-1252 punctuation French text uses; letters are accepted by category
_KEPT_PUNCTUATION = frozenset("€‚„…†‡‰‹›‘’“”•–—™«»°·\xa0")


@dataclass(frozen=True)
class Decoded:
    """Text plus what was done to get it: ``repaired`` bytes read as Windows-1252, ``replaced``
    bytes turned into U+FFFD, both inside an otherwise UTF-8 file."""

    text: str
    encoding: str
    repaired: int = 0
    replaced: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.repaired or self.replaced)

    def note(self) -> str:
        """One line for the Document's warning and metadata.

        >>> Decoded("x", "utf-8", repaired=2, replaced=1).note()
        'utf-8 with 3 bytes that are not UTF-8: 2 read as Windows-1252, 1 replaced by U+FFFD'
        """
        return (
            f"{self.encoding} with {self.repaired + self.replaced} bytes that are not UTF-8: "
            f"{self.repaired} read as Windows-1252, {self.replaced} replaced by U+FFFD"
        )


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """BOM, then a declared charset, then UTF-8 (repaired if mostly UTF-8), Windows-1252, detection.

    >>> decode("Alès, épargne".encode("cp1252")).text
    'Alès, épargne'
    >>> fixed = decode("Rodez Agglomération : ".encode() + b"salari\\xe9s")
    >>> fixed.text, fixed.repaired
    ('Rodez Agglomération : salariés', 1)
    """
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[len(codecs.BOM_UTF8) :])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16", errors="replace"), "utf-16")
    if declared and _windows_for_latin(declared) not in {"utf-8", "utf8"}:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return Decoded(data.decode(_windows_for_latin(declared)), declared.lower())
    with contextlib.suppress(UnicodeDecodeError):
        return Decoded(data.decode("utf-8"), "utf-8")
    sequences, stray = utf8_evidence(data)
    if sequences and 4 * sequences >= stray:
        return _utf8(data)
    with contextlib.suppress(UnicodeDecodeError):
        return Decoded(data.decode("cp1252"), "windows-1252")
    if sequences:  # not Windows-1252 either: damaged UTF-8
        return _utf8(data)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SourceError("NotText", "the bytes are not text in any known encoding")
    return Decoded(str(best), best.encoding)


def utf8_evidence(data: bytes) -> tuple[int, int]:
    """(well-formed multi-byte UTF-8 sequences, other bytes above ASCII).

    A Windows-1252 French text has next to no byte pairs that read as UTF-8 (an
    accented letter is followed by ASCII) and many stray bytes, one per accent;
    a UTF-8 file with a pasted fragment has the opposite. So a file with a quarter
    as many sequences as stray bytes is UTF-8.

    >>> utf8_evidence("é à ç".encode() + b"\\xe9")
    (3, 1)
    >>> utf8_evidence("é à ç".encode("cp1252"))
    (0, 3)
    """
    sequences = _UTF8_MULTIBYTE.findall(data)
    high = len(data.translate(None, bytes(range(128))))
    return len(sequences), high - sum(len(s) for s in sequences)


def _utf8(data: bytes) -> Decoded:
    """UTF-8 where the bytes are UTF-8; each other byte repaired or replaced on its own."""
    parts: list[str] = []
    repaired = replaced = 0
    pos = 0
    for match in _UTF8_RUN.finditer(data):
        for byte in data[pos : match.start()]:
            char = _cp1252_char(byte)
            repaired += char != "\ufffd"
            replaced += char == "\ufffd"
            parts.append(char)
        parts.append(match.group().decode("utf-8"))
        pos = match.end()
    for byte in data[pos:]:
        char = _cp1252_char(byte)
        repaired += char != "\ufffd"
        replaced += char == "\ufffd"
        parts.append(char)
    return Decoded("".join(parts), "utf-8", repaired, replaced)


def _cp1252_char(byte: int) -> str:
    """The Windows-1252 reading of a stray byte when it is a letter or usual punctuation.

    >>> _cp1252_char(0xE9), _cp1252_char(0x92), _cp1252_char(0x81), _cp1252_char(0xB6)
    ('é', '’', '\\ufffd', '\\ufffd')
    """
    try:
        char = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return "\ufffd"
    if unicodedata.category(char).startswith("L") or char in _KEPT_PUNCTUATION:
        return char
    return "\ufffd"


def _windows_for_latin(name: str) -> str:
    """Pages labelled ISO-8859-1 are Windows-1252 in practice (the WHATWG rule)."""
    name = name.lower().replace("_", "-")
    return "cp1252" if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else name
