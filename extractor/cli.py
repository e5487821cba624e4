"""The ``extractor`` command: a thin layer over the library.

Each stage owns its commands in ``extractor/commands/``; this module only
assembles them, so ``extractor --help`` lists everything.
"""

from __future__ import annotations

import typer

from .commands import batch, brief, core, fetch, serve

app = typer.Typer(
    help="Extract territories, amounts, jobs, actors and organizations from French industrial news.",
    no_args_is_help=True,
    add_completion=False,
)

for module in (core, fetch, batch, brief, serve):
    module.register(app)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
