"""Records: what the extractor returns for one document.

:mod:`.models` holds the pydantic models (the JSON keys), :mod:`.build` turns a
processed spaCy ``Doc`` into a record, :mod:`.projects` groups its linked
amounts and job counts into projects.
"""

from .build import (
    bare_record,
    doc_to_record,
    error_record,
    fold,
    merge_chunk_records,
)
from .models import (
    FACT_LISTS,
    Actor,
    Amount,
    Evidence,
    Job,
    JobKind,
    LinkCues,
    Linked,
    Organization,
    Project,
    ProjectKind,
    Purpose,
    Qualifier,
    Record,
    Territory,
    TerritoryKind,
    json_schema,
)

__all__ = [
    "FACT_LISTS",
    "Actor",
    "Amount",
    "Evidence",
    "Job",
    "JobKind",
    "LinkCues",
    "Linked",
    "Organization",
    "Project",
    "ProjectKind",
    "Purpose",
    "Qualifier",
    "Record",
    "Territory",
    "TerritoryKind",
    "bare_record",
    "doc_to_record",
    "error_record",
    "fold",
    "json_schema",
    "merge_chunk_records",
]
