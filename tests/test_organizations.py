"""fr_organizations on spacy.blank("fr"), the NER's ORG/MISC/PER set by hand."""

from __future__ import annotations

import pytest
import spacy
from ner_fixtures import tagged_doc

from extractor.records import fold


@pytest.fixture(scope="module")
def nlp():
    # the rules alone: the statistical candidates are tested in test_org_model.py
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_organizations", config={"model": ""})
    return nlp


def orgs(nlp, text: str, ents: list[tuple[str, str]] = ()) -> set[str]:
    """Folded organization names of ``text``, the NER having tagged ``ents`` (text, label)."""
    doc = nlp.get_pipe("fr_organizations")(tagged_doc(nlp, text, ents))
    return {fold(s.text) for s in doc.spans["organizations"]}


# (id, text, NER entities, expected organizations)
CASES = [
    (
        "fund-after-possessive-instrument",
        "La banque Finaxa apporte 1 M€ via son fonds Croissance Verte Seed.",
        [("Finaxa", "ORG"), ("Croissance Verte Seed", "ORG")],
        {"finaxa"},
    ),
    (
        "agency-after-possessive-is-a-body",
        "La Région intervient via son agence Dévéco à hauteur de 1 M€.",
        [("Dévéco", "ORG")],
        {"deveco"},
    ),
    (
        "assembly-and-role-words-alone",
        "La Présidente du Conseil a signé ; le Conseil communautaire a voté l'aide.",
        [("Présidente", "ORG"), ("Conseil", "ORG"), ("Conseil communautaire", "ORG")],
        set(),
    ),
    (
        "trade-name-ends-before-a-pronoun",
        "Les salariés de Tissages Verdel se sont rassemblés devant l'usine.",
        [],
        {"tissages verdel"},
    ),
    (
        "body-name-goes-on-after-pour",
        "Selon l'Agence de développement pour la Bourgogne, le site recrute.",
        [("Agence de développement pour la Bourgogne", "ORG")],
        {"agence de developpement pour la bourgogne"},
    ),
    (
        "place-and-product-noun-name-a-firm",
        "À Lunel, Cévennes Gélules, spécialiste des compléments, recrute, comme Alpilles Câblage.",
        [],
        {"cevennes gelules", "alpilles cablage"},
    ),
    (
        "common-noun-and-plural-is-no-firm",
        "Les délégations suivent les Jeux Olympiques à la télévision.",
        [],
        set(),
    ),
    (
        "union-named-after-its-kind-words",
        "Le secrétaire de l'union locale Force ouvrière et le syndicat CGT manifestent.",
        [("union locale Force ouvrière", "ORG"), ("syndicat CGT", "ORG")],
        {"force ouvriere", "cgt"},
    ),
    (
        "arrow-headline-word-is-no-body",
        "Lire aussi :\n→ Batteries : la course aux ingénieurs est lancée",
        [("Batteries", "ORG")],
        set(),
    ),
    (
        "quoted-call-for-projects",
        "La Région ouvre l'appel à projets « Cap Décarbonation », doté de 2 M€.",
        [("Cap Décarbonation", "ORG")],
        set(),
    ),
    (
        "quoted-fund-name",
        "Le fonds « Vallée Industrie » soutient Tubalor.",
        [("Vallée Industrie", "ORG"), ("Tubalor", "ORG")],
        {"tubalor"},
    ),
    (
        "european-fund-acronym",
        "Le Feder cofinance la ligne de Tubalor.",
        [("Feder", "ORG"), ("Tubalor", "ORG")],
        {"tubalor"},
    ),
    (
        "gazetteer-case-insensitive",
        "Le prêt est accordé par la banque des territoires.",
        [],
        {"banque des territoires"},
    ),
    ("gazetteer-alias", "BPI France et l'Ademe cofinancent l'étude.", [], {"bpi france", "ademe"}),
    ("gazetteer-acronym-exact-case", "Au total, EDF investit 2 milliards.", [], {"edf"}),
    (
        "ner-org-kept",
        "Le contrat lie Forges de Bologne à son client.",
        [("Forges de Bologne", "ORG")],
        {"forges de bologne"},
    ),
    (
        "ner-org-with-head",
        "L'Agence régionale de développement accompagne le projet.",
        [("Agence régionale de développement", "ORG")],
        {"agence regionale de developpement"},
    ),
    ("cue-societe", "La société Lisi Aerospace agrandit son site.", [], {"lisi aerospace"}),
    ("cue-groupe-misc", "Le groupe Avril rachète la laiterie.", [("Avril", "MISC")], {"avril"}),
    ("cue-not-after-indefinite", "Une entreprise Bretonne s'installe.", [], set()),
    (
        "enumeration-cabinets",
        "Les cabinets Kea Partners, Alcimed et Wavestone ont été retenus.",
        [],
        {"kea partners", "alcimed", "wavestone"},
    ),
    (
        "enumeration-lowercase-suffix",
        "Les cabinets Altaïr, Nova consulting et Delta partners ont rendu leur étude.",
        [],
        {"altair", "nova consulting", "delta partners"},
    ),
    (
        "legal-form-stripped",
        "La cession de Mécanique Gautier SAS est actée.",
        [],
        {"mecanique gautier"},
    ),
    (
        "role-complement-firm",
        "Sandrine Noel, présidente de Plastiform, recrute.",
        [("Sandrine Noel", "PER"), ("Plastiform", "PER")],
        {"plastiform"},
    ),
    (
        "role-complement-collectivity",
        "Léa Morin, vice-présidente de la métropole Rouen Normandie, signe.",
        [],
        {"metropole rouen normandie"},
    ),
    (
        "collectivity-region",
        "La Région Bretagne apporte 3 millions d'euros.",
        [],
        {"region bretagne"},
    ),
    (
        "collectivity-agglo",
        "Saint-Brieuc Armor Agglomération a voté la subvention.",
        [],
        {"saint-brieuc armor agglomeration"},
    ),
    (
        "acronym-definition",
        "Le Conseil économique, social et environnemental régional (CESER) a rendu son avis.",
        [("Conseil économique, social et environnemental régional", "ORG")],
        {"conseil economique, social et environnemental regional", "ceser"},
    ),
    (
        "acronym-and-person-name",
        "La plateforme ATEC Louis Blériot ouvre ses portes.",
        [("Louis Blériot", "PER")],
        {"atec louis bleriot"},
    ),
    (
        "maire-complement-is-place",
        "Paul Roche, maire de Figeac, salue l'accord.",
        [("Paul Roche", "PER"), ("Figeac", "LOC")],
        set(),
    ),
    # distractors
    (
        "programme-territoires-industrie",
        "Le programme Territoires d'industrie est prolongé.",
        [("Territoires d'industrie", "ORG")],
        set(),
    ),
    (
        "programme-france-2030",
        "Le projet est lauréat de France 2030.",
        [("France 2030", "ORG")],
        set(),
    ),
    (
        "plan-france-relance",
        "Le plan France Relance a financé la ligne.",
        [("France Relance", "MISC")],
        set(),
    ),
    (
        "event-forum",
        "Le Forum de l'Industrie se tient à Lyon.",
        [("Forum de l'Industrie", "ORG")],
        set(),
    ),
    ("event-salon", "Le Salon du Bourget ouvre lundi.", [("Salon du Bourget", "ORG")], set()),
    (
        "generic-etat",
        "L'Etat et le Gouvernement soutiennent les Régions.",
        [("Etat", "ORG"), ("Gouvernement", "ORG"), ("Régions", "ORG")],
        set(),
    ),
    (
        "generic-acronyms",
        "Les PME et les ETI de l'EPCI embauchent en CDI.",
        [("PME", "ORG"), ("EPCI", "ORG")],
        set(),
    ),
    (
        "sentence-initial-verb",
        "Recruter reste difficile pour les ateliers.",
        [("Recruter", "ORG")],
        set(),
    ),
    (
        "capitalised-common-word",
        "Le secteur Tourisme pèse moins que le tourisme d'affaires.",
        [("Tourisme", "ORG")],
        set(),
    ),
    ("venue-after-locative", "La réunion s'est tenue au HUB de la ville.", [("HUB", "ORG")], set()),
    ("place-with-article", "Les bateaux accostent à La Ciotat.", [("La Ciotat", "ORG")], set()),
    ("place-region-as-location", "L'usine s'installe en Région Occitanie.", [], set()),
    (
        "lowercase-phrase-misread",
        "Neuf plates-formes de développement ont été ciblées.",
        [("Neuf plates-formes de développement", "ORG")],
        set(),
    ),
    (
        "boilerplate-subscription",
        "Abonnement en ligne à Industrie Hebdo",
        [("Industrie Hebdo", "ORG")],
        set(),
    ),
    ("boilerplate-read-also", "À lire aussi sur USINEMAG", [("USINEMAG", "ORG")], set()),
    ("photo-credit", "Photo ABC : la ligne de production.", [("ABC", "ORG")], set()),
    ("heading-in-capitals", "ÉCONOMIE RÉGIONALE\nLe site emploie 50 personnes.", [], set()),
    # generalisation: names kept whole, inside one sentence, without cue words
    (
        "sentence-boundary-not-crossed",
        "Le budget atteint 2 M€. Vitré Communauté apporte le reste.",
        [],
        {"vitre communaute"},
    ),
    (
        "org-noun-not-run-over-verb",
        "La vice-présidente de Région a indiqué que la Région Bretagne suivra le dossier.",
        [],
        {"region bretagne"},
    ),
    (
        "ner-org-cut-at-determiner",
        "L'État prête 2 M€ et la Région Normandie une avance de 1 M€.",
        [("Région Normandie une", "ORG")],
        {"region normandie"},
    ),
    (
        "ner-head-name-completed",
        "La Région des Pays de la Loire apporte 2 M€.",
        [("Région des Pays", "ORG")],
        {"region des pays de la loire"},
    ),
    (
        "head-name-with-listed-portfolios",
        "Une réunion a eu lieu avec la Direction départementale de l'emploi, du travail et "
        "des solidarités (DDETS) mardi.",
        [("Direction départementale de l'emploi", "ORG")],
        {"direction departementale de l'emploi, du travail et des solidarites", "ddets"},
    ),
    (
        "network-acronym-with-place",
        "Selon la CCI du Morbihan, la filière recrute.",
        [],
        {"cci du morbihan"},
    ),
    ("network-acronym-direct-place", "Le MEDEF Gironde salue l'accord.", [], {"medef gironde"}),
    (
        "unknown-acronym-with-word",
        "Les pièces partent chez ZETRA Defense, à Tulle.",
        [],
        {"zetra defense"},
    ),
    (
        "firm-misread-as-person",
        "Sur le site, Vosges Tôlerie Industrie embauche douze soudeurs.",
        [("Vosges Tôlerie Industrie", "PER")],
        {"vosges tolerie industrie"},
    ),
    (
        "firm-name-grown-left-over-place",
        "Les salariés de Savoie Forge Mécanique (SFM) ont voté.",
        [("Forge Mécanique", "ORG"), ("Savoie", "LOC")],
        {"savoie forge mecanique", "sfm"},
    ),
    (
        "cue-with-qualifier",
        "Le groupe laitier Brunval rachète la fromagerie.",
        [],
        {"brunval"},
    ),
    (
        "cue-word-dropped-from-role-complement",
        "Anne Roy, directrice générale du groupe Ferlin Emballages, recrute.",
        [("Anne Roy", "PER")],
        {"ferlin emballages"},
    ),
    (
        "fund-as-instrument",
        "Bpifrance intervient via le fonds Alpha Amorçage.",
        [("Alpha Amorçage", "ORG")],
        {"bpifrance"},
    ),
    ("fund-as-party", "Le fonds Sora Capital apporte 3 M€.", [], {"sora capital"}),
    (
        "acronym-defined-by-non-body",
        "Le dispositif de soutien à l'export (DSEX) est prolongé. Le DSEX aide les PME.",
        [],
        set(),
    ),
    (
        "institution-tribunal",
        "Le tribunal de commerce de Nanterre a validé l'offre.",
        [],
        {"tribunal de commerce de nanterre"},
    ),
    (
        "institution-ministry-with-portfolios",
        "Le ministère de la Transition écologique et de la Cohésion des territoires finance l'étude.",
        [],
        {"ministere de la transition ecologique et de la cohesion des territoires"},
    ),
    (
        "coordinated-with-known-body",
        "Le programme est mené avec Habitat Tarn et Action Logement.",
        [],
        {"habitat tarn", "action logement"},
    ),
    (
        "collectivity-listed-as-member",
        "Le territoire réunit Vitré Communauté et Fougères Agglomération.",
        [],
        set(),
    ),
    (
        "collectivity-acting",
        "Fougères Agglomération finance la voirie à hauteur de 1 M€.",
        [],
        {"fougeres agglomeration"},
    ),
    (
        "collectivity-suffix-with-kind",
        "Grand Lac Communauté d'agglomération loue le bâtiment.",
        [],
        {"grand lac communaute d'agglomeration"},
    ),
    # publishers and web boilerplate
    (
        "press-title",
        "Selon Le Télégramme, l'usine recrute.",
        [("Télégramme", "ORG")],
        set(),
    ),
    (
        "press-title-in-credit",
        "Le chantier avance.\nPhoto Sud Ouest / archives",
        [("Sud Ouest", "ORG")],
        set(),
    ),
    (
        "republic-motto",
        "Liberté Égalité Fraternité\nLa préfecture communique.",
        [("Liberté Égalité Fraternité", "ORG")],
        set(),
    ),
    (
        "breadcrumb",
        "Accueil › Économie › Loire-Atlantique\nLe chantier avance.",
        [("Accueil › Économie › Loire-Atlantique", "ORG")],
        set(),
    ),
    (
        "press-contact-block",
        "L'usine ouvre.\n\nContact presse\nService communication de la préfecture\n",
        [("Service communication de la préfecture", "ORG")],
        set(),
    ),
    (
        "accented-heading-word",
        "REPORTAGE\nLe site emploie 50 personnes.",
        [("REPORTAGE", "ORG")],
        set(),
    ),
    # firms named by a trade word, schools, lists and appositions
    (
        "trade-word-opens-firm-name",
        "À Nogent, la Coutellerie Marcelin agrandit son atelier.",
        [],
        {"coutellerie marcelin"},
    ),
    ("trade-word-plan-number-not-firm", "Le plan « Verrerie 2030 » est lancé.", [], set()),
    (
        "schools-as-partners",
        "La formation est montée avec le lycée Gustave-Eiffel et l'IUT Centre Loire.",
        [],
        {"lycee gustave-eiffel", "iut centre loire"},
    ),
    ("school-as-venue", "La réunion s'est tenue au lycée Gustave-Eiffel.", [], set()),
    (
        "bullet-firm-as-subject",
        "Projets retenus :\n• Verdol Bois Énergie construira une chaufferie.",
        [],
        {"verdol bois energie"},
    ),
    (
        "kind-apposition",
        "Le reste provient de Vexin Capital, un fonds d'investissement régional.",
        [],
        {"vexin capital"},
    ),
    # headings, credits, table rows
    (
        "caps-word-alone-on-line",
        "ENTRE\nLa Région Occitanie et la société Ferralu.",
        [],
        {"region occitanie", "ferralu"},
    ),
    (
        "caps-heading-label",
        "FICHE PROJET N° 2 – Atelier de soudure\nPorteur : la société Ferralu.",
        [("FICHE PROJET", "ORG")],
        {"ferralu"},
    ),
    (
        "caps-photo-credit",
        "Le chantier de Ferralu à Sedan. | LA GAZETTE ARDENNAISE / PAUL MARTINEZ",
        [("Ferralu", "ORG"), ("MARTINEZ", "ORG")],
        {"ferralu"},
    ),
    (
        "table-row-numbers-not-in-name",
        "Plan de financement : Banque des Territoires 40 % ; Région Normandie 60 %.",
        [],
        {"banque des territoires", "region normandie"},
    ),
    (
        "table-row-amount-not-in-name",
        "Financeurs : Région Normandie 1 050 000 € ; Bpifrance 300 000 €.",
        [],
        {"region normandie", "bpifrance"},
    ),
    ("press-abbreviation", "Le DL vous recommande ces articles.", [("DL", "ORG")], set()),
    (
        "numbered-plan-items-not-orgs",
        "Action 2 — Diagnostic énergie : 120 000 €.\nFiche n° 4 — Friche : 80 000 €.",
        [("Action 2", "ORG"), ("Fiche n° 4", "ORG")],
        set(),
    ),
    (
        "news-outlet-not-org",
        "Abonnez-vous à Cévennes Actu.\nSelon Radio Gier FM, la société Dupuy recrute.",
        [("Cévennes Actu", "ORG"), ("Radio Gier FM", "ORG")],
        {"dupuy"},
    ),
    (
        "bare-network-acronym-is-the-local-one",
        "Le président de la CMA Vosges l'a dit : la CMA ouvrira une antenne.",
        [],
        {"cma vosges"},
    ),
    (
        "trade-fair-acronym-not-an-org",
        "Le salon EUROPLAST ouvre ses portes ; Bpifrance y tient un stand.",
        [],
        {"bpifrance"},
    ),
    (
        "interview-speaker-initials",
        "JLD : Quel est votre plan ?\nNous investissons.\nJLD : Et l'emploi ?\nOui.",
        [],
        set(),
    ),
    (
        "byline-team-not-an-org",
        "Publié le 3 mai 2023 par Équipe Vosges Invest\n\nLa société Plastivo recrute.",
        [("Équipe Vosges Invest", "ORG")],
        {"plastivo"},
    ),
    (
        "lower-case-body-spelling-its-acronym",
        "La délégation régionale de la recherche et de la technologie (DRRT) soutient le projet.",
        [],
        {"delegation regionale de la recherche et de la technologie", "drrt"},
    ),
    (
        "lower-case-plan-with-acronym-not-an-org",
        "Le plan de sauvegarde de l'emploi (PSE) touche 80 salariés.",
        [],
        set(),
    ),
    (
        "apposition-trade-without-article",
        "Dans la Loire, Thermivo, spécialiste des échangeurs, double sa surface.",
        [],
        {"thermivo"},
    ),
    (
        "action-logement-is-an-org",
        "Action Logement finance 40 logements pour les salariés.",
        [("Action Logement", "ORG")],
        {"action logement"},
    ),
    (
        "currency-code-next-to-figure-not-an-org",
        "Le fonds prête EUR 3 millions à la société Ferrolux.",
        [("EUR", "ORG")],
        {"ferrolux"},
    ),
    (
        "model-codes-not-orgs",
        "Le sous-traitant Sotralp usine des pièces pour les avions B787 et A321neo.",
        [("Sotralp", "ORG"), ("B787", "ORG"), ("A321neo", "ORG")],
        {"sotralp"},
    ),
    (
        "event-name-not-an-org",
        "Le ministre a ouvert le sommet Invest Normandie avec Valmeca.",
        [("Invest Normandie", "ORG"), ("Valmeca", "ORG")],
        {"valmeca"},
    ),
    (
        "capitalised-common-noun-after-article",
        "La ministre chargée de l'Artisanat et de la Consommation visite la société Brolac.",
        [("Consommation", "ORG")],
        {"brolac"},
    ),
    (
        "trade-weekly-dateline-not-an-org",
        "Plasturgie Hebdo – 3 octobre 2024\n\nLe groupe Vermat rachète un site.",
        [("Plasturgie Hebdo", "ORG")],
        {"vermat"},
    ),
    (
        "dateline-publisher-not-an-org",
        "Le Courrier du Rail – 12 avril 2023\n\nLe groupe Vermat rachète un site.",
        [("Courrier du Rail", "ORG")],
        {"vermat"},
    ),
    (
        "commission-permanente-not-an-org",
        "La Commission permanente du 2 juin a voté une aide pour la société Brolac.",
        [("Commission permanente du 2 juin", "ORG")],
        {"brolac"},
    ),
    (
        "trade-word-of-the-firm-name-kept",
        "La Tannerie Vautrin recrute. Selon la direction, la tannerie Vautrin double sa surface.",
        [],
        {"tannerie vautrin"},
    ),
    (
        "school-named-by-its-acronym-without-kind-word",
        "Les élèves de l'école ENSM Nantes font leur stage chez Brolac.",
        [],
        {"ensm nantes"},
    ),
    (
        "firm-named-after-a-person-is-known",
        "La dermocosmétique, portée par Pierre Fabre, recrute.",
        [("Pierre Fabre", "PER")],
        {"pierre fabre"},
    ),
    (
        "known-group-with-coined-entity-name",
        "Selon la direction de Renault AutoLab, le site recrute.",
        [],
        {"renault autolab"},
    ),
    (
        "car-model-of-a-maker-not-an-org",
        "La Renault 4 E-Tech sort de l'usine de Sotralp.",
        [("Renault", "ORG"), ("Sotralp", "ORG")],
        {"sotralp"},
    ),
    (
        "heading-word-in-capitals-not-an-org",
        "EN BREF\n\nLe groupe Vermat rachète un site.",
        [("BREF", "ORG")],
        {"vermat"},
    ),
    (
        "loan-product-not-an-org",
        "Le tour de table comprend un Prêt Bpifrance de 2 M€.",
        [("Prêt Bpifrance", "ORG")],
        {"bpifrance"},
    ),
    (
        "signature-pour-not-in-name",
        "Fait à Lyon, le 2 mai 2024.\n\nPour DURALTEC SAS,\nLe Président,\nJean Morel",
        [("Pour DURALTEC SAS", "ORG")],
        {"duraltec"},
    ),
]


