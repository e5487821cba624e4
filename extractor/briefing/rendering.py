"""Template loading and rendering: the packaged templates, a user folder over them, files out.

Python builds plain view models (:mod:`.views`) and the templates only lay them
out, so a user template never has to compute anything; any template error
becomes a :class:`BriefingError` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import jinja2

from .. import resources
from ..labels import PROJECT_KINDS, TERRITORY_KINDS
from ..records import Record
from .formatting import (
    JOB_KINDS,
    PURPOSES,
    format_amount,
    format_date_fr,
    format_eur,
    format_eur_full,
    format_job,
    format_jobs,
    format_number,
    md_escape,
    md_quote,
    md_url,
    mermaid_label,
    mermaid_number,
    plural,
)
from .views import (
    BriefingError,
    RunLike,
    digest_view,
    document_view,
    territory_index,
    territory_view,
    timeline_order,
)

TEMPLATE_NAMES = ("document.md.j2", "territory.md.j2", "digest.md.j2")


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
        purpose=lambda purpose: PURPOSES.get(purpose or "", "non qualifié"),
        project_kind=lambda kind: PROJECT_KINDS.get(kind, kind),
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
    covers ``digest_records`` (a store's last run) or else all ``records``. A
    full run leaves no page of an earlier run behind: the ``.md`` files of
    ``documents/`` and ``territories/`` that it did not write are removed.
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
    for record in sorted(records, key=timeline_order):
        view = document_view(record)
        write(out / "documents" / f"{view.slug}.md", render(env, "document.md.j2", doc=view))
    for key, about in territory_index(records).items():
        view = territory_view(key, about)
        write(
            out / "territories" / f"{view.slug}.md", render(env, "territory.md.j2", territory=view)
        )
    batch = list(digest_records) if digest_records is not None else records
    write(out / "digest.md", render(env, "digest.md.j2", digest=digest_view(batch, run)))
    kept = set(written)
    for folder in ("documents", "territories"):
        for stale in (out / folder).glob("*.md"):
            if stale not in kept:
                stale.unlink()
    return written
