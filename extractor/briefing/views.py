"""Markdown briefings rendered with Jinja2: per document, per territory, and a batch digest.

Templates live in ``templates/`` (package data); a user folder passed as
``templates=`` overrides them one file at a time. Python builds plain view
models (what a briefing says: distinct facts, totals, footnote numbers) and the
templates only lay them out, so a user template never has to compute anything.
Everything copied from an article goes through the ``md``/``cell`` filters: a
sentence is data, it must never become markdown structure or HTML.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

import jinja2
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_currency, format_decimal

from . import resources
from .records import FACT_LISTS, Actor, Amount, Job, Record, Territory, fold

LOCALE = "fr_FR"
TEMPLATE_NAMES = ("document.md.j2", "territory.md.j2", "digest.md.j2")

JOB_KINDS = {
    "planned": "prévus",
    "created": "créés",
    "existing": "existants",
    "lost": "supprimés ou menacés",
    "unspecified": "sans précision",
}
TERRITORY_KINDS = {
    "region": "région",
    "departement": "département",
    "epci": "intercommunalité",
    "commune": "commune",
    "territoire_industrie": "Territoire d'industrie",
    "zone": "zone",
}


class BriefingError(Exception):
    """A briefing cannot be rendered: bad template, unknown territory, unreadable input."""


class RunLike(Protocol):
    """What the digest reads of a store run (``extractor.store.Run``)."""

    id: int
    started_at: Any
    finished_at: Any
    new: int
    skipped: int
    failed: int


# -- formatting (Babel) ----------------------------------------------------------


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


# -- view models -----------------------------------------------------------------------


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def record_title(record: Record) -> str:
    if record.title and record.title.strip():
        return " ".join(record.title.split())
    name = record.source.rstrip("/").rsplit("/", 1)[-1]
    return Path(name).stem if not is_url(record.source) else (name or record.source)


def document_slug(record: Record) -> str:
    digest = hashlib.sha1(record.source.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slugify(record_title(record), 50)}-{digest}"


def territory_key(territory: Territory) -> str:
    """Grouping key, also the file name: ``Saint-Denis`` and ``Saint Denis`` are one territory."""
    return slugify(territory.canonical_name or territory.name, 80)


def _amount_key(a: Amount) -> tuple:
    return ("amount", _sig(a.value_eur), _sig(a.value_eur_max), a.qualifier)


def _job_key(j: Job) -> tuple:
    return ("job", j.count, j.count_max, j.kind, j.qualifier)


def _sig(value: float | None) -> float | None:
    """Three significant digits: ``1,36 milliard`` and ``1 360 M€`` are one value."""
    return None if value is None else float(f"{value:.3g}")


def _distinct(facts: Iterable, key) -> list:
    seen: dict[tuple, Any] = {}
    for fact in facts:
        seen.setdefault(key(fact), fact)
    return list(seen.values())


def total_eur(amounts: Iterable[Amount]) -> float:
    """Sum of the low ends of distinct amounts (a range counts as its low end)."""
    return sum(a.value_eur for a in _distinct(amounts, _amount_key))


def jobs_by_kind(jobs: Iterable[Job]) -> dict[str, int]:
    """Distinct job counts summed per kind, kinds in the order of :data:`JOB_KINDS`."""
    sums: dict[str, int] = defaultdict(int)
    for job in _distinct(jobs, _job_key):
        sums[job.kind] += job.count
    return {kind: sums[kind] for kind in JOB_KINDS if kind in sums}


def _jobs_phrase(by_kind: dict[str, int]) -> str:
    return format_list(
        [f"{format_jobs(n)} {JOB_KINDS[k]}" for k, n in by_kind.items()], locale="fr"
    )


def _names_phrase(names: Sequence[str], limit: int = 4) -> str:
    shown = [md_escape(n) for n in names[:limit]]
    if len(names) > limit:
        shown.append(plural(len(names) - limit, "autre"))
    return format_list(shown, locale="fr")


def _actor_phrase(actor: Actor) -> str:
    about = ", ".join(md_escape(x) for x in (actor.role, actor.organization) if x)
    return f"{md_escape(actor.name)} ({about})" if about else md_escape(actor.name)


def document_summary(record: Record) -> str:
    """One French paragraph made from the facts: counts, totals, the first names."""
    if record.errors and not any(getattr(record, name) for name in FACT_LISTS):
        return "Ce document n'a pas pu être analysé."
    parts: list[str] = []
    territories = list(
        {territory_key(t): t.canonical_name or t.name for t in record.territories}.values()
    )
    if territories:
        parts.append(f"{plural(len(territories), 'territoire')} ({_names_phrase(territories)})")
    amounts = _distinct(record.amounts, _amount_key)
    if amounts:
        parts.append(
            f"{plural(len(amounts), 'montant')} pour un total de {format_eur(total_eur(amounts))}"
        )
    if record.jobs:
        parts.append(_jobs_phrase(jobs_by_kind(record.jobs)))
    if record.actors:
        names = [_actor_phrase(a) for a in record.actors[:2]]
        phrase = plural(len(record.actors), "acteur")
        parts.append(f"{phrase} dont {format_list(names, locale='fr')}")
    if record.organizations:
        orgs = [o.name for o in record.organizations]
        parts.append(f"{plural(len(orgs), 'organisation')} ({_names_phrase(orgs)})")
    if not parts:
        return "Aucun fait relevé dans ce document."
    return f"Ce document cite {format_list(parts, locale='fr')}."


@dataclass
class DocumentView:
    record: Record
    title: str
    slug: str
    url: str | None
    summary: str
    total_eur: float
    jobs_by_kind: dict[str, int]


def document_view(record: Record) -> DocumentView:
    return DocumentView(
        record=record,
        title=record_title(record),
        slug=document_slug(record),
        url=record.source if is_url(record.source) else None,
        summary=document_summary(record),
        total_eur=total_eur(record.amounts),
        jobs_by_kind=jobs_by_kind(record.jobs),
    )


@dataclass
class SourceRef:
    """One document cited by a territory briefing, numbered as its footnote."""

    number: int
    doc: DocumentView
    amounts: list[Amount] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)


@dataclass
class DistinctFact:
    """A fact once, with the footnotes of every document that reports it."""

    fact: Amount | Job
    refs: list[int]


@dataclass
class NamedRow:
    name: str
    refs: list[int]
    role: str | None = None
    organization: str | None = None
    sentence: str = ""


@dataclass
class TerritoryView:
    name: str
    key: str
    slug: str
    kind: str
    code: str | None
    other_names: list[str]
    sources: list[SourceRef]
    amounts: list[DistinctFact]
    jobs: list[DistinctFact]
    total_eur: float
    jobs_by_kind: dict[str, int]
    actors: list[NamedRow]
    organizations: list[NamedRow]
    amounts_by_year: dict[str, float]


def _pattern(names: Iterable[str]) -> re.Pattern | None:
    alts = sorted({fold(n) for n in names if n and fold(n)}, key=len, reverse=True)
    if not alts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alts)) + r")(?!\w)")


def territory_mentions(record: Record, key: str) -> list[Territory]:
    """The record's entries for the territory ``key`` (canonical or written name, folded)."""
    return [
        t
        for t in record.territories
        if key in (territory_key(t), slugify(t.name, 80), slugify(t.text, 80))
    ]