@pytest.mark.parametrize("text,ents,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_organizations(nlp, text, ents, expected):
    assert orgs(nlp, text, ents) == expected


def orgs_in_places(nlp, text: str, ents, places) -> set[str]:
    """Like :func:`orgs`, with the territories component's spans ``places`` (text, kind) set by hand."""
    doc = tagged_doc(nlp, text, ents)
    terrs = []
    for name, kind in places:
        start = text.find(name)
        while start >= 0:
            span = doc.char_span(start, start + len(name))
            span._.territory_kind = kind
            terrs.append(span)
            start = text.find(name, start + len(name))
    doc.spans["territories"] = terrs
    doc = nlp.get_pipe("fr_organizations")(doc)
    return {fold(s.text) for s in doc.spans["organizations"]}


# (id, text, NER entities, territory spans, expected organizations)
PLACE_CASES = [
    (
        "territoire-industrie-name-not-org",
        "Vallée Ardennaise Industries fédère 40 entreprises.",
        [],
        [("Vallée Ardennaise Industries", "territoire_industrie")],
        set(),
    ),
    (
        "bare-commune-not-org",
        "Montbard accueillera la nouvelle usine.",
        [("Montbard", "ORG")],
        [("Montbard", "commune")],
        set(),
    ),
    (
        "seat-town-dropped",
        "Les conseillers de France Travail de Montbard orientent les candidats vers Montbard.",
        [],
        [("Montbard", "commune")],
        {"france travail"},
    ),
    (
        "coined-name-seat-dropped",
        "Ferralu de Sedan, installé à Sedan depuis 1990, double ses effectifs.",
        [("Ferralu de Sedan", "ORG")],
        [("Sedan", "commune")],
        {"ferralu"},
    ),
    (
        "collectivity-keeps-its-seat",
        "La Collectivité de Corse finance l'étude en Corse.",
        [("Collectivité de Corse", "ORG")],
        [("Corse", "region")],
        {"collectivite de corse"},
    ),
    (
        "trade-name-keeps-its-place",
        "La Tannerie de Montcalm embauche six apprentis à Montcalm.",
        [],
        [("Montcalm", "commune")],
        {"tannerie de montcalm"},
    ),
    (
        "epci-name-end-from-gazetteer",
        "La communauté de communes Val de Saône - Vingeanne a viabilisé le terrain.",
        [],
        [("communauté de communes Val de Saône - Vingeanne", "epci")],
        {"communaute de communes val de saone - vingeanne"},
    ),
    (
        "epci-name-with-et",
        "La communauté de communes Dore et Forez a voté l'aide.",
        [],
        [("communauté de communes Dore et Forez", "epci")],
        {"communaute de communes dore et forez"},
    ),
    (
        "area-with-article-as-subject-not-body",
        "Le Ségala compte 300 entreprises industrielles.",
        [],
        [("Ségala", "epci")],
        set(),
    ),
    (
        "known-body-despite-place-tag",
        "La Région Bretagne et Bpifrance accompagneront le plan.",
        [],
        [("Bpifrance", "zone")],
        {"region bretagne", "bpifrance"},
    ),
    (
        "bullet-firms-with-place",
        "Lauréats :\n- Ferralu (Sedan) : ligne de découpe.\n"
        "- Ardennes Usinage Précision, à Charleville : robotisation.",
        [],
        [("Sedan", "commune"), ("Charleville", "commune")],
        {"ferralu", "ardennes usinage precision"},
    ),
    (
        "bullet-firm-comma-town",
        "Lauréats :\n- Soudalor Est, Épinal (Vosges) : robot de soudure.\n"
        "- Bois Vosgiens, Saint-Dié : séchoir.",
        [],
        [("Épinal", "commune"), ("Vosges", "departement"), ("Saint-Dié", "commune")],
        {"soudalor est", "bois vosgiens"},
    ),
    (
        "agglomeration-named-by-its-own-name",
        "Avec la communauté d'agglomération Vosges Métropole, le projet avance.",
        [],
        [("communauté d'agglomération Vosges Métropole", "epci")],
        {"vosges metropole"},
    ),
    (
        "article-of-town-kept-in-metropole-name",
        "La Région apporte 1 M€ et Le Havre Métropole une subvention de 300 000 euros.",
        [],
        [("Le Havre", "commune")],
        {"le havre metropole"},
    ),
    (
        "zone-named-again-without-its-cue",
        "Le site s'installe dans la zone du Technoparc. La viabilisation du Technoparc avance.",
        [("Technoparc", "ORG")],
        [("zone du Technoparc", "zone")],
        set(),
    ),
    (
        "common-noun-firm-keeps-its-area",
        "La coopérative rachète les Flacons de Bréval, qui emploient 40 salariés à Bréval.",
        [("Flacons de Bréval", "ORG")],
        [("Bréval", "commune")],
        {"flacons de breval"},
    ),
    (
        "place-dateline-in-capitals",
        "MARVILLE — La société Tubalor investit 2 M€ à Marville.",
        [("MARVILLE", "ORG")],
        [("Marville", "commune")],
        {"tubalor"},
    ),
    (
        "deliberation-verb-after-bullet",
        "Le conseil :\n– AUTORISE le président à signer la convention avec Tubalor.",
        [("AUTORISE", "ORG"), ("Tubalor", "ORG")],
        [],
        {"tubalor"},
    ),
    (
        "epci-name-goes-on-after-communaute",
        "La présidente de Lirac Communauté Val Dorée a signé la convention.",
        [],
        [("Lirac Communauté Val Dorée", "epci")],
        {"lirac communaute val doree"},
    ),
    (
        "territory-namesake-as-role-complement",
        "Jean Roux, vice-président du Grand Épinal, salue le projet.",
        [("Jean Roux", "PER")],
        [("Grand Épinal", "territoire_industrie")],
        {"grand epinal"},
    ),
]


@pytest.mark.parametrize(
    "text,ents,places,expected", [c[1:] for c in PLACE_CASES], ids=[c[0] for c in PLACE_CASES]
)
def test_organizations_with_places(nlp, text, ents, places, expected):
    assert orgs_in_places(nlp, text, ents, places) == expected


def test_works_without_territories_key(nlp):
    doc = nlp("Le groupe Michelin investit.")
    assert "territories" not in doc.spans
    assert [s.text for s in doc.spans["organizations"]] == ["Michelin"]


def test_empty_doc(nlp):
    assert list(nlp("").spans["organizations"]) == []


@pytest.mark.slow
def test_full_pipeline_organizations(extractor):
    doc = extractor.nlp(
        "La société Verkor et l'entreprise Ecoplast SAS ont signé un accord avec la Région "
        "Hauts-de-France, dans le cadre de France 2030. Le Salon de l'industrie aura lieu au "
        "Parc des expositions. L'Etat et le Gouvernement soutiennent la démarche."
    )
    names = {fold(s.text) for s in doc.spans["organizations"]}
    assert names == {"verkor", "ecoplast", "region hauts-de-france"}


def test_a_deliberations_verb_in_capitals_is_no_acronym(nlp):
    text = (
        "Le conseil communautaire, après en avoir délibéré,\n"
        "ATTRIBUE à la SAS Conserverie Malouine une subvention de 60 000 €.\n"
        "AUTORISE le président à signer la convention.\n"
        "DÉCIDE d'inscrire les crédits au budget."
    )
    found = orgs(nlp, text)
    assert not {"attribue", "autorise", "decide"} & found


@pytest.mark.parametrize(
    "text,ents,places",
    [
        (
            "DOMFRONT. La société Tubalor agrandit son atelier de Domfront.",
            [("DOMFRONT", "ORG"), ("Tubalor", "ORG")],
            [("Domfront", "commune")],
        ),
        (
            "BRIOUZE, 3 avril – La société Tubalor agrandit son atelier de Briouze.",
            [("BRIOUZE", "ORG"), ("Tubalor", "ORG")],
            [("Briouze", "commune")],
        ),
        (
            "L'ISLE. La société Tubalor agrandit son atelier de L'Isle.",
            [("ISLE", "ORG"), ("Tubalor", "ORG")],
            [("L'Isle", "commune")],
        ),
    ],
)
def test_a_dateline_before_a_full_stop_or_a_comma_is_no_body(nlp, text, ents, places):
    assert orgs_in_places(nlp, text, ents, places) == {"tubalor"}


def test_a_name_after_regime_is_an_aid_scheme(nlp):
    text = (
        "La Région a engagé 9 M€ au titre du régime PASS Investissement, "
        "et la société Armorplast en a bénéficié."
    )
    found = orgs(nlp, text, [("PASS Investissement", "ORG"), ("Armorplast", "ORG")])
    assert found == {"armorplast"}


def test_a_programme_word_ending_a_line_still_names_a_scheme(nlp):
    text = (
        "La Région a engagé 9 M€ au titre du dispositif\n"
        "PASS Investissement. La société Armorplast en a bénéficié."
    )
    found = orgs(nlp, text, [("PASS Investissement", "ORG"), ("Armorplast", "ORG")])
    assert found == {"armorplast"}


def test_a_word_of_the_press_title_heading_the_article_is_no_body(nlp):
    text = "L'Est Éclair\n\nLa société Tubalor agrandit son atelier de Romilly."
    found = orgs(nlp, text, [("Éclair", "ORG"), ("Tubalor", "ORG")])
    assert found == {"tubalor"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("La Bonneterie Garnier emploie 80 salariés à Troyes.", "bonneterie garnier"),
        ("La Mégisserie du Lot recrute douze ouvriers.", "megisserie du lot"),
        ("La Tonnellerie Rivaud investit 2 M€ à Cognac.", "tonnellerie rivaud"),
    ],
)
def test_a_trade_word_opens_a_firms_name(nlp, text, expected):
    assert expected in orgs(nlp, text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Les Flacons de Sologne emploient 60 salariés à Salbris.", "flacons de sologne"),
        ("Les Caoutchoucs du Morvan investissent 3 M€.", "caoutchoucs du morvan"),
    ],
)
def test_a_product_plural_opens_a_firms_name(nlp, text, expected):
    assert expected in orgs(nlp, text)


