"""Assemble the spaCy pipeline: ``fr_core_news_md`` plus our components.

What is kept of the base model and the order and config of our components
come from ``models/pipeline.cfg`` so that the pipeline is data, not code.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

from . import resources
from .components.needs import add_suffixes

CONFIG_NAME = "pipeline.cfg"
MAX_CHARS = 2_000_000


def load_config(path: str | Path | None = None) -> Config:
    text = (
        Path(path).read_text(encoding="utf-8")
        if path
        else resources.model_file(CONFIG_NAME).read_text(encoding="utf-8")
    )
    return Config().from_str(text)


def build(config_path: str | Path | None = None, *, base: bool = True) -> Language:
    """A fresh pipeline; ``base=False`` uses ``spacy.blank("fr")`` (no statistical NER)."""
    cfg = load_config(config_path)
    if base:
        nlp = spacy.load(cfg["base"]["model"], exclude=list(cfg["base"].get("exclude", [])))
    else:
        nlp = spacy.blank("fr")
    nlp.max_length = MAX_CHARS
    # the components register the tokenizer rules they need themselves (fr_amounts:
    # the full stop after "€"); [tokenizer] extra_suffixes adds rules of the pipeline's own
    add_suffixes(nlp, list(cfg.get("tokenizer", {}).get("extra_suffixes", [])))
    components = cfg.get("components", {})
    first = "ner" if "ner" in nlp.pipe_names else None
    for name in cfg["pipeline"].get("before_ner", []):
        nlp.add_pipe(name, config=dict(components.get(name, {})), before=first)
    for name in cfg["pipeline"].get("after_ner", []):
        nlp.add_pipe(name, config=dict(components.get(name, {})))
    return nlp
