"""Territories in press forms met on unseen documents: datelines and rubrics in
capitals, signature lines, industrial clusters named "X Vallée", company-named friches.
Every sentence here is invented."""

from __future__ import annotations

import pytest
import spacy
from ner_fixtures import territory_kinds as found


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_territories")
    return nlp


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("EN BREF | VOSGES\n\nLe scieur recrute quarante opérateurs.", "vosges", "departement"),
        ("Texte.\n\nÉPINAL – Le scieur recrute quarante opérateurs.", "epinal", "commune"),
        ("HAUTE-SAVOIE / ISÈRE\nLa filière du décolletage embauche.", "isere", "departement"),
        ("Texte.\n\nMONTBÉLIARD. Chez le constructeur, on embauche.", "montbeliard", "commune"),
    ],
    ids=["rubric-after-bar", "dateline-dash", "second-rubric-after-slash", "dateline-full-stop"],
)
def test_dateline_in_capitals_names_a_place(nlp, text, name, kind):
    assert found(nlp, text).get(name) == kind


@pytest.mark.parametrize(
    "text",
    [
        "PORT – Le trafic de conteneurs progresse.",
        "PLAN – Le gouvernement présente sa feuille de route.",
        "ORANGE – Le réseau de fibre s'étend.",
        "Le PIA et la DGE financent le projet.",
    ],
    ids=["small-commune-rubric-port", "small-commune-rubric-plan", "brand", "acronyms"],
)
def test_rubric_words_in_capitals_are_no_place(nlp, text):
    assert found(nlp, text) == {}


@pytest.mark.parametrize(
    ("text", "name", "absent"),
    [
        ("Selon Alès Agglomération, le chômage baisse.", "ales agglomeration", "selon"),
        ("Pour Vannes Agglo,          Pour Lorient Agglomération,", "vannes agglo", "pour"),
        ("Avec Toulouse Métropole, la coopération fonctionne.", "toulouse metropole", "avec"),
    ],
    ids=["selon", "signature-pour", "avec"],
)
def test_sentence_opening_preposition_is_no_part_of_a_body_name(nlp, text, name, absent):
    got = found(nlp, text)
    assert got.get(name) == "epci", got
    assert not any(k.startswith(absent) for k in got), got


def test_article_of_le_mans_metropole_is_kept(nlp):
    assert found(nlp, "Le Mans Métropole a voté l'aide.").get("le mans metropole") == "epci"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dans la Mecanic Vallée, les sous-traitants recrutent.", "mecanic vallee"),
        ("La Chimie Vallée attire un nouvel industriel.", "chimie vallee"),
    ],
    ids=["after-article", "sentence-start-article-dropped"],
)
def test_industrial_cluster_named_vallee_is_a_zone(nlp, text, name):
    assert found(nlp, text) == {name: "zone"}


def test_cluster_body_is_no_zone(nlp):
    assert found(nlp, "Le site s'appuie sur le cluster Chimie Vallée, qui fédère 80 firmes.") == {}


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("La reconversion de la friche Kodak avance.", "friche kodak", None),
        (
            "La renaturation de l'ancienne friche Moulinex est lancée.",
            "ancienne friche moulinex",
            None,
        ),
        ("Sur la friche des Tanneries, un parc ouvrira.", None, "friche des tanneries"),
    ],
    ids=["company-friche", "former-company-friche", "friche-with-article"],
)
def test_friche_named_by_a_company_is_no_territory(nlp, text, absent, present):
    got = found(nlp, text)
    assert absent is None or absent not in got, got
    assert present is None or present in got, got


def test_dateline_repeated_in_the_body_is_one_mention(nlp):
    doc = nlp("BELFORT\n\nLe recycleur ouvre une usine près de Belfort, à Fontaine.")
    texts = [s.text for s in doc.spans["territories"]]
    assert texts.count("Belfort") == 1 and "BELFORT" not in texts, texts


@pytest.mark.parametrize(
    ("text", "ents", "present", "absent"),
    [
        (
            "Oui, nous avons une usine à Gdansk, avec 80 salariés.",
            [("Gdansk", "LOC")],
            None,
            "gdansk",
        ),
        (
            "Ces décisions se prennent à Francfort ou à Milan, pas à Metz.",
            [("Francfort", "LOC"), ("Milan", "LOC")],
            "metz",
            "francfort",
        ),
        (
            "Dans le Doubs, Hydrolux, jeune pousse installée à Besançon, lève 3 M€.",
            [("Doubs", "LOC"), ("Hydrolux", "LOC")],
            "doubs",
            "hydrolux",
        ),
        (
            "Installée à Colmar, Vinoplast reçoit 200 000 €.",
            [("Colmar", "LOC"), ("Vinoplast", "LOC")],
            "colmar",
            "vinoplast",
        ),
        (
            "Le parc d'activités de Kervoisin s'étend. À Kervoisin, il reste 4 hectares.",
            [("Kervoisin", "LOC")],
            "kervoisin",
            None,
        ),
    ],
    ids=[
        "city-abroad-after-a",
        "cities-abroad-in-an-opinion",
        "firm-after-a-departement",
        "firm-subject-of-a-verb",
        "locality-the-text-names-as-a-zone",
    ],
)
def test_unknown_loc_needs_the_document_to_vouch_for_it(nlp, text, ents, present, absent):
    got = found(nlp, text, ents)
    assert present is None or present in got, got
    assert absent is None or absent not in got, got


def test_unknown_locality_in_a_list_of_towns(nlp):
    got = found(nlp, "Deux plateformes : à Fos, Caronte et Berre.", [("Caronte", "LOC")])
    assert got.get("caronte") == "zone", got


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("L'usine s'installe sur la zone industrielle Nord, à Mâcon.", "zone industrielle nord"),
        ("La ZI Sud accueille quarante PME.", "zi sud"),
    ],
    ids=["zone-industrielle-nord", "zi-sud"],
)
def test_zone_named_by_a_compass_point_is_a_site(nlp, text, name):
    got = found(nlp, text)
    assert got.get(name) == "zone", got
    assert "nord" not in got and "sud" not in got, got