def test_the_first_cell_of_a_beneficiaries_table_names_a_firm(nlp):
    text = (
        "La commission a retenu quatre dossiers.\n\n"
        "Bénéficiaire          Commune           Aide\n"
        "Quercy Bardage        Cahors            120 000 €\n"
        "Lozère Granulats      Mende             85 000 €\n"
        "Sous-total Lot                          205 000 €\n"
    )
    found = orgs(nlp, text)
    assert {"quercy bardage", "lozere granulats"} <= found and "sous-total lot" not in found


def test_a_table_with_bars_is_read_though_it_looks_like_a_menu(nlp):
    text = (
        "Entreprise        | Commune      | Aide (k€) | Emplois\n"
        "------------------+--------------+-----------+--------\n"
        "Cévennes Ressorts | Alès         | 210       | 12\n"
        "Gardon Verre      | Anduze       | 95        | 4\n"
    )
    assert {"cevennes ressorts", "gardon verre"} <= orgs(nlp, text)


def test_a_name_running_over_two_rows_of_a_table_is_left_to_other_cues(nlp):
    text = (
        "Bénéficiaire          Commune           Aide\n"
        "Soulié Frères         Millau            60 000 €\n"
        "et Fils               \n"
        "Causses Inox          Rodez             40 000 €\n"
    )
    found = orgs(nlp, text)
    assert "causses inox" in found and "soulie freres" not in found


