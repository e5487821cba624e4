"""From a processed spaCy ``Doc`` to a :class:`~.models.Record`.

Components write spans and ``Span._`` attributes; :func:`doc_to_record` is the
only place that turns them into records. Chunks of a long text are joined by
:func:`merge_chunk_records`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..components import attributes as attrs
from ..components.doctext import doc_text
from ..components.folding import unaccent_lower
from ..document import Document, DocumentError
from .models import (
    FACT_LISTS,
    Actor,
    Amount,
    Job,
    LinkCues,
    Organization,
    Record,
    Territory,
)
from .projects import build_projects


def fold(name: str) -> str:
    """Matching key of a name, as ANNOTATION.md scores: case, accents, apostrophes, dashes, spaces."""
    s = unaccent_lower(name)
    s = s.replace("`", "'")
    if s.isascii():  # no curly apostrophe or dash left to straighten
        return " ".join(s.split())
    s = s.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
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
        warnings=list(document.warnings),
    )


def _text(span: Span) -> str:
    """``span.text`` cut from the doc's text, which is what it is, without joining a string
    per token (``Span.text`` makes every Token of the span: the sentences of the evidence
    were the records' main cost)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def _evidence(span: Span, document: Document, has_sents: bool) -> dict:
    """``has_sents`` is read once per doc: ``Doc.has_annotation`` scans every token."""
    sent = _text(span.sent).strip() if has_sents else doc_text(span.doc)
    return {
        "text": _text(span),
        "start": span.start_char,
        "end": span.end_char,
        "sentence": sent,
        "page": document.page_of(span.start_char),
    }


def _spans(doc: Doc, key: str) -> list[Span]:
    return sorted(doc.spans[key], key=lambda s: (s.start, s.end)) if key in doc.spans else []


def _links(span: Span, index: dict[tuple[int, int], int], places: dict[str, Territory]) -> dict:
    """The linked fields of an amount or job span, from the attributes ``fr_links`` wrote.

    The territory is given as the record names it (the first spelling met of the
    same place), so the link and the territory list agree; ``part_of`` becomes
    the index of the whole in the same list (``index``: token bounds → position).
    """
    place = span._.link_territory
    territory = places.get(fold(_text(place))) if place is not None else None
    whole = span._.part_of
    part_of = index.get((whole.start, whole.end)) if whole is not None else None
    return {
        "organization": span._.link_organization,
        "territory": territory.name if territory else None,
        "territory_canonical_name": territory.canonical_name if territory else None,
        "territory_code": territory.code if territory else None,
        "territory_kind": territory.kind if territory else None,
        "part_of": part_of,
        "event": span._.event,
        "cues": LinkCues(
            purpose=span._.purpose_cue,
            organization=span._.link_organization_cue,
            territory=span._.link_territory_cue,
            event=span._.event_cue,
        ),
    }


def doc_to_record(
    doc: Doc, document: Document | None = None, pipeline_version: str | None = None
) -> Record:
    """Build the record of one processed doc; entities are deduplicated by folded name."""
    document = document or Document(source="<text>", text=doc.text)
    rec = bare_record(document, pipeline_version)
    has_sents = doc.has_annotation("SENT_START")
    seen: set[str] = set()
    for span in _spans(doc, attrs.TERRITORIES):
        key = fold(_text(span))
        if key in seen or span._.territory_kind is None:
            continue
        seen.add(key)
        rec.territories.append(
            Territory(
                name=_territory_name(_text(span), span._.canonical_name),
                kind=span._.territory_kind,
                canonical_name=span._.canonical_name,
                code=span._.territory_code,
                **_evidence(span, document, has_sents),
            )
        )
    places = {fold(t.text): t for t in rec.territories}
    amount_spans = [s for s in _spans(doc, attrs.AMOUNTS) if s._.value_eur is not None]
    amount_index = {(s.start, s.end): i for i, s in enumerate(amount_spans)}
    for span in amount_spans:
        rec.amounts.append(
            Amount(
                value_eur=span._.value_eur,
                value_eur_max=span._.value_eur_max,
                qualifier=span._.qualifier,
                purpose=span._.purpose,
                **_links(span, amount_index, places),
                **_evidence(span, document, has_sents),
            )
        )
    job_spans = [s for s in _spans(doc, attrs.JOBS) if s._.job_count is not None]
    job_index = {(s.start, s.end): i for i, s in enumerate(job_spans)}
    for span in job_spans:
        rec.jobs.append(
            Job(
                count=span._.job_count,
                count_max=span._.job_count_max,
                kind=span._.job_kind or "unspecified",
                qualifier=span._.qualifier,
                **_links(span, job_index, places),
                **_evidence(span, document, has_sents),
            )
        )
    actors: dict[str, Actor] = {}
    for span in _spans(doc, attrs.ACTORS):
        written = _text(span)
        name = span._.actor_name or written
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
        if fold(written) != key and written not in actor.aliases:
            actor.aliases.append(written)
        if actor.role is None and span._.actor_role:
            actor.role = span._.actor_role
        if actor.organization is None and span._.actor_organization:
            actor.organization = span._.actor_organization
    rec.actors = list(actors.values())
    seen = set()
    for span in _spans(doc, attrs.ORGANIZATIONS):
        name = _text(span)
        key = fold(name)
        if key in seen:
            continue
        seen.add(key)
        rec.organizations.append(Organization(name=name, **_evidence(span, document, has_sents)))
    rec.projects = build_projects(rec)
    return rec


def error_record(
    document: Document, error: DocumentError, pipeline_version: str | None = None
) -> Record:
    """A record for a document that could not be extracted: its error, no facts."""
    rec = bare_record(document, pipeline_version)
    rec.errors.append(error)
    return rec


def merge_chunk_records(
    document: Document, parts: list[tuple[int, Record]], pipeline_version: str | None = None
) -> Record:
    """Join the records of a long text's chunks: offsets shifted back, entities deduplicated."""
    rec = bare_record(document, pipeline_version)
    seen: dict[str, set[str]] = {name: set() for name in FACT_LISTS}
    for offset, part in parts:
        # indices into amounts and jobs (part_of, projects) move by what earlier chunks gave
        base = {"amounts": len(rec.amounts), "jobs": len(rec.jobs)}
        for list_name in FACT_LISTS:
            for fact in getattr(part, list_name):
                start = fact.start + offset
                update = {"start": start, "end": fact.end + offset, "page": document.page_of(start)}
                if list_name in ("territories", "actors", "organizations"):
                    key = fold(fact.name)
                    if key in seen[list_name]:
                        continue
                    seen[list_name].add(key)
                if list_name in base and fact.part_of is not None:
                    update["part_of"] = fact.part_of + base[list_name]
                getattr(rec, list_name).append(fact.model_copy(update=update))
        for project in part.projects:
            start = project.start + offset
            rec.projects.append(
                project.model_copy(
                    update={
                        "start": start,
                        "end": project.end + offset,
                        "page": document.page_of(start),
                        "amounts": [i + base["amounts"] for i in project.amounts],
                        "jobs": [i + base["jobs"] for i in project.jobs],
                    }
                )
            )
        rec.errors.extend(e for e in part.errors if e not in rec.errors)
    return rec
