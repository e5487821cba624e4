"""Custom spaCy attributes shared by the extractor's components.

All extensions live here so that a component, a test or a third-party pipeline
gets the same names by importing one module, and registration is idempotent.
Each component writes its spans to ``doc.spans[<key>]`` (keys below) and its
normalised values to the ``Span._`` attributes it owns.
"""

from __future__ import annotations

from spacy.tokens import Span

AMOUNTS = "amounts"
JOBS = "jobs"
TERRITORIES = "territories"
ACTORS = "actors"
ORGANIZATIONS = "organizations"

SPAN_KEYS = (AMOUNTS, JOBS, TERRITORIES, ACTORS, ORGANIZATIONS)

_SPAN_ATTRS: dict[str, object] = {
    # amounts (fr_amounts)
    "value_eur": None,  # float, euros
    "value_eur_max": None,  # float, high end of a range
    # amounts and jobs
    "qualifier": None,  # "environ", "plus de", "moins de", "près de", "jusqu'à", "au moins", "entre"
    # jobs (fr_jobs)
    "job_count": None,  # int
    "job_count_max": None,  # int
    "job_kind": None,  # "existing", "created", "planned", "lost", "unspecified"
    # territories (fr_territories)
    "territory_kind": None,  # "region", "departement", "epci", "commune", "territoire_industrie", "zone"
    "canonical_name": None,  # official name when linked to the gazetteer
    "territory_code": None,  # INSEE code (commune, département, région) or SIREN (EPCI)
    # actors (fr_actors): the span is the person's name as written
    "actor_name": None,  # the full name this mention refers to (first mention)
    "actor_role": None,  # role as written, without the organization
    "actor_organization": None,  # organization or territory the role belongs to
    # links (fr_links): what an amount or a job count is, whose and where
    "purpose": None,  # amounts: "investment", "aid", "budget", "turnover", "other"
    "purpose_cue": None,  # the words that decided the purpose
    "link_organization": None,  # str: the organization the fact belongs to (a name of the doc)
    "link_organization_cue": None,  # the words that decided it
    "link_territory": None,  # Span of doc.spans["territories"] the fact is for
    "link_territory_cue": None,  # the words that decided it ("sur le territoire", "à Alès")
    "part_of": None,  # Span: the amount (or job count) this one is a part of ("dont", "soit")
    "event": None,  # project kind of the fact: see records.ProjectKind
    "event_cue": None,  # the words that decided it ("rachat", "fermeture", "extension")
}


def register() -> None:
    """Register every extension once; safe to call from each component factory."""
    for name, default in _SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register()
