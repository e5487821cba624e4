"""Publication date of a plain-text document, read from its dateline.

HTML pages get their date from htmldate (through trafilatura); a saved text has
only what its first lines say: "Publié le 4 juin 2025 à 18h02", "Rédigé le
Lundi 18 Novembre 2019 par …", "Rodez, le 3 octobre 2024", "Communiqué de
presse – 12 mars 2024". Only the top of the text and only datelines count (a
cue word, or a short line that is not a sentence), so that the date of a
signing told in the article is not taken for the publication date.
dateparser reads the date itself.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|january|february|march|april|may|june|july|august|september|october|"
    "november|december"
)
_DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_DATE = re.compile(
    rf"(?:(?:{_DAYS})\s+)?(?:\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\s+\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})",
    re.IGNORECASE,
)
_CUE = re.compile(
    r"\b(?:publié|publiée|rédigé|rédigée|posté|postée|paru|parue|mis en ligne|mise en ligne|"
    r"mis à jour|mise à jour|édition du|posted on|published on)\b",
    re.IGNORECASE,
)
_HEAD_LINES = 15
_DATELINE_MAX = 140


def published_date(text: str) -> date | None:
    """The date of the first dateline near the top of the text, else None.

    >>> published_date("Menu\\n\\nRédigé le Lundi 18 Novembre 2019 par jcbarla\\n\\nLe texte.")
    datetime.date(2019, 11, 18)
    >>> published_date("Publié le 4 juin 2025 à 18h02 - Mis à jour le 5 juin 2025")
    datetime.date(2025, 6, 4)
    >>> published_date("COMMUNIQUÉ\\nToulouse, le 3 octobre 2024\\nLa Région annonce.")
    datetime.date(2024, 10, 3)
    >>> published_date("Le protocole a été signé le 18 mars 2019 à Carros.") is None
    True
    """
    lines = [ln.strip() for ln in text[:5000].splitlines() if ln.strip()][:_HEAD_LINES]
    cued = [ln for ln in lines if _CUE.search(ln)]
    datelines = [
        ln for ln in lines if len(ln) <= _DATELINE_MAX and not ln.endswith((".", "!", "?"))
    ]
    for line in [*cued, *datelines]:
        start = _CUE.search(line)
        match = _DATE.search(line, start.end() if start else 0)
        if match:
            return _parse(match.group(0))
    return None


def _parse(value: str) -> date | None:
    import dateparser

    parsed = dateparser.parse(
        value,
        languages=["fr", "en"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"},
    )
    return parsed.date() if parsed else None
