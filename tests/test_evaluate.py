"""The scorer follows ANNOTATION.md: sets, folded names, aliases, 0.5 % on amounts."""

from __future__ import annotations

import copy

import pytest

from extractor.evaluate import Report, attribute_matches, evaluate, load_gold, score_document

GOLD = {
    "id": "doc",
    "document": "doc.txt",
    "territories": [
        {"name": "Bassin d’Alès", "kind": "territoire_industrie", "aliases": ["Alès"]},
        {"name": "Occitanie", "kind": "region", "aliases": []},
    ],
    "amounts": [{"text": "1,36 milliard d’euros", "value_eur": 1360000000, "qualifier": None}],
    "jobs": [{"text": "586 emplois", "count": 586, "qualifier": None, "kind": "planned"}],
    "actors": [
        {
            "name": "Édouard Philippe",
            "role": "Premier ministre",
            "organization": None,
            "aliases": [],
        },
        {"name": "Emile Soumbo", "role": "sous-préfet", "organization": "Alès", "aliases": []},
    ],
    "organizations": [{"name": "Banque des Territoires", "aliases": ["BdT"]}],
}


def _score(pred: dict) -> Report:
    report = Report()
    score_document(pred, GOLD, report)
    return report


def test_gold_against_itself_is_perfect():
    report = _score(copy.deepcopy(GOLD))
    for name, s in report.lists.items():
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0), name
    assert report.role.accuracy == report.organization.accuracy == 1.0


def test_names_fold_case_accents_apostrophes_dashes_spaces():
    pred = {"territories": [{"name": "bassin  d'ALES"}, {"name": "occitanie"}]}
    s = _score(pred).lists["territories"]
    assert (s.tp, s.fp, s.fn) == (2, 0, 0)


def test_alias_hit_and_duplicates_count_once():
    pred = {"organizations": [{"name": "BdT"}, {"name": "Banque des territoires"}, {"name": "EDF"}]}
    s = _score(pred).lists["organizations"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)
    assert s.precision == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("value", "hit"), [(1_360_000_000, True), (1_366_000_000, True), (1_370_000_000, False)]
)
def test_amount_tolerance_half_percent(value, hit):
    s = _score({"amounts": [{"value_eur": value}]}).lists["amounts"]
    assert s.tp == int(hit) and s.fp == int(not hit)


def test_same_value_twice_is_one_fact():
    s = _score({"jobs": [{"count": 586}, {"count": 586}, {"count": 12}]}).lists["jobs"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)


def test_missing_items_are_false_negatives():
    s = _score({}).lists["actors"]
    assert (s.tp, s.fp, s.fn) == (0, 0, 2)
    assert s.recall == 0.0


def test_role_and_organization_accuracy():
    pred = {
        "actors": [
            {"name": "Edouard Philippe", "role": "premier ministre", "organization": None},
            {"name": "Emile Soumbo", "role": "préfet", "organization": None},
        ]
    }
    report = _score(pred)
    assert report.role.matched == 2
    # "préfet" is not the word "sous-préfet"; a null organization never matches "Alès"
    assert report.role.accuracy == 0.5
    assert report.organization.accuracy == 0.5


@pytest.mark.parametrize(
    ("pred", "gold", "ok"),
    [
        (None, None, True),
        ("maire", None, False),
        (None, "maire", False),
        ("Président", "président", True),
        ("vice-présidente déléguée", "vice-présidente déléguée à l'économie", True),
        ("déléguée", "vice-présidente déléguée à l'économie", False),
        ("Territoires", "Territoires d'industrie", False),
        ("directeur", "directeur du programme", False),  # one word of two
        ("directeur général", "directeur général délégué", True),  # two of three
        ("délégué syndical central", "délégué", False),
        ("général directeur", "directeur général délégué", False),  # words out of order
        ("Alès Agglomération", "Alès", False),
        ("ministre de l'Industrie", "ministre chargé de l'Industrie", True),
        ("maire", "président", False),
    ],
)
def test_attribute_matching(pred, gold, ok):
    assert attribute_matches(pred, gold) is ok


def test_attribute_matches_through_the_gold_entity_aliases():
    # "BdT" is an alias of the gold organization named "Banque des Territoires"
    entities = GOLD["organizations"] + GOLD["territories"]
    assert attribute_matches("BdT", "Banque des Territoires", entities)
    assert attribute_matches("Alès", "Bassin d’Alès", entities)
    assert not attribute_matches("EDF", "Banque des Territoires", entities)


LINKED = {
    "id": "linked",
    "document": "linked.txt",
    "territories": [{"name": "Alès Agglomération", "kind": "epci", "aliases": ["Alès Agglo"]}],
    "organizations": [{"name": "Bpifrance", "aliases": ["BPI"]}],
    "amounts": [
        {
            "value_eur": 2_000_000,
            "purpose": "aid",
            "organization": "Bpifrance",
            "territory": "Alès Agglomération",
        },
        {"value_eur": 2_000_000, "purpose": "investment", "organization": None, "territory": None},
    ],
    "jobs": [{"count": 40, "organization": None, "territory": "Alès Agglomération"}],
}


def _linked(pred: dict) -> Report:
    report = Report()
    score_document(pred, LINKED, report)
    return report


def test_equal_values_of_different_owners_are_two_facts():
    pred = {
        "amounts": [
            {
                "value_eur": 2_000_000,
                "purpose": "investment",
                "organization": None,
                "territory": None,
            },
            {
                "value_eur": 2_000_000,
                "purpose": "aid",
                "organization": "BPI",
                "territory": "Alès Agglo",
            },
        ]
    }
    report = _linked(pred)
    s = report.lists["amounts"]
    assert (s.tp, s.fp, s.fn) == (2, 0, 0)
    # each prediction went to the gold fact whose links agree best: all links right
    for attr in ("purpose", "organization", "territory"):
        assert report.attributes["amounts"][attr].accuracy == 1.0, attr


def test_same_value_same_owner_twice_is_one_fact_and_links_are_scored():
    pred = {
        "amounts": [
            {"value_eur": 2_000_000, "purpose": "budget", "organization": None, "territory": None},
            {"value_eur": 2_000_000, "purpose": "budget", "organization": None, "territory": None},
        ],
        "jobs": [{"count": 40, "organization": "Bpifrance", "territory": "alès agglomération"}],
    }
    report = _linked(pred)
    assert report.lists["amounts"].tp == 1 and report.lists["amounts"].fn == 1
    amounts = report.attributes["amounts"]
    assert amounts["purpose"].matched == 1
    assert amounts["purpose"].accuracy == 0.0  # budget is not investment
    assert amounts["organization"].accuracy == amounts["territory"].accuracy == 1.0
    jobs = report.attributes["jobs"]
    assert jobs["territory"].accuracy == 1.0
    assert jobs["organization"].accuracy == 0.0  # null only matches null
    wrong = report.per_document["linked"]["jobs"]["wrong_attributes"]
    assert any("organization 'Bpifrance'" in w for w in wrong)


def test_seed_gold_files_load_and_self_score(gold_dir):
    golds = load_gold(gold_dir)
    assert len(golds) == 5
    records = {g["document"].removesuffix(".txt"): g for g in golds}
    report = evaluate(records, golds)
    assert all(s.f1 == 1.0 for s in report.lists.values())
