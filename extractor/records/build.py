"""Pydantic records: the output boundary of the extractor.

Components write spans and ``Span._`` attributes; :func:`doc_to_record` is the
only place that turns them into records, so the JSON keys (read by the
evaluation, the store and the briefings) are defined here alone.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field
from spacy.tokens import Doc, Span

from .components import attributes as attrs
from .document import Document, DocumentError

Qualifier = Literal["environ", "plus de", "moins de", "près de", "jusqu'à", "au moins", "entre"]
TerritoryKind = Literal["region", "departement", "epci", "commune", "territoire_industrie", "zone"]
JobKind = Literal["existing", "created", "planned", "lost", "unspecified"]


class Evidence(BaseModel):
    """Where a fact stands: as written, its offsets into the record's text, its sentence."""

    text: str
    start: int
    end: int
    sentence: str
    page: int | None = Field(default=None, description="1-based PDF page, when known")


class Territory(Evidence):
    name: str
    kind: TerritoryKind
    canonical_name: str | None = None
    code: str | None = Field(default=None, description="INSEE code, or SIREN for an EPCI")


class Amount(Evidence):
    value_eur: float
    value_eur_max: float | None = None
    qualifier: Qualifier | None = None


class Job(Evidence):
    count: int
    count_max: int | None = None
    kind: JobKind = "unspecified"
    qualifier: Qualifier | None = None


class Actor(Evidence):
    name: str
    role: str | None = None
    organization: str | None = None
    aliases: list[str] = Field(default_factory=list)


class Organization(Evidence):
    name: str


class Record(BaseModel):
    """Everything one document states, with provenance for every fact."""

    source: str
    title: str | None = None
    published: date | None = None
    kind: str = "text"
    content_hash: str | None = None
    pipeline_version: str | None = None
    text: str = ""
    territories: list[Territory] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    jobs: list[Job] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    errors: list[DocumentError] = Field(default_factory=list)


FACT_LISTS = ("territories", "amounts", "jobs", "actors", "organizations")


def fold(name: str) -> str:
    """Matching key of a name, as ANNOTATION.md scores: case, accents, apostrophes, dashes, spaces."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("‘", "'").replace("`", "'").replace("ʼ", "'")
    for dash in ("–", "—", "‑", "‐", "−"):
        s = s.replace(dash, "-")
    return " ".join(s.split())


def _territory_name(written: str, canonical: str | None) -> str:
    """The name as written, but with the article that "du Havre" or "au Mans" contracted.

    >>> _territory_name("Havre", "Le Havre")
    'Le Havre'
    >>> _territory_name("Alès Agglo", "Alès Agglomération")
    'Alès Agglo'
    """
    if canonical:
        head, _, rest = fold(canonical).partition(" ")
        if head in ("le", "la", "les") and rest == fold(written):
            return canonical
    return written


def bare_record(document: Document, pipeline_version: str | None) -> Record:
    """A record with the document's metadata and errors, and no facts yet."""
    return Record(
        source=document.source,
        title=document.title,
        published=document.published,
        kind=document.kind,
        content_hash=document.content_hash,
        pipeline_version=pipeline_version,
        text=document.text,
        errors=list(document.errors),
    )


def _evidence(span: Span, document: Document, has_sents: bool) -> dict:
    """``has_sents`` is read once per doc: ``Doc.has_annotation`` scans every token."""
    sent = span.sent.text.strip() if has_sents else span.doc.text
    return {
        "text": span.text,
        "start": span.start_char,
        "end": span.end_char,
        "sentence": sent,
        "page": document.page_of(span.start_char),
    }


def _spans(doc: Doc, key: str) -> list[Span]:
    return sorted(doc.spans[key], key=lambda s: (s.start, s.end)) if key in doc.spans else []


def doc_to_record(
    doc: Doc, document: Document | None = None, pipeline_version: str | None = None
) -> Record:
    """Build the record of one processed doc; entities are deduplicated by folded name."""
    document = document or Document(source="<text>", text=doc.text)
    rec = bare_record(document, pipeline_version)
    has_sents = doc.has_annotation("SENT_START")
    seen: set[str] = set()
    for span in _spans(doc, attrs.TERRITORIES):
        key = fold(span.text)
        if key in seen or span._.territory_kind is None:
            continue
        seen.add(key)
        rec.territories.append(
            Territory(
                name=_territory_name(span.text, span._.canonical_name),
                kind=span._.territory_kind,
                canonical_name=span._.canonical_name,
                code=span._.territory_code,
                **_evidence(span, document, has_sents),
            )
        )
    for span in _spans(doc, attrs.AMOUNTS):
        if span._.value_eur is None:
            continue
        rec.amounts.append(
            Amount(
                value_eur=span._.value_eur,
                value_eur_max=span._.value_eur_max,
                qualifier=span._.qualifier,
                **_evidence(span, document, has_sents),
            )
        )
    for span in _spans(doc, attrs.JOBS):
        if span._.job_count is None:
            continue
        rec.jobs.append(
            Job(
                count=span._.job_count,
                count_max=span._.job_count_max,
                kind=span._.job_kind or "unspecified",
                qualifier=span._.qualifier,
                **_evidence(span, document, has_sents),
            )
        )
    actors: dict[str, Actor] = {}
    for span in _spans(doc, attrs.ACTORS):
        name = span._.actor_name or span.text
        key = fold(name)
        actor = actors.get(key)
        if actor is None:
            actors[key] = Actor(
                name=name,
                role=span._.actor_role,
                organization=span._.actor_organization,
                **_evidence(span, document, has_sents),
            )
            continue
        if fold(span.text) != key and span.text not in actor.aliases:
            actor.aliases.append(span.text)
        if actor.role is None and span._.actor_role:
            actor.role = span._.actor_role
        if actor.organization is None and span._.actor_organization:
            actor.organization = span._.actor_organization
    rec.actors = list(actors.values())
    seen = set()
    for span in _spans(doc, attrs.ORGANIZATIONS):
        key = fold(span.text)
        if key in seen:
            continue
        seen.add(key)
        rec.organizations.append(
            Organization(name=span.text, **_evidence(span, document, has_sents))
        )
    return rec


def error_record(
    document: Document, error: DocumentError, pipeline_version: str | None = None
) -> Record:
    """A record for a document that could not be extracted: its error, no facts."""
    rec = bare_record(document, pipeline_version)
    rec.errors.append(error)
    return rec


def json_schema() -> str:
    """JSON Schema of :class:`Record`, for ``extractor schema``."""
    return json.dumps(Record.model_json_schema(), indent=2, ensure_ascii=False)


def merge_chunk_records(
    document: Document, parts: list[tuple[int, Record]], pipeline_version: str | None = None
) -> Record:
    """Join the records of a long text's chunks: offsets shifted back, entities deduplicated."""
    rec = bare_record(document, pipeline_version)
    seen: dict[str, set[str]] = {name: set() for name in FACT_LISTS}
    for offset, part in parts:
        for list_name in FACT_LISTS:
            for fact in getattr(part, list_name):
                start = fact.start + offset
                update = {"start": start, "end": fact.end + offset, "page": document.page_of(start)}
                if list_name in ("territories", "actors", "organizations"):
                    key = fold(fact.name)
                    if key in seen[list_name]:
                        continue
                    seen[list_name].add(key)
                getattr(rec, list_name).append(fact.model_copy(update=update))
        rec.errors.extend(e for e in part.errors if e not in rec.errors)
    return rec
