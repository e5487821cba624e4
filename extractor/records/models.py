"""Pydantic records: the output boundary of the extractor, and its JSON Schema.

The JSON keys read by the evaluation, the store and the briefings are defined
here alone; :mod:`.build` is the only place that fills them from spaCy spans.
"""

from __future__ import annotations

import datetime as dt
import json
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from ..document import DocumentError

Qualifier = Literal["environ", "plus de", "moins de", "près de", "jusqu'à", "au moins", "entre"]
TerritoryKind = Literal["region", "departement", "epci", "commune", "territoire_industrie", "zone"]
JobKind = Literal["existing", "created", "planned", "lost", "unspecified"]
Purpose = Literal["investment", "aid", "budget", "turnover", "other"]
ProjectKind = Literal[
    "investment", "extension", "creation", "takeover", "closure", "job_cut", "aid", "signing"
]


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


class LinkCues(BaseModel):
    """The words that decided a fact's links: part of its provenance."""

    purpose: str | None = None
    organization: str | None = None
    territory: str | None = None
    event: str | None = None


class Linked(Evidence):
    """What an amount or a job count concerns: whose it is and where (ANNOTATION.md)."""

    organization: str | None = Field(
        default=None, description="the investor, beneficiary, employer or holder"
    )
    territory: str | None = Field(
        default=None, description="name of one of the record's territories, as written there"
    )
    territory_canonical_name: str | None = None
    territory_code: str | None = None
    territory_kind: TerritoryKind | None = None
    part_of: int | None = Field(
        default=None,
        description="index, in the same list, of the total this figure is a part of ('dont')",
    )
    event: ProjectKind | None = Field(
        default=None, description="the kind of project the figure belongs to, when said"
    )
    cues: LinkCues = Field(default_factory=LinkCues)


class Amount(Linked):
    value_eur: float
    value_eur_max: float | None = None
    qualifier: Qualifier | None = None
    purpose: Purpose | None = None


class Job(Linked):
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


class Project(Evidence):
    """One row of an observatory of industrial projects: who does what, where, for how much.

    Groups the linked amounts and job counts of one investment, extension,
    creation, takeover, closure, job cut, aid award or signing. ``amounts`` and
    ``jobs`` index the record's lists; the totals add only figures that are no
    part of another one. The evidence is the sentence that names the project.
    """

    kind: ProjectKind
    organization: str | None = None
    territory: str | None = None
    territory_canonical_name: str | None = None
    territory_code: str | None = None
    territory_kind: TerritoryKind | None = None
    date: dt.date | None = Field(default=None, description="the date said, else the publication")
    amounts: list[int] = Field(default_factory=list)
    jobs: list[int] = Field(default_factory=list)
    investment_eur: float | None = None
    aid_eur: float | None = None
    budget_eur: float | None = None
    jobs_new: int | None = Field(default=None, description="jobs created or planned")
    jobs_lost: int | None = None
    cue: str | None = Field(default=None, description="the words that name the project")


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
    projects: list[Project] = Field(default_factory=list)
    errors: list[DocumentError] = Field(default_factory=list)
    warnings: list[DocumentError] = Field(
        default_factory=list, description="repairs made to the source (facts are kept)"
    )


FACT_LISTS = ("territories", "amounts", "jobs", "actors", "organizations")


def json_schema() -> str:
    """JSON Schema of :class:`Record`, for ``extractor schema``."""
    return json.dumps(Record.model_json_schema(), indent=2, ensure_ascii=False)
