"""The link ranker of fr_links: its candidates, where it may answer, and its rebuild.

Texts are short French passages written for these tests. The shipped weights are
learned, so the tests that need a fixed answer use hand-set weights; the shipped
model is checked for what training must give (it loads, it trusts the rules'
answer, ``scripts/train_links.py`` rebuilds it byte for byte).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import Extractor, pipeline, resources
from extractor.components.links.context import Place
from extractor.components.links.ranker import Choice, Ranker, with_cue

ROOT = Path(__file__).resolve().parent.parent
M = 1e6

_ARTICLE = (
    "Bourges : Technoméca agrandit son atelier\n\n"
    "Technoméca, installée à Bourges, usine des pièces pour l'aéronautique. "
    "Technoméca a doublé sa surface.\n\n"
    "La société Valdor a signé avec ses partenaires historiques un accord de long terme pour "
    "livrer des carters aux motoristes européens jusqu'en 2030, pendant que Bourges Plus "
    "cède une parcelle sur la zone du Centre, à Foëcy, dans le Cher, avec l'appui de "
    "Bpifrance. La société Valdor investit 3 millions d'euros."
)


def test_the_best_choice_scores_highest_and_none_wins_a_tie():
    ranker = Ranker({"organization": {"bias": 1.0, "rule": 2.0}})
    none = Choice(None, {"null": 1.0})
    plain = Choice("Alpha", {"bias": 1.0})
    ruled = Choice("Beta", {"bias": 1.0, "rule": 1.0})
    assert ranker.best("organization", [none, plain, ruled]).value == "Beta"
    assert ranker.best("organization", [none, Choice("Gamma", {})]).value is None


@pytest.fixture(scope="module")
def watched():
    """A rules-only pipeline whose fr_links reports the choices it would hand the ranker."""
    nlp = pipeline.build()
    links = nlp.get_pipe("fr_links")
    links.ranker = None
    seen: list[tuple[str, dict[str, list[Choice]]]] = []

    def observe(span, is_job, opts):
        # keep plain values: the doc's strings are gone once its memory zone ends
        seen.append(
            (
                span.text,
                {
                    task: [
                        (
                            c.value.span.text if isinstance(c.value, Place) else c.value,
                            c.value.kind if isinstance(c.value, Place) else None,
                            c.features,
                        )
                        for c in choices
                    ]
                    for task, choices in opts.items()
                },
            )
        )

    links.observer = observe
    Extractor(nlp=nlp).extract(_ARTICLE)
    return dict(seen)


@pytest.mark.slow
def test_the_choices_of_an_owner_are_every_name_within_reach_and_none(watched):
    choices = watched["3 millions d'euros"]["territory"]
    names = [name for name, _, _ in choices]
    assert names[0] is None  # "none" first: it wins a tie
    assert "Foëcy" in names
    # the rules fell back on the article's site: it is the choice that carries their vote
    ruled = [name for name, _, f in choices if f.get("rule")]
    assert ruled == ["Bourges"]


@pytest.mark.slow
def test_the_same_place_at_another_scale_is_no_choice(watched):
    names = {name for name, _, _ in watched["3 millions d'euros"]["territory"]}
    # the Cher and Bourges Plus contain Bourges, the rules' answer, and a zone lies in some
    # commune: which scale a figure takes is the annotation's convention, left to the rules
    assert not names & {"Cher", "Bourges Plus", "zone du Centre"}


@pytest.mark.slow
def test_a_ranker_answers_only_where_the_rules_fell_back_on_a_default():
    nlp = pipeline.build()
    # hand weights that always prefer "none": what the rules read in the words must stay
    nlp.get_pipe("fr_links").ranker = Ranker(
        {"organization": {"null": 50.0}, "territory": {"null": 50.0}}
    )
    extractor = Extractor(nlp=nlp)
    said = extractor.extract(
        "Le conseil communautaire a voté le projet. Un bâtiment de 4 M€ sera construit à "
        "Vierzon par la société Soudalu."
    )
    amount = next(a for a in said.amounts if abs(a.value_eur - 4 * M) < 1)
    assert (amount.organization, amount.territory) == ("Soudalu", "Vierzon")
    defaulted = next(a for a in extractor.extract(_ARTICLE).amounts if a.value_eur == 3 * M)
    assert defaulted.organization == "Valdor"  # named right before the figure: kept
    assert defaulted.territory is None  # the article's site was a default: replaced


@pytest.mark.slow
def test_a_ranker_decides_the_places_words_gave_only_for_the_tasks_it_names():
    nlp = pipeline.build()
    links = nlp.get_pipe("fr_links")
    links.ranker = Ranker(
        {"organization": {"null": 50.0}, "territory": {"null": 50.0}},
        weigh_cued=frozenset({"territory"}),
    )
    record = Extractor(nlp=nlp).extract(
        "Le conseil communautaire a voté le projet. Un bâtiment de 4 M€ sera construit à "
        "Vierzon par la société Soudalu."
    )
    amount = next(a for a in record.amounts if abs(a.value_eur - 4 * M) < 1)
    assert amount.organization == "Soudalu"  # owners: the words still decide
    assert amount.territory is None  # places: the ranker overruled "à Vierzon"
    assert amount.cues.territory is None  # and no words decided its answer


@pytest.mark.parametrize(
    ("cue", "kind"),
    [("la PME", "la pme"), ("sur le site", "sur le site"), ("Vierzon", "_name"), ("nous", "nous")],
)
def test_the_rules_answer_carries_the_kind_of_words_that_gave_it(cue, kind):
    none = Choice(None, {"null": 1.0, "null|rule=False": 1.0})
    ruled = Choice("Beta", {"bias": 1.0, "rule": 1.0})
    other = Choice("Gamma", {"bias": 1.0})
    marked = with_cue([none, ruled, other], cue, "job")
    assert marked[1].features == ruled.features | {
        "cued": 1.0,
        f"cue={kind}": 1.0,
        "cued|job": 1.0,
    }
    assert marked[0] is none and marked[2] is other
    assert with_cue([none, ruled], None, "job") == [none, ruled]  # a default: no mark


def test_a_cued_none_is_marked_on_the_none_choice():
    none = Choice(None, {"null": 1.0, "null|rule=True": 1.0})
    other = Choice("Gamma", {"bias": 1.0})
    marked = with_cue([none, other], "au Mexique", "amount:investment")
    assert marked[0].features["cued"] == 1.0 and "cue=au mexique" in marked[0].features
    assert "cued" not in marked[1].features


@pytest.mark.slow
def test_the_shipped_ranker_weighs_every_place_and_learned_the_kinds_of_words(extractor):
    ranker = extractor.nlp.get_pipe("fr_links").ranker
    assert ranker.weigh_cued == frozenset({"territory"})
    learned = ranker.weights["territory"]
    assert learned["cued"] > 0  # words that gave a place make it likelier
    assert any(k.startswith("cue=") for k in learned)
    assert not any(k.startswith("cue=") for k in ranker.weights["organization"])


@pytest.mark.slow
def test_the_shipped_ranker_is_loaded_and_trusts_the_rules(extractor):
    ranker = extractor.nlp.get_pipe("fr_links").ranker
    assert ranker is not None
    for task in ("organization", "territory"):
        assert ranker.weights[task]["rule"] > 0


@pytest.mark.slow
def test_the_training_script_rebuilds_the_shipped_ranker(tmp_path):
    out = tmp_path / "link_ranker.json"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_links.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    shipped = resources.model_file("link_ranker.json").read_text(encoding="utf-8")
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(shipped)


def _train_links():
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_links

    return train_links


@pytest.mark.parametrize(
    ("text", "zone", "commune"),
    [
        (
            "Sur la zone d'activités de Proville, l'usine...",
            "zone d'activités de Proville",
            "Proville",
        ),
        (
            "Installée sur la zone des Fourches, à Cherbourg, elle...",
            "zone des Fourches",
            "Cherbourg",
        ),
        (
            "La zone des Fourches accueille dix firmes de la mécanique et de la chimie depuis "
            "les années soixante. Cherbourg, elle, ...",
            "zone des Fourches",
            None,
        ),
    ],
)
def test_a_training_zone_is_also_read_at_its_commune(text, zone, commune):
    train_links = _train_links()
    gold = {
        "territories": [
            {"name": zone, "kind": "zone", "aliases": []},
            {"name": commune or "Cherbourg", "kind": "commune", "aliases": []},
        ]
    }
    sites = train_links.zone_communes(gold, text)
    assert sites.get(zone) == commune
    fact = {"organization": "Soudalu", "territory": zone}
    expected = [zone, commune] if commune else [zone]
    assert train_links._readings("territory", fact, sites) == expected
    # a figure with no owner is the zone's own (its works, its land): the zone only
    assert train_links._readings("territory", {**fact, "organization": None}, sites) == [zone]
