"""A doc whose entities are given, for testing components without the statistical NER."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from extractor.components.folding import fold


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


def territory_kinds(
    nlp: Language, text: str, ents: Iterable[tuple[str, str]] = ()
) -> dict[str, str]:
    """{folded name: kind} of the territories ``nlp`` finds in ``text``, the NER having tagged
    ``ents`` (text, label) first."""
    doc = tagged_doc(nlp, text, ents)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return {fold(s.text): s._.territory_kind for s in doc.spans["territories"]}