def test_a_capitalised_maison_opens_the_firms_name(nlp):
    found = orgs(nlp, "Vingt postes seront supprimés chez Maison Vernhes à Millau.")
    assert "maison vernhes" in found and "vernhes" not in found
    assert "vernhes" in orgs(nlp, "La maison Vernhes recrute.")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("La CA de Vesoul a versé 50 000 € à la PME.", "ca de vesoul"),
        ("La CC du Lodévois pilote le dossier.", "cc du lodevois"),
    ],
)
def test_an_intercommunality_named_by_its_abbreviation(nlp, text, expected):
    assert expected in orgs(nlp, text)


def test_a_turnover_abbreviation_is_no_intercommunality(nlp):
    assert not any(o.startswith("ca ") for o in orgs(nlp, "Le CA de Millau Cuirs a doublé."))


def test_a_perimeter_lists_its_intercommunalities(nlp):
    text = "Périmètre : CC du Lodévois, CC du Clermontais.\nLa CC du Lodévois pilote."
    assert orgs(nlp, text) == {"cc du lodevois"}


def test_a_known_body_the_ner_runs_on_over_a_verb_ends_with_its_name(nlp):
    text = "Le Conseil européen de l'innovation complète le tour de table."
    found = orgs(nlp, text, [("Conseil européen de l'innovation complète", "ORG")])
    assert found == {"conseil europeen de l'innovation"}


