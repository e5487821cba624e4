"""``fr_amounts``: every sum of money in euros, with its value and qualifier.

The grammar lives in :mod:`extractor.numbers`; this component runs it over the
doc text (the tokenizer splits "1,5M€" or "500k€" in several ways, characters do
not) and maps the matches back to token spans. A figure written without "euros"
("un investissement de près de 4 millions") counts only in a money context.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ... import numbers
from .. import attributes as attrs
from ..doctext import doc_text
from ..needs import add_suffixes


class AmountsComponent:
    """Writes ``doc.spans["amounts"]`` with ``value_eur``, ``value_eur_max`` and ``qualifier``."""

    def __init__(self, lexicon: str = numbers.LEXICON) -> None:
        attrs.register()
        self.lexicon = lexicon
        numbers.grammar(lexicon)  # build the grammar now, not on the first doc

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for hit in numbers.find_amounts(doc_text(doc), self.lexicon):
            q = hit.quantity
            span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
            if span is None:
                continue
            span._.value_eur = q.value
            span._.value_eur_max = q.value_max
            span._.qualifier = q.qualifier
            spans.append(span)
        doc.spans[attrs.AMOUNTS] = filter_spans(spans)
        return doc


#: suffixes the tokenizer must split off: it keeps the full stop in "500 k€." and
#: "2 Md€.", which hides the sentence end and puts the dot into the amount's evidence
SPLIT_SUFFIXES = ["(?<=€)\\."]


@Language.factory(
    "fr_amounts",
    default_config={"lexicon": numbers.LEXICON, "split_suffixes": SPLIT_SUFFIXES},
    assigns=["doc.spans"],
)
def make_amounts(
    nlp: Language, name: str, lexicon: str, split_suffixes: list[str]
) -> AmountsComponent:
    add_suffixes(nlp, split_suffixes)  # in any French pipeline, not only ours
    return AmountsComponent(lexicon)
