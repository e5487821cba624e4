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
    # "préfet" is contained in "sous-préfet"; a null organization never matches "Alès"
    assert report.role.accuracy == 1.0
    assert report.organization.accuracy == 0.5


@pytest.mark.parametrize(
    ("pred", "gold", "ok"),
    [
        (None, None, True),
        ("maire", None, False),
        (None, "maire", False),
        ("Président", "président", True),
        ("directeur", "directeur du programme", True),
        ("Alès Agglomération", "Alès", True),
        ("maire", "président", False),
    ],
)
def test_attribute_matching(pred, gold, ok):
    assert attribute_matches(pred, gold) is ok


def test_seed_gold_files_load_and_self_score(gold_dir):
    golds = load_gold(gold_dir)
    assert len(golds) == 5
    records = {g["document"].removesuffix(".txt"): g for g in golds}
    report = evaluate(records, golds)
    assert all(s.f1 == 1.0 for s in report.lists.values())
