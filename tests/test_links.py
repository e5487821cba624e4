"""fr_links through the real pipeline: purpose, owner, place and part-of of amounts and jobs.

Every text is a short French press passage written for the test; assertions read the
record (as `extractor eval` and the store do), so the contract of records/build.py is
exercised too.
"""

from __future__ import annotations

import pytest
import spacy

from extractor.components.links.lexicon import load

M = 1e6


def _amount(record, value):
    return next(a for a in record.amounts if abs(a.value_eur - value) < 1)


def _job(record, count):
    return next(j for j in record.jobs if j.count == count)


PURPOSES = [
    # a funder named before a figure that names itself an investment does not make it an aid
    (
        "investments-reported-by-a-region",
        "D'après la Région Bretagne : 640 M€ d'investissements industriels ont été engagés.",
        640 * M,
        "investment",
    ),
    # the total amount of an operation or a project is its cost; a fund's, its envelope
    (
        "total-of-an-operation-is-investment",
        "Le montant total de l'opération de réhabilitation atteint 3,2 M€.",
        3.2 * M,
        "investment",
    ),
    (
        "project-named-before-its-total-is-investment",
        "Le projet de ligne d'embouteillage, d'un montant total de 850 000 €, démarre en mai.",
        850_000,
        "investment",
    ),
    (
        "total-of-a-fund-stays-budget",
        "Le fonds régional est doté d'un montant total de 12 M€.",
        12 * M,
        "budget",
    ),
    # an interview's question names what the figures of its answer are
    (
        "answer-to-a-question-on-turnover",
        "La Gazette – Et vos ventes, le chiffre d'affaires ?\n"
        "Nous avons bouclé l'exercice à 7,3 M€, contre 5 M€ il y a deux ans.",
        7.3 * M,
        "turnover",
    ),
    # a granted share of a project the sentence sizes after it, or money "to" a firm
    (
        "share-of-a-programme-is-aid",
        "• Cartonnerie Vidal (Albi) : 180 000 € pour une presse numérique, dans le cadre d'un "
        "programme de 1,6 M€.",
        180_000,
        "aid",
    ),
    (
        "the-programme-itself-is-investment",
        "• Cartonnerie Vidal (Albi) : 180 000 € pour une presse numérique, dans le cadre d'un "
        "programme de 1,6 M€.",
        1.6 * M,
        "investment",
    ),
    (
        "own-investment-share-stays-investment",
        "La société Vidal investit 500 000 € à Albi, dans le cadre d'un programme de 2 M€.",
        500_000,
        "investment",
    ),
    (
        "money-to-a-firm-is-aid",
        "• Castres : 95 000 € à la fonderie Marty Industries.",
        95_000,
        "aid",
    ),
    (
        "aid-funded-by-a-public-funder",
        "Un diagnostic collectif pour huit entreprises, financé par l'ADEME jusqu'à 200 000 €.",
        200_000,
        "aid",
    ),
    (
        "budget-endowed-in-a-region",
        "Le volet régional du plan est doté en Bretagne de 40 millions d'euros sur cinq ans.",
        40 * M,
        "budget",
    ),
    (
        "budget-excluding-investments",
        "Notre budget de développement économique s'élève à 6 M€ par an, hors investissements.",
        6 * M,
        "budget",
    ),
    (
        "other-unit-price",
        "Dans le Jura, le bois scolyté ne vaut plus que 30 euros le mètre cube.",
        30,
        "other",
    ),
    (
        "other-share-capital",
        "La société Mécabois, au capital de 1 200 000 euros, est représentée par son président.",
        1.2 * M,
        "other",
    ),
    (
        "other-energy-bill",
        "Sa facture d'électricité atteint désormais 2,4 millions d'euros par an.",
        2.4 * M,
        "other",
    ),
    (
        "aid-sum-of-listed-aids",
        "La commission permanente a voté 2,6 M€ d'aides à l'industrie, dont 1,2 M€ pour "
        "Brivex et 1,4 M€ pour Solvane.",
        2.6 * M,
        "aid",
    ),
    (
        "investment-noun",
        "La société Brivex annonce un investissement de 20 millions d'euros à Vierzon.",
        20 * M,
        "investment",
    ),
    (
        "investment-verb",
        "Le fabricant Solvane investira 8 M€ dans une nouvelle ligne à Cholet.",
        8 * M,
        "investment",
    ),
    (
        "investment-plant",
        "Le groupe Ferral va construire une usine de 177 M€ près de Dunkerque.",
        177 * M,
        "investment",
    ),
    (
        "aid-subsidy",
        "La PME Tissages Durand a obtenu une subvention de 450 000 euros de la Région.",
        450_000,
        "aid",
    ),
    ("aid-loan", "Bpifrance accorde un prêt de 3 M€ à la société Mécanor.", 3 * M, "aid"),
    (
        "aid-advance",
        "La Région verse une avance remboursable de 600 000 € à Hydrova.",
        600_000,
        "aid",
    ),
    (
        "aid-public-investor",
        "Dans ce tour de table, Bpifrance investit 2 M€ aux côtés des fondateurs de Plastinov.",
        2 * M,
        "aid",
    ),
    (
        "budget-envelope",
        "L'État mobilise une enveloppe de 1,5 M€ pour les entreprises du territoire.",
        1.5 * M,
        "budget",
    ),
    (
        "budget-fund",
        "Un fonds doté de 300 millions d'euros sera ouvert aux PME en 2026.",
        300 * M,
        "budget",
    ),
    (
        "turnover-before",
        "L'entreprise Garnier Frères a réalisé un chiffre d'affaires de 21,4 millions d'euros.",
        21.4 * M,
        "turnover",
    ),
    (
        "turnover-after",
        "Le groupe Altéor a fait 1,8 milliard d'euros de chiffre d'affaires l'an dernier.",
        1.8e9,
        "turnover",
    ),
    (
        "other-debt",
        "Le repreneur reprend une partie de la dette, évaluée à 14 M€.",
        14 * M,
        "other",
    ),
    (
        "other-wage",
        "Un soudeur confirmé gagne en moyenne 2 400 euros brut par mois.",
        2400,
        "other",
    ),
    (
        "aid-given-by-a-generic-funder-opening-the-sentence",
        "Le chantier coûte 12 M€. L'État apportera 3 millions d'euros, la Région 1 M€.",
        3 * M,
        "aid",
    ),
    (
        "a-word-of-a-firms-name-is-no-cue",
        "Trois entreprises sont aidées : la société Atelier Ferrand (45 000 €), la société "
        "Somatec (60 000 €).",
        45_000,
        "aid",
    ),
    (
        "aid-received",
        "La PME reçoit 900 000 € pour sa nouvelle presse à injecter.",
        900_000,
        "aid",
    ),
    (
        "aid-obtained-is-the-sum-of-its-parts-not-a-cost",
        "La jeune pousse a obtenu 4 M€ de subventions, dont 1 M€ de la Région.",
        4 * M,
        "aid",
    ),
    (
        "the-noun-the-amount-modifies-outranks-the-verb",
        "La société Fonderies Marceau pèse 36 M€ de chiffre d'affaires et emploie 180 personnes.",
        36 * M,
        "turnover",
    ),
    (
        "the-noun-that-governs-the-amount-outranks-the-noun-it-modifies",
        "La Banque des Territoires réserve une enveloppe de 12 M€ de prêts aux PME du bassin.",
        12 * M,
        "budget",
    ),
    (
        "a-loss-that-governs-the-next-figure-is-not-this-ones",
        "La verrerie n'a facturé que 18 M€ l'an dernier, pour une perte de 2,1 M€.",
        18 * M,
        "turnover",
    ),
    (
        "a-loss-said-with-a-verb-before-the-next-figure",
        "Les ventes sont passées de 40 M€ à 29 M€, et les pertes ont atteint 3 M€.",
        29 * M,
        "turnover",
    ),
    (
        "purchase-price-is-the-buyers-investment",
        "Le prix de cession de la tannerie s'établit à 650 000 euros, selon l'administrateur.",
        650_000,
        "investment",
    ),
    (
        "bought-for-is-an-investment-whatever-the-resale-price",
        "La commune a acquis l'ancienne filature pour 410 000 €, qu'elle revendra au prix coûtant.",
        410_000,
        "investment",
    ),
    (
        "a-goodwill-is-no-fund",
        "Le repreneur rachète le fonds de commerce et les stocks pour 280 000 euros.",
        280_000,
        "investment",
    ),
    (
        "a-price-per-square-metre",
        "Le terrain de la zone est cédé à 28 € HT le m².",
        28,
        "other",
    ),
    (
        "a-selling-price",
        "Le mètre de drap de laine se vend 52 € en boutique.",
        52,
        "other",
    ),
    (
        "the-size-of-the-project-after-an-aid",
        "La laiterie décroche une aide de 450 000 € pour une tour de séchage de 7 M€.",
        7 * M,
        "investment",
    ),
    (
        "a-production-unit-is-no-unit-price",
        "• Confiserie Vidal – extension de l'unité de nougat – 2,3 M€ – aide : 230 000 € – "
        "40 emplois",
        2.3 * M,
        "investment",
    ),
    (
        "european-fund-brings-an-aid",
        "Le FEDER apporte 2,4 M€ à la conserverie, la Région 900 000 €.",
        2.4 * M,
        "aid",
    ),
    (
        "a-region-that-engages-money-grants-it",
        "À Figeac, pour le fabricant Aéromeca, la Région engage 600 000 €.",
        600_000,
        "aid",
    ),
    (
        "money-shared-between-projects-is-granted",
        "Au total, 2,6 millions d'euros sont répartis entre 19 projets du département.",
        2.6 * M,
        "aid",
    ),
    (
        "aid-perceived",
        "La fromagerie Vaysse perçoit 120 000 € pour moderniser sa cave d'affinage.",
        120_000,
        "aid",
    ),
    (
        "money-brought-to-him-is-an-aid",
        "Le groupe Cazals va investir 8 M€ ; nous lui apportons 900 000 €.",
        900_000,
        "aid",
    ),
    (
        "money-allotted-to-firms-is-an-aid",
        "Le rapport propose d'affecter 1 450 000 € au profit de quatre entreprises.",
        1.45 * M,
        "aid",
    ),
    (
        "what-the-money-pays-for-says-not-whose-it-is",
        "La menuiserie Bastide décroche à elle seule 300 000 € pour une ligne de ponçage.",
        300_000,
        "aid",
    ),
    (
        "laureates-sharing-money-next-to-an-envelope",
        "Sur une enveloppe de 2 M€, cinq lauréats se partagent 1,3 M€.",
        1.3 * M,
        "aid",
    ),
    (
        "the-head-noun-names-the-money-not-its-complement",
        "La masse salariale de l'usine atteint 2,8 M€ par an.",
        2.8 * M,
        "other",
    ),
    (
        "a-cost-to-us-is-no-investment",
        "« Chaque palette nous coûte désormais 14 euros », explique le gérant.",
        14,
        "other",
    ),
    (
        "a-tax-that-brings-in-money",
        "La taxe de séjour a rapporté 1,2 M€ à la commune l'an dernier.",
        1.2 * M,
        "other",
    ),
    (
        "a-redundancy-plan",
        "La direction présente un plan de sauvegarde de l'emploi de 4 M€.",
        4 * M,
        "other",
    ),
    (
        "an-operating-result",
        "Son résultat d'exploitation s'établit à 7,4 M€.",
        7.4 * M,
        "other",
    ),
    (
        "a-loss-in-the-conditional",
        "La papeterie aurait perdu 3 millions d'euros au second semestre.",
        3 * M,
        "other",
    ),
    (
        "fixed-costs",
        "« Nous devons réduire nos coûts fixes de 9 millions d'euros », dit le directeur.",
        9 * M,
        "other",
    ),
    (
        "the-investment-section-of-a-budget",
        "Le budget primitif s'équilibre à 84 M€ en fonctionnement et à 27 M€ en investissement.",
        27 * M,
        "budget",
    ),
    (
        "an-annual-investment-budget",
        "La commune, dont le budget annuel d'investissement ne dépasse pas 3 M€, porte la zone.",
        3 * M,
        "budget",
    ),
    (
        "a-revitalisation-convention",
        "L'industriel financera une convention de revitalisation de 1,2 M€ pour le bassin.",
        1.2 * M,
        "budget",
    ),
    (
        "the-eligible-base-of-an-aid-is-the-project",
        "Assiette éligible : 2 400 000 € – Aide proposée : subvention de 240 000 €",
        2.4 * M,
        "investment",
    ),
    (
        "the-amount-of-the-programme",
        "Montant du programme : 2,7 M€, dont 400 000 € de subvention régionale.",
        2.7 * M,
        "investment",
    ),
    (
        "money-of-the-state-named-right-after-the-amount",
        "→ Tissages Vosgiens : 1,4 M€ de l'État (France 2030) pour une ligne de teinture.",
        1.4 * M,
        "aid",
    ),
    (
        "money-of-the-region-in-brackets",
        "→ Menuiserie Arnal — 210 000 € (Région Occitanie) ; l'entreprise emploie 40 salariés.",
        210_000,
        "aid",
    ),
    (
        "a-modal-verb-is-no-envelope-next-to-a-cost",
        "En cause, une facture de gaz qui pourrait atteindre 6 millions d'euros l'an prochain.",
        6 * M,
        "other",
    ),
    (
        "a-region-that-adds-money-grants-it",
        "L'État apporte 3 M€ et la Région Bretagne ajoute 1 M€, tandis que la ville cède le "
        "terrain au prix du marché.",
        1 * M,
        "aid",
    ),
    (
        "a-collectivity-that-brings-money-grants-it",
        "La communauté d'agglomération du Grand Figeac apporte 250 000 € à la société Mecaval "
        "au titre de son fonds d'aide à l'immobilier d'entreprise.",
        250_000,
        "aid",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "value", "purpose"), [c[1:] for c in PURPOSES], ids=[c[0] for c in PURPOSES]
)
def test_purpose_of_an_amount(extractor, text, value, purpose):
    amount = _amount(extractor.extract(text), value)
    assert amount.purpose == purpose
    assert amount.cues.purpose  # the words that decided are kept


