"""``doc.text`` read once per doc.

spaCy rebuilds ``Doc.text`` from every token on each access; a component that
reads it once per candidate span makes a long text quadratic (a 5 MiB text ran
at a third of the per-character speed of an article). The text of a Doc never
changes (retokenizing keeps it), so it is kept in ``doc.user_data``.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc

from .folding import fold

_KEY = "extractor.text"


def doc_text(doc: Doc) -> str:
    """The doc's text, built once.

    >>> import spacy
    >>> doc = spacy.blank("fr")("Rodez Agglomération")
    >>> doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    True
    """
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def positions_of(doc: Doc, texts: frozenset[str] | set[str]) -> list[int]:
    """Indices of the tokens whose text is one of ``texts``, found on the doc's array of
    word ids (one vectorised test) rather than by making every token in Python.

    >>> import spacy
    >>> positions_of(spacy.blank("fr")("Le conseil (CNI) et (ANCT)."), {"("})
    [2, 6]
    """
    if not texts or not len(doc):
        return []
    ids = [doc.vocab.strings.as_int(t) if t in doc.vocab.strings else None for t in texts]
    ids = [i for i in ids if i is not None]
    if not ids:
        return []
    return np.flatnonzero(np.isin(doc.to_array(ORTH), ids)).tolist()


def folded_words(doc: Doc) -> list[str]:
    """``[fold(t.text) or t.text for t in doc]``, read on the doc's word ids: each distinct
    word is folded once and no Token object is made.

    >>> import spacy
    >>> folded_words(spacy.blank("fr")("Côte d’Or , Côte"))
    ['cote', "d'", 'or', ',', 'cote']
    """
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH).tolist() if len(doc) else []
    keys = {orth: fold(strings[orth]) or strings[orth] for orth in set(orths)}
    return [keys[orth] for orth in orths]