def is_about(record: Record, name: str) -> bool:
    return bool(territory_mentions(record, slugify(name, 80)))


def territory_index(records: Iterable[Record]) -> dict[str, list[Record]]:
    """Records per territory key, keys sorted: one pass, so a large batch stays linear."""
    index: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        for key in dict.fromkeys(territory_key(t) for t in record.territories):
            index[key].append(record)
    return dict(sorted(index.items()))


def _attributed(record: Record, key: str, facts: list) -> list:
    """Facts of the record that concern the territory ``key``.

    A fact belongs to the territories its sentence names; a fact whose sentence
    names none belongs to the territory the document names first (press leads
    with the place).
    """
    keys = {territory_key(t) for t in record.territories}
    if keys == {key}:
        return list(facts)
    by_key: dict[str, list[str]] = defaultdict(list)
    for t in record.territories:
        by_key[territory_key(t)] += [t.name, t.text, t.canonical_name or ""]
    own = _pattern(n for t in territory_mentions(record, key) for n in by_key[territory_key(t)])
    anyone = _pattern(n for names in by_key.values() for n in names)
    first = bool(record.territories) and territory_key(record.territories[0]) == key
    kept = []
    for fact in facts:
        sentence = fold(fact.sentence)
        if (own and own.search(sentence)) or (first and not (anyone and anyone.search(sentence))):
            kept.append(fact)
    return kept