def test_the_prefectures_press_office_is_no_party(nlp):
    text = "Contact presse : Bureau de la communication interministérielle – 04 00 00 00 00"
    found = orgs(nlp, text, [("Bureau de la communication interministérielle", "ORG")])
    assert found == set()


@pytest.mark.parametrize(
    "text,ents,expected",
    [
        (
            "Les commandes affluent. Quercy Ressorts, qui usine des pièces pour l'automobile, "
            "recrute.",
            [("Quercy Ressorts", "PER")],
            "quercy ressorts",
        ),
        (
            "À Figeac, Lotoise d'Isolation, spécialiste des cabines, investit 2 M€.",
            [("Lotoise d'Isolation", "PER")],
            "lotoise d'isolation",
        ),
    ],
)
def test_a_place_and_a_trade_noun_before_a_relative_clause_name_a_firm(nlp, text, ents, expected):
    assert expected in orgs(nlp, text, ents)


def test_a_given_name_and_a_surname_before_a_relative_clause_are_a_person(nlp):
    text = "Depuis mars, Pierre Rosier, qui dirige l'usine, prépare la reprise."
    assert orgs(nlp, text, [("Pierre Rosier", "PER")]) == set()


def test_a_standards_code_before_a_number_is_no_body(nlp):
    text = "Vitrac Médical équipe une salle blanche ISO 8 à Aurillac."
    assert "iso" not in orgs(nlp, text, [("Vitrac Médical", "ORG"), ("ISO", "ORG")])


