"""Batch commands: ``batch`` (incremental runs into the SQLite store) and ``export``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    AllowFailures,
    Quiet,
    Verbose,
    check_sources,
    fail,
    report_failures,
    setup_logging,
    show_progress,
)


class EngineName(str, Enum):
    local = "local"
    process = "process"
    dask = "dask"


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class Table(str, Enum):
    facts = "facts"
    projects = "projects"


BATCH_EXAMPLES = """Examples:

  extractor batch corpus/ --store extractor.db

  extractor batch corpus/ urls.txt --feed https://example.org/rss.xml --workers 2

  extractor batch corpus/ --scheduler tcp://scheduler:8786

Unchanged documents are skipped; failed ones are stored with their error, named
on stderr, and retried next run. Exit status 3 when some failed (--allow-failures: 0)."""

EXPORT_EXAMPLES = """Examples:

  extractor export --store extractor.db -o records.jsonl

  extractor export --store extractor.db --format parquet -o facts.parquet --run 3

  extractor export --store extractor.db --table projects -o projects.csv"""


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""
    app.command("batch", epilog=BATCH_EXAMPLES)(batch)
    app.command("export", epilog=EXPORT_EXAMPLES)(export)


def batch(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="files, folders, URLs, or .txt files listing URLs one per line"),
    ] = None,
    feed: Annotated[list[str], typer.Option(help="RSS/Atom feed whose articles to add")] = [],  # noqa: B006
    sitemap: Annotated[list[str], typer.Option(help="sitemap whose pages to add")] = [],  # noqa: B006
    store: Annotated[Path, typer.Option(help="SQLite store")] = Path("extractor.db"),
    workers: Annotated[int, typer.Option(min=1, help="worker processes")] = 1,
    engine: Annotated[
        EngineName | None,
        typer.Option(help="default: process if --workers > 1, dask with --scheduler"),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    ] = None,
    wait: Annotated[
        float, typer.Option(help="seconds to wait for another run holding the store")
    ] = 10.0,
    allow_failures: AllowFailures = False,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Extract new and changed documents into the store; unchanged ones are skipped."""
    from ..batch import BatchError, run_batch
    from ..store import StoreError

    setup_logging(verbose, quiet)
    if not sources and not feed and not sitemap:
        raise typer.BadParameter("give files, folders, URLs, --feed or --sitemap")
    check_sources(sources or [], [*feed, *sitemap])
    try:
        summary = run_batch(
            sources or [],
            store,
            workers=workers,
            engine=engine.value if engine else None,
            scheduler=scheduler,
            feeds=feed,
            sitemaps=sitemap,
            progress=show_progress(quiet),
            lock_timeout=wait,
        )
    except (StoreError, BatchError) as exc:
        fail(str(exc))
    typer.echo(f"run {summary.run_id} ({summary.engine}): {summary.text()}", err=True)
    report_failures(summary.failures, allow_failures)


def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="file to write")],
    store: Annotated[Path, typer.Option(help="SQLite store")] = Path("extractor.db"),
    format: Annotated[
        Format | None,
        typer.Option(help="jsonl: one record per line; csv, parquet: one fact per row"),
    ] = None,
    run: Annotated[int | None, typer.Option(help="only documents extracted by this run")] = None,
    table: Annotated[
        Table,
        typer.Option(help="facts (with the records in jsonl) or projects: one project per row"),
    ] = Table.facts,
) -> None:
    """Export the store (streamed: any size)."""
    from ..store import Store, StoreError
    from ..store import export as export_store

    try:
        with Store(store, create=False) as st:
            n = export_store(
                st, output, format.value if format else None, run_id=run, table=table.value
            )
    except StoreError as exc:
        fail(str(exc))
    jsonl = (format and format.value == "jsonl") or output.suffix == ".jsonl"
    unit = "projects" if table is Table.projects else "records" if jsonl else "facts"
    typer.echo(f"{n} {unit} written to {output}", err=True)