@pytest.mark.slow
def test_a_commission_table_says_what_each_column_is(extractor):
    text = (
        "COMMISSION PERMANENTE\n\nTABLEAU DES AIDES\n"
        "Bénéficiaire        Commune      Projet              Assiette     Aide         Nature\n"
        "Menuiserie Arnal    Rodez        Ligne de ponçage    1 800 000 €  270 000 €    Subvention\n"
        "Brasserie du Causse Millau       Usine de maltage    900 000 €    90 000 €     Avance\n"
        "                                                                               remboursable\n"
        "TOTAL                                                             360 000 €\n"
    )
    record = extractor.extract(text)
    for value, purpose in ((1.8 * M, "investment"), (900_000, "investment")):
        assert _amount(record, value).purpose == purpose
    for value in (270_000, 90_000, 360_000):
        assert _amount(record, value).purpose == "aid"


@pytest.mark.slow
def test_money_already_granted_out_of_an_envelope_is_an_aid(extractor):
    record = extractor.extract(
        "L'agglomération a voté un fonds d'aide aux entreprises de 900 000 €, dont 300 000 € "
        "déjà attribués à trois PME."
    )
    assert _amount(record, 900_000).purpose == "budget"
    assert _amount(record, 300_000).purpose == "aid"


@pytest.mark.slow
def test_a_budget_of_works_is_a_budget(extractor):
    record = extractor.extract("L'agglomération y consacre un budget d'aménagement de 5 M€ HT.")
    assert _amount(record, 5 * M).purpose == "budget"


@pytest.mark.slow
def test_a_laureates_programme_is_its_investment(extractor):
    text = (
        "Les lauréats du département :\n"
        "– Tanneries du Vercors, à Romans-sur-Isère : 800 000 €, pour un programme de 5,2 M€."
    )
    record = extractor.extract(text)
    assert _amount(record, 800_000).purpose == "aid"
    assert _amount(record, 5.2 * M).purpose == "investment"


@pytest.mark.slow
def test_female_laureates_make_a_list_of_laureates(extractor):
    text = (
        "Quatre entreprises de la vallée sont lauréates :\n"
        "- 1,2 M€ (Forges de Vireux, Vireux-Molhain) ;\n"
        "- 800 000 € (Ardennes Usinage, Revin)."
    )
    record = extractor.extract(text)
    assert _amount(record, 1.2 * M).purpose == "aid"
    assert _amount(record, 800_000).purpose == "aid"


@pytest.mark.slow
def test_action_codes_start_the_lines_of_an_action_table(extractor):
    text = (
        "CONTRAT DE TERRITOIRE D'INDUSTRIE\n\n"
        "Fiche   Action                       Porteur              Coût total\n"
        "B.2     Extension de la zone des     Commune de Lué       1 800 000 €\n"
        "        Landes (Lué)\n"
    )
    assert _amount(extractor.extract(text), 1.8 * M).purpose == "budget"


@pytest.mark.slow
def test_an_agglomeration_called_ca_is_no_turnover(extractor):
    text = (
        "Action         Porteur                     Coût total   Part État\n"
        "1.1 Pépinière  CA du Grand Villeneuvois    600 000 €    200 000 €\n"
    )
    record = extractor.extract(text)
    assert _amount(record, 600_000).purpose == "budget"
    assert _amount(record, 200_000).purpose == "budget"


@pytest.mark.slow
def test_action_table_lines_are_budgets_of_the_body_that_carries_them(extractor):
    text = (
        "CONTRAT DE TERRITOIRE D'INDUSTRIE\n\n"
        "Fiche action n°2 : Maison de l'emploi industriel\n"
        "Maître d'ouvrage : Syndicat mixte du Pays de Gex\n"
        "Description : création d'un lieu d'accueil à Divonne-les-Bains\n"
        "Budget : 1,2 M€\n"
        "Plan de financement : Région (400 000 €) ; État (300 000 €)\n"
    )
    record = extractor.extract(text)
    for value in (1.2 * M, 400_000, 300_000):
        amount = _amount(record, value)
        assert amount.purpose == "budget"
        assert amount.organization == "Syndicat mixte du Pays de Gex"
        assert amount.territory == "Divonne-les-Bains"


@pytest.mark.slow
def test_aid_belongs_to_the_beneficiary_not_the_funder(extractor):
    text = (
        "Thiers : la Coutellerie Vernay agrandit son usine\n\n"
        "La Coutellerie Vernay, installée à Thiers, investit 6 M€ dans un nouvel atelier de forge. "
        "L'investissement est financé en partie par un prêt de Bpifrance de 2 M€ et par une aide "
        "de la Région Auvergne-Rhône-Alpes de 500 000 euros."
    )
    record = extractor.extract(text)
    for value, purpose in ((6 * M, "investment"), (2 * M, "aid"), (500_000, "aid")):
        amount = _amount(record, value)
        assert amount.purpose == purpose
        assert amount.organization == "Coutellerie Vernay"
        assert amount.territory == "Thiers"


@pytest.mark.slow
def test_parts_point_to_their_whole_and_share_its_owner(extractor):
    text = (
        "Saint-Benoît : Verre Austral recycle le verre de l'île\n\n"
        "La société Verre Austral construit une usine à Saint-Benoît. Montant de l'investissement : "
        "6,8 M€, dont 2,5 M€ de fonds européens et 1,2 million d'euros de la Région Réunion."
    )
    record = extractor.extract(text)
    whole = _amount(record, 6.8 * M)
    index = record.amounts.index(whole)
    assert whole.part_of is None and whole.purpose == "investment"
    for value in (2.5 * M, 1.2 * M):
        part = _amount(record, value)
        assert part.part_of == index
        assert part.purpose == "aid"
        assert part.organization == whole.organization == "Verre Austral"


@pytest.mark.slow
def test_job_counts_after_dont_are_parts(extractor):
    text = "L'usine de Mécaloire, à Roanne, compte 145 salariés, dont 12 intérimaires."
    record = extractor.extract(text)
    whole, part = _job(record, 145), _job(record, 12)
    assert part.part_of == record.jobs.index(whole)
    assert whole.part_of is None


