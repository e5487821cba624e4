"""Core commands: ``extract``, ``eval``, ``schema``, ``bench``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("eval")(evaluate)
    app.command("schema")(schema)
    app.command("bench")(bench)


def extract(
    sources: Annotated[list[str], typer.Argument(help="URLs, HTML/PDF/text files or folders")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="JSONL file (default: standard output)")
    ] = None,
) -> None:
    """Extract one JSON record per document (JSON Lines)."""
    from ..api import Extractor
    from ..sources import iter_documents

    extractor = Extractor()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = total = 0
    try:
        for record in extractor.extract_many(iter_documents(sources)):
            out.write(record.model_dump_json() + "\n")
            total += 1
            failed += bool(record.errors)
    finally:
        if output:
            out.close()
    typer.echo(f"{total} documents, {failed} with errors", err=True)


def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="folder of gold JSON files")],
    docs: Annotated[
        Path | None, typer.Option(help="folder of the documents (default: GOLD_DIR)")
    ] = None,
    records: Annotated[
        Path | None, typer.Option(help="score these JSONL records instead of extracting")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the full report as JSON")] = False,
) -> None:
    """Precision, recall and F1 per list, scored as ANNOTATION.md says."""
    from ..evaluate import evaluate as score
    from ..evaluate import format_report, load_gold
    from ..records import Record

    golds = load_gold(gold_dir)
    if not golds:
        raise typer.BadParameter(f"no gold file in {gold_dir}")
    if records is not None:
        recs = [
            Record.model_validate_json(line)
            for line in records.read_text("utf-8").splitlines()
            if line
        ]
        by_stem = {Path(r.source).stem: r for r in recs}
    else:
        from ..api import Extractor
        from ..sources import load

        folder = docs or gold_dir
        paths = [folder / g["document"] for g in golds]
        by_stem = {
            p.stem: r
            for p, r in zip(
                paths, Extractor().extract_many(load(str(p)) for p in paths), strict=True
            )
        }
    report = score(by_stem, golds)
    typer.echo(
        json.dumps(report.as_dict(), indent=2, ensure_ascii=False)
        if as_json
        else format_report(report)
    )


def schema() -> None:
    """Print the JSON Schema of a record."""
    from ..records import json_schema

    typer.echo(json_schema())


def bench(
    docs: Annotated[int, typer.Option(help="documents per timed run")] = 200,
    sections: Annotated[
        str, typer.Option(help="comma-separated: extract, sources, batch, long")
    ] = "extract,sources,batch,long",
    root: Annotated[Path, typer.Option(help="project root holding corpus/")] = Path("."),
) -> None:
    """Print speed and memory figures (ratios against baselines measured in the same run)."""
    from ..bench import main

    results = main(
        n_docs=docs, root=root, sections=[s.strip() for s in sections.split(",") if s.strip()]
    )
    typer.echo(json.dumps(results, indent=2))
