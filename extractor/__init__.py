"""Extract territories, euro amounts, job counts, actors and organizations
from French industrial-policy news, with provenance for every fact."""

from .api import Extractor, __version__, extract, pipeline_version
from .document import Document, DocumentError
from .records import Actor, Amount, Job, Organization, Record, Territory, doc_to_record

__all__ = [
    "Actor",
    "Amount",
    "Document",
    "DocumentError",
    "Extractor",
    "Job",
    "Organization",
    "Record",
    "Territory",
    "__version__",
    "doc_to_record",
    "extract",
    "pipeline_version",
]