@pytest.mark.slow
def test_job_owner_and_place_from_subject_and_locative(extractor):
    text = (
        "Forum de l'emploi à Toul\n\n"
        "Parmi les recruteurs, Toul Emballages, qui emploie 260 salariés à Écrouves, prévoit "
        "40 recrutements cette année. À Foug, la société Lorraine Profilés cherche une vingtaine de soudeurs "
        "à embaucher."
    )
    record = extractor.extract(text)
    assert (_job(record, 260).organization, _job(record, 260).territory) == (
        "Toul Emballages",
        "Écrouves",
    )
    assert _job(record, 40).organization == "Toul Emballages"
    assert (_job(record, 20).organization, _job(record, 20).territory) == (
        "Lorraine Profilés",
        "Foug",
    )


@pytest.mark.slow
def test_sector_and_territory_figures_have_no_owner(extractor):
    text = (
        "Alès : le territoire prépare sa feuille de route industrielle\n\n"
        "Réunis à Alès, les élus d'Alès Agglomération ont présenté le bilan. Selon l'UIMM, "
        "l'industrie représente environ 6 200 emplois sur le territoire. L'industrie emploie "
        "3,1 millions de salariés en France. La société Gardix, installée à Alès, emploie 80 "
        "salariés. Le bassin compte 19 000 emplois industriels."
    )
    record = extractor.extract(text)
    local, national = _job(record, 6200), _job(record, 3_100_000)
    assert local.organization is None and national.organization is None
    assert local.territory == "Alès Agglomération"  # "sur le territoire" resolved
    assert national.territory is None  # "en France"
    assert _job(record, 80).organization == "Gardix"
    assert _job(record, 19_000).organization is None  # "emplois industriels": a sector's jobs


@pytest.mark.slow
def test_anaphora_point_to_the_firm_named_last(extractor):
    text = (
        "Vierzon : deux PME de la défense recrutent\n\n"
        "Berry Usinage Systèmes a doublé de taille. L'entreprise emploie désormais 210 salariés. "
        "Plus au nord, Sologne Matériaux fabrique des pièces composites. La PME prévoit 25 embauches."
    )
    record = extractor.extract(text)
    assert _job(record, 210).organization == "Berry Usinage Systèmes"
    assert _job(record, 25).organization == "Sologne Matériaux"


@pytest.mark.slow
def test_events_name_the_kind_of_project(extractor):
    text = (
        "Proville : le groupe Kesslor ferme son usine\n\n"
        "La direction de Kesslor Freinage a annoncé la fermeture du site de Proville et 120 "
        "licenciements. À Cambrai, la société Normeca a racheté l'ancienne fonderie pour 2 M€."
    )
    record = extractor.extract(text)
    assert _job(record, 120).event in ("closure", "job_cut")
    takeover = _amount(record, 2 * M)
    assert takeover.event == "takeover" and takeover.cues.event


def test_cue_tables_compile_and_keep_their_comments():
    lex = load()
    assert {c.label for c in lex.purpose_cues} == {
        "investment",
        "aid",
        "budget",
        "turnover",
        "other",
    }
    assert lex.national.search("3,1 millions de salariés en France")
    assert lex.part_before.search("12 M€, dont ")
    assert not lex.part_before.search("12 M€ pour ")


def test_blank_pipeline_without_figures_is_a_no_op():
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_sentences")
    nlp.add_pipe("fr_amounts")
    nlp.add_pipe("fr_links")
    doc = nlp("Aucun montant dans ce texte.")
    assert len(doc.spans["amounts"]) == 0


def test_blank_pipeline_links_an_amount_without_ner():
    nlp = spacy.blank("fr")
    for name in ("fr_sentences", "fr_amounts", "fr_jobs", "fr_links"):
        nlp.add_pipe(name)
    doc = nlp("Le budget du contrat atteint 1,1 M€. Soit 400 000 € par an, dont 100 000 € en 2025.")
    spans = sorted(doc.spans["amounts"], key=lambda s: s.start)
    assert spans[0]._.purpose == "budget"
    assert spans[2]._.part_of is spans[1] or spans[2]._.part_of == spans[1]


@pytest.mark.slow
def test_jobs_kept_in_a_takeover_are_the_targets(extractor):
    text = (
        "Séméac : Ferrotech sauvée\n\n"
        "Placée en redressement judiciaire, la société Ferrotech sera reprise par le groupe Vialor. "
        "Le repreneur injectera 6 millions d'euros dans l'outil industriel. "
        "La société Ferrotech conserve son site de Séméac. Le maintien des 200 emplois est assuré."
    )
    record = extractor.extract(text)
    assert _amount(record, 6 * M).organization == "Vialor"  # "le repreneur" invests
    assert _job(record, 200).organization == "Ferrotech"


@pytest.mark.slow
def test_y_points_to_the_last_site_named(extractor):
    text = (
        "Sud Alsace : le foncier industriel se libère\n\n"
        "Sur la plateforme chimique de Chalampé, 25 hectares ont été remis sur le marché. "
        "La société Polyrecycle y investit 11 millions d'euros."
    )
    amount = _amount(extractor.extract(text), 11 * M)
    assert "Chalampé" in amount.territory  # the site named last, not the Territoire d'industrie
    assert amount.cues.territory.startswith("y ")


@pytest.mark.slow
def test_a_national_release_gives_envelopes_no_place(extractor):
    text = (
        "COMMUNIQUÉ DE PRESSE\n\n"
        "Territoires d'industrie : 183 territoires retenus pour la deuxième phase\n\n"
        "Les territoires Grand Calais, Hautes Terres d'Oc et Nord Franche-Comté font partie des "
        "lauréats. L'État mobilisera une enveloppe de 100 millions d'euros dédiée à l'ingénierie. "
        "S'y ajoutent près de 2 Md€ de prêts mobilisés par Bpifrance."
    )
    record = extractor.extract(text)
    for value in (100 * M, 2e9):
        amount = _amount(record, value)
        assert amount.purpose == "budget"
        assert amount.territory is None


# -- defaults and bounded reach: what a figure gets when its own words say little ---------------

_FIRM_ARTICLE = (
    "Bourges : Technoméca agrandit son atelier\n\n"
    "Technoméca, installée à Bourges, usine des pièces pour l'aéronautique. "
    "Technoméca a doublé sa surface.\n\n"
)


@pytest.mark.slow
def test_an_anaphor_reaches_back_within_its_paragraph_only(extractor):
    # another firm named in the previous paragraph is no antecedent: the article's firm is
    text = (
        _FIRM_ARTICLE + "Le groupe Valdor, voisin de la zone, a fermé son dépôt l'an dernier. "
        "Le groupe Valdor reste discret.\n\nL'entreprise prévoit 30 embauches d'ici 2026."
    )
    job = _job(extractor.extract(text), 30)
    assert (job.organization, job.territory) == ("Technoméca", "Bourges")


@pytest.mark.slow
def test_an_anaphor_points_to_the_firm_named_last_in_its_paragraph(extractor):
    text = (
        _FIRM_ARTICLE + "Le groupe Valdor ouvre un dépôt à Foëcy. L'entreprise créera 12 emplois."
    )
    job = _job(extractor.extract(text), 12)
    assert (job.organization, job.territory) == ("Valdor", "Foëcy")


@pytest.mark.slow
def test_the_commune_the_figures_stretch_locates_wins_over_the_firms_seat(extractor):
    text = (
        "Le groupe Solvane en plein essor\n\n"
        "Le groupe Solvane, basé à Nantes, fabrique des emballages. Le groupe Solvane recrute.\n\n"
        "Dans son usine de Cholet, Solvane investit 8 millions d'euros."
    )
    amount = _amount(extractor.extract(text), 8 * M)
    assert (amount.organization, amount.territory) == ("Solvane", "Cholet")


@pytest.mark.slow
def test_a_zone_alone_defers_to_the_firms_commune(extractor):
    text = (
        "Cherbourg : la PME Navalis grandit\n\n"
        "La PME Navalis est installée à Cherbourg-en-Cotentin depuis 1998. "
        "Navalis compte 60 salariés.\n\n"
        "Sur la zone des Fourches, Navalis investit 2 millions d'euros."
    )
    record = extractor.extract(text)
    assert _amount(record, 2 * M).territory.startswith("Cherbourg")
    assert _job(record, 60).territory.startswith("Cherbourg")


@pytest.mark.slow
def test_a_firms_figure_without_a_place_goes_to_its_site_named_before(extractor):
    same = "Vierzon : Brivex s'installe\n\nLa société Brivex est installée à Vierzon depuis mars. "
    record = extractor.extract(same + "Elle emploiera 80 personnes d'ici 2027.")
    assert (_job(record, 80).organization, _job(record, 80).territory) == ("Brivex", "Vierzon")
    record = extractor.extract(same + "\n\nL'entreprise investira 2 millions d'euros en 2026.")
    amount = _amount(record, 2 * M)
    assert (amount.organization, amount.territory) == ("Brivex", "Vierzon")


@pytest.mark.slow
def test_a_national_programme_has_no_place_in_a_local_article(extractor):
    text = (
        "Saint-Nazaire : les chantiers recrutent\n\n"
        "Les Chantiers Atlantiques, installés à Saint-Nazaire, recrutent. "
        "Le plan national France 2030 est doté de 54 milliards d'euros."
    )
    amount = _amount(extractor.extract(text), 54e9)
    assert (amount.purpose, amount.organization, amount.territory) == ("budget", None, None)


@pytest.mark.slow
def test_a_part_that_names_its_place_is_there_not_where_its_whole_is(extractor):
    text = (
        "Brivex confirme son ancrage\n\n"
        "La société Brivex, installée à Vierzon, emploie 900 salariés en France, dont 120 à Vierzon."
    )
    record = extractor.extract(text)
    whole, part = _job(record, 900), _job(record, 120)
    assert whole.territory is None  # "en France"
    assert part.part_of == record.jobs.index(whole)
    assert (part.organization, part.territory) == ("Brivex", "Vierzon")


@pytest.mark.slow
def test_a_place_after_pres_de_only_locates_the_site(extractor):
    text = (
        "Cher : une usine de plus\n\n"
        "La société Berrimeca construit une usine de 40 millions d'euros à Saint-Germain-du-Puy, "
        "près de Bourges."
    )
    amount = _amount(extractor.extract(text), 40 * M)
    assert (amount.organization, amount.territory) == ("Berrimeca", "Saint-Germain-du-Puy")


