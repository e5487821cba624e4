"""Components set up what they need wherever they are added (spacy.blank("fr") included)."""

from __future__ import annotations

import warnings

import pytest
import spacy

from extractor.components.needs import MissingComponentWarning


def test_readme_snippet_on_a_blank_pipeline():
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_sentences")
    nlp.add_pipe("fr_amounts")
    doc = nlp("Un prêt de 1,5 M€ et une subvention de 500 k€. Le chantier démarre.")
    assert [(s.text, s._.value_eur) for s in doc.spans["amounts"]] == [
        ("1,5 M€", 1500000.0),
        ("500 k€", 500000.0),
    ]
    assert [s.text for s in doc.sents] == [
        "Un prêt de 1,5 M€ et une subvention de 500 k€.",
        "Le chantier démarre.",
    ]


def test_the_suffix_rule_is_added_once_and_keeps_earlier_rules():
    nlp = spacy.blank("fr")
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(
        [*nlp.Defaults.suffixes, "(?<=[0-9])km"]
    ).search
    nlp.add_pipe("fr_amounts")
    pattern = nlp.tokenizer.suffix_search.__self__.pattern
    nlp.add_pipe("fr_amounts", name="again")
    assert nlp.tokenizer.suffix_search.__self__.pattern == pattern
    assert [t.text for t in nlp("12km et 2 Md€.")] == ["12", "km", "et", "2", "Md€", "."]


def test_a_saved_pipeline_keeps_the_rule(tmp_path):
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_amounts")
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    doc = loaded("Une aide de 500 k€.")
    assert [s.text for s in doc.spans["amounts"]] == ["500 k€"]


@pytest.mark.parametrize("name", ["fr_actors", "fr_organizations"])
def test_a_component_without_the_ner_it_reads_says_so(name):
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_sentences")
    with pytest.warns(MissingComponentWarning, match=r"doc\.ents.*add it to fr_core_news_md"):
        nlp.add_pipe(name)


def test_fr_actors_without_sentences_says_so():
    nlp = spacy.blank("fr")
    nlp.add_pipe("ner")
    with pytest.warns(MissingComponentWarning, match="fr_sentences") as caught:
        nlp.add_pipe("fr_actors")
    assert len(caught) == 1  # the NER is there


def test_no_warning_where_the_needs_are_met():
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_sentences")
    nlp.add_pipe("ner")
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingComponentWarning)
        nlp.add_pipe("fr_organizations")
        nlp.add_pipe("fr_actors")
    assert "requirements not met" not in str(nlp.analyze_pipes(pretty=False))
