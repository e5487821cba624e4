"""Progress bars for long work, on standard error (rich).

A bar shows the count done over the total (when it is known), the rate in
documents per second and the time left. It is drawn only on a terminal: when
standard error is a file or a pipe (CI logs, ``2> log``), or with ``--quiet``,
nothing is written, so logs stay clean and results on standard output are never
mixed with drawing codes.
"""

from __future__ import annotations

import sys
from functools import cache

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


@cache
def stderr_console() -> Console:
    """The one console of standard error: bars and log lines share it, so logs print above a bar."""
    return Console(stderr=True)


class RateColumn(ProgressColumn):
    """Items per second (rich's own speed column counts bytes)."""

    def __init__(self, unit: str = "docs") -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        # the recent rate while running; the mean over the whole task once done
        # (documents arrive in batches, so the last window alone says little)
        if task.finished and task.elapsed:
            speed: float | None = task.completed / task.elapsed
        else:
            speed = task.speed
        if speed is None:
            return Text(f"- {self.unit}/s", style="progress.data.speed")
        return Text(f"{speed:.1f} {self.unit}/s", style="progress.data.speed")


def wanted(enabled: bool | None = None) -> bool:
    """Draw bars? ``None`` means: when standard error is a terminal."""
    if enabled is None:
        return sys.stderr.isatty()
    return enabled


def progress_bar(enabled: bool | None = None, *, unit: str = "docs") -> Progress:
    """A bar with count/total, rate, elapsed time and time left; disabled off a terminal.

    Use it as a context manager and add one task per stage; a task created with
    ``total=None`` shows a spinner until its total is known.
    """
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(unit),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=stderr_console(),
        disable=not wanted(enabled),
        transient=False,
    )