@pytest.mark.slow
def test_a_commune_wins_over_the_departement_that_frames_it(extractor):
    text = (
        "Industrie : Brivex accélère\n\nDans le Cher, à Vierzon, la société Brivex investit 4 M€."
    )
    amount = _amount(extractor.extract(text), 4 * M)
    assert (amount.organization, amount.territory) == ("Brivex", "Vierzon")


@pytest.mark.slow
def test_a_place_far_from_a_firms_name_does_not_locate_the_firm(rules_extractor):
    # the parcel's commune, 150+ characters after the name, is not Valdor's site for the
    # rules, which then fall back on the article's; the ranker, which weighs the place the
    # paragraph named last as a reader might, may answer Foëcy there
    text = (
        _FIRM_ARTICLE
        + "La société Valdor a signé avec ses partenaires historiques un accord de long "
        "terme pour livrer des carters aux motoristes européens jusqu'en 2030, pendant que "
        "l'agglomération cède une parcelle sur la zone du Centre, à Foëcy. "
        "La société Valdor investit 3 millions d'euros."
    )
    amount = _amount(rules_extractor.extract(text), 3 * M)
    assert amount.organization == "Valdor"
    assert amount.territory == "Bourges"  # the article's site, Valdor's own being unknown


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence",
    [
        "Le fabricant possède aussi une usine au Maroc, où travaillent 800 salariés.",
        "Le fabricant emploie 640 personnes aux États-Unis.",
        "Outre-Rhin, le fabricant compte 2 100 salariés.",
        # a site named by a nationality adjective, a country after "du", "d'"
        "Le fabricant possède aussi une usine tunisienne, à Sfax, qui compte 800 salariés.",
        "Le fabricant possède aussi des usines du Maroc et de Roumanie, qui comptent 640 salariés.",
        "Sa filiale, installée à Ostrava, en République tchèque, compte 640 salariés.",
        # a group's staff over many countries
        "Le fabricant emploie 2 100 personnes dans douze pays.",
    ],
)
def test_a_figure_abroad_has_no_territory(extractor, sentence):
    text = (
        "Quimper : Ardelis agrandit son usine\n\nLa société Ardelis investit 5 M€ à Quimper. "
        + sentence
    )
    record = extractor.extract(text)
    job = next(j for j in record.jobs if j.count in (800, 640, 2100))
    assert job.territory is None
    assert _amount(record, 5 * M).territory == "Quimper"


@pytest.mark.slow
def test_a_country_named_by_a_later_clause_does_not_move_the_figure_abroad(extractor):
    text = (
        "Quimper : Ardelis agrandit son usine\n\nLa société Ardelis, à Quimper, prévoit "
        "jusqu'à 30 emplois supplémentaires si elle rapatrie la production délocalisée en Turquie."
    )
    assert _job(extractor.extract(text), 30).territory == "Quimper"


@pytest.mark.slow
def test_a_groups_turnover_and_headcount_are_at_none_of_its_sites(extractor):
    text = (
        "Saumur : le groupe Lavalor agrandit son usine\n\n"
        "Le groupe Lavalor investit 12 M€ dans son usine de Saumur, qui emploie 140 salariés. "
        "Le groupe emploie 4 200 salariés. Au niveau mondial, il réalise 900 millions d'euros de "
        "chiffre d'affaires."
    )
    record = extractor.extract(text)
    assert _amount(record, 12 * M).territory == "Saumur"
    assert _job(record, 140).territory == "Saumur"
    assert _job(record, 4200).territory is None
    assert _amount(record, 900 * M).territory is None


@pytest.mark.slow
def test_a_heading_that_is_a_place_alone_is_the_articles_site(extractor):
    text = (
        "VIERZON\n\nLa Fonderie Berrion menacée\n\nLa direction de la Fonderie Berrion a "
        "présenté un plan qui supprime 90 postes. Les élus ont été reçus à la préfecture, à "
        "Bourges, mercredi."
    )
    assert _job(extractor.extract(text), 90).territory_canonical_name == "Vierzon"


@pytest.mark.slow
def test_a_figure_takes_the_place_its_paragraph_named_before_it(extractor):
    text = (
        "Batteries : les annonces du sommet\n\n"
        "Le territoire de Dunkerque confirme sa place de premier site des batteries. Le "
        "fabricant Voltaris y précisera le calendrier de sa gigafactory de 2,1 milliards "
        "d'euros."
    )
    assert _amount(extractor.extract(text), 2100 * M).territory == "Dunkerque"


@pytest.mark.slow
def test_a_paragraph_that_enumerates_places_gives_none_of_them(extractor):
    text = (
        "Territoire d'industrie : le plan d'actions présenté\n\n"
        "Le territoire réunit Rodez Agglomération, Grand-Figeac et plusieurs communautés de "
        "communes de l'Aveyron, du Cantal et du Lot. Il compte environ 19 000 emplois "
        "industriels."
    )
    assert _job(extractor.extract(text), 19000).territory != "Lot"


_CONTRACT = (
    "Contrat Territoire d'industrie Nord Franche-Comté\n\n"
    "Le contrat a été signé à Belfort par l'État et la Région.\n\n"
    "| N° | Action | Maître d'ouvrage | Localisation | Montant (€) | Financements |\n"
    "|---|---|---|---|---|---|\n"
    "| 1 | Halle d'essais hydrogène | Pays de Montbéliard Agglomération | Sochaux | 4 800 000 "
    "| Région 1 600 000 |\n"
    "| 2 | Diagnostic décarbonation de 40 PME | CCI Bourgogne-Franche-Comté | – | 480 000 "
    "| ADEME 240 000 |\n"
    "| | Total | | | 5 280 000 | |\n"
)


@pytest.mark.slow
def test_an_action_tables_rows_say_whose_and_where(extractor):
    record = extractor.extract(_CONTRACT)
    line = _amount(record, 4.8 * M)
    assert line.purpose == "budget"
    assert line.organization == "Pays de Montbéliard Agglomération"
    assert line.territory == "Sochaux"
    cofinancing = _amount(record, 1.6 * M)
    assert (cofinancing.purpose, cofinancing.territory) == ("budget", "Sochaux")
    no_site = _amount(record, 480_000)
    assert no_site.organization == "CCI Bourgogne-Franche-Comté"
    assert no_site.territory_canonical_name == "Nord Franche-Comté"  # the contract's territory
    total = _amount(record, 5.28 * M)
    assert (total.purpose, total.organization) == ("budget", None)
    assert total.territory_canonical_name == "Nord Franche-Comté"


@pytest.mark.slow
def test_a_source_of_figures_owns_none_of_them(extractor):
    text = (
        "Baromètre : l'emploi industriel recule\n\n"
        "Selon le cabinet Trendeo, l'industrie a perdu 8 400 postes. « La tendance ralentit », "
        "analyse une économiste chez Trendeo. L'observatoire Trendeo a recensé 31,5 milliards "
        "d'euros d'investissements annoncés."
    )
    record = extractor.extract(text)
    assert _job(record, 8400).organization is None
    assert _amount(record, 31.5e9).organization is None


@pytest.mark.slow
def test_every_customer_of_a_list_is_left_out(extractor):
    text = (
        "Vierzon : la Fonderie Berrion en difficulté\n\n"
        "La Fonderie Berrion, sous-traitant de Renault et de Stellantis pour des carters, a "
        "perdu 4,6 millions d'euros en 2023."
    )
    assert _amount(extractor.extract(text), 4.6 * M).organization == "Fonderie Berrion"


@pytest.mark.slow
def test_where_a_meeting_or_a_signing_took_place_locates_no_figure(extractor):
    text = (
        "Industrie : la Région soutient ses PME\n\n"
        "Réunie ce lundi à Rennes, la commission permanente a voté 3,9 M€ d'aides aux PME "
        "industrielles du Morbihan."
    )
    assert _amount(extractor.extract(text), 3.9 * M).territory != "Rennes"


@pytest.mark.slow
def test_a_national_releases_figures_without_a_place_have_none(extractor):
    text = (
        "MINISTÈRE DE L'ÉCONOMIE\n\nCommuniqué de presse\n\n"
        "Le ministre délégué chargé de l'Industrie s'est félicité des annonces faites lors du "
        "sommet, au château de Versailles. Au total, 40 projets représentant 12 milliards "
        "d'euros d'investissements ont été annoncés en France cette année.\n\n"
        "Le territoire de Dunkerque confirme sa place. Le fabricant Voltaris y bâtira une "
        "gigafactory de 2,1 milliards d'euros.\n\n"
        "Doté de 54 milliards d'euros, le plan a déjà engagé plus de 30 milliards."
    )
    record = extractor.extract(text)
    assert _amount(record, 12e9).territory is None
    assert _amount(record, 2.1e9).territory == "Dunkerque"
    assert _amount(record, 54e9).territory is None


@pytest.mark.slow
def test_an_adjective_of_origin_in_the_lead_gives_the_articles_site(extractor):
    text = (
        "Rencontre avec le PDG de Célèris\n\n"
        "Le sous-traitant aéronautique figeacois vise une croissance forte.\n\n"
        "Nous allons ouvrir une nouvelle usine à Capdenac-Gare, de l'autre côté de la "
        "rivière. Nos ateliers de Figeac seront robotisés.\n\n"
        "Célèris a réalisé 72 millions d'euros de chiffre d'affaires."
    )
    assert _amount(extractor.extract(text), 72 * M).territory_canonical_name == "Figeac"


@pytest.mark.slow
def test_a_site_named_between_the_firm_and_its_figure_is_the_figures_place(extractor):
    text = (
        "Franche-Comté : les projets du territoire\n\n"
        "Parmi les projets figurent la modernisation du site Stellantis de Sochaux (45 M€) et "
        "la future usine de la société Arvalis à Danjoutin, qui représente 150 emplois."
    )
    assert _amount(extractor.extract(text), 45 * M).territory == "Sochaux"


@pytest.mark.slow
def test_a_firm_whose_sites_are_listed_takes_the_first(extractor):
    text = (
        "Nord : Renault embauche\n\n"
        "Le pôle Renault ElectriCity, qui regroupe les usines de Douai, Maubeuge et Ruitz, va "
        "embaucher 400 intérimaires."
    )
    assert _job(extractor.extract(text), 400).territory == "Douai"


