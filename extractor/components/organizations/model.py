"""The project's own organizations model (``models/org_ner/``) as a candidate source.

A small transition-based NER trained by ``scripts/train_orgs.py`` on the corpus of
``training/organizations/`` and the annotated documents of ``training/links/``. It
finds names the rules have no cue for (a firm as a subject, in a list, in a
caption); what it proposes is then trimmed and filtered by the rules of
``fr_organizations`` like any other candidate.

The model runs on a copy of the document's tokens, so its entities never touch
``doc.ents`` (the stock NER's PER and LOC, which other components read). The copy
shares the document's vocabulary: the model reads the static word vectors of the
base model (``fr_core_news_md``) from there, so the asset ships without them. On a
vocabulary without those vectors (``spacy.blank``) the model proposes nothing.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from spacy import util
from spacy.language import Language
from spacy.tokens import Doc

from ... import resources

LABEL = "ORG"
log = logging.getLogger(__name__)


@cache
def load(name: str) -> Language:
    """The model pipeline of ``models/<name>/`` (its tokenizer is never needed)."""
    path = Path(str(resources.model_file(name)))
    if not (path / "config.cfg").is_file():
        raise FileNotFoundError(f"organizations model not found: {path}")
    nlp = util.load_model_from_config(util.load_config(path / "config.cfg"))
    nlp.from_disk(path, exclude=["tokenizer"])
    return nlp


def vectors_needed(nlp: Language) -> str | None:
    """Name of the static vectors the model was trained with, if it reads any."""
    embed = nlp.config["components"]["ner"]["model"]["tok2vec"].get("embed", {})
    if not embed.get("include_static_vectors"):
        return None
    return nlp.meta.get("vectors", {}).get("name") or None


@cache
def _warn_once(name: str) -> None:
    log.warning("organizations model skipped: the pipeline has no %s vectors", name)


def predict(nlp: Language, doc: Doc) -> list[tuple[int, int]]:
    """Token offsets of the organizations the model finds in ``doc``."""
    return predict_many(nlp, [doc])[0]


def predict_many(nlp: Language, docs: list[Doc]) -> list[list[tuple[int, int]]]:
    """Token offsets of the organizations in each doc, the model run on the docs as one batch.

    The model runs on copies of the docs' tokens, so the stock NER's entities
    are left as they are; a batch through each component's ``pipe`` is what
    keeps a second CNN affordable (one matrix product per batch, not per doc).
    """
    if not docs:
        return []
    needed = vectors_needed(nlp)
    vocab = docs[0].vocab
    if needed and (vocab.vectors.name != needed or not vocab.vectors.shape[0]):
        _warn_once(needed)
        return [[] for _ in docs]
    copies = [
        Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        for doc in docs
    ]
    for _, proc in nlp.pipeline:
        copies = list(proc.pipe(copies, batch_size=len(copies)))
    return [[(e.start, e.end) for e in copy.ents if e.label_ == LABEL] for copy in copies]
