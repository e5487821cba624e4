"""``doc.text`` read once per doc.

spaCy rebuilds ``Doc.text`` from every token on each access; a component that
reads it once per candidate span makes a long text quadratic (a 5 MiB text ran
at a third of the per-character speed of an article). The text of a Doc never
changes (retokenizing keeps it), so it is kept in ``doc.user_data``.
"""

from __future__ import annotations

from spacy.tokens import Doc

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
