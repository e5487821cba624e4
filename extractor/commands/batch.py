"""Batch commands: ``batch`` (incremental runs into the SQLite store) and ``export``."""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class EngineName(str, Enum):
    local = "local"
    process = "process"
    dask = "dask"


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""
    app.command("batch")(batch)
    app.command("export")(export)


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
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="default: on a terminal")
    ] = None,
) -> None:
    """Extract new and changed documents into the store; unchanged ones are skipped."""
    from ..batch import run_batch
    from ..store import StoreError

    if not sources and not feed and not sitemap:
        raise typer.BadParameter("give files, folders, URLs, --feed or --sitemap")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        summary = run_batch(
            sources or [],
            store,
            workers=workers,
            engine=engine.value if engine else None,
            scheduler=scheduler,
            feeds=feed,
            sitemaps=sitemap,
            progress=progress,
            lock_timeout=wait,
        )
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"run {summary.run_id} ({summary.engine}): {summary.text()}", err=True)


def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="file to write")],
    store: Annotated[Path, typer.Option(help="SQLite store")] = Path("extractor.db"),
    format: Annotated[
        Format | None,
        typer.Option(help="jsonl: one record per line; csv, parquet: one fact per row"),
    ] = None,
    run: Annotated[int | None, typer.Option(help="only documents extracted by this run")] = None,
) -> None:
    """Export the store (streamed: any size)."""
    from ..store import Store, StoreError
    from ..store import export as export_store

    try:
        with Store(store, create=False) as st:
            n = export_store(st, output, format.value if format else None, run_id=run)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    unit = (
        "records" if (format and format.value == "jsonl") or output.suffix == ".jsonl" else "facts"
    )
    typer.echo(f"{n} {unit} written to {output}", err=True)
