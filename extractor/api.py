"""The library entry points: :class:`Extractor` and :func:`extract`."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from itertools import chain, islice
from pathlib import Path

from spacy.language import Language

from . import pipeline, resources
from .document import Document, DocumentError
from .records import Record, bare_record, doc_to_record, error_record, merge_chunk_records
from .text import clean_text, looks_french

log = logging.getLogger(__name__)

try:
    __version__ = version("territoires-extractor")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0+unknown"


def pipeline_version(config_path: str | Path | None = None) -> str:
    """Package version plus a hash of the config and every model asset.

    Any change to what the pipeline loads changes the version, so the store
    re-extracts documents that an older pipeline read.
    """
    h = hashlib.sha256(pipeline.load_config(config_path).to_str().encode())
    for name, data in sorted(resources.model_assets()):
        h.update(name.encode())
        h.update(data)
    return f"{__version__}+{h.hexdigest()[:10]}"


def _as_document(item: str | Document) -> Document:
    return item if isinstance(item, Document) else Document(source="<text>", text=item)


class Extractor:
    """Loads the pipeline once; ``extract_many`` streams documents through ``nlp.pipe``."""

    def __init__(
        self,
        config_path: str | Path | None = None,
        *,
        nlp: Language | None = None,
        batch_size: int = 32,
        chunk_chars: int = 100_000,
        zone_docs: int = 256,
    ) -> None:
        self.nlp = nlp or pipeline.build(config_path)
        self.batch_size = batch_size
        self.chunk_chars = chunk_chars
        self.zone_docs = zone_docs
        self.version = pipeline_version(config_path)
        self._zone_open = False

    def extract(self, item: str | Document) -> Record:
        return next(iter(self.extract_many([item])))

    def extract_many(self, items: Iterable[str | Document]) -> Iterator[Record]:
        """One record per item, in order; a bad item gets its error, never an exception.

        Documents go through ``nlp.pipe`` in batches of ``batch_size``, and every
        ``zone_docs`` documents share one spaCy memory zone: the strings and lexemes
        their texts add are freed when it closes, so a long run keeps a flat memory,
        while the tokenizer's cache lives across the batches of a zone (a zone per
        batch rebuilt it for every 32 documents, about 3 % of the run's time)."""
        ready = iter(self._prepare(_as_document(item)) for item in items)
        for first in ready:
            with self._zone():
                group = chain([first], islice(ready, self.zone_docs - 1))
                buffered: list[tuple[Document, Record | None]] = []
                for pair in group:
                    buffered.append(pair)
                    if len(buffered) >= self.batch_size:
                        yield from self._run(buffered)
                        buffered = []
                if buffered:
                    yield from self._run(buffered)

    @contextmanager
    def _zone(self) -> Iterator[None]:
        """A memory zone, unless one is open already: spaCy's zones must not nest (a
        document retried alone, or cut in chunks, inside a group's zone)."""
        if self._zone_open:
            yield
            return
        self._zone_open = True
        try:
            with self.nlp.memory_zone():
                yield
        finally:
            self._zone_open = False

    def _prepare(self, document: Document) -> tuple[Document, Record | None]:
        """Clean the text; documents that cannot go through the pipeline get their record now."""
        try:
            document = document.model_copy(update={"text": clean_text(document.text)})
        except Exception as exc:  # pragma: no cover - defensive: text of an unexpected type
            return document, error_record(document, _error("prepare", exc), self.version)
        if document.errors and not document.text.strip():  # a source error: already said
            return document, bare_record(document, self.version)
        if not document.text.strip():
            err = DocumentError(
                stage="extract", type="EmptyText", message="the document has no text"
            )
            return document, error_record(document, err, self.version)
        if not looks_french(document.text):
            err = DocumentError(
                stage="extract",
                type="NotFrench",
                message="the text does not look French; not extracted",
            )
            return document, error_record(document, err, self.version)
        return document, None

    def _run(self, batch: list[tuple[Document, Record | None]]) -> Iterator[Record]:
        todo = [d for d, early in batch if early is None and len(d.text) <= self.chunk_chars]
        done: dict[int, Record] = {}
        try:
            with self._zone():
                for document, doc in zip(todo, self.nlp.pipe(d.text for d in todo), strict=True):
                    done[id(document)] = doc_to_record(doc, document, self.version)
        except Exception as exc:  # one bad doc must not sink the batch: retry one by one
            log.warning("batch failed (%s); retrying documents one by one", exc)
            for document in todo:
                done[id(document)] = self._one(document)
        for document, early in batch:
            if early is not None:
                yield early
            elif id(document) in done:
                yield done[id(document)]
            else:
                yield self._chunked(document)

    def _one(self, document: Document) -> Record:
        try:
            with self._zone():
                return doc_to_record(self.nlp(document.text), document, self.version)
        except Exception as exc:
            return error_record(document, _error("extract", exc), self.version)

    def _chunked(self, document: Document) -> Record:
        """Long texts (a 500-page PDF) go through in paragraph-aligned chunks."""
        parts: list[tuple[int, Record]] = []
        try:
            for start, end in _chunks(document.text, self.chunk_chars):
                piece = document.model_copy(
                    update={"text": document.text[start:end], "page_starts": []}
                )
                with self._zone():
                    parts.append((start, doc_to_record(self.nlp(piece.text), piece, self.version)))
        except Exception as exc:
            return error_record(document, _error("extract", exc), self.version)
        return merge_chunk_records(document, parts, self.version)


def _chunks(text: str, size: int) -> Iterator[tuple[int, int]]:
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, end
        start = end


def _error(stage: str, exc: BaseException) -> DocumentError:
    return DocumentError(stage=stage, type=type(exc).__name__, message=str(exc) or repr(exc))


@cache
def _default() -> Extractor:
    return Extractor()


def extract(item: str | Document) -> Record:
    """Extract one text with a pipeline loaded once per process."""
    return _default().extract(item)