def test_a_compass_point_and_a_place_in_one_word_are_an_area(nlp):
    text = "Trente entreprises du Sud-Cantal recrutent."
    assert orgs(nlp, text, [("Sud-Cantal", "ORG")]) == set()


def test_capitalised_words_after_the_industry_word_go_on_naming_the_firm(nlp):
    found = orgs(nlp, "À Figeac, Quercy Plastiques Techniques investit 2 M€.")
    assert "quercy plastiques techniques" in found and "quercy plastiques" not in found


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Le groupe a signé le rachat de Décolletage Mouret, à Cluses.", "decolletage mouret"),
        ("Le rachat de Quincaillerie Vidal, à Rodez, est conclu.", "quincaillerie vidal"),
    ],
)
def test_more_trade_words_open_a_firms_name(nlp, text, expected):
    assert expected in orgs(nlp, text)


@pytest.mark.parametrize(
    "text,expected,dropped",
    [
        (
            "Le président de l'association Rodez Cuir plaide pour la filière.",
            "rodez cuir",
            "association rodez cuir",
        ),
        (
            "L'offre vient du patron du groupe de distribution Causses Frais.",
            "causses frais",
            "groupe de distribution causses frais",
        ),
    ],
)
def test_lower_case_kind_words_before_a_name_are_no_part_of_it(nlp, text, expected, dropped):
    found = orgs(nlp, text)
    assert expected in found and dropped not in found