@pytest.mark.slow
def test_a_collectivitys_envelope_is_for_its_own_territory(extractor):
    text = (
        "Industrie : la Région soutient la décarbonation\n\n"
        "La Région Normandie ouvre un appel à projets « Usine bas carbone », doté de 4 M€."
    )
    amount = _amount(extractor.extract(text), 4 * M)
    assert (amount.purpose, amount.organization) == ("budget", "Région Normandie")
    assert amount.territory == "Normandie"


@pytest.mark.slow
def test_a_plant_named_by_its_trade_locates_its_jobs(extractor):
    text = (
        "Coutances : la coopérative investit\n\n"
        "La coopérative Maîtres Laitiers investit 20 M€ à Valognes et maintient les 60 emplois "
        "de sa laiterie de Coutances."
    )
    assert _job(extractor.extract(text), 60).territory == "Coutances"


@pytest.mark.slow
def test_a_market_or_an_industry_owns_its_figures_and_a_world_market_has_no_place(extractor):
    text = (
        "Épinal : Vosges Tissage relance une ligne de lin\n\n"
        "La société Vosges Tissage, installée à Épinal, investit 3 M€ dans une ligne de tissage. "
        "Le marché européen du linge de maison, qui pèse 9 milliards d'euros, reste porteur. "
        "Un symbole face aux 4 500 emplois perdus par le textile dans les Vosges depuis 1990."
    )
    record = extractor.extract(text)
    market = _amount(record, 9e9)
    assert (market.organization, market.territory) == (None, None)
    assert _job(record, 4500).organization is None
    assert _amount(record, 3 * M).organization == "Vosges Tissage"


@pytest.mark.slow
def test_a_seller_after_aupres_du_is_not_the_owner(extractor):
    text = (
        "Chalon-sur-Saône : Batterix achète son terrain\n\n"
        "La société Batterix a acquis auprès du groupe Verlaine Immobilier un bâtiment de 8 000 m² "
        "pour 1,2 M€. "
        "Batterix investit aussi 40 M€ dans son usine de Chalon-sur-Saône."
    )
    record = extractor.extract(text)
    assert _amount(record, 1.2 * M).organization == "Batterix"


@pytest.mark.slow
def test_money_invested_by_a_named_group_is_the_groups(extractor):
    text = (
        "Douai : le pôle automobile tourne à plein\n\n"
        "Le pôle, qui emploie 4 000 salariés, a bénéficié de 900 millions d'euros "
        "d'investissements de Stellantis depuis 2020."
    )
    assert _amount(extractor.extract(text), 900 * M).organization == "Stellantis"


@pytest.mark.slow
def test_the_items_of_a_list_of_beneficiaries_are_aids(extractor):
    text = (
        "Commission permanente : 2 M€ pour l'industrie\n\n"
        "La commission a voté 2 M€ d'aides. Parmi les bénéficiaires :\n"
        "– Faïencerie Morvan, à Quimper : 250 000 € pour la modernisation de sa ligne d'émaillage ;\n"
        "– Kerbrat Conserves, à Douarnenez : 180 000 € pour l'extension de son atelier.\n"
    )
    record = extractor.extract(text)
    assert _amount(record, 250_000).purpose == "aid"
    assert _amount(record, 180_000).purpose == "aid"


@pytest.mark.slow
def test_jobs_an_offer_would_keep_are_the_targets(extractor):
    text = (
        "Tulle : la Cartonnerie Limousine en liquidation\n\n"
        "La Cartonnerie Limousine, à Tulle, a été placée en liquidation. Une offre de reprise "
        "partielle, portée par le groupe Kartonia, prévoyait de conserver 30 emplois. "
        "La Cartonnerie Limousine employait 70 salariés."
    )
    assert _job(extractor.extract(text), 30).organization == "Cartonnerie Limousine"


@pytest.mark.slow
def test_an_action_block_ends_at_the_next_heading_and_an_axis_total_is_the_contracts(extractor):
    text = (
        "CONTRAT TERRITOIRE D'INDUSTRIE\n\n"
        "Le territoire Vosges-Saônoises réunit 9 000 emplois industriels.\n\n"
        "Le montant total des actions inscrites au présent contrat s'élève à 4,6 millions d'euros.\n\n"
        "Axe 1 – Recruter ........................ 1 900 000 €\n"
        "Action 1.1 – Campus des métiers de l'industrie, Lure\n"
        "Porteur : Communauté de communes du Pays de Lure .......... 1 500 000 €\n"
        "Action 1.2 – Plateforme mobilité-emploi\n"
        "Porteur : CCI Haute-Saône ........................ 400 000 €\n"
        "Axe 2 – Innover ......................... 2 700 000 €\n"
        "Action 2.1 – Banc d'essai hydrogène, Héricourt\n"
        "Porteur : Comtoise Hydrogène ...................... 2 700 000 €\n"
    )
    record = extractor.extract(text)
    line = _amount(record, 400_000)  # action 1.2 names no site: the contract's territory
    assert (line.organization, line.territory) == ("CCI Haute-Saône", "Vosges-Saônoises")
    assert _amount(record, 1.5 * M).territory == "Lure"
    axis = _amount(record, 1.9 * M)
    assert (axis.purpose, axis.organization, axis.territory) == ("budget", None, "Vosges-Saônoises")


@pytest.mark.slow
def test_a_funder_whose_verb_a_coordination_leaves_out_is_not_the_beneficiary(extractor):
    text = (
        "Le Mans : Sarthe Composites recrute\n\n"
        "Sarthe Composites, installée au Mans, investit 12 millions d'euros dans une nouvelle "
        "ligne. Le financement est bouclé : la Région Pays de la Loire apporte une avance "
        "remboursable de 1 500 000 € et Le Mans Métropole une subvention de 300 000 € au titre "
        "de l'immobilier d'entreprise."
    )
    record = extractor.extract(text)
    for value in (1.5 * M, 300_000):
        amount = _amount(record, value)
        assert (amount.organization, amount.territory) == ("Sarthe Composites", "Le Mans")


def test_a_firms_short_name_is_the_firm_its_long_name_names():
    from extractor.components.links.context import _shortened

    names = ["Scierie Mougin", "Mougin", "Renault", "Renault Group", "Renault Trucks"]
    more = ["Isoval SAS", "Isoval", "Lorraine Aciers", "Lorraine Aciers Services"]
    assert _shortened([*names, *more], load()) == {
        "Mougin": "Scierie Mougin",  # a trade noun before it
        "Isoval": "Isoval SAS",  # a legal word after it
        "Renault": "Renault Group",
    }  # "Lorraine Aciers Services" is another firm


@pytest.mark.slow
def test_a_collectivitys_works_on_the_parcel_or_the_zone_are_at_the_site(extractor):
    text = (
        "Issoire : Auvergne Forge pose sa première pierre\n\n"
        "Auvergne Forge construit sa nouvelle usine sur la zone des Listes, à Issoire. "
        "L'investissement atteint 30 M€. L'agglomération Agglo Pays d'Issoire a pour sa part "
        "financé la viabilisation de la parcelle, un chantier de 1,1 million d'euros."
    )
    amount = _amount(extractor.extract(text), 1.1 * M)
    assert amount.territory == "Issoire"


@pytest.mark.slow
def test_jobs_kept_before_a_groups_commitment_stay_at_the_site(extractor):
    text = (
        "Tarbes : Pyrénées Mécanique supprime 40 postes\n\n"
        "La direction de Pyrénées Mécanique, à Tarbes, filiale du groupe Ibermec, a présenté un "
        "plan social. Elle met en avant les 120 emplois maintenus et l'engagement du groupe "
        "d'investir 3 M€ d'ici 2027."
    )
    assert _job(extractor.extract(text), 120).territory == "Tarbes"


@pytest.mark.slow
def test_the_seat_of_a_prefets_office_is_not_where_the_money_is(extractor):
    text = (
        "Territoire d'industrie Vosges-Saônoises : le contrat signé\n\n"
        "Le contrat du Territoire d'industrie Vosges-Saônoises a été signé jeudi. "
        "Le préfet de la Haute-Saône, Paul Mercier, a rappelé que « l'État a déjà accompagné "
        "30 projets dans les Vosges-Saônoises, pour 40 millions d'euros d'aides »."
    )
    assert _amount(extractor.extract(text), 40 * M).territory == "Vosges-Saônoises"


@pytest.mark.slow
def test_a_figure_of_no_intercommunality_in_a_departements_release_is_the_departements(extractor):
    text = (
        "Friches : 20 lauréats se partagent 8 M€ dans le Pas-de-Calais\n\n"
        "Vingt projets ont été retenus dans le département du Pas-de-Calais.\n\n"
        "Béthune – Reconversion d'une ancienne sucrerie (Communauté d'agglomération de Béthune-"
        "Bruay) – subvention : 900 000 €\n\n"
        "Lens – Démolition d'un ancien site minier (Communauté d'agglomération de Lens-Liévin) "
        "– subvention : 600 000 €\n\n"
        "Les reconversions doivent permettre d'accueillir environ 800 emplois."
    )
    assert _job(extractor.extract(text), 800).territory == "Pas-de-Calais"


@pytest.mark.slow
def test_an_envelope_on_a_collectivitys_own_page_is_its_own(extractor):
    text = (
        "Communauté de communes Haut-Jura Saint-Claude\n"
        "Accueil > Entreprendre > Plan industrie\n\n"
        "Plan industrie 2025-2030\n\n"
        "Berceau de la lunetterie, le territoire compte près de 200 entreprises industrielles "
        "autour de Saint-Claude.\n\n"
        "Adopté par le conseil communautaire, le Plan industrie est doté d'un budget de "
        "6 millions d'euros sur cinq ans."
    )
    amount = _amount(extractor.extract(text), 6 * M)
    body = "Communauté de communes Haut-Jura Saint-Claude"
    assert (amount.purpose, amount.organization, amount.territory) == ("budget", body, body)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "La fonderie Arvex a perdu 3,2 millions d'euros en 2024 pour un chiffre d'affaires de 41 M€.",
            3.2 * M,
        ),
        (
            "La facture d'électricité de nos ateliers de Thiers est passée de 800 000 euros en 2021 à "
            "1,9 million d'euros en 2023.",
            800_000,
        ),
    ],
    ids=["a-loss-said-by-its-verb", "a-project-noun-yields-to-a-cost-word"],
)
def test_losses_and_bills_are_other(extractor, text, value):
    assert _amount(extractor.extract(text), value).purpose == "other"


