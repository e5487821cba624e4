"""What a component needs from the pipeline it is added to, registered by its factory.

A component can be added to any French pipeline (``spacy.blank("fr")``,
``fr_core_news_md``, ours), not only to the one :mod:`extractor.pipeline`
assembles, so whatever it relies on must be set up or checked where it is
added, in its factory:

* tokenizer rules: :func:`add_suffixes` (``fr_amounts`` splits the full stop
  off "500 k€." so that the amount ends at the sign);
* annotations another component writes: :func:`warn_if_missing` says, when the
  component is added, which component is missing and what is lost without it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence

from spacy.language import Language


class MissingComponentWarning(UserWarning):
    """A component was added to a pipeline that lacks a component it reads from."""


def add_suffixes(nlp: Language, patterns: Sequence[str]) -> None:
    """Split these suffixes off in ``nlp``'s tokenizer, on top of the ones it splits already.

    Idempotent (adding a component twice, or loading a saved pipeline whose
    tokenizer has them, adds nothing), and it keeps any earlier customisation.

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> [t.text for t in nlp("500 k€.")]
    ['500', 'k€.']
    >>> add_suffixes(nlp, [r"(?<=€)\\."]); add_suffixes(nlp, [r"(?<=€)\\."])
    >>> [t.text for t in nlp("500 k€.")]
    ['500', 'k€', '.']
    """
    search = nlp.tokenizer.suffix_search
    current = search.__self__.pattern if search is not None else ""
    # compile_suffix_regex writes each entry as "<entry>$" between "|"
    missing = [p for p in patterns if p and f"{p}$" not in current.split("|")]
    if not missing:
        return
    added = "|".join(f"{p}$" for p in missing)
    # the setter also clears the tokenizer's cache of already tokenized words
    nlp.tokenizer.suffix_search = re.compile(f"{current}|{added}" if current else added).search


def warn_if_missing(nlp: Language, name: str, needs: dict[str, str]) -> None:
    """Warn when no component already in ``nlp`` assigns an attribute ``name`` reads.

    ``needs`` maps an attribute as spaCy's ``assigns`` names it ("doc.ents",
    "token.is_sent_start") to what the component loses without it. Checked when
    the component is added: components added later are not seen, so add the
    ones it reads from first (as in :func:`extractor.pipeline.build`).
    """
    assigned = {attr for pipe in nlp.pipe_names for attr in nlp.get_pipe_meta(pipe).assigns}
    for attribute, loss in needs.items():
        if attribute not in assigned:
            warnings.warn(
                f"{name} reads {attribute}, which no component before it sets "
                f"(pipeline: {nlp.pipe_names or 'empty'}): {loss}",
                MissingComponentWarning,
                stacklevel=2,
            )
