"""fr_actors: the body a role belongs to when the text leaves it to the reader (a possessive,
an issuing body), on spacy.blank("fr") with fr_territories and fr_organizations before it."""

from __future__ import annotations

import pytest
import spacy
from ner_fixtures import tagged_doc

from extractor.records import doc_to_record, fold


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_territories")
    nlp.add_pipe("fr_organizations")
    nlp.add_pipe("fr_actors")
    return nlp


def actors(nlp, text: str, per: list[str]) -> set[tuple[str, str | None, str | None]]:
    """{(name, role, organization)} folded, the NER having tagged every occurrence of ``per``."""
    doc = tagged_doc(nlp, text, [(n, "PER") for n in per])
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return {
        (fold(a.name), a.role and fold(a.role), a.organization and fold(a.organization))
        for a in doc_to_record(doc).actors
    }


def folded(expected: set[tuple[str, str | None, str | None]]) -> set:
    return {(fold(n), r and fold(r), o and fold(o)) for n, r, o in expected}


# (id, text, PER entities, expected {(name, role, organization)})
CASES = [
    (
        "possessive-skips-a-lender-named-after-de",
        "La société Carvalis Industrie, qui a perdu 2 M€, a obtenu un prêt de Bpifrance. "
        "Son président, Marc Dutour, reste confiant.",
        ["Marc Dutour"],
        {("Marc Dutour", "président", "Carvalis Industrie")},
    ),
    (
        "possessive-firm-role-skips-a-client-named-after-de",
        "Forges Merlin Industrie livre les moteurs d'Airbus. Son PDG, Anne Merlin, embauche.",
        ["Anne Merlin"],
        {("Anne Merlin", "PDG", "Forges Merlin Industrie")},
    ),
    (
        "possessive-opening-a-paragraph-points-to-the-previous-one",
        "L'enveloppe est portée par la communauté de communes du Val d'Ornain.\n\n"
        "Son président, Luc Arnaud, vise plus loin.",
        ["Luc Arnaud"],
        {("Luc Arnaud", "président", "communauté de communes du Val d'Ornain")},
    ),
    (
        "name-then-possessive-role",
        "La communauté de communes du Val d'Ornain a voté l'aide, a rappelé Luc Arnaud, "
        "son président.",
        ["Luc Arnaud"],
        {("Luc Arnaud", "président", "communauté de communes du Val d'Ornain")},
    ),
    (
        "possessive-of-an-intercommunality-named-as-a-place",
        "Le chantier démarre. « Une chance pour le Pays de Landerneau-Daoulas », a commenté "
        "son président, Paul Riou.",
        ["Paul Riou"],
        {("Paul Riou", "président", "Pays de Landerneau-Daoulas")},
    ),
    (
        "possessive-skips-a-departement-named-as-where",
        "Les Tissages Morvan emploient 200 salariés dans le Tarn. Jeudi, leur président "
        "Paul Morvan a présenté le projet.",
        ["Paul Morvan"],
        {("Paul Morvan", "président", "Tissages Morvan")},
    ),
]


@pytest.mark.parametrize("text,per,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_body_from_context(nlp, text, per, expected):
    assert actors(nlp, text, per) == folded(expected)
