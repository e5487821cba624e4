"""fr_actors: the body a role belongs to when the text leaves it to the reader (a possessive,
an issuing body) or wraps it over lines, on spacy.blank("fr") with fr_territories and
fr_organizations before it."""

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


def actors(
    nlp, text: str, per: list[str], org: tuple[str, ...] = ()
) -> set[tuple[str, str | None, str | None]]:
    """{(name, role, organization)} folded, the NER having tagged every occurrence of ``per``
    (and of ``org`` as organizations)."""
    doc = tagged_doc(nlp, text, [*((n, "PER") for n in per), *((n, "ORG") for n in org)])
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
        "site-director-is-not-the-fund-s",
        "Le fonds d'investissement Alpina Partners a racheté Forges Merlin Industrie en 2020. "
        "Alpina Partners détient aussi deux usines. « Nous devons réduire nos coûts », a "
        "justifié le directeur du site, Paul Merle.",
        ["Paul Merle"],
        {("Paul Merle", "directeur du site", "Forges Merlin Industrie")},
    ),
    (
        "a-european-fund-is-no-firm",
        "Recyplast Océan investit 18 M€ au Port, dont 5 M€ du Feder. Le Feder finance aussi "
        "le quai. « Nous recrutons », dit la directrice générale, Anne Payet.",
        ["Anne Payet"],
        {("Anne Payet", "directrice générale", "Recyplast Océan")},
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


# an elected role with no body written: the document's issuer, or the collectivity named
ELECTED_CASES = [
    (
        "president-of-the-departmental-council-is-the-departement-s",
        "Le Département de la Manche finance la ligne. « C'est vital », martèle la présidente "
        "du conseil départemental, Anne Lebrun.",
        ["Anne Lebrun"],
        {("Anne Lebrun", "présidente", "Département de la Manche")},
    ),
    (
        "title-then-the-body-s-long-form-in-brackets",
        "Pour le président de la CARENE (Communauté d'agglomération de la région nazairienne), "
        "Paul Riou, l'enjeu est foncier.",
        ["Paul Riou"],
        {("Paul Riou", "président", "CARENE")},
    ),
    (
        "deliberation-president-is-the-issuer",
        "COMMUNAUTÉ D'AGGLOMÉRATION DU VAL DE SAÔNE\nExtrait du registre des délibérations\n\n"
        "Le conseil approuve l'aide de 40 000 € à la société Brelec.\n\nLe Président,\n"
        "Hugues Marlot",
        ["Hugues Marlot"],
        {("Hugues Marlot", "Président", "COMMUNAUTÉ D'AGGLOMÉRATION DU VAL DE SAÔNE")},
    ),
    (
        "region-report-keeps-the-region-word",
        "RÉGION NORMANDIE\nCommission permanente\n\nSur proposition de Léa Vautier, "
        "présidente, les élus ont voté les aides.",
        ["Léa Vautier"],
        {("Léa Vautier", "présidente", "RÉGION NORMANDIE")},
    ),
    (
        "vice-president-with-a-charge-of-the-collectivity-named",
        "La communauté de communes du Val d'Ornain aménage la zone. « Nous avons 60 hectares », "
        "indique la vice-présidente chargée de l'économie, Chantal Royer.",
        ["Chantal Royer"],
        {
            (
                "Chantal Royer",
                "vice-présidente chargée de l'économie",
                "communauté de communes du Val d'Ornain",
            )
        },
    ),
    (
        "press-rubric-is-no-issuer",
        "TARN\n\nLes Tissages Morvan recrutent. « Nous grandissons », dit le président, "
        "Paul Morvan.",
        ["Paul Morvan"],
        {("Paul Morvan", "président", None)},
    ),
    (
        "an-adjoint-alone-is-the-mayor-s",
        "Le conseil municipal de Mauléon-Licharre a voté la cession. Jon Harriet, adjoint "
        "chargé de l'économie, a présenté le dossier.",
        ["Jon Harriet"],
        {("Jon Harriet", "adjoint chargé de l'économie", "Mauléon-Licharre")},
    ),
]


#: organizations the NER would tag in CASES (spacy.blank has none)
NER_ORGS = ("Alpina Partners", "Forges Merlin Industrie", "Feder", "Recyplast Océan")


@pytest.mark.parametrize("text,per,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_body_from_context(nlp, text, per, expected):
    org = tuple(o for o in NER_ORGS if o in text)
    assert actors(nlp, text, per, org) == folded(expected)


@pytest.mark.parametrize(
    "text,per,expected", [c[1:] for c in ELECTED_CASES], ids=[c[0] for c in ELECTED_CASES]
)
def test_elected_role_without_a_body(nlp, text, per, expected):
    assert actors(nlp, text, per) == folded(expected)


# hard-wrapped text (minutes, contracts copied out of PDFs): the role goes on on the next line
WRAPPED_CASES = [
    (
        "prefect-wrapped-before-de",
        "« Le site est prêt », a salué le préfet\nde l'Aisne, Marc Henry, jeudi.",
        ["Marc Henry"],
        {("Marc Henry", "préfet", "Aisne")},
    ),
    (
        "subprefect-wrapped-after-de",
        "Présents : M. Paul Briand, sous-préfet de\nVervins ; Mme Julie Caron, maire de Guise.",
        ["Paul Briand", "Julie Caron"],
        {("Paul Briand", "sous-préfet", "Vervins"), ("Julie Caron", "maire", "Guise")},
    ),
    (
        "charge-wrapped-after-the-body",
        "« Nous recrutons », rappelle Yves Tanguy, vice-président de Lorient Agglomération "
        "chargé\ndu développement économique.",
        ["Yves Tanguy"],
        {
            (
                "Yves Tanguy",
                "vice-président chargé du développement économique",
                "Lorient Agglomération",
            )
        },
    ),
    (
        "charge-after-a-body-named-by-kind-and-adjective",
        "La Communauté urbaine de Dunkerque aménage la zone. « Chaque emploi compte », dit "
        "Luc Baert, vice-président de la communauté urbaine chargé de l'économie.",
        ["Luc Baert"],
        {
            (
                "Luc Baert",
                "vice-président chargé de l'économie",
                "Communauté urbaine de Dunkerque",
            )
        },
    ),
    (
        "long-title-opening-the-lead",
        "ENTRETIEN\n\nVice-présidente de la Région Normandie chargée de l'industrie et de "
        "l'innovation, Léa Vautier défend le plan régional.",
        ["Léa Vautier"],
        {
            (
                "Léa Vautier",
                "Vice-présidente chargée de l'industrie et de l'innovation",
                "Région Normandie",
            )
        },
    ),
    (
        "a-new-sentence-on-the-next-line-is-no-wrap",
        "Étaient présents Marc Henry, préfet\nLe site de Guise ouvre en mai.",
        ["Marc Henry"],
        {("Marc Henry", "préfet", None)},
    ),
]


@pytest.mark.parametrize(
    "text,per,expected", [c[1:] for c in WRAPPED_CASES], ids=[c[0] for c in WRAPPED_CASES]
)
def test_role_wrapped_over_lines(nlp, text, per, expected):
    assert actors(nlp, text, per) == folded(expected)


# a contract's list of parties, hard-wrapped: names and roles over two lines, the party
PARTY_CASES = [
    (
        "given-name-wrapped-before-the-surname",
        "ENTRE\nLa Communauté de communes du Val d'Ornain, représentée par Mme Claire\n"
        "Durand-Vasseur,\nprésidente,\nET la Région Normandie.",
        [],
        {("Claire Durand-Vasseur", "présidente", "Communauté de communes du Val d'Ornain")},
    ),
    (
        "lower-case-par-opening-a-wrapped-line-is-no-byline",
        "La Région Normandie, représentée\npar Mme Léa Vautier, présidente,\nsigne la convention.",
        ["Léa Vautier"],
        {("Léa Vautier", "présidente", "Région Normandie")},
    ),
    (
        "a-given-name-before-a-new-line-of-the-table-is-no-person",
        "Maître d'ouvrage : Artois Agglo\nRomane\nCoût total : 4 600 000 €",
        ["Romane"],
        set(),
    ),
    (
        "regional-affairs-secretary-keeps-the-whole-title",
        "Le secrétaire général pour les affaires régionales, Paul Morel, a rappelé l'enveloppe.",
        ["Paul Morel"],
        {("Paul Morel", "secrétaire général pour les affaires régionales", None)},
    ),
]


@pytest.mark.parametrize(
    "text,per,expected", [c[1:] for c in PARTY_CASES], ids=[c[0] for c in PARTY_CASES]
)
def test_party_lists_of_contracts(nlp, text, per, expected):
    assert actors(nlp, text, per) == folded(expected)


# names the NER took for persons
NAME_CASES = [
    (
        "a-firm-named-twice-like-a-person-is-no-actor",
        "À Cavaillon, Vaucluse Coulis engage 14 M€ dans une unité de purées. Les lignes de "
        "Vaucluse Coulis tourneront en 2026.",
        ["Vaucluse Coulis"],
        set(),
    ),
    (
        "a-foreign-name-standing-once-as-a-person-stays",
        "« Nous venons pour vingt ans », confie Tanabe Hiroshi. Tanabe Hiroshi visitera le site.",
        ["Tanabe Hiroshi"],
        {("Tanabe Hiroshi", None, None)},
    ),
]


@pytest.mark.parametrize(
    "text,per,expected", [c[1:] for c in NAME_CASES], ids=[c[0] for c in NAME_CASES]
)
def test_names_the_ner_took_for_persons(nlp, text, per, expected):
    assert actors(nlp, text, per) == folded(expected)
