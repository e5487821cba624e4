"""Limits on what one PDF may cost: bytes inflated from its streams, seconds per document and page.

The size cap on the file does not bound its content: a 1 MB stream can inflate
to 1 GiB, and pdfminer inflates each stream whole with ``zlib.decompress``.
pdfminer offers no hook for this, so the two decoders it calls by name in
:mod:`pdfminer.pdftypes` (``zlib`` and ``lzwdecode``) are replaced by versions
that inflate in slices and count every byte against the budget of the
document being read (a :class:`contextvars.ContextVar`, so threads and
concurrent readers do not share one). Outside :func:`budget`, they behave
exactly as the originals.

Time: pdfminer cannot be asked to stop, so on the main thread a ``SIGALRM``
timer interrupts a page or a document that runs past its time; elsewhere the
deadline is checked at every inflated slice and between pages.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
import zlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from .base import Options, SourceError

SLICE = 1 << 20  # bytes inflated at a time


@dataclass(frozen=True)
class PdfLimits:
    """What one PDF may cost; defaults are far above what a text-heavy report needs."""

    max_inflated: int = 200_000_000  # bytes decoded from all streams of one document
    seconds: float = 120.0  # per document
    page_seconds: float = 30.0  # per page; a slower page is skipped with a warning

    @classmethod
    def of(cls, options: Options) -> PdfLimits:
        return cls(options.max_inflated_bytes, options.pdf_seconds, options.pdf_page_seconds)


class PdfTimeout(Exception):
    """Raised from the SIGALRM handler or a deadline check; turned into an error or warning."""


@dataclass
class Budget:
    """Bytes left to inflate and the document's deadline, for the document being read."""

    limits: PdfLimits
    started: float = field(default_factory=time.monotonic)
    inflated: int = 0

    @property
    def deadline(self) -> float:
        return self.started + self.limits.seconds

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def spend(self, size: int) -> None:
        self.inflated += size
        if self.inflated > self.limits.max_inflated:
            raise SourceError(
                "TooLarge",
                f"the PDF's streams inflate past the {self.limits.max_inflated}-byte limit "
                "(a compression bomb, or far more content than a document carries)",
            )
        if time.monotonic() > self.deadline:
            raise PdfTimeout("document")


_BUDGET: ContextVar[Budget | None] = ContextVar("pdf_budget", default=None)


@contextlib.contextmanager
def budget(limits: PdfLimits) -> Iterator[Budget]:
    """The budget every stream decoded inside the block is counted against."""
    install()
    current = Budget(limits)
    token = _BUDGET.set(current)
    try:
        yield current
    finally:
        _BUDGET.reset(token)


def inflate(data: bytes, spend: Any) -> bytes:
    """``zlib.decompress`` in slices, paying for each; raises ``zlib.error`` as it does."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    pending = data
    while True:
        part = inflater.decompress(pending, SLICE)
        spend(len(part))
        parts.append(part)
        pending = inflater.unconsumed_tail
        if inflater.eof or (not part and not pending):
            break
    if not inflater.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(parts)


class _CountedInflater:
    """A ``zlib.decompressobj`` whose output is paid for (pdfminer's corrupted-data path)."""

    def __init__(self, inner: Any, budget: Budget) -> None:
        self._inner, self._budget = inner, budget

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._inner.decompress(data, max_length)
        self._budget.spend(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BudgetedZlib:
    """Stands for the ``zlib`` module inside pdfminer.pdftypes."""

    error = zlib.error

    def decompress(self, data: bytes, *args: Any) -> bytes:
        current = _BUDGET.get()
        if current is None or args:
            return zlib.decompress(data, *args)
        return inflate(data, current.spend)

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        inner = zlib.decompressobj(*args, **kwargs)
        current = _BUDGET.get()
        return inner if current is None else _CountedInflater(inner, current)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _budgeted_lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder, lzwdecode

    current = _BUDGET.get()
    if current is None:
        return lzwdecode(data)
    parts = []
    for part in LZWDecoder(BytesIO(data)).run():
        current.spend(len(part))
        parts.append(part)
    return b"".join(parts)


_installed = False
_install_lock = threading.Lock()


def install() -> None:
    """Route pdfminer's stream decoders through the budget (once per process)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        from pdfminer import pdftypes

        pdftypes.zlib = _BudgetedZlib()  # type: ignore[assignment]
        pdftypes.lzwdecode = _budgeted_lzw
        _installed = True


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    """Raise :class:`PdfTimeout` in this block after ``seconds`` (main thread only).

    Elsewhere, or when another timer is already set, nothing is armed and only
    the cooperative checks apply. The handler re-arms itself shortly, in case
    library code swallows the first exception.
    """
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )
    if not usable:
        yield
        return
    if seconds <= 0:
        raise PdfTimeout("no time left")

    def on_alarm(signum: int, frame: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        raise PdfTimeout(f"{seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
