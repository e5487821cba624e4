"""What a briefing says: honest aggregates of records, as plain view models.

A total a reader can trust adds like with like:

* money is totalled per purpose (investments, aids, budgets), never across
  purposes; turnovers and other amounts are listed, never added up;
* a figure that is a part of another ("dont 480 000 €") is shown under its
  total and never added to it;
* the same figure reported by several documents (same value, purpose, owner and
  place) counts once;
* job counts are totalled per kind for created, planned and lost jobs;
  headcounts of existing jobs are listed, never summed;
* a territory's page holds the facts *linked* to it or to a territory inside
  it (commune → intercommunality → département → région, :mod:`extractor.geography`):
  the link is the record's, decided at extraction with its cue, never guessed
  here; a national envelope (no territory) is on no territory's page.

Every figure keeps its sentence and its source document, so it can be traced.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from babel.lists import format_list

from .. import geography, resources
from ..geography import Place
from ..labels import TERRITORY_KINDS
from ..records import FACT_LISTS, Actor, Amount, Job, Project, Record, Territory, fold
from .formatting import (
    JOB_KINDS,
    PURPOSE_TOTALS,
    format_eur,
    format_jobs,
    md_escape,
    plural,
    slugify,
)

#: job kinds whose counts add up (a headcount of existing jobs does not)
SUMMED_JOB_KINDS = ("created", "planned", "lost")


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


# -- documents ---------------------------------------------------------------------------


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


def timeline_order(record: Record) -> tuple:
    return (record.published is None, record.published or date.min, record_title(record).lower())


def territory_place(t: Territory) -> Place:
    found = geography.place(t.kind, t.code, t.canonical_name or t.name)
    return found or (t.kind, fold(t.name))


def fact_place(fact: Amount | Job | Project) -> Place | None:
    """Where a linked fact is, as the record says it (None: national, abroad or unsaid)."""
    if fact.territory is None:
        return None
    return geography.place(
        fact.territory_kind, fact.territory_code, fact.territory_canonical_name or fact.territory
    )


@dataclass
class PlaceRow:
    """One territory of a document, its spellings grouped."""

    name: str
    kind: str
    code: str | None
    written: list[str]
    sentence: str


def document_places(record: Record) -> list[PlaceRow]:
    rows: dict[Place, PlaceRow] = {}
    for t in record.territories:
        row = rows.get(territory_place(t))
        if row is None:
            rows[territory_place(t)] = PlaceRow(
                t.canonical_name or t.name, t.kind, t.code, [t.name], t.sentence
            )
        elif t.name not in row.written:
            row.written.append(t.name)
    return list(rows.values())


@dataclass
class AmountRow:
    """An amount as a table shows it: parts right under their total."""

    fact: Amount
    part: bool


def amount_rows(amounts: Sequence[Amount]) -> list[AmountRow]:
    """Amounts in text order, each part moved right after the total it belongs to."""
    parts: dict[int, list[int]] = defaultdict(list)
    for i, a in enumerate(amounts):
        if a.part_of is not None and 0 <= a.part_of < len(amounts) and a.part_of != i:
            parts[a.part_of].append(i)
    rows: list[AmountRow] = []
    placed: set[int] = set()

    def add(i: int, part: bool) -> None:
        if i in placed:
            return
        placed.add(i)
        rows.append(AmountRow(amounts[i], part))
        for j in parts.get(i, []):
            add(j, True)

    for i, a in enumerate(amounts):
        if a.part_of is None or a.part_of not in range(len(amounts)) or a.part_of == i:
            add(i, False)
    for i in range(len(amounts)):  # parts whose total is itself a part of a missing one
        add(i, True)
    return rows


def _sig(value: float | None) -> float | None:
    """Three significant digits: ``1,36 milliard`` and ``1 360 M€`` are one value."""
    return None if value is None else float(f"{value:.3g}")


def amount_key(a: Amount) -> tuple:
    """What two reports of one amount share: value, purpose and place."""
    return ("amount", _sig(a.value_eur), _sig(a.value_eur_max), a.purpose, fact_place(a))


def job_key(j: Job) -> tuple:
    return ("job", j.count, j.count_max, j.kind, fact_place(j))


class SameFacts:
    """Groups reports of one fact: same key, and owners that do not contradict.

    "Verrenord investit 30 M€ à Lens" and "le site de Lens recevra 30 M€" are
    one investment (one report does not name the firm); the same 30 M€ of two
    different firms are two.
    """

    def __init__(self, key) -> None:
        self.key = key
        self.groups: dict[tuple, list[tuple[str | None, int]]] = defaultdict(list)
        self.count = 0

    def group(self, fact: Amount | Job) -> int:
        owner = fold(fact.organization) if fact.organization else None
        members = self.groups[self.key(fact)]
        for i, (known, number) in enumerate(members):
            if known is None or owner is None or known == owner:
                if known is None and owner is not None:
                    members[i] = (owner, number)
                return number
        self.count += 1
        members.append((owner, self.count))
        return self.count


def distinct(facts: Iterable, key) -> list:
    """One fact per group of :class:`SameFacts`, the first report of each."""
    same = SameFacts(key)
    seen: dict[int, Any] = {}
    for fact in facts:
        seen.setdefault(same.group(fact), fact)
    return list(seen.values())


@dataclass
class MoneyTotal:
    """The total of one purpose: the sum of distinct amounts that are no part of another."""

    purpose: str
    label: str
    total: float
    count: int


def money_totals(amounts: Iterable[Amount]) -> list[MoneyTotal]:
    """Totals per summable purpose, in the order of :data:`PURPOSE_TOTALS`.

    A range counts as its low end. Turnovers and other amounts are not totals
    a reader can use (different firms, years, scopes): they are not added.
    """
    sums: dict[str, list[float]] = defaultdict(list)
    for a in distinct((a for a in amounts if a.part_of is None), amount_key):
        if a.purpose in PURPOSE_TOTALS:
            sums[a.purpose].append(a.value_eur)
    return [
        MoneyTotal(p, label, sum(sums[p]), len(sums[p]))
        for p, label in PURPOSE_TOTALS.items()
        if sums[p]
    ]


def jobs_by_kind(jobs: Iterable[Job]) -> dict[str, int]:
    """Distinct created, planned and lost job counts (no parts) summed per kind."""
    sums: dict[str, int] = defaultdict(int)
    for job in distinct((j for j in jobs if j.part_of is None), job_key):
        if job.kind in SUMMED_JOB_KINDS:
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
    """One French paragraph made from the facts: counts, totals per purpose, first names."""
    if record.errors and not any(getattr(record, name) for name in FACT_LISTS):
        return "Ce document n'a pas pu être analysé."
    parts: list[str] = []
    places = [p.name for p in document_places(record)]
    if places:
        parts.append(f"{plural(len(places), 'territoire')} ({_names_phrase(places)})")
    if record.amounts:
        totals = money_totals(record.amounts)
        phrase = plural(len(record.amounts), "montant")
        if totals:
            sums = [f"{format_eur(t.total)} en {t.label.lower()}" for t in totals]
            phrase += f", dont {format_list(sums, locale='fr')}"
        parts.append(phrase)
    by_kind = jobs_by_kind(record.jobs)
    if by_kind:
        parts.append(_jobs_phrase(by_kind))
    elif record.jobs:
        parts.append(plural(len(record.jobs), "chiffre d'emploi", "chiffres d'emploi"))
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
    places: list[PlaceRow]
    amounts: list[AmountRow]
    money_totals: list[MoneyTotal]
    jobs_by_kind: dict[str, int]


def document_view(record: Record) -> DocumentView:
    return DocumentView(
        record=record,
        title=record_title(record),
        slug=document_slug(record),
        url=record.source if is_url(record.source) else None,
        summary=document_summary(record),
        places=document_places(record),
        amounts=amount_rows(record.amounts),
        money_totals=money_totals(record.amounts),
        jobs_by_kind=jobs_by_kind(record.jobs),
    )


# -- territories -------------------------------------------------------------------------


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
    via: str | None = None  # the place inside the page's territory the fact is linked to


@dataclass
class ProjectRow:
    project: Project
    refs: list[int]
    doc: DocumentView


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
    place: Place
    slug: str
    kind: str
    code: str | None
    other_names: list[str]
    sources: list[SourceRef]
    amounts: list[DistinctFact]
    jobs: list[DistinctFact]
    money_totals: list[MoneyTotal]
    jobs_by_kind: dict[str, int]
    projects: list[ProjectRow]
    actors: list[NamedRow]
    organizations: list[NamedRow]
    investments_by_year: dict[str, float]


@cache
def _gazetteer_places() -> dict[str, list[tuple[Place, str, str]]]:
    """Folded form → (place, canonical name, kind), from the packaged gazetteer."""
    index: dict[str, list[tuple[Place, str, str]]] = defaultdict(list)
    for row in resources.iter_jsonl("territories.jsonl.gz"):
        found = geography.place(row["k"], row.get("c"), row["n"])
        if found:
            index[fold(row["f"])].append((found, row["n"], row["k"]))
            index[fold(row["n"])].append((found, row["n"], row["k"]))
    return dict(index)


def find_place(name: str, records: Iterable[Record]) -> Place:
    """The territory a user names, by any of its spellings: in the records, else the gazetteer.

    Written names, the text's spellings and canonical names all count, and so
    does a page's slug; of several places bearing the name, the one the
    documents cite most wins.
    """
    key, slug = fold(name), slugify(name, 80)
    seen: Counter[Place] = Counter()
    for record in records:
        for t in record.territories:
            spellings = (t.name, t.text, t.canonical_name or "")
            if any(fold(s) == key or slugify(s, 80) == slug for s in spellings if s):
                seen[territory_place(t)] += 1
    if seen:
        return seen.most_common(1)[0][0]
    candidates = _gazetteer_places().get(key)
    if candidates:
        return candidates[0][0]
    raise BriefingError(f"no document cites the territory {name!r}")


#: file-name suffix per kind, so that the commune and the département of Vienne differ
SLUG_SUFFIX = {
    "region": "region",
    "departement": "departement",
    "epci": "epci",
    "territoire_industrie": "ti",
    "zone": "zone",
}


def territory_slug(name: str, place: Place) -> str:
    """``ales``, ``occitanie-region``, ``ales-agglomeration-epci``."""
    suffix = SLUG_SUFFIX.get(place[0])
    return f"{slugify(name, 70)}-{suffix}" if suffix else slugify(name, 80)


def _inside(place: Place | None, page: Place) -> bool:
    return place is not None and geography.within(place, page)


def territory_index(records: Iterable[Record]) -> dict[Place, list[Record]]:
    """The records each cited place's page needs, places in a stable order.

    A page needs the records that cite its place and those with a fact linked
    to it or to a place inside it. One pass over the records (each fact's
    place and its parents), so a large batch stays linear.
    """
    index: dict[Place, list[Record]] = defaultdict(list)
    cited: set[Place] = set()
    for record in records:
        places = {territory_place(t) for t in record.territories}
        cited |= places
        for fact in (*record.amounts, *record.jobs, *record.projects):
            own = fact_place(fact)
            if own is not None:
                places.add(own)
                places.update(geography.parents(own))
        for place in places:
            index[place].append(record)
    return {place: index[place] for place in sorted(cited)}


def territory_view(name: str | Place, records: Iterable[Record]) -> TerritoryView:
    """Everything known about one territory across documents, each fact counted once."""
    records = list(records)
    page = name if isinstance(name, tuple) else find_place(name, records)
    cites = [r for r in records if any(territory_place(t) == page for t in r.territories)]
    linked = [
        r
        for r in records
        if any(_inside(fact_place(f), page) for f in (*r.amounts, *r.jobs, *r.projects))
    ]
    about = sorted({id(r): r for r in (*cites, *linked)}.values(), key=timeline_order)
    if not about:
        raise BriefingError(f"no document cites the territory {name!r}")
    mentions = [t for r in about for t in r.territories if territory_place(t) == page]
    display = Counter(t.canonical_name or t.name for t in mentions).most_common()
    best = sorted(display, key=lambda kv: (-kv[1], kv[0]))[0][0] if display else str(page[1])
    sources: list[SourceRef] = []
    amount_refs: dict[int, DistinctFact] = {}
    job_refs: dict[int, DistinctFact] = {}
    same_amount, same_job = SameFacts(amount_key), SameFacts(job_key)
    projects: list[ProjectRow] = []
    for number, record in enumerate(about, start=1):
        ref = SourceRef(number=number, doc=document_view(record))
        ref.amounts = [a for a in record.amounts if _inside(fact_place(a), page)]
        ref.jobs = [j for j in record.jobs if _inside(fact_place(j), page)]
        for facts, table, same in (
            (ref.amounts, amount_refs, same_amount),
            (ref.jobs, job_refs, same_job),
        ):
            for fact in facts:
                via = fact.territory if fact_place(fact) != page else None
                row = table.setdefault(same.group(fact), DistinctFact(fact, [], via))
                if number not in row.refs:
                    row.refs.append(number)
        projects += [
            ProjectRow(p, [number], ref.doc)
            for p in record.projects
            if _inside(fact_place(p), page)
        ]
        sources.append(ref)
    amounts = sorted(amount_refs.values(), key=lambda d: (-d.fact.value_eur, d.refs))
    jobs = sorted(
        job_refs.values(), key=lambda d: (list(JOB_KINDS).index(d.fact.kind), -d.fact.count)
    )
    by_year: dict[str, float] = defaultdict(float)
    for d in amount_refs.values():
        if d.fact.purpose == "investment" and d.fact.part_of is None:
            first = sources[d.refs[0] - 1].doc.record.published
            by_year[str(first.year) if first else "sans date"] += d.fact.value_eur
    kinds = Counter(t.kind for t in mentions) or Counter([page[0]])
    codes = [t.code for t in mentions if t.code]
    return TerritoryView(
        name=best,
        place=page,
        slug=territory_slug(best, page),
        kind=TERRITORY_KINDS.get(kinds.most_common(1)[0][0], "territoire"),
        code=Counter(codes).most_common(1)[0][0] if codes else None,
        other_names=sorted({t.name for t in mentions} - {best}, key=fold),
        sources=sources,
        amounts=amounts,
        jobs=jobs,
        money_totals=money_totals(d.fact for d in amounts),
        jobs_by_kind=jobs_by_kind(d.fact for d in jobs),
        projects=sorted(projects, key=lambda p: (p.project.date or date.min, p.refs)),
        actors=_actor_rows(cites or about),
        organizations=_org_rows(cites or about),
        investments_by_year=dict(
            sorted(by_year.items(), key=lambda kv: (kv[0] == "sans date", kv[0]))
        ),
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


# -- digest ------------------------------------------------------------------------------


@dataclass
class TerritoryCount:
    name: str
    slug: str
    documents: int
    investment_eur: float
    aid_eur: float
    jobs_new: int


@dataclass
class DigestView:
    run: Any
    documents: list[DocumentView]
    failed: list[DocumentView]
    projects: list[ProjectRow]
    local_totals: list[MoneyTotal]
    national_totals: list[MoneyTotal]
    jobs_by_kind: dict[str, int]
    territories: list[TerritoryCount]
    territory_count: int


def digest_view(
    records: Sequence[Record],
    run: RunLike | None = None,
    failed: Sequence[Record] | None = None,
    top: int = 10,
) -> DigestView:
    """The batch at a glance: its projects first, then totals that add like with like.

    Money linked to a territory and money with no territory (national
    envelopes, cumulative national figures) are totalled apart: adding a
    national programme to the local projects it funds would count twice.
    """
    ok = sorted((r for r in records if not r.errors), key=timeline_order)
    failed = [r for r in records if r.errors] if failed is None else list(failed)
    views = {id(r): document_view(r) for r in ok}
    amounts = [a for r in ok for a in r.amounts]
    projects = [ProjectRow(p, [], views[id(r)]) for r in ok for p in r.projects]
    counts = []
    for place, relevant in territory_index(ok).items():
        view = territory_view(place, relevant)
        totals = {t.purpose: t.total for t in view.money_totals}
        counts.append(
            TerritoryCount(
                name=view.name,
                slug=view.slug,
                documents=len(view.sources),
                investment_eur=totals.get("investment", 0.0),
                aid_eur=totals.get("aid", 0.0),
                jobs_new=view.jobs_by_kind.get("planned", 0) + view.jobs_by_kind.get("created", 0),
            )
        )
    counts.sort(key=lambda c: (-c.documents, -c.investment_eur, fold(c.name)))
    return DigestView(
        run=run,
        documents=[views[id(r)] for r in ok],
        failed=[document_view(r) for r in failed],
        projects=projects,
        local_totals=money_totals(a for a in amounts if a.territory is not None),
        national_totals=money_totals(a for a in amounts if a.territory is None),
        jobs_by_kind=jobs_by_kind(j for r in ok for j in r.jobs),
        territories=counts[:top],
        territory_count=len(counts),
    )
