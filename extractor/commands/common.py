"""What every command shares: exit codes, ``-v/-q``, logging, one-line errors.

Exit codes (also listed in ``extractor --help``):

* 0: done, every document extracted (or unchanged);
* 1: an unexpected error (a bug: please report the traceback);
* 2: the command could not run: bad usage, a missing source, a store that
  cannot be opened, an unreachable scheduler;
* 3: done, but some documents failed; they are named on standard error with
  their error (``--allow-failures`` turns this into 0).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Annotated, NoReturn, Protocol

import typer

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_FAILED_DOCUMENTS = 3

EXIT_CODES_HELP = (
    "Exit status: 0 all documents done; 2 the command could not run (usage, missing "
    "source, store, scheduler); 3 some documents failed (named on stderr; "
    "--allow-failures gives 0); 1 unexpected error."
)

#: how many failed documents a summary names (the store and the records keep all)
FAILURES_SHOWN = 20

Verbose = Annotated[
    int,
    typer.Option(
        "--verbose",
        "-v",
        count=True,
        metavar="",
        show_default=False,
        help="more log lines (-vv: debug); Dask's own logs too",
    ),
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="no progress bar, only warnings and errors")
]
AllowFailures = Annotated[
    bool,
    typer.Option("--allow-failures", help="exit 0 even when some documents failed"),
]


def setup_logging(verbose: int = 0, quiet: bool = False) -> None:
    """Log lines on standard error, above any progress bar: WARNING, INFO with -v, DEBUG with -vv.

    Dask's loggers follow ours (see :func:`extractor.batch._dask_log_level`).
    """
    from rich.logging import RichHandler

    from ..progress import stderr_console

    level = logging.WARNING
    if quiet:
        level = logging.ERROR
    elif verbose >= 2:
        level = logging.DEBUG
    elif verbose == 1:
        level = logging.INFO
    if stderr_console().is_terminal:  # above the progress bars, through their console
        handler: logging.Handler = RichHandler(
            console=stderr_console(), show_time=False, show_path=False, markup=False
        )
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    else:  # a file or a pipe: plain lines, not wrapped at 80 columns
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    # on the root logger only: our loggers (and Dask's, see batch) inherit its level
    logging.basicConfig(level=level, handlers=[handler], force=True)


def show_progress(quiet: bool) -> bool | None:
    """Bars on a terminal (None lets :mod:`extractor.progress` decide), never with ``-q``."""
    return False if quiet else None


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """One line on standard error, then exit with ``code``: no traceback for a known cause."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


class _Failure(Protocol):
    def text(self) -> str: ...


def report_failures(failures: Sequence[_Failure], allow: bool) -> None:
    """Name the failed documents with their error, then exit 3 (0 with ``--allow-failures``)."""
    if not failures:
        return
    typer.echo(f"{len(failures)} document(s) failed:", err=True)
    for failure in failures[:FAILURES_SHOWN]:
        typer.echo(f"  {failure.text()}", err=True)
    if len(failures) > FAILURES_SHOWN:
        typer.echo(f"  ... and {len(failures) - FAILURES_SHOWN} more", err=True)
    if not allow:
        raise typer.Exit(EXIT_FAILED_DOCUMENTS)


def check_sources(sources: Sequence[str], extra: Sequence[str] = ()) -> None:
    """A usage error (exit 2) when every source named is a path that does not exist.

    One missing path among others is that document's error, and the run goes on;
    when nothing given exists, the command stops before writing anything (no empty store).
    """
    from ..batch import missing_paths

    missing = missing_paths(sources)
    if sources and len(missing) == len(sources) and not extra:
        fail("no such file or folder: " + ", ".join(missing))
