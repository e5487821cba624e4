"""fr_amounts on spacy.blank("fr"): every euro amount, nothing else."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"
M, G = 1e6, 1e9

# (id, sentence, [(value_eur, value_eur_max, qualifier), ...]) in order of appearance.
CASES = [
    # digits with a multiplier word
    (
        "milliard-comma",
        "La région débloque 2,4 milliards d'euros pour ses usines.",
        [(2.4 * G, None, None)],
    ),
    ("milliard-curly", "Un fonds de 1,75 milliard d’euros est créé.", [(1.75 * G, None, None)]),
    ("millions", "Le chantier a coûté 38 millions d'euros.", [(38 * M, None, None)]),
    ("million-singular", "La commune reçoit 1 million d'euros.", [(1 * M, None, None)]),
    ("millions-symbol", "Une rallonge de 12 millions € a été votée.", [(12 * M, None, None)]),
    ("millions-eur", "Le budget atteint 4,5 millions EUR.", [(4.5 * M, None, None)]),
    (
        "milliard-symbol-elided",
        "Le groupe pèse 2 milliards d’€ de chiffre d'affaires.",
        [(2 * G, None, None)],
    ),
    ("dot-decimal", "Une levée de 2.5 millions d'euros.", [(2.5 * M, None, None)]),
    ("mille-digits", "Une prime de 300 mille euros.", [(300_000, None, None)]),
    ("et-demi-digits", "Il faudra 1 milliard et demi d'euros.", [(1.5 * G, None, None)]),
    # abbreviations
    ("M-glued", "Le site a nécessité 25M€ de travaux.", [(25 * M, None, None)]),
    ("M-space-euro", "Un plan de 8 M € sur trois ans.", [(8 * M, None, None)]),
    ("M-glued-space", "Une enveloppe de 3,2M € est prévue.", [(3.2 * M, None, None)]),
    ("M-space-symbol", "Un investissement de 60 M€ à Dunkerque.", [(60 * M, None, None)]),
    ("M-nbsp", f"Le contrat vaut 14{NBSP}M€ au total.", [(14 * M, None, None)]),
    ("Md", "Un programme de 3 Md€ pour la décarbonation.", [(3 * G, None, None)]),
    ("Mds", "Les aides atteignent 5 Mds€ cette année.", [(5 * G, None, None)]),
    ("Mds-space", "Au total 1,2 Mds € ont été engagés.", [(1.2 * G, None, None)]),
    ("Mrd", "Un plan de 2 Mrd€ est annoncé.", [(2 * G, None, None)]),
    ("k-euro", "Chaque lauréat touche 150 k€ de subvention.", [(150_000, None, None)]),
    ("K-upper", "Une avance de 80 K€ est remboursable.", [(80_000, None, None)]),
    ("Meuros", "Le marché représente 40 Meuros par an.", [(40 * M, None, None)]),
    ("MEUR", "Un contrat de 7 MEUR a été signé.", [(7 * M, None, None)]),
    ("M-euros-word", "Le fonds dispose de 30 M euros.", [(30 * M, None, None)]),
    # plain figures
    ("spaces", "La subvention s'élève à 250 000 euros.", [(250_000, None, None)]),
    ("spaces-symbol-HT", "Le devis est de 18 500 € HT.", [(18_500, None, None)]),
    ("nbsp", f"Une aide de 45{NBSP}000{NBSP}€ a été accordée.", [(45_000, None, None)]),
    ("narrow-nbsp", f"Un prêt de 120{NNBSP}000{NNBSP}euros est consenti.", [(120_000, None, None)]),
    ("thin-space", f"Le loyer annuel est de 60{THIN}000 €.", [(60_000, None, None)]),
    ("dot-thousands", "Le prix de cession atteint 350.000 euros.", [(350_000, None, None)]),
    ("full-digits", "L'opération a coûté 3 400 000 €.", [(3.4 * M, None, None)]),
    ("euro-singular-eur", "Le ticket d'entrée est de 500 EUR.", [(500, None, None)]),
    ("per-inhabitant", "Cela représente 42 euros par habitant.", [(42, None, None)]),
    # a symbolic euro is a sum of 1 €
    ("symbolic-un-euro", "Le terrain a été cédé pour un euro symbolique.", [(1, None, None)]),
    ("symbolic-l-euro", "La ville rachète la friche à l’euro symbolique.", [(1, None, None)]),
    # number words
    ("words-million-demi", "Un million et demi d'euros seront investis.", [(1.5 * M, None, None)]),
    ("words-milliards", "L'Etat met deux milliards d'euros sur la table.", [(2 * G, None, None)]),
    ("words-cent-mille", "La ville a versé trois cent mille euros.", [(300_000, None, None)]),
    ("words-compound", "Il manque quatre millions deux cent mille euros.", [(4.2 * M, None, None)]),
    ("words-un-milliard", "Un plan d'un milliard d'euros est lancé.", [(1 * G, None, None)]),
    ("words-cinquante", "Une aide de cinquante millions d’euros.", [(50 * M, None, None)]),
    (
        "approx-noun-millions",
        "Il faudra une dizaine de millions d'euros.",
        [(10 * M, None, "environ")],
    ),
    # qualifiers
    ("plus-de", "L'Etat investit plus de 3 milliards d'euros.", [(3 * G, None, "plus de")]),
    ("plus-d-elided", "Le projet mobilise plus d’1 million d’euros.", [(1 * M, None, "plus de")]),
    ("plus-d-un", "Il a fallu plus d'un milliard d'euros.", [(1 * G, None, "plus de")]),
    ("un-peu-plus-de", "Le coût atteint un peu plus de 9 M€.", [(9 * M, None, "plus de")]),
    ("pres-de", "La facture s'élève à près de 700 000 euros.", [(700_000, None, "près de")]),
    ("environ", "Environ 15 millions d'euros ont été levés.", [(15 * M, None, "environ")]),
    ("quelque", "Quelque 80 M€ seront injectés.", [(80 * M, None, "environ")]),
    ("autour-de", "Le budget tourne autour de 5 M€.", [(5 * M, None, "environ")]),
    ("approximativement", "Approximativement 2 Md€ sont en jeu.", [(2 * G, None, "environ")]),
    ("tilde", "Coût total : ~ 4 M€.", [(4 * M, None, "environ")]),
    ("ordre-de", "Un effort de l'ordre de 20 millions d'euros.", [(20 * M, None, "environ")]),
    ("jusqu-a", "Les aides vont jusqu'à 200 000 €.", [(200_000, None, "jusqu'à")]),
    ("jusqu-a-curly", "Une prime jusqu’à 1,5 M€ par projet.", [(1.5 * M, None, "jusqu'à")]),
    ("au-moins", "Il faudra au moins 600 millions d'euros.", [(600 * M, None, "au moins")]),
    ("pas-moins-de", "Pas moins de 40 M€ ont été engagés.", [(40 * M, None, "au moins")]),
    ("moins-de", "Le projet coûte moins de 10 000 euros.", [(10_000, None, "moins de")]),
    # ranges
    ("entre-et", "Le coût est estimé entre 2 et 3 M€.", [(2 * M, 3 * M, "entre")]),
    ("entre-both-units", "Entre 500 000 € et 800 000 € par site.", [(500_000, 800_000, "entre")]),
    ("entre-mixed-scale", "Entre 800 000 et 1,5 million d'euros.", [(800_000, 1.5 * M, "entre")]),
    ("de-a", "Des aides de 10 à 30 millions d'euros.", [(10 * M, 30 * M, "entre")]),
    ("bare-a", "Un ticket de 2 à 5 M€.", [(2 * M, 5 * M, "entre")]),
    ("bare-a-no-lead", "Comptez 4 à 6 M€ par ligne.", [(4 * M, 6 * M, "entre")]),
    ("dash", "Une enveloppe de 1-2 Md€.", [(1 * G, 2 * G, "entre")]),
    # figures without "euros", read as euros only in a money context
    (
        "bare-investissement",
        "Un investissement de près de 6 millions pour la nouvelle halle.",
        [(6 * M, None, "près de")],
    ),
    (
        "bare-dont",
        "Le budget atteint 9 M€, dont 3 millions pour l'outillage.",
        [(9 * M, None, None), (3 * M, None, None)],
    ),
    (
        "bare-previous-sentence",
        "Le coût du chantier a été revu. Il atteint désormais 14 millions.",
        [(14 * M, None, None)],
    ),
    ("bare-range", "Les travaux coûteront entre 5 et 7 millions.", [(5 * M, 7 * M, "entre")]),
    (
        "bare-money-noun-after",
        "Elle a réalisé 18 millions de chiffre d'affaires.",
        [(18 * M, None, None)],
    ),
    (
        "plain-after-money-noun",
        "La commune reçoit une dotation de 1 250 000 pour ses écoles.",
        [(1_250_000, None, None)],
    ),
    (
        "plain-range-after-money-noun",
        "Une aide de 2 000 à 8 000 par embauche.",
        [(2000, 8000, "entre")],
    ),
    ("plain-HT", "Le marché est attribué pour 640 000 HT.", [(640_000, None, None)]),
    ("M-HT", "Une extension chiffrée à 1,2 M€ HT.", [(1.2 * M, None, None)]),
    ("per-year", "Un loyer de 4 M€/an pendant dix ans.", [(4 * M, None, None)]),
    ("euros-d-aides", "Le fonds dispose de 3 millions d'euros d'aides.", [(3 * M, None, None)]),
    (
        "bare-before-l-an",
        "Le groupe vise 50 millions d'euros de ventes, contre 32 millions l'an passé.",
        [(50 * M, None, None), (32 * M, None, None)],
    ),
    # a change "de X à Y" states two amounts
    (
        "change",
        "Son chiffre d'affaires est passé de 12 à 20 millions d'euros.",
        [(12 * M, None, None), (20 * M, None, None)],
    ),
    (
        "change-down",
        "Le budget a chuté de 1,2 million à 900 000 euros.",
        [(1.2 * M, None, None), (900_000, None, None)],
    ),
    (
        "porte-par-is-no-change",
        "Le projet porté par la commune de 2 à 3 millions d'euros.",
        [(2 * M, 3 * M, "entre")],
    ),
    # several in one sentence
    (
        "two-amounts",
        "Sur 12 M€ de budget, 400 000 euros vont à la formation.",
        [(12 * M, None, None), (400_000, None, None)],
    ),
    (
        "amount-beside-dollars",
        "Le contrat de 50 millions de dollars, soit 46 millions d'euros, est signé.",
        [(46 * M, None, None)],
    ),
    # distractors
    ("year", "En 2024, la région a voté son budget.", []),
    ("percentage", "Le chiffre d'affaires progresse de 12 % en 2023.", []),
    ("count-territories", "Les 124 territoires et 600 entreprises lauréats.", []),
    ("inhabitants", "La métropole compte 1,2 million d'habitants.", []),
    ("dollars", "La levée atteint 30 millions de dollars.", []),
    ("dollar-sign", "Le fonds américain a levé 20 M$.", []),
    ("pounds", "Un rachat à 3 milliards de livres sterling.", []),
    ("swiss-francs", "Le groupe suisse vaut 8 milliards de francs suisses.", []),
    ("area", "Un bâtiment de 12 000 m² sur 40 hectares.", []),
    ("phone", "Renseignements au 04 93 21 40 00.", []),
    ("date", "Signature le 14 juillet 2023 à 10 h.", []),
    ("millions-no-currency", "Le site produit 3 millions de pièces par an.", []),
    ("vague-millions", "Des millions d'euros ont été dépensés.", []),
    ("plusieurs-millions", "Plusieurs millions d'euros seront investis.", []),
    ("bare-inhabitants", "La région compte 3,2 millions d'habitants et un budget record.", []),
    ("bare-tonnes", "Le port traite 9 millions de tonnes, un chiffre d'affaires en hausse.", []),
    (
        "bare-beside-dollars",
        "Valorisé 2 milliards de dollars, le groupe investit 300 millions.",
        [],
    ),
    ("bare-no-money-cue", "La chaîne a réuni 4 millions devant l'écran.", []),
    ("bare-visitors", "Le budget du salon a permis 1,1 million de visiteurs.", []),
    ("bare-litres", "La brasserie investit et produira 2 millions l de bière.", []),
    ("budget-year", "Le budget 2025 de la ville est voté.", []),
    ("money-noun-year", "Une subvention de 2019 a été reconduite.", []),
    ("euro-fort", "L'euro fort freine les ventes hors d'Europe.", []),
    ("zone-euro", "La croissance de la zone euro ralentit.", []),
    ("euro-numerique", "La banque centrale teste un euro numérique.", []),
]


# Forms from the public test suites of amount parsers (price-parser, text2num): the currency
# before the figure, euros with their cents, comparatives, spoken decimals.
MONEY_FORMS = [
    (
        "iso-before-scale",
        "Le fonds a levé EUR 2,5 millions auprès des banques.",
        [(2.5 * M, None, None)],
    ),
    ("iso-before-plain", "Le devis s'établit à EUR 300 000 hors taxes.", [(300_000, None, None)]),
    ("iso-before-abbr", "La cession rapporte EUR 12 M au vendeur.", [(12 * M, None, None)]),
    (
        "symbol-before-glued",
        "Une levée de €4,2 millions pour la start-up.",
        [(4.2 * M, None, None)],
    ),
    ("symbol-before-spaced", "Le loyer passe à € 1 200 par mois.", [(1200, None, None)]),
    ("iso-before-qualifier", "Un marché de près de EUR 80 millions.", [(80 * M, None, "près de")]),
    ("iso-after-glued", "Le prêt atteint 2,5 MEUR sur dix ans.", [(2.5 * M, None, None)]),
    ("cents-et-centimes", "Le ticket coûte 12 euros et 50 centimes.", [(12.5, None, None)]),
    ("cents-centimes", "La taxe est de 3 euros 5 centimes par tonne.", [(3.05, None, None)]),
    ("cents-digits-symbol", "Le repas est facturé 8 € 40 aux salariés.", [(8.4, None, None)]),
    ("cents-decimal-comma", "Le kilo est vendu 12,50 € sur le marché.", [(12.5, None, None)]),
    ("cents-words", "Le menu coûte douze euros cinquante.", [(12.5, None, None)]),
    ("cents-words-centimes", "On paie vingt euros et dix centimes.", [(20.1, None, None)]),
    ("cents-bare-before-le", "La barquette part à 4 euros 90 le kilo.", [(4.9, None, None)]),
    ("no-cents-before-noun", "Le pass coûte 5 euros 20 fois par an.", [(5, None, None)]),
    ("no-cents-after-comma", "La place vaut 2 euros, 50 personnes ont payé.", [(2, None, None)]),
    (
        "no-cents-after-million",
        "Un budget de 3 millions d'euros et 50 salariés.",
        [(3 * M, None, None)],
    ),
    ("plus-que", "Le chantier a coûté plus que 3 millions d'euros.", [(3 * M, None, "plus de")]),
    ("moins-que", "L'aide reste moins que 500 000 euros.", [(500_000, None, "moins de")]),
    ("pas-moins-que", "Il a fallu pas moins que 2 M€ de travaux.", [(2 * M, None, "au moins")]),
    (
        "ne-plus-que-is-only",
        "Il ne reste plus que 3 millions d'euros en caisse.",
        [(3 * M, None, None)],
    ),
    ("digits-million", "Le chantier coûtera 2 millions d'euros.", [(2 * M, None, None)]),
    ("digits-mille", "La commune verse 10 mille euros au club.", [(10_000, None, None)]),
    ("digits-milliard-comma", "Le plan pèse 1,2 milliard d'euros.", [(1.2 * G, None, None)]),
    ("virgule", "Une enveloppe de trois virgule cinq millions d'euros.", [(3.5 * M, None, None)]),
    (
        "virgule-zero",
        "Le surcoût atteint un virgule zéro cinq million d'euros.",
        [(1.05 * M, None, None)],
    ),
    ("zero-is-no-sum", "Le projet ne coûtera zéro euro à la commune.", []),
    ("iso-before-year", "Budget en EUR 2024 : voir l'annexe.", []),
]

# No amount in another currency is ever reported as euros; "soit X euros" beside it stays.
NOT_EUROS = [
    ("dollars-after-scale", "Le groupe américain investira 2 milliards de dollars d'ici 2030.", []),
    ("dollar-sign-before", "Le fabricant a levé $2.5 billion pour son usine.", []),
    ("usd-before", "Le fonds investit USD 200 millions dans la filière.", []),
    ("usd-after", "Le groupe investit 200 millions USD dans l'usine.", []),
    ("us-dollar-sign", "Un investissement de 200 millions US$ est prévu.", []),
    ("musd", "Une levée de 30 MUSD a été bouclée.", []),
    ("dollars-us", "Un montant de 2,5 millions de dollars US a été versé.", []),
    ("dollars-canadiens", "Un chiffre d'affaires de 1,2 milliard de dollars canadiens.", []),
    ("cad-code", "Un investissement de 300 000 CAD dans l'usine de Montréal.", []),
    ("livres-sterling", "Le rachat a coûté 2 milliards de livres sterling.", []),
    ("pound-sign", "Le rachat du concurrent anglais a coûté 40 M£.", []),
    ("gbp", "Le club a été cédé pour 300 millions GBP.", []),
    ("francs-suisses", "Le budget est de 10 000 francs suisses.", []),
    ("chf", "Un chiffre d'affaires de 10 millions de CHF.", []),
    ("francs-cfa", "Le contrat s'élève à 40 millions de francs CFA.", []),
    ("fcfa", "Une subvention de 10 000 FCFA a été versée.", []),
    ("anciens-francs", "La maison valait 300 000 anciens francs.", []),
    ("francs-history", "Le site avait coûté 1,5 milliard de francs en 1990.", []),
    ("yen", "La filiale vaut 500 millions de yens.", []),
    ("yen-sign", "La vente a rapporté ¥120 000 au groupe.", []),
    ("jpy", "Une subvention de 2 000 000 JPY est accordée.", []),
    ("yuan", "L'usine a coûté 2 milliards de yuans.", []),
    ("renminbi", "Un rachat de 40 millions de renminbis est annoncé.", []),
    ("roubles", "Un contrat de 5 millions de roubles a été signé.", []),
    ("couronnes-plain", "Un prêt de 150 000 couronnes a été accordé.", []),
    ("couronnes-suedoises", "Un prêt de 15 millions de couronnes suédoises.", []),
    ("dirhams", "Un contrat de 50 millions de dirhams pour le port.", []),
    ("zlotys", "Un investissement de 2 millions de zlotys en Pologne.", []),
    (
        "bare-after-money-noun-in-dollar-sentence",
        "Un investissement de 200 millions, en dollars, est prévu.",
        [],
    ),
    (
        "bare-after-dollar-sentence",
        "Le marché mondial pèse 3 milliards de dollars. La France en investit 200 millions.",
        [],
    ),
    (
        "soit-euros-after-dollars",
        "Une levée de 30 millions de dollars, soit 27 millions d'euros, est bouclée.",
        [(27 * M, None, None)],
    ),
    (
        "parenthesis-euros-after-yuans",
        "Un chiffre d'affaires de 4 milliards de yuans (520 millions d'euros).",
        [(520 * M, None, None)],
    ),
    (
        "euros-beside-francs-suisses",
        "Un investissement de 40 millions de francs suisses, soit environ 42 millions d'euros.",
        [(42 * M, None, "environ")],
    ),
    (
        "euros-after-dollar-sentence",
        "Le marché pèse 3 milliards de dollars. La région y consacre 20 millions d'euros.",
        [(20 * M, None, None)],
    ),
    (
        "bare-after-euro-sentence",
        "La Région apporte 5 millions d'euros. L'Etat ajoute 3 millions pour les travaux.",
        [(5 * M, None, None), (3 * M, None, None)],
    ),
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_amounts")
    return nlp


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_amounts(nlp: Language, text: str, expected: list[tuple]) -> None:
    doc = nlp(text)
    got = [(s._.value_eur, s._.value_eur_max, s._.qualifier) for s in doc.spans["amounts"]]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in MONEY_FORMS], ids=[c[0] for c in MONEY_FORMS]
)
def test_money_forms(nlp: Language, text: str, expected: list[tuple]) -> None:
    doc = nlp(text)
    got = [(s._.value_eur, s._.value_eur_max, s._.qualifier) for s in doc.spans["amounts"]]
    assert [(pytest.approx(v), m, q) for v, m, q in expected] == got


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in NOT_EUROS], ids=[c[0] for c in NOT_EUROS]
)
def test_no_other_currency_is_euros(nlp: Language, text: str, expected: list[tuple]) -> None:
    doc = nlp(text)
    got = [(s._.value_eur, s._.value_eur_max, s._.qualifier) for s in doc.spans["amounts"]]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Le ticket coûte 12 euros et 50 centimes.", "12 euros et 50 centimes"),
        ("Le fonds a levé EUR 2,5 millions.", "EUR 2,5 millions"),
    ],
    ids=["cents", "iso-before"],
)
def test_span_covers_cents_and_leading_currency(nlp: Language, text: str, span: str) -> None:
    doc = nlp(text)
    assert [s.text for s in doc.spans["amounts"]] == [span]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Il a fallu plus d’1 milliard d’euros au total.", "plus d’1 milliard d’euros"),
        ("Le budget est de quelque 35 M € sur le territoire.", "quelque 35 M €"),
        ("Entre 2 et 3 millions d'euros sont prévus.", "Entre 2 et 3 millions d'euros"),
        ("Une aide de 1,5M€ pour les PME.", "1,5M€"),
    ],
    ids=["qualifier-elided", "quelque-spaced", "range", "glued"],
)
def test_span_covers_qualifier_number_and_unit(nlp: Language, text: str, span: str) -> None:
    doc = nlp(text)
    assert [s.text for s in doc.spans["amounts"]] == [span]


def test_spans_do_not_overlap_and_are_sorted(nlp: Language) -> None:
    doc = nlp("De 2 à 3 M€, voire entre 4 et 5 millions d'euros, et 6 M€ ensuite.")
    spans = list(doc.spans["amounts"])
    assert [s._.value_eur for s in spans] == [2 * M, 4 * M, 6 * M]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_empty_doc(nlp: Language) -> None:
    doc = nlp("")
    assert list(doc.spans["amounts"]) == []


GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold"


@pytest.mark.slow
def test_seed_gold_amounts_and_jobs_through_the_full_pipeline() -> None:
    """Every gold amount and job count of the seed corpus is found, and nothing else."""
    from extractor import Extractor

    extractor = Extractor()
    for path in sorted(GOLD.glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        rec = extractor.extract(path.read_text(encoding="utf-8"))
        want = {float(a["value_eur"]) for a in gold["amounts"]}
        got = {a.value_eur for a in rec.amounts}
        assert sorted(got) == pytest.approx(sorted(want), rel=5e-3), path.name
        want_jobs = {(j["count"], j["kind"]) for j in gold["jobs"]}
        assert {(j.count, j.kind) for j in rec.jobs} == want_jobs, path.name