def _timeline_order(record: Record) -> tuple:
    return (record.published is None, record.published or date.min, record_title(record).lower())


def territory_view(name: str, records: Iterable[Record]) -> TerritoryView:
    """Everything known about one territory across documents, each fact counted once."""
    key = slugify(name, 80)
    about = sorted((r for r in records if territory_mentions(r, key)), key=_timeline_order)
    if not about:
        raise BriefingError(f"no document cites the territory {name!r}")
    mentions_all = [t for r in about for t in territory_mentions(r, key)]
    display = Counter(t.canonical_name or t.name for t in mentions_all).most_common()
    best = sorted(display, key=lambda kv: (-kv[1], kv[0]))[0][0]
    sources: list[SourceRef] = []
    amount_refs: dict[tuple, DistinctFact] = {}
    job_refs: dict[tuple, DistinctFact] = {}
    for number, record in enumerate(about, start=1):
        ref = SourceRef(number=number, doc=document_view(record))
        ref.amounts = _distinct(_attributed(record, key, record.amounts), _amount_key)
        ref.jobs = _distinct(_attributed(record, key, record.jobs), _job_key)
        for facts, table, keyf in (
            (ref.amounts, amount_refs, _amount_key),
            (ref.jobs, job_refs, _job_key),
        ):
            for fact in facts:
                table.setdefault(keyf(fact), DistinctFact(fact, [])).refs.append(number)
        sources.append(ref)
    amounts = sorted(amount_refs.values(), key=lambda d: (-d.fact.value_eur, d.refs))
    jobs = sorted(
        job_refs.values(), key=lambda d: (list(JOB_KINDS).index(d.fact.kind), -d.fact.count)
    )
    by_year: dict[str, float] = defaultdict(float)
    for d in amount_refs.values():
        first = sources[d.refs[0] - 1].doc.record.published
        by_year[str(first.year) if first else "sans date"] += d.fact.value_eur
    kinds = Counter(t.kind for t in mentions_all)
    codes = [t.code for t in mentions_all if t.code]
    return TerritoryView(
        name=best,
        key=key,
        slug=key,
        kind=TERRITORY_KINDS.get(kinds.most_common(1)[0][0], "territoire"),
        code=Counter(codes).most_common(1)[0][0] if codes else None,
        other_names=sorted({t.name for t in mentions_all} - {best}, key=fold),
        sources=sources,
        amounts=amounts,
        jobs=jobs,
        total_eur=sum(d.fact.value_eur for d in amounts),
        jobs_by_kind=jobs_by_kind(d.fact for d in jobs),
        actors=_actor_rows(about),
        organizations=_org_rows(about),
        amounts_by_year=dict(sorted(by_year.items(), key=lambda kv: (kv[0] == "sans date", kv[0]))),
    )


def _actor_rows(records: Sequence[Record]) -> list[NamedRow]:
    rows: dict[str, NamedRow] = {}
    for number, record in enumerate(records, start=1):
        for actor in record.actors:
            row = rows.setdefault(
                fold(actor.name), NamedRow(actor.name, [], sentence=actor.sentence)
            )
            row.role = row.role or actor.role
            row.organization = row.organization or actor.organization
            if number not in row.refs:
                row.refs.append(number)
    return sorted(rows.values(), key=lambda r: (-len(r.refs), fold(r.name)))