def test_a_metropolitan_pole_is_a_collectivity(nlp):
    text = "L'animation est portée par le Pôle métropolitain Loire Albigeois jusqu'en 2027."
    assert "pole metropolitain loire albigeois" in orgs(nlp, text, [("Pôle", "LOC")])


def test_a_total_opening_a_line_sums_a_table(nlp):
    text = "Entretien du site Total de Carling.\nTotal                    4 500 000 €\n"
    doc = nlp.get_pipe("fr_organizations")(nlp.make_doc(text))
    assert [s.text for s in doc.spans["organizations"]] == ["Total"]
    assert doc.spans["organizations"][0].start == 3


def test_a_bullet_item_opening_on_a_town_and_its_departement_names_the_firm_after_the_dash(
    nlp,
):
    text = (
        "La commission a retenu :\n"
        "• Martin (Aveyron) – Rouergue Céramique : four électrique de 1,2 M€\n"
        "• Figeac Usinage (Figeac) – ligne 5 axes\n"
    )
    found = orgs(nlp, text, [("Martin", "PER"), ("Rouergue Céramique", "PER")])
    assert "rouergue ceramique" in found and "martin" not in found
    assert "figeac usinage" in found


def _caps_runs_per_token(doc):
    """``_caps_runs`` as it read every token before it read line starts on the doc's columns."""
    out, i, n = set(), 0, len(doc)
    while i < n:
        start = i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].text == "|"
        start = start or doc[i - 1].is_space
        if not start or doc[i].is_space:
            i += 1
            continue
        j, words, long = i, 0, False
        while j < n and (
            (doc[j].is_upper and doc[j].is_alpha)
            or doc[j].text in {"/", "°", "N°", "-", "–", "—", "&"}
            or doc[j].like_num
        ):
            if doc[j].is_alpha:
                words += 1
                long = long or len(doc[j].text) >= 5
            if "\n" in doc[j].whitespace_:
                j += 1
                break
            j += 1
        line_end = j >= n or "\n" in doc[j - 1].whitespace_ or doc[j].is_space
        alone = words == 1 and j == i + 1 and line_end and len(doc[i].text) >= 4
        if (words >= 2 and long) or alone:
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


