"""Markdown briefings rendered with Jinja2: per document, per territory, and a batch digest.

Three modules, one concern each: :mod:`.views` aggregates records honestly
(totals per purpose, parts never added to their whole, facts rolled up through
the territories that contain them), :mod:`.formatting` writes French numbers
and dates and keeps copied text inert, :mod:`.rendering` loads the templates
(``templates/``, or a user folder over them) and writes the files.
"""

from .formatting import (
    format_amount,
    format_date_fr,
    format_eur,
    format_eur_full,
    format_job,
    format_jobs,
    md_escape,
    md_quote,
    slugify,
)
from .rendering import (
    make_environment,
    render,
    render_digest,
    render_document,
    render_territory,
    write_briefings,
)
from .views import (
    BriefingError,
    digest_view,
    document_summary,
    document_view,
    find_place,
    money_totals,
    territory_index,
    territory_view,
)

__all__ = [
    "BriefingError",
    "digest_view",
    "document_summary",
    "document_view",
    "find_place",
    "format_amount",
    "format_date_fr",
    "format_eur",
    "format_eur_full",
    "format_job",
    "format_jobs",
    "make_environment",
    "md_escape",
    "md_quote",
    "money_totals",
    "render",
    "render_digest",
    "render_document",
    "render_territory",
    "slugify",
    "territory_index",
    "territory_view",
    "write_briefings",
]