def _org_rows(records: Sequence[Record]) -> list[NamedRow]:
    rows: dict[str, NamedRow] = {}
    for number, record in enumerate(records, start=1):
        for org in record.organizations:
            row = rows.setdefault(fold(org.name), NamedRow(org.name, [], sentence=org.sentence))
            if number not in row.refs:
                row.refs.append(number)
    return sorted(rows.values(), key=lambda r: (-len(r.refs), fold(r.name)))


@dataclass
class TerritoryCount:
    name: str
    slug: str
    documents: int
    total_eur: float
    jobs: int


@dataclass
class DigestView:
    run: Any
    documents: list[DocumentView]
    failed: list[DocumentView]
    total_eur: float
    jobs_by_kind: dict[str, int]
    territories: list[TerritoryCount]
    territory_count: int


def _context_key(record: Record, fact: Amount | Job, base: tuple) -> tuple:
    """A fact in the digest: same value, same territories named in its sentence.

    Without a territory in its sentence a fact stays tied to its document, so
    two unrelated "10 M€" are not merged.
    """
    sentence = fold(fact.sentence)
    named = frozenset(territory_key(t) for t in record.territories if fold(t.text) in sentence)
    return (*base, named or record.source)


def digest_view(
    records: Sequence[Record],
    run: RunLike | None = None,
    failed: Sequence[Record] | None = None,
    top: int = 10,
) -> DigestView:
    ok = [r for r in records if not r.errors]
    failed = [r for r in records if r.errors] if failed is None else list(failed)
    amounts = _distinct(
        ((r, a) for r in ok for a in r.amounts),
        lambda ra: _context_key(ra[0], ra[1], _amount_key(ra[1])),
    )
    jobs = _distinct(
        ((r, j) for r in ok for j in r.jobs), lambda rj: _context_key(rj[0], rj[1], _job_key(rj[1]))
    )
    counts = []
    for key, about in territory_index(ok).items():
        view = territory_view(key, about)
        by_kind = view.jobs_by_kind
        counts.append(
            TerritoryCount(
                name=view.name,
                slug=view.slug,
                documents=len(view.sources),
                total_eur=view.total_eur,
                jobs=by_kind.get("planned", 0) + by_kind.get("created", 0),
            )
        )
    counts.sort(key=lambda c: (-c.documents, -c.total_eur, fold(c.name)))
    return DigestView(
        run=run,
        documents=[document_view(r) for r in sorted(ok, key=_timeline_order)],
        failed=[document_view(r) for r in failed],
        total_eur=sum(a.value_eur for _, a in amounts),
        jobs_by_kind=jobs_by_kind(j for _, j in jobs),
        territories=counts[:top],
        territory_count=len(counts),
    )


# -- templates ---------------------------------------------------------------------------


class _TraversableLoader(jinja2.BaseLoader):
    """Templates from a folder or a package resource (works from a wheel or a zip)."""

    def __init__(self, root: Traversable) -> None:
        self.root = root

    def get_source(self, environment: jinja2.Environment, template: str):
        node = self.root
        for part in template.split("/"):
            if part in ("", ".", ".."):
                raise jinja2.TemplateNotFound(template)
            node = node.joinpath(part)
        if not node.is_file():
            raise jinja2.TemplateNotFound(template)
        source = node.read_text(encoding="utf-8")
        return source, str(node), lambda: True

    def list_templates(self) -> list[str]:
        return sorted(e.name for e in self.root.iterdir() if e.name.endswith(".j2"))