def _speaker_tags_per_token(doc):
    seen: dict[str, int] = {}
    for tok in doc[:-1]:
        line_start = tok.i == 0 or "\n" in doc[tok.i - 1].whitespace_ or doc[tok.i - 1].is_space
        if line_start and tok.is_upper and doc[tok.i + 1].text == ":":
            seen[tok.text] = seen.get(tok.text, 0) + 1
    return frozenset(t for t, n in seen.items() if n >= 2)


LAYOUTS = [
    "",
    "\n",
    "FICHE TECHNIQUE N° 4\nLa société Brivex ouvre un atelier.",
    "LE QUOTIDIEN | PAUL MARTIN\n\nENTRE\nLes deux parties conviennent.",
    "JRD : Et la suite ?\nPL : Nous recrutons.\nJRD : Combien ?\nPL : Vingt.",
    "  ATELIERS RÉUNIS  \n| EXPORT - 2026 |\nTexte courant : ORDRE DU JOUR",
    ": DÉBUT\nA : B\nA : C",
]


def test_line_start_scans_match_the_per_token_scans() -> None:
    """``_caps_runs`` and ``_speaker_tags`` visit only line starts and colons: the same
    labels as the scans over every token they replace."""
    from extractor.components.organizations.component import OrganizationsComponent

    nlp = spacy.blank("fr")
    for text in LAYOUTS:
        doc = nlp(text)
        assert OrganizationsComponent._caps_runs(doc) == _caps_runs_per_token(doc), text
        assert OrganizationsComponent._speaker_tags(doc) == _speaker_tags_per_token(doc), text
    assert _speaker_tags_per_token(nlp(LAYOUTS[4])) == {"JRD", "PL"}
    assert _caps_runs_per_token(nlp(LAYOUTS[2]))