@pytest.mark.slow
def test_a_firms_jobs_in_france_are_still_the_firms(extractor):
    text = (
        "Figeac : Quercy Usinage relance l'embauche\n\n"
        "Quercy Usinage, installée à Figeac, recrute. Le rebond est net pour l'entreprise, qui "
        "avait supprimé 150 postes en France en 2020."
    )
    job = _job(extractor.extract(text), 150)
    assert (job.organization, job.territory) == ("Quercy Usinage", None)


@pytest.mark.slow
def test_lui_points_back_to_the_firm_a_collectivity_gives_to(extractor):
    text = (
        "Douai : Martel Automobile passe en trois-huit\n\n"
        "Le groupe Martel Automobile emploie 3 000 salariés à Douai et Martel Automobile recrute. À quelques centaines de "
        "mètres, la gigafactory de Voltacell compte 900 salariés. Douaisis Agglo lui a cédé "
        "10 hectares et lui a accordé une aide à l'immobilier de 2,5 M€."
    )
    assert _amount(extractor.extract(text), 2.5 * M).organization == "Voltacell"


@pytest.mark.slow
def test_a_contracts_il_is_not_the_articles_firm_and_a_projects_total_is_an_investment(extractor):
    text = (
        "Thionville : le contrat du Territoire d'industrie signé\n\n"
        "Lorraine Aciers, à Florange, et Lorraine Aciers Services soutiennent la démarche. "
        "Lorraine Aciers emploie 600 salariés. Le contrat a été signé jeudi. Il mobilise "
        "12 M€ autour de sept actions.\n\n"
        "Le projet, d'un montant total de 8 M€, a été retenu au titre de France 2030."
    )
    record = extractor.extract(text)
    assert _amount(record, 12 * M).organization is None
    assert _amount(record, 8 * M).purpose == "investment"


@pytest.mark.slow
def test_a_market_price_per_unit_is_not_the_articles_firm(extractor):
    text = (
        "Jura : la Scierie Mougin double sa capacité\n\n"
        "La Scierie Mougin, à Morez, investit 9 millions d'euros. La Scierie Mougin emploie "
        "50 salariés. Dans le Jura, l'épicéa scolyté ne vaut plus que 30 euros le mètre cube."
    )
    price = _amount(extractor.extract(text), 30)
    assert (price.purpose, price.organization, price.territory) == ("other", None, "Jura")


@pytest.mark.slow
def test_a_conventions_defined_names_are_its_parties(extractor):
    text = (
        "CONVENTION D'AIDE À L'IMMOBILIER D'ENTREPRISE\n\n"
        "ENTRE La Communauté d'agglomération Pays de Vitré, ci-après dénommée « l'Agglomération »,"
        "\n\nET\n\n"
        "La société BREIZHMETAL SAS, dont le siège est à Vitré, ci-après dénommée « le "
        "Bénéficiaire »,\n\n"
        "ARTICLE 2 – MONTANT DE L'AIDE\n\n"
        "L'Agglomération accorde au Bénéficiaire une subvention de 200 000 €. Le Bénéficiaire "
        "s'engage à créer 15 emplois en CDI."
    )
    record = extractor.extract(text)
    assert _amount(record, 200_000).organization.startswith("BREIZHMETAL")
    assert _job(record, 15).organization.startswith("BREIZHMETAL")


@pytest.mark.slow
def test_le_groupe_points_to_the_parent_of_the_articles_firm(extractor):
    text = (
        "Tarbes : Bigorre Forge supprime 40 postes\n\n"
        "La direction de Bigorre Forge, filiale du groupe italien Ferrarini, a présenté un plan "
        "social. Bigorre Forge emploie 200 salariés à Tarbes. Elle met en avant l'engagement du "
        "groupe d'investir 4 M€ d'ici 2027."
    )
    record = extractor.extract(text)
    assert _amount(record, 4 * M).organization == "Ferrarini"
    assert _job(record, 200).organization == "Bigorre Forge"


@pytest.mark.slow
def test_a_whole_with_no_place_of_its_own_takes_its_first_parts(extractor):
    text = (
        "Figeac : Célé Usinage investit\n\n"
        "Célé Usinage, installée à Figeac, emploie 300 salariés. « Nous allons investir "
        "12 millions d'euros sur trois ans, dont 8 M€ pour une nouvelle usine à Capdenac-Gare », "
        "annonce son PDG."
    )
    assert _amount(extractor.extract(text), 12 * M).territory == "Capdenac-Gare"


@pytest.mark.slow
def test_the_buyers_seat_is_not_the_site_of_the_firm_taken_over(extractor):
    text = (
        "Textile : la Filature Vosgienne reprise par Lorraine Fils, 30 emplois supprimés\n\n"
        "Le tribunal de commerce a validé la reprise de la Filature Vosgienne par le groupe "
        "Lorraine Fils, basé à Remiremont, pour un euro symbolique. La Filature Vosgienne, "
        "installée à Cornimont, conserve 80 de ses 110 salariés."
    )
    job = _job(extractor.extract(text), 110)
    assert (job.organization, job.territory) == ("Filature Vosgienne", "Cornimont")


_AGGLO_ARTICLE = (
    "Vierzon : la Fonderie Berrion s'agrandit\n\n"
    "La Fonderie Berrion investit 3 M€ dans son usine de Vierzon. "
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence, value",
    [
        (
            "Vierzon Sologne Berry Agglomération a voté une aide à l'immobilier d'entreprise de "
            "250 000 €.",
            250_000,
        ),
        (
            "La Région apporte 400 000 € et Vierzon Sologne Berry Agglomération ajoute 150 000 €.",
            400_000,
        ),
        (
            "La Région apporte 400 000 € et Vierzon Sologne Berry Agglomération ajoute 150 000 €.",
            150_000,
        ),
    ],
)
def test_a_collectivity_that_grants_an_aid_does_not_own_it(extractor, sentence, value):
    amount = _amount(extractor.extract(_AGGLO_ARTICLE + sentence), value)
    assert (amount.purpose, amount.organization) == ("aid", "Fonderie Berrion")


@pytest.mark.slow
def test_a_collectivity_that_receives_the_aid_owns_it(extractor):
    sentence = (
        "Vierzon Sologne Berry Agglomération a obtenu une subvention de 600 000 € du fonds vert "
        "pour dépolluer l'ancienne friche."
    )
    amount = _amount(extractor.extract(_AGGLO_ARTICLE + sentence), 600_000)
    assert amount.organization == "Vierzon Sologne Berry Agglomération"


@pytest.mark.slow
def test_an_impersonal_il_points_to_no_firm(extractor):
    text = (
        "Decazeville : la Forge Aubin recrute\n\n"
        "La Forge Aubin investit 5 M€ à Decazeville et emploie 80 salariés. "
        "« Aujourd'hui, la filière représente 6 000 emplois et il faut la défendre », plaide un élu."
    )
    record = extractor.extract(text)
    assert _job(record, 80).organization == "Forge Aubin"
    assert _job(record, 6000).organization is None


_SUBSIDIARY = "Sablé : la Biscuiterie Lhoumeau réduit la voilure\n\nLa Biscuiterie Lhoumeau"


@pytest.mark.slow
def test_a_subsidiary_at_100_percent_keeps_its_jobs_and_the_group_its_own(extractor):
    text = (
        _SUBSIDIARY + ", filiale à 100 % du groupe suisse Helvenor, va supprimer 40 postes à "
        "Sablé-sur-Sarthe. Le groupe, présent dans neuf pays, emploie 6 200 personnes."
    )
    record = extractor.extract(text)
    assert _job(record, 40).organization == "Biscuiterie Lhoumeau"
    assert _job(record, 6200).organization == "Helvenor"


@pytest.mark.slow
def test_the_owner_named_as_le_proprietaire_is_not_the_sites_owner_of_its_bill(extractor):
    text = (
        _SUBSIDIARY + " va supprimer 40 postes à Sablé-sur-Sarthe. Le propriétaire, le groupe "
        "suisse Helvenor, justifie sa décision par une facture d'énergie de 3 millions d'euros."
    )
    assert _amount(extractor.extract(text), 3 * M).organization == "Biscuiterie Lhoumeau"


@pytest.mark.slow
def test_the_figures_in_a_parent_groups_brackets_are_the_groups(extractor):
    text = (
        _SUBSIDIARY + ", filiale du groupe Helvenor (6 200 salariés, 900 M€ de chiffre "
        "d'affaires), va supprimer 40 postes à Sablé-sur-Sarthe."
    )
    record = extractor.extract(text)
    assert _amount(record, 900 * M).organization == "Helvenor"
    assert _job(record, 6200).organization == "Helvenor"
    assert _job(record, 40).organization == "Biscuiterie Lhoumeau"


@pytest.mark.slow
def test_the_name_after_an_offer_is_the_buyer_not_the_firm_it_is_for(extractor):
    # "l'offre de X pour Y": X is the buyer, Y the firm taken over
    text = (
        "Textile : le tribunal retient l'offre de Velcourt Industries pour Filvosges\n\n"
        "Le tribunal de commerce d'Épinal a tranché. Le repreneur a mis 2 millions d'euros sur "
        "la table pour les actifs de l'usine d'Épinal."
    )
    assert _amount(extractor.extract(text), 2 * M).organization == "Velcourt Industries"


@pytest.mark.slow
def test_the_buyers_own_headcount_stays_the_buyers(extractor):
    text = (
        "Thiers : la fonderie Alvernia reprise par le groupe Castelmet, 90 emplois sauvés\n\n"
        "La fonderie Alvernia conserve 90 de ses 120 salariés à Thiers. Le repreneur, qui "
        "réalise 200 M€ de chiffre d'affaires, emploie 1 300 personnes en Italie."
    )
    record = extractor.extract(text)
    assert _job(record, 1300).organization == "Castelmet"
    assert _job(record, 120).organization == "Alvernia"  # the jobs of the takeover


