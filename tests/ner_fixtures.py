"""A doc whose entities are given, for testing components without the statistical NER."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans


def tagged_doc(nlp: Language, text: str, ents: Iterable[tuple[str, str]]) -> Doc:
    """``text`` as a doc of ``nlp``, every occurrence of each (name, label) tagged an entity."""
    doc = nlp.make_doc(text)
    spans = []
    for name, label in ents:
        start = text.find(name)
        while start >= 0:
            spans.append(doc.char_span(start, start + len(name), label=label))
            start = text.find(name, start + len(name))
    doc.ents = filter_spans([s for s in spans if s is not None])
    return doc
