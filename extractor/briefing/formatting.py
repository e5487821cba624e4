"""French formatting (Babel) and markdown safety for the briefings: pure functions.

Numbers and dates are written the French way; everything copied from an
article goes through :func:`md_escape` or :func:`md_quote`, so a sentence is
data and never becomes markdown structure or HTML.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import quote

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_currency, format_decimal

from ..records import Amount, Job, fold

LOCALE = "fr_FR"

JOB_KINDS = {
    "planned": "prévus",
    "created": "créés",
    "existing": "existants",
    "lost": "supprimés ou menacés",
    "unspecified": "sans précision",
}
#: what an amount is, as a table cell says it
PURPOSES = {
    "investment": "investissement",
    "aid": "aide publique",
    "budget": "budget, enveloppe",
    "turnover": "chiffre d'affaires",
    "other": "autre",
}
#: the heading of a total of one purpose
PURPOSE_TOTALS = {
    "investment": "Investissements",
    "aid": "Aides publiques",
    "budget": "Budgets et enveloppes",
}


def format_eur(value: float | None) -> str:
    """Compact French amount.

    >>> format_eur(1_360_000_000)
    '1,36\\xa0Md€'
    >>> format_eur(950)
    '950\\xa0€'
    """
    if value is None:
        return "—"
    if abs(value) < 1000:
        return format_decimal(round(value, 2), locale=LOCALE) + "\u00a0€"
    return format_compact_decimal(value, locale=LOCALE, fraction_digits=2) + "€"


def format_eur_full(value: float | None) -> str:
    """Amount in full, grouped with narrow no-break spaces as Babel writes fr_FR.

    >>> format_eur_full(1_360_000_000)
    '1\\u202f360\\u202f000\\u202f000\\xa0€'
    """
    if value is None:
        return "—"
    return format_currency(
        round(value), "EUR", format="#,##0\u00a0¤", locale=LOCALE, currency_digits=False
    )


def format_number(value: float | None) -> str:
    return "—" if value is None else format_decimal(value, locale=LOCALE)


def format_jobs(count: int | None) -> str:
    """``586 emplois``, ``1 emploi``, ``10 000 emplois`` (narrow no-break space)."""
    if count is None:
        return "—"
    return (
        f"{format_decimal(count, locale=LOCALE)}\u00a0{'emploi' if abs(count) < 2 else 'emplois'}"
    )


def format_date_fr(value: date | datetime | str | None, *, with_time: bool = False) -> str:
    """``3 octobre 2023``; the first of the month is ``1er`` as French writes it."""
    if value is None or value == "":
        return "date inconnue"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    day = value.date() if isinstance(value, datetime) else value
    text = format_date(day, format="long", locale=LOCALE)
    if day.day == 1:
        text = "1er" + text[1:]
    if with_time and isinstance(value, datetime):
        text += f" à {value:%H:%M}"
    return text


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 territoire``, ``4 territoires``, numbers in French."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{format_decimal(count, locale=LOCALE)} {word}"


def _with_qualifier(qualifier: str | None, low: str, high: str | None) -> str:
    if high is not None:
        return f"entre {low} et {high}"
    return f"{qualifier} {low}" if qualifier and qualifier != "entre" else low


def format_amount(amount: Amount) -> str:
    """``près de 1,36 Md€``, ``entre 10 M€ et 20 M€``."""
    high = format_eur(amount.value_eur_max) if amount.value_eur_max is not None else None
    return _with_qualifier(amount.qualifier, format_eur(amount.value_eur), high)


def format_job(job: Job) -> str:
    """``plus de 586 emplois``, ``entre 200 et 300 emplois``."""
    if job.count_max is not None:
        return f"entre {format_decimal(job.count, locale=LOCALE)} et {format_jobs(job.count_max)}"
    return _with_qualifier(job.qualifier, format_jobs(job.count), None)


# -- markdown escaping -------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def md_escape(text: object) -> str:
    """Text copied from an article as inert inline markdown, on one line.

    Backslash escapes (CommonMark: any ASCII punctuation) neutralise emphasis,
    code, links, HTML tags, table pipes and headings; a leading list or quote
    marker is escaped too, and newlines are folded so that a cell stays a cell.

    >>> md_escape("<script>alert(1)</script> | # 1. [x](y)")
    '\\\\<script\\\\>alert(1)\\\\</script\\\\> \\\\| \\\\# 1. \\\\[x\\\\](y)'
    """
    if text is None:
        return ""
    flat = " ".join(_CONTROL.sub(" ", str(text)).split())
    escaped = _SPECIAL.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def md_quote(text: object, limit: int = 300) -> str:
    """A quoted sentence for a table cell: escaped, shortened, in French quotes."""
    flat = " ".join(str(text or "").split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rsplit(" ", 1)[0] + "…"
    return f"«\u00a0{md_escape(flat)}\u00a0»" if flat else ""


def md_url(url: str) -> str:
    """A URL safe inside ``(...)`` of a markdown link: spaces, parentheses, brackets encoded."""
    return quote(url, safe=":/?#@!$&'*+,;=%~")


def mermaid_label(text: object) -> str:
    """A label inside a Mermaid double-quoted string: no quotes, no newlines, short."""
    flat = " ".join(str(text or "").replace('"', "'").split())
    flat = re.sub(r"[<>{}\[\];#`]", " ", flat).strip()
    return flat[:40] or "?"


def mermaid_number(value: float) -> str:
    """Plain decimal with a dot, as Mermaid parses it."""
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def slugify(text: str, max_len: int = 60) -> str:
    """File-name-safe ASCII slug: ``Alès Agglomération`` -> ``ales-agglomeration``."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:max_len].strip("-")
    return slug or "sans-nom"