@pytest.mark.slow
def test_a_part_in_france_or_abroad_is_at_none_of_the_wholes_places(extractor):
    text = (
        "Quimper : Ardelis agrandit son usine\n\nLa société Ardelis investit 5 M€ à Quimper. "
        "Le fabricant emploie 1 500 salariés, dont 900 en France et 600 à l'étranger."
    )
    record = extractor.extract(text)
    assert _job(record, 900).territory is None
    assert _job(record, 600).territory is None
    assert _amount(record, 5 * M).territory == "Quimper"


_VERRERIE = (
    "Gamaches : la Verrerie Dumont agrandit son atelier\n\n"
    "La Verrerie Dumont investit 2 M€ à Gamaches. "
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence, value, is_job",
    [
        (
            "Gamaches fait partie du Territoire d'industrie Vallée de la Bresle, où la filière "
            "du verre pèse 9 000 emplois.",
            9000,
            True,
        ),
        (
            "Le territoire d'industrie Vallée de la Bresle a, lui, mobilisé 6 millions d'euros "
            "d'aides publiques depuis 2020, dont une part pour Gamaches.",
            6 * M,
            False,
        ),
    ],
)
def test_a_territory_the_sentence_names_as_such_is_the_figures(extractor, sentence, value, is_job):
    record = extractor.extract(_VERRERIE + sentence)
    figure = _job(record, value) if is_job else _amount(record, value)
    assert figure.territory == "Vallée de la Bresle"
    assert _amount(record, 2 * M).territory == "Gamaches"


@pytest.mark.slow
def test_il_after_the_buyer_is_the_buyer(extractor):
    text = (
        "Vierzon : la fonderie Berrion reprise par le groupe Castelmet\n\n"
        "La fonderie Berrion, installée à Vierzon, était en redressement judiciaire depuis "
        "mars. Le tribunal de commerce de Bourges a validé l'offre de Castelmet.\n\n"
        "Le repreneur conserve 80 des 110 salariés. Il a mis 1,5 million d'euros sur la table "
        "pour les actifs."
    )
    assert _amount(extractor.extract(text), 1.5 * M).organization == "Castelmet"


@pytest.mark.slow
def test_au_total_sums_the_firms_own_figures(extractor):
    text = (
        "Tournon : Vivacar s'agrandit\n\n"
        "La société Vivacar construit un second atelier à Tournon-sur-Rhône. "
        "L'entreprise, 150 salariés, y consacrera au total 6 M€ et prévoit une dizaine de "
        "recrutements. Dans la vallée, les industriels cumulent 40 M€ d'investissements."
    )
    record = extractor.extract(text)
    assert _amount(record, 6 * M).organization == "Vivacar"
    assert _job(record, 10).organization == "Vivacar"
    assert _amount(record, 40 * M).organization is None  # a sector's sum


@pytest.mark.slow
def test_a_paragraph_opening_on_a_commune_places_its_figures(extractor):
    text = (
        "Vallée de l'Orne : deux usines, deux trajectoires\n\n"
        "Le groupe Ferrandel, basé à Caen, annonce des projets pour ses deux usines normandes. "
        "Il emploie au total 900 personnes.\n\n"
        "À Argentan, le fabricant de ressorts Ferrandel modernise ses presses. Le chantier "
        "coûtera 4 M€ et la Région apportera 500 000 euros.\n\n"
        "À Flers, Ferrandel ferme en revanche une ligne de découpe. Ferrandel supprimera "
        "35 postes d'ici l'été."
    )
    record = extractor.extract(text)
    assert _amount(record, 4 * M).territory == "Argentan"
    assert _job(record, 35).territory == "Flers"


@pytest.mark.slow
def test_a_dateline_commune_wins_over_an_area_leading_the_title(extractor):
    text = (
        "Grésivaudan : la fonderie Alpicast investit malgré la crise\n\n"
        "Publié le 12 mars 2025 - Par Jeanne Morel\n"
        "Pontcharra\n\n"
        "La fonderie Alpicast engage 6 M€ dans un nouveau four. Elle compte embaucher "
        "25 personnes d'ici deux ans, a indiqué son directeur."
    )
    record = extractor.extract(text)
    assert _amount(record, 6 * M).territory == "Pontcharra"
    assert _job(record, 25).territory == "Pontcharra"


@pytest.mark.slow
def test_a_pipe_table_row_takes_the_commune_of_its_row(extractor):
    text = (
        "Aides aux entreprises de Vierzon et de Saint-Amand-Montrond\n\n"
        "La commission attribue les aides suivantes à deux PME du Cher. La Fonderie "
        "Berrion, installée à Vierzon, reçoit la plus grosse part. La Fonderie Berrion "
        "double ses capacités.\n\n"
        "Bénéficiaire         | Commune (dépt)  | Objet                 | Montant\n"
        "Fonderie Berrion SAS | Vierzon (18)    | Four à induction      | 240 000 €\n"
        "Mécadis SAS          | Saint-Amand-Montrond (18) | Centre d'usinage | 90 000 €\n"
    )
    record = extractor.extract(text)
    assert _amount(record, 240_000).territory == "Vierzon"
    assert _amount(record, 90_000).territory == "Saint-Amand-Montrond"


@pytest.mark.slow
def test_a_record_block_gives_its_place_to_its_field_lines(extractor):
    text = (
        "Fonds régional d'investissement : deux dossiers retenus\n\n"
        "La commission permanente a examiné les dossiers du Cher.\n\n"
        "Bénéficiaire : Mécadis – Vierzon (Cher)\n"
        "Aide accordée : subvention de 180 000 €\n\n"
        "Bénéficiaire : Tôlerie Sancerroise – Saint-Amand-Montrond (Cher).\n"
        "Projet : achat d'une nouvelle presse plieuse pour l'atelier de découpe.\n"
        "Aide accordée : avance remboursable de 75 000 €.\n"
    )
    record = extractor.extract(text)
    assert _amount(record, 180_000).territory == "Vierzon"
    assert _amount(record, 75_000).territory == "Saint-Amand-Montrond"
    # the block's own place decides, not a fallback on the document's defaults
    cues = {s.text: s._.link_territory_cue for s in extractor.nlp(text).spans["amounts"]}
    assert cues["75 000 €"] == "Saint-Amand-Montrond"


@pytest.mark.slow
def test_a_title_commune_of_the_plant_wins_over_the_leading_city(extractor):
    text = (
        "Rouen : le groupe Norvalis confirme son usine de recyclage à Grand-Couronne\n\n"
        "Le groupe Norvalis a officialisé mardi son projet. Le chantier coûtera 80 M€ et "
        "Norvalis prévoit d'employer 150 personnes d'ici 2028."
    )
    record = extractor.extract(text)
    assert _amount(record, 80 * M).territory == "Grand-Couronne"
    assert _job(record, 150).territory == "Grand-Couronne"


@pytest.mark.slow
def test_a_name_opening_the_next_clause_does_not_own_the_figure(extractor):
    text = (
        "Saint-Lô : la Biscuiterie Normande agrandit son atelier\n\n"
        "La Biscuiterie Normande investit 3 M€ dans une ligne de cuisson. La Région Normandie "
        "lui a accordé une subvention de 250 000 euros et la communauté d'agglomération "
        "Saint-Lô Agglo a pris en charge la voirie."
    )
    assert _amount(extractor.extract(text), 250_000).organization == "Biscuiterie Normande"


@pytest.mark.slow
def test_y_after_the_figure_wins_over_the_firms_seat(extractor):
    # "y" right after the figure's noun points to the new site of the sentence before, not
    # to the commune the firm is based in
    text = (
        "Perros-Guirec : Optimer s'agrandit\n\n"
        "La société Optimer, installée à Perros-Guirec, va bâtir un second atelier à Lannion. "
        "Quinze postes y seront créés d'ici 2026."
    )
    job = _job(extractor.extract(text), 15)
    assert (job.organization, job.territory) == ("Optimer", "Lannion")


@pytest.mark.slow
def test_y_skips_the_seat_a_relative_clause_names(extractor):
    # "qui emploie ... dans son atelier de Landerneau" is an aside on where the firm already
    # is; "y" is the paragraph's site, Brest
    text = (
        "Finistère : la chaudronnerie se rapproche du port\n\n"
        "À Brest, le chaudronnier Armortôle reprend un hangar du port de commerce. "
        "La PME, qui emploie 40 salariés dans son atelier de Landerneau, veut ouvrir une "
        "antenne près de ses clients. Elle y consacrera 900 000 euros."
    )
    amount = _amount(extractor.extract(text), 900_000)
    assert amount.territory == "Brest"


@pytest.mark.slow
def test_a_paragraph_set_in_a_commune_by_its_first_sentence(extractor):
    # "Le climat est plus morose à Thyez." sets the scene of its paragraph: the firm's figures
    # there are at Thyez, not at the article's first site
    text = (
        "Haute-Savoie : les décolleteurs investissent\n\n"
        "La société Usitech, installée à Cluses, a doublé son atelier l'an dernier.\n\n"
        "Le climat est plus morose à Thyez. La société Usitech a reporté le projet de son "
        "second atelier, 12 millions d'euros."
    )
    amount = _amount(extractor.extract(text), 12 * M)
    assert (amount.organization, amount.territory) == ("Usitech", "Thyez")


@pytest.mark.slow
def test_a_paragraph_opener_after_a_short_lead(extractor):
    text = (
        "Haute-Savoie : les décolleteurs investissent\n\n"
        "La société Usitech, installée à Cluses, a doublé son atelier l'an dernier.\n\n"
        "Quelques kilomètres plus loin, à Thyez, l'ambiance est moins gaie. La société Usitech "
        "a reporté le projet de son second atelier, 12 millions d'euros."
    )
    amount = _amount(extractor.extract(text), 12 * M)
    assert (amount.organization, amount.territory) == ("Usitech", "Thyez")


@pytest.mark.slow
def test_a_workforce_adjective_of_origin_places_the_jobs(extractor):
    # "les 120 salariés vierzonnais" are at Vierzon though the firm moves to Bourges
    text = (
        "Berry : Pompex déménage\n\n"
        "Le fabricant Pompex quitte Vierzon et s'installe à Bourges, où il investit 20 millions "
        "d'euros. Sur les 120 salariés vierzonnais, la moitié suivront."
    )
    job = _job(extractor.extract(text), 120)
    assert job.territory == "Vierzon"


