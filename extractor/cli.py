"""The ``extractor`` command: a thin layer over the library.

Each stage owns its commands in ``extractor/commands/``; this module only
assembles them, so ``extractor --help`` lists everything. ``python -m extractor``
runs the same app.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .commands import batch, brief, core, fetch, serve
from .commands.common import EXIT_CODES_HELP

EXAMPLES = """Examples:

  extractor extract corpus/gold/*.txt -o records.jsonl

  extractor batch corpus/ --store extractor.db --workers 2

  extractor brief --store extractor.db --out briefings/

  extractor eval corpus/gold

  extractor serve --store extractor.db --briefings briefings/

Each command has its own examples: extractor COMMAND --help."""

app = typer.Typer(
    help="Extract territories, amounts, jobs, actors and organizations from French industrial news.",
    epilog=f"{EXAMPLES}\n\n{EXIT_CODES_HELP}",
    no_args_is_help=True,
    add_completion=False,
)


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"extractor (territoires-extractor) {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Extract territories, amounts, jobs, actors and organizations from French industrial news."""


for module in (core, fetch, batch, brief, serve):
    module.register(app)


def main() -> None:  # pragma: no cover - console entry
    app(prog_name="extractor")


if __name__ == "__main__":  # pragma: no cover
    main()
