"""``extractor brief``: markdown briefings from a records file or a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import fail


def register(app: typer.Typer) -> None:
    """Add the ``brief`` command to the main app."""
    app.command("brief", epilog=BRIEF_EXAMPLES)(brief)


BRIEF_EXAMPLES = """Examples:

  extractor brief --store extractor.db --out briefings/

  extractor brief --store extractor.db --territory "Alès" --out briefings/

  extractor brief records.jsonl --out briefings/ --templates my_templates/"""


def brief(
    records: Annotated[
        Path | None, typer.Argument(help="JSONL file of records (one Record per line)")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="folder for the markdown files")] = Path(
        "briefings"
    ),
    store: Annotated[
        Path | None, typer.Option("--store", help="SQLite store instead of a JSONL file")
    ] = None,
    territory: Annotated[
        str | None, typer.Option("--territory", help="write only this territory's briefing")
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="folder of templates overriding the packaged ones"),
    ] = None,
) -> None:
    """Write document, territory and digest briefings (markdown) from extracted records."""
    from ..briefing import BriefingError, write_briefings

    if (records is None) == (store is None):
        raise typer.BadParameter("give either a RECORDS.jsonl file or --store")
    try:
        if store is not None:
            all_records, batch, run = _from_store(store)
        else:
            all_records, batch, run = _from_jsonl(records), None, None
        paths = write_briefings(
            all_records,
            out,
            territory=territory,
            templates=templates,
            run=run,
            digest_records=batch,
        )
    except BriefingError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"{len(paths)} briefing(s) written to {out}", err=True)


def _from_jsonl(path: Path) -> list:
    from pydantic import ValidationError

    from ..briefing import BriefingError
    from ..records import Record

    if not path.is_file():
        raise BriefingError(f"records file not found: {path}")
    found = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                found.append(_lean(Record.model_validate_json(line)))
            except ValidationError as exc:
                raise BriefingError(
                    f"{path}, line {number}: not a record ({exc.error_count()} errors)"
                ) from exc
    return found


def _from_store(path: Path) -> tuple[list, list | None, object | None]:
    """All records (documents, territories) and those of the last run (the digest).

    A store that cannot be read is a one-line error with exit status 2, as in
    ``batch`` and ``export``.
    """
    from ..store import Store, StoreError

    try:
        with Store(path, create=False) as s:
            run = s.last_run()
            everything = [_lean(r) for r in s.iter_records()]
            batch = (
                [_lean(r) for r in s.iter_records(run_id=run.id)] if run is not None else everything
            )
    except StoreError as exc:
        fail(str(exc))
    return everything, batch, run


def _lean(record):
    """Briefings never show the full text: drop it so that a large store fits in memory."""
    record.text = ""
    return record