@pytest.mark.slow
def test_a_head_office_does_not_place_a_firms_purchase(extractor):
    # "dont le siège est à Lyon" says where the buyer is registered: the purchase is at the
    # target's site
    text = (
        "Ain : la fonderie Bugeyte change de mains\n\n"
        "Le groupe Veyrand, dont le siège est à Lyon, a déboursé 9 millions d'euros pour "
        "mettre la main sur le mouleur d'Arbent."
    )
    amount = _amount(extractor.extract(text), 9 * M)
    assert amount.territory == "Arbent"


# -- whose: the plant, the parent, the buyer, the territory's own count ---------------------------


@pytest.mark.slow
def test_the_plant_is_the_firm_named_last_in_its_paragraph(extractor):
    # "le site", "l'usine" of the paragraph's second firm are that firm's, not the article's
    text = (
        "Vannes : Bretalim et Morbitech grandissent\n\n"
        "Bretalim agrandit son usine de Vannes. Bretalim investit 4 millions d'euros.\n\n"
        "Plus loin, Morbitech modernise son atelier de Theix. Vingt emplois seront créés sur le "
        "site, qui en compte déjà 80."
    )
    record = extractor.extract(text)
    assert _job(record, 20).organization == "Morbitech"
    assert _job(record, 80).organization == "Morbitech"


@pytest.mark.slow
def test_a_speakers_nous_stays_the_articles_firm(extractor):
    text = (
        "Vannes : Bretalim grandit\n\n"
        "Bretalim agrandit son usine de Vannes. Bretalim investit 4 millions d'euros. "
        "Son client Morbitech suit. « Nous allons recruter 25 personnes », dit sa directrice."
    )
    assert _job(extractor.extract(text), 25).organization == "Bretalim"


@pytest.mark.slow
def test_the_parent_companys_staff_is_the_parents(extractor):
    text = (
        "Tarbes : Pyrénia Chimie construit une unité\n\n"
        "Pyrénia Chimie, filiale du groupe suisse Helvachem, investit 20 millions d'euros à "
        "Tarbes. Pyrénia Chimie recrutera 30 personnes. Sa maison mère emploie de son côté "
        "3 100 salariés en Suisse."
    )
    assert _job(extractor.extract(text), 3100).organization == "Helvachem"


@pytest.mark.slow
def test_the_group_that_bought_the_firm_owns_its_price_and_its_staff(extractor):
    text = (
        "Annecy : Savoie Usinage change de mains\n\n"
        "Savoie Usinage (80 salariés) a été reprise par Alpimeca Industries. Le groupe, dont le "
        "siège est à Lyon, a déboursé 7 M€ pour cette acquisition. Il pèse 150 M€ de chiffre "
        "d'affaires et revendique 900 collaborateurs."
    )
    record = extractor.extract(text)
    assert _amount(record, 7 * M).organization == "Alpimeca Industries"
    assert _job(record, 900).organization == "Alpimeca Industries"
    assert _job(record, 80).organization == "Savoie Usinage"


@pytest.mark.slow
def test_a_collectivitys_own_territory_count_has_no_owner(extractor):
    text = (
        "Sélestat : l'emploi industriel tient bon\n\n"
        "La société Ried Plast investit 2 M€ à Sélestat. La Communauté de communes de Sélestat "
        "rappelle que l'industrie représente 6 200 emplois sur son territoire."
    )
    assert _job(extractor.extract(text), 6200).organization is None


@pytest.mark.slow
def test_ordinal_subjects_pick_their_firm_in_the_list_named_before(extractor):
    text = (
        "Lorient : deux chantiers industriels\n\n"
        "Les sociétés Armorvel et Kerplastic agrandissent leurs ateliers de Lorient cette année. "
        "Le premier recrutera 40 personnes, le second 15 techniciens. L'un compte déjà 210 "
        "salariés, l'autre 65 salariés."
    )
    record = extractor.extract(text)
    assert [_job(record, n).organization for n in (40, 15, 210, 65)] == [
        "Armorvel",
        "Kerplastic",
        "Armorvel",
        "Kerplastic",
    ]


@pytest.mark.slow
def test_a_body_that_counts_a_total_does_not_own_it(extractor):
    text = (
        "Brest : la navale recrute\n\n"
        "La société Iroise Marine investit 3 M€ à Brest. Brest Métropole estime à 9 000 le "
        "nombre d'emplois liés à la navale et aux énergies marines."
    )
    assert _job(extractor.extract(text), 9000).organization is None
    text = (
        "Lorient : la zone de Kerpont attire\n\n"
        "La société Iroise Marine investit 3 M€ à Lanester. Lorient Agglomération chiffre à "
        "30 M€ le montant des investissements annoncés sur la zone depuis deux ans."
    )
    assert _amount(extractor.extract(text), 30 * M).organization is None


@pytest.mark.slow
def test_a_sector_word_in_the_subjects_relative_clause_leaves_it_the_owner(extractor):
    text = (
        "Saint-Omer : la zone se modernise\n\n"
        "La Communauté d'agglomération du Pays de Saint-Omer, qui porte le Territoire "
        "d'industrie, a engagé un programme de 6 M€ pour requalifier la zone."
    )
    amount = _amount(extractor.extract(text), 6 * M)
    assert amount.organization == "Communauté d'agglomération du Pays de Saint-Omer"


@pytest.mark.slow
def test_the_staff_of_a_parent_the_text_does_not_name_has_no_owner(extractor):
    text = (
        "Cherbourg : Cotentin Pales recrute\n\n"
        "Cotentin Pales fabrique des pales d'éoliennes à Cherbourg-en-Cotentin. L'usine, "
        "filiale d'un groupe norvégien, prévoit 90 recrutements. Le groupe, lui, emploie "
        "3 000 personnes en Norvège."
    )
    record = extractor.extract(text)
    assert _job(record, 90).organization == "Cotentin Pales"
    assert _job(record, 3000).organization is None


@pytest.mark.slow
def test_an_aids_lui_points_to_the_collectivity_subject_of_the_sentence_before(extractor):
    text = (
        "Vierzon : la friche Bruneau renaît\n\n"
        "La communauté de communes Vierzon Sologne Berry a acquis la friche Bruneau. "
        "La Banque des Territoires lui accorde un prêt de 900 000 € sur vingt ans."
    )
    amount = _amount(extractor.extract(text), 900_000)
    assert amount.organization == "communauté de communes Vierzon Sologne Berry"
    # a firm named since is the nearer antecedent
    text = (
        "Vierzon : la zone s'étend\n\n"
        "La communauté de communes Vierzon Sologne Berry a étendu la zone de la Loue. "
        "La PME Berrinox y investit 2 M€ ; la Région lui a accordé 300 000 €."
    )
    assert _amount(extractor.extract(text), 300_000).organization == "Berrinox"


@pytest.mark.slow
def test_ce_dernier_points_to_the_group_named_last(extractor):
    text = (
        "Vierzon : Berrytech déménage\n\n"
        "Berrytech quitte Vierzon pour Bourges. Berrytech appartient depuis 2018 au groupe "
        "Maltrem. Ce dernier, qui pèse 300 M€ de ventes, emploie aussi 250 salariés en Tunisie."
    )
    record = extractor.extract(text)
    assert _amount(record, 300 * M).organization == "Maltrem"
    assert _job(record, 250).organization == "Maltrem"


@pytest.mark.slow
def test_a_norm_is_no_owner(extractor):
    text = (
        "Molsheim : Alsaclean investit\n\n"
        "Alsaclean fabrique des dispositifs médicaux à Molsheim. Le fabricant investit "
        "5 millions d'euros dans une salle blanche certifiée ISO 7."
    )
    assert _amount(extractor.extract(text), 5 * M).organization == "Alsaclean"


@pytest.mark.slow
def test_a_sector_word_in_a_relative_clause_of_an_anaphor_leaves_the_firm_the_owner(extractor):
    text = (
        "Lorient : Armorvel accélère\n\n"
        "Armorvel fabrique des coques de navires à Lorient. Armorvel recrute. Le constructeur, "
        "qui fait travailler 400 personnes chez ses sous-traitants, a réalisé 90 M€ de chiffre "
        "d'affaires l'an passé."
    )
    assert _amount(extractor.extract(text), 90 * M).organization == "Armorvel"


@pytest.mark.slow
def test_a_collectivity_named_by_its_kind_owns_the_aid_it_receives(extractor):
    text = (
        "Castelnaudary : le parc d'activités renaturé\n\n"
        "Castelnaudary Lauragais Audois Communauté aménage le parc d'activités de la Gare. "
        "La communauté de communes vient de recevoir 450 000 euros du fonds vert pour "
        "renaturer le parc."
    )
    amount = _amount(extractor.extract(text), 450_000)
    assert amount.organization == "Castelnaudary Lauragais Audois Communauté"


def test_a_jobs_column_belongs_to_the_firm_and_the_commune_of_its_row(extractor):
    text = (
        "Le préfet du Tarn a présenté vendredi les lauréats du département.\n\n"
        "Bénéficiaire         | Commune         | Invest. | Aide   | Emplois\n"
        "                     |                 | (M€)    | (k€)   | créés\n"
        "---------------------+-----------------+---------+--------+--------\n"
        "Laiterie Vabraise    | Graulhet        | 2,5     | 90     | 4\n"
        "TOTAL                |                 | 2,5     | 90     | 4\n"
    )
    record = extractor.extract(text)
    jobs = {(j.count, j.kind, j.organization) for j in record.jobs}
    assert jobs == {(4, "planned", "Laiterie Vabraise"), (4, "planned", None)}
    assert any(j.territory == "Graulhet" for j in record.jobs)
    # each column has its own unit and its own purpose; the jobs column is no money
    amounts = {(a.value_eur, a.purpose, a.organization) for a in record.amounts}
    assert amounts == {
        (2.5 * M, "investment", "Laiterie Vabraise"),
        (90_000, "aid", "Laiterie Vabraise"),
        (2.5 * M, "investment", None),
        (90_000, "aid", None),
    }