def make_environment(templates: str | Path | None = None) -> jinja2.Environment:
    """Jinja2 environment: the user folder first, then the packaged templates."""
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise BriefingError(f"template folder not found: {folder}")
        loaders.append(_TraversableLoader(folder))
    loaders.append(_TraversableLoader(resources.template_dir()))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md_escape,
        cell=md_escape,
        quote=md_quote,
        url=md_url,
        eur=format_eur,
        eur_full=format_eur_full,
        number=format_number,
        jobs=format_jobs,
        amount=format_amount,
        job=format_job,
        date_fr=format_date_fr,
        plural=plural,
        mermaid_label=mermaid_label,
        mermaid_number=mermaid_number,
        million=lambda value: round(value / 1e6, 2),
        job_kind=lambda kind: JOB_KINDS.get(kind, kind),
        territory_kind=lambda kind: TERRITORY_KINDS.get(kind, kind),
        footnotes=lambda refs: "".join(f"[^{n}]" for n in refs),
    )
    env.globals.update(JOB_KINDS=JOB_KINDS, zip=zip)
    return env


def _template_location(exc: BaseException) -> tuple[str | None, int | None]:
    """Template file and line of an error raised while rendering (Jinja rewrites the traceback)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name, exc.lineno
    where: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one template; any template error becomes a :class:`BriefingError` with file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise BriefingError(f"template {exc.name} not found") from exc
    except (jinja2.TemplateError, TypeError, AttributeError, KeyError, ValueError) as exc:
        filename, line = _template_location(exc)
        if filename is None:
            raise
        message = getattr(exc, "message", None) or str(exc)
        raise BriefingError(f"template {filename}, line {line}: {message}") from exc


_ENVS: dict[str | None, jinja2.Environment] = {}


def _env(templates: str | Path | jinja2.Environment | None) -> jinja2.Environment:
    if isinstance(templates, jinja2.Environment):
        return templates
    key = str(templates) if templates is not None else None
    if key not in _ENVS:
        _ENVS[key] = make_environment(templates)
    return _ENVS[key]


def render_document(
    record: Record, *, templates: str | Path | jinja2.Environment | None = None
) -> str:
    return render(_env(templates), "document.md.j2", doc=document_view(record))


def render_territory(
    name: str,
    records: Iterable[Record],
    *,
    templates: str | Path | jinja2.Environment | None = None,
) -> str:
    return render(_env(templates), "territory.md.j2", territory=territory_view(name, list(records)))


def render_digest(
    records: Sequence[Record],
    run: RunLike | None = None,
    failed: Sequence[Record] | None = None,
    *,
    templates: str | Path | jinja2.Environment | None = None,
) -> str:
    """Digest of one batch; ``failed`` defaults to the batch records that carry errors."""
    return render(_env(templates), "digest.md.j2", digest=digest_view(list(records), run, failed))


def write_briefings(
    records: Iterable[Record],
    out_dir: str | Path,
    *,
    territory: str | None = None,
    templates: str | Path | None = None,
    run: RunLike | None = None,
    digest_records: Sequence[Record] | None = None,
) -> list[Path]:
    """Write ``documents/*.md``, ``territories/*.md`` and ``digest.md``; return the paths.

    With ``territory`` only that territory's briefing is written. The digest
    covers ``digest_records`` (a store's last run) or else all ``records``.
    """
    records = list(records)
    env = make_environment(templates)
    out = Path(out_dir)
    written: list[Path] = []

    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    if territory is not None:
        view = territory_view(territory, records)
        write(
            out / "territories" / f"{view.slug}.md", render(env, "territory.md.j2", territory=view)
        )
        return written
    for record in sorted(records, key=_timeline_order):
        view = document_view(record)
        write(out / "documents" / f"{view.slug}.md", render(env, "document.md.j2", doc=view))
    for key, about in territory_index(records).items():
        view = territory_view(key, about)
        write(
            out / "territories" / f"{view.slug}.md", render(env, "territory.md.j2", territory=view)
        )
    batch = list(digest_records) if digest_records is not None else records
    write(out / "digest.md", render(env, "digest.md.j2", digest=digest_view(batch, run)))
    return written
