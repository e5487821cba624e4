"""Core commands: ``extract``, ``eval``, ``schema``, ``bench``."""

from __future__ import annotations

import json
import sys
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

#: the annotation guide the scorer follows (in the repository, not in the wheel)
ANNOTATION_GUIDE = "docs/ANNOTATION.md"


def register(app: typer.Typer) -> None:
    app.command("extract", epilog=EXTRACT_EXAMPLES)(extract)
    app.command("eval", epilog=EVAL_EXAMPLES)(evaluate)
    app.command("schema")(schema)
    app.command("bench", epilog=BENCH_EXAMPLES)(bench)


EXTRACT_EXAMPLES = """Examples:

  extractor extract corpus/gold/*.txt -o records.jsonl

  extractor extract https://example.org/article.html protocole.pdf notes.txt

Exit status 3 when some documents failed (their records carry the error; --allow-failures: 0)."""


class _Failed:
    """A failed record, as the summary names it."""

    def __init__(self, record) -> None:
        self.record = record

    def text(self) -> str:
        error = self.record.errors[-1]
        return f"{self.record.source}: {error.type}: {error.message}"


def extract(
    sources: Annotated[list[str], typer.Argument(help="URLs, HTML/PDF/text files or folders")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="JSONL file (default: standard output)")
    ] = None,
    allow_failures: AllowFailures = False,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Extract one JSON record per document (JSON Lines)."""
    from ..api import Extractor
    from ..batch import planned
    from ..progress import progress_bar
    from ..sources import iter_documents

    setup_logging(verbose, quiet)
    check_sources(sources)
    failed: list[_Failed] = []
    total = 0
    with progress_bar(show_progress(quiet)) as bar:
        task = bar.add_task("loading the pipeline", total=planned(sources))
        extractor = Extractor()
        bar.reset(task, description="extract")  # rate and ETA without the loading time
        out = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            for record in extractor.extract_many(iter_documents(sources)):
                out.write(record.model_dump_json() + "\n")
                total += 1
                if record.errors:
                    failed.append(_Failed(record))
                bar.advance(task)
        finally:
            if output:
                out.close()
            else:
                out.flush()
        bar.update(task, total=total)  # the count planned ahead can differ (URL lists)
    typer.echo(f"{total} documents, {len(failed)} with errors", err=True)
    report_failures(failed, allow_failures)


EVAL_EXAMPLES = f"""Examples:

  extractor eval corpus/gold

  extractor eval corpus/test --json > report.json

  extractor eval corpus/dev --records records.jsonl

What counts as each fact, and how it is scored: {ANNOTATION_GUIDE} in the repository."""


def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="folder of gold JSON files")],
    docs: Annotated[
        Path | None, typer.Option(help="folder of the documents (default: GOLD_DIR)")
    ] = None,
    records: Annotated[
        Path | None, typer.Option(help="score these JSONL records instead of extracting")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the full report as JSON")] = False,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Precision, recall and F1 per list, scored as the annotation guide says (docs/ANNOTATION.md)."""
    from ..evaluate import evaluate as score
    from ..evaluate import format_report, load_gold
    from ..records import Record

    setup_logging(verbose, quiet)
    if not gold_dir.is_dir():
        fail(f"no such folder: {gold_dir}")
    golds = load_gold(gold_dir)
    if not golds:
        fail(f"no gold file in {gold_dir}")
    if records is not None:
        if not records.is_file():
            fail(f"no such records file: {records}")
        recs = [
            Record.model_validate_json(line)
            for line in records.read_text("utf-8").splitlines()
            if line
        ]
        by_stem = {Path(r.source).stem: r for r in recs}
    else:
        by_stem = _extract_gold_documents(docs or gold_dir, golds, show_progress(quiet))
    report = score(by_stem, golds)
    typer.echo(
        json.dumps(report.as_dict(), indent=2, ensure_ascii=False)
        if as_json
        else format_report(report)
    )


def _extract_gold_documents(folder: Path, golds: list[dict], progress: bool | None) -> dict:
    """The records of the gold set's documents, keyed by file stem, with a progress bar."""
    from ..api import Extractor
    from ..progress import progress_bar
    from ..sources import load

    paths = [folder / g["document"] for g in golds]
    by_stem = {}
    with progress_bar(progress) as bar:
        task = bar.add_task("loading the pipeline", total=len(paths))
        extractor = Extractor()
        bar.reset(task, description="eval")  # rate and ETA without the loading time
        records = extractor.extract_many(load(str(p)) for p in paths)
        for path, record in zip(paths, records, strict=True):
            by_stem[path.stem] = record
            bar.advance(task)
    return by_stem


def schema() -> None:
    """Print the JSON Schema of a record."""
    from ..records import json_schema

    typer.echo(json_schema())


BENCH_EXAMPLES = """Examples:

  extractor bench --docs 200

  extractor bench --sections extract --json > bench.json

Each figure is a ratio against a baseline measured in the same run, on the same inputs."""


def bench(
    docs: Annotated[int, typer.Option(help="documents per timed run")] = 200,
    sections: Annotated[
        str, typer.Option(help="comma-separated: extract, sources, batch, long")
    ] = "extract,sources,batch,long",
    root: Annotated[Path, typer.Option(help="project root holding corpus/")] = Path("."),
    as_json: Annotated[
        bool, typer.Option("--json", help="print the figures as JSON (floats rounded)")
    ] = False,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Print speed and memory figures (ratios against baselines measured in the same run)."""
    from ..bench import SECTIONS, format_tables, main, rounded
    from ..progress import progress_bar

    setup_logging(verbose, quiet)
    chosen = [s.strip() for s in sections.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown or not chosen:
        fail(
            f"unknown section(s) {', '.join(unknown) or '(none)'}: choose among {', '.join(SECTIONS)}"
        )
    if not any((root / "corpus").glob("**/*.txt")):
        fail(f"no corpus text under {root.resolve() / 'corpus'}: give --root")
    with progress_bar(show_progress(quiet), unit="sections") as bar:
        task = bar.add_task("bench", total=len(chosen))

        def step(name: str) -> None:
            bar.update(task, description=f"bench: {name}")

        def done() -> None:
            bar.advance(task)

        results = main(n_docs=docs, root=root, sections=chosen, on_section=step, on_done=done)
    if as_json:
        typer.echo(json.dumps(rounded(results), indent=2))
        return
    from rich.console import Console

    console = Console()
    for table in format_tables(results):
        console.print(table)
