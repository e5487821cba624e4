"""fr_jobs on spacy.blank("fr"): counts of jobs and workers, their qualifier and kind."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

# (id, sentence, [(count, count_max, qualifier, kind), ...]) in order of appearance.
CASES = [
    # a worker noun whose own verb, later, makes it staff
    (
        "staff-verb-after-adverb",
        "Une trentaine de techniciens ont déjà été recrutés.",
        [(30, None, "environ", "created")],
    ),
    (
        "staff-left-after-noun",
        "En 2019, 90 collègues sont partis.",
        [(90, None, None, "unspecified")],
    ),
    # "entreprises et près de 12 000 emplois" is no size class of firms
    (
        "firms-and-jobs",
        "La vallée compte 500 entreprises et près de 12 000 emplois industriels.",
        [(12000, None, "près de", "existing")],
    ),
    # existing
    (
        "emploie-salaries",
        "L'usine emploie 1 200 salariés sur deux sites.",
        [(1200, None, None, "existing")],
    ),
    (
        "compte-emplois-dot",
        "La filière compte 25.000 emplois en Occitanie.",
        [(25000, None, None, "existing")],
    ),
    (
        "represente",
        "Le secteur représente 4 000 emplois directs.",
        [(4000, None, None, "existing")],
    ),
    (
        "collaborateurs",
        "Le groupe réunit 850 collaborateurs en France.",
        [(850, None, None, "existing")],
    ),
    ("effectif", "Son effectif atteint 640 employés.", [(640, None, None, "existing")]),
    (
        "emploie-personnes",
        "La PME emploie aujourd'hui 75 personnes.",
        [(75, None, None, "existing")],
    ),
    (
        "maintenus",
        "Grâce à la reprise, 230 emplois sont maintenus.",
        [(230, None, None, "existing")],
    ),
    ("sauvegarde", "Le plan permet la sauvegarde de 410 postes.", [(410, None, None, "existing")]),
    ("perennises", "Ce contrat pérennise 90 emplois à Tulle.", [(90, None, None, "existing")]),
    (
        "salaries-default",
        "Les 320 salariés de la fonderie sont en grève.",
        [(320, None, None, "existing")],
    ),
    (
        "nbsp-count",
        "Le site fait travailler 2\u00a0300 ouvriers.",
        [(2300, None, None, "existing")],
    ),
    # created
    ("a-cree", "Depuis 2019, l'entreprise a créé 140 emplois.", [(140, None, None, "created")]),
    (
        "ont-ete-crees",
        "Au total, 60 postes ont été créés cette année.",
        [(60, None, None, "created")],
    ),
    (
        "crees-participle",
        "Les 35 emplois créés l'an passé sont pourvus.",
        [(35, None, None, "created")],
    ),
    ("a-embauche", "La start-up a embauché 18 salariés en un an.", [(18, None, None, "created")]),
    (
        "a-permis-de-creer",
        "L'extension a permis de créer 55 emplois.",
        [(55, None, None, "created")],
    ),
    # planned
    ("a-creer", "Le projet prévoit 250 emplois à créer.", [(250, None, None, "planned")]),
    (
        "permettra",
        "La gigafactory permettra de créer 1 500 emplois.",
        [(1500, None, None, "planned")],
    ),
    ("creation-de", "Le projet prévoit la création de 120 postes.", [(120, None, None, "planned")]),
    ("recruter", "Le groupe va recruter 300 personnes en CDI.", [(300, None, None, "planned")]),
    (
        "recrutements-default",
        "L'industriel annonce 45 recrutements.",
        [(45, None, None, "planned")],
    ),
    (
        "embauches-default",
        "Elle table sur 30 embauches supplémentaires.",
        [(30, None, None, "planned")],
    ),
    ("d-ici", "D'ici 2028, 400 emplois verront le jour.", [(400, None, None, "planned")]),
    (
        "seront-crees",
        "Quelque 200 emplois seront créés à terme.",
        [(200, None, "environ", "planned")],
    ),
    ("etp", "Le centre générera 80 ETP à l'horizon 2027.", [(80, None, None, "planned")]),
    (
        "equivalents-temps-plein",
        "Il faudra recruter 25 équivalents temps plein.",
        [(25, None, None, "planned")],
    ),
    ("cdi", "La société va signer 12 CDI dès l'ouverture.", [(12, None, None, "planned")]),
    # lost
    (
        "suppression",
        "La direction annonce la suppression de 380 postes.",
        [(380, None, None, "lost")],
    ),
    ("supprimes", "Au total, 95 emplois seront supprimés.", [(95, None, None, "lost")]),
    ("menaces", "Près de 700 emplois sont menacés.", [(700, None, "près de", "lost")]),
    ("plan-social", "Un plan social vise 150 salariés du site.", [(150, None, None, "lost")]),
    ("licencies", "Les 64 salariés ont été licenciés.", [(64, None, None, "lost")]),
    # unspecified
    (
        "past-headcount",
        "L'usine comptait 2 000 ouvriers dans les années 1970.",
        [(2000, None, None, "unspecified")],
    ),
    (
        "average",
        "Les lauréats emploient en moyenne 45 salariés.",
        [(45, None, None, "unspecified")],
    ),
    (
        "no-cue",
        "Un millier d'emplois directs sont concernés.",
        [(1000, None, "environ", "unspecified")],
    ),
    # words, qualifiers, ranges
    (
        "words-cents",
        "Trois cents postes seront ouverts l'an prochain.",
        [(300, None, None, "planned")],
    ),
    ("centaine", "Une centaine d'emplois ont été créés.", [(100, None, "environ", "created")]),
    (
        "vingtaine",
        "Une vingtaine de salariés travaillent ici.",
        [(20, None, "environ", "existing")],
    ),
    (
        "plus-d-une-centaine",
        "Plus d'une centaine de salariés sont menacés.",
        [(100, None, "plus de", "lost")],
    ),
    (
        "plus-de",
        "Le groupe emploie plus de 3 000 collaborateurs.",
        [(3000, None, "plus de", "existing")],
    ),
    ("entre-et", "Entre 50 et 80 emplois devraient être créés.", [(50, 80, "entre", "planned")]),
    ("bare-a", "Le projet prévoit 150 à 200 recrutements.", [(150, 200, "entre", "planned")]),
    (
        "change-future",
        "L'effectif passera de 40 à 60 salariés.",
        [(40, None, None, "existing"), (60, None, None, "planned")],
    ),
    (
        "change-past",
        "Les effectifs sont passés de 90 à 140 personnes.",
        [(90, None, None, "unspecified"), (140, None, None, "existing")],
    ),
    (
        "million",
        "L'industrie représente 3,2 millions d'emplois.",
        [(3_200_000, None, None, "existing")],
    ),
    # two counts, two kinds
    (
        "existing-then-planned",
        "Le site, qui emploie 500 salariés, va recruter 60 personnes d'ici 2026.",
        [(500, None, None, "existing"), (60, None, None, "planned")],
    ),
    (
        "lost-and-kept",
        "Le repreneur supprime 120 postes mais maintient 300 emplois.",
        [(120, None, None, "lost"), (300, None, None, "existing")],
    ),
    # nouns that carry their kind
    (
        "suppressions-de-postes",
        "Le plan prévoit 210 suppressions de postes à Vierzon.",
        [(210, None, None, "lost")],
    ),
    ("licenciements-alone", "La direction confirme 48 licenciements.", [(48, None, None, "lost")]),
    ("departs-volontaires", "L'accord prévoit 75 départs volontaires.", [(75, None, None, "lost")]),
    (
        "destructions-qualifier",
        "Quelque 600 destructions d'emplois sont redoutées.",
        [(600, None, "environ", "lost")],
    ),
    (
        "creations-d-emplois",
        "Le projet doit entraîner 90 créations d'emplois.",
        [(90, None, None, "planned")],
    ),
    (
        "licenciements-beside-headcount",
        "Sur les 400 salariés, 62 licenciements sont prévus.",
        [(400, None, None, "existing"), (62, None, None, "lost")],
    ),
    (
        "lost-then-created-nouns",
        "Le PSE prévoit 90 suppressions d'emplois et 25 créations de postes.",
        [(90, None, None, "lost"), (25, None, None, "planned")],
    ),
    # openings
    (
        "offres-d-emploi",
        "Le bassin affiche 2 400 offres d'emploi non pourvues.",
        [(2400, None, None, "planned")],
    ),
    (
        "projets-de-recrutement",
        "Les employeurs déclarent 3 100 projets de recrutement pour 2025.",
        [(3100, None, None, "planned")],
    ),
    ("postes-vacants", "Le site compte 14 postes vacants.", [(14, None, None, "planned")]),
    (
        "recrutements-par-an",
        "Objectif : 50 recrutements par an sur le bassin.",
        [(50, None, None, "planned")],
    ),
    # workers
    (
        "compagnons",
        "Le chantier mobilisera jusqu'à 250 compagnons.",
        [(250, None, "jusqu'à", "planned")],
    ),
    (
        "trade-after-recruit",
        "La société recherche 15 soudeurs.",
        [(15, None, None, "planned")],
    ),
    (
        "coordinated-planned",
        "L'usine recrute 20 opérateurs et 8 caristes.",
        [(20, None, None, "planned"), (8, None, None, "planned")],
    ),
    (
        "coordinated-existing",
        "L'usine emploie 400 salariés et 60 intérimaires.",
        [(400, None, None, "existing"), (60, None, None, "existing")],
    ),
    ("trainees", "L'école forme 150 techniciens par an.", []),
    (
        "founders",
        "Fondée par deux ingénieurs, la start-up emploie 30 salariés.",
        [(30, None, None, "existing")],
    ),
    # counts without their own noun
    (
        "elliptic-en-recruter",
        "Elle a embauché 25 personnes et compte en recruter 15 autres d'ici l'été.",
        [(25, None, None, "created"), (15, None, None, "planned")],
    ),
    (
        "elliptic-avons",
        "Nous avons recruté 32 salariés et nous en embaucherons 10 de plus.",
        [(32, None, None, "created"), (10, None, None, "planned")],
    ),
    ("elliptic-not-a-noun", "Le club a recruté 4 joueurs cet été.", []),
    ("elliptic-not-time", "L'entreprise recrute 7 jours sur 7.", []),
    (
        "partitive",
        "Le repreneur conserve 150 des 220 emplois.",
        [(150, None, None, "existing"), (220, None, None, "unspecified")],
    ),
    # worker nouns made staff by their own verb or by a firm of that size
    (
        "staff-verb-after",
        "Une trentaine de techniciens de maintenance seront recrutés d'ici 2026.",
        [(30, None, "environ", "planned")],
    ),
    (
        "trade-after-search",
        "Le fabricant recherche une trentaine de techniciens pour sa nouvelle ligne.",
        [(30, None, "environ", "planned")],
    ),
    (
        "collegues-perdent",
        "Après la liquidation, 52 collègues perdent leur poste.",
        [(52, None, None, "lost")],
    ),
    (
        "collegues-partent",
        "« Nous restons, mais 23 collègues partent », regrette une déléguée.",
        [(23, None, None, "lost")],
    ),
    (
        "personnes-travaillent",
        "Quelque 250 personnes travaillent sur le site.",
        [(250, None, "environ", "existing")],
    ),
    (
        "firm-of-n-personnes",
        "Cette entreprise familiale de 52 personnes exporte en Asie.",
        [(52, None, None, "existing")],
    ),
    (
        "personnes-needed",
        "La filière devra former les 5 000 personnes dont les entreprises auront besoin.",
        [(5000, None, None, "planned")],
    ),
    ("group-of-people", "Un groupe de 30 personnes a visité l'usine.", []),
    ("personnes-meeting", "Quelque 250 personnes ont assisté à la réunion sur le recrutement.", []),
    # "dont": a part of the count just before, of the same kind
    (
        "dont-elliptic",
        "Le projet créera 150 emplois, dont une soixantaine dès 2026.",
        [(150, None, None, "planned"), (60, None, "environ", "planned")],
    ),
    (
        "dont-en-cdi",
        "L'usine va recruter 80 personnes, dont une vingtaine en CDI.",
        [(80, None, None, "planned"), (20, None, "environ", "planned")],
    ),
    (
        "dont-chain",
        "Le site emploie 450 personnes, dont 120 à Lyon et 30 à Lille.",
        [
            (450, None, None, "existing"),
            (120, None, None, "existing"),
            (30, None, None, "existing"),
        ],
    ),
    (
        "dont-lost",
        "La direction supprime 200 postes, dont 80 à Tours.",
        [(200, None, None, "lost"), (80, None, None, "lost")],
    ),
    (
        "dont-trade-noun",
        "La direction prévoit 90 postes d'ici 2028, dont une vingtaine d'ingénieurs.",
        [(90, None, None, "planned"), (20, None, "environ", "planned")],
    ),
    (
        "en-cdi-after-other-nouns",
        "Sur les 80 postes ouverts, la société cherche des électriciens et des monteurs,"
        " dont une trentaine en CDI.",
        [(80, None, None, "planned"), (30, None, "environ", "planned")],
    ),
    (
        "dont-apprentices",
        "Le groupe emploie 300 salariés, dont 40 apprentis.",
        [(300, None, None, "existing")],
    ),
    (
        "dont-percent",
        "Le groupe emploie 300 salariés, dont 40 % de femmes.",
        [(300, None, None, "existing")],
    ),
    (
        "dont-after-other-noun",
        "L'usine emploie 300 salariés et accueille des apprentis, dont 20 en alternance.",
        [(300, None, None, "existing")],
    ),
    (
        "dont-jobseekers",
        "Le forum a réuni 300 demandeurs d'emploi, dont une soixantaine de jeunes.",
        [],
    ),
    ("dont-students", "Le campus compte 600 étudiants, dont une centaine en alternance.", []),
    # "en emploie": a headcount with no noun
    (
        "en-emploie",
        "Le site comptait 40 salariés en 2015. Il en emploie désormais 210.",
        [(40, None, None, "unspecified"), (210, None, None, "existing")],
    ),
    # firm sizes
    ("singular-firm-size", "Cette ETI de 640 salariés exporte.", [(640, None, None, "existing")]),
    ("size-class-range", "Les entreprises de 50 à 249 salariés sont visées.", []),
    ("size-class-adjective", "Les sociétés industrielles de plus de 500 salariés paient.", []),
    # approximate and vague
    (
        "demi-millier",
        "Un demi-millier d'emplois sont en jeu.",
        [(500, None, "environ", "lost")],
    ),
    (
        "a-terme-directs-indirects",
        "L'usine créera à terme 250 emplois directs et indirects.",
        [(250, None, None, "planned")],
    ),
    # distractors
    ("firms", "Le territoire compte 600 entreprises et 124 communes.", []),
    ("percentage", "L'industrie pèse 10 % des emplois de la région.", []),
    ("generic-emploi", "L'emploi reste la priorité du département.", []),
    ("students", "Le campus accueille 1 800 étudiants et 40 apprentis.", []),
    ("visitors", "Le salon a reçu 12 000 visiteurs.", []),
    ("inhabitants", "La commune compte 35 000 habitants.", []),
    ("personnes-not-staff", "Quelque 250 personnes ont assisté à la réunion.", []),
    ("firm-size", "Les PME de moins de 250 salariés sont éligibles.", []),
    ("charging-stations", "Vingt postes de recharge seront installés.", []),
    ("vague", "Plusieurs centaines d'emplois sont en jeu.", []),
    ("year-then-noun", "En 2023, l'emploi industriel a progressé.", []),
]


# Wordings of unseen press: the noun elided or given earlier, vague counts, past layoffs,
# the kind read from the tense and the horizon, and counts that are not jobs.
ELIDED_AND_KINDS = [
    (
        "nouveaux-after-the-noun",
        "Le projet de Bourges représente 27 emplois nouveaux.",
        [(27, None, None, "planned")],
    ),
    (
        "supplementaires-after-the-noun",
        "La fonderie emploie 80 salariés ; 20 postes supplémentaires verront le jour.",
        [(80, None, None, "existing"), (20, None, None, "planned")],
    ),
    (
        "nouveaux-but-created",
        "L'usine a créé 15 emplois nouveaux l'an dernier.",
        [(15, None, None, "created")],
    ),
    (
        "nouveaux-before-another-noun",
        "Les nouveaux locaux accueillent 120 salariés.",
        [(120, None, None, "existing")],
    ),
    (
        "puis-autres",
        "L'équipementier recrutera 300 personnes en 2025 puis 200 autres en 2026.",
        [(300, None, None, "planned"), (200, None, None, "planned")],
    ),
    (
        "et-autres-lost",
        "Le papetier a supprimé 80 postes en 2022 et 40 autres en 2023.",
        [(80, None, None, "lost"), (40, None, None, "lost")],
    ),
    (
        "autres-own-verb",
        "L'usine emploie 250 salariés et 50 autres seront recrutés d'ici 2026.",
        [(250, None, None, "existing"), (50, None, None, "planned")],
    ),
    (
        "supplementaires",
        "Le site va embaucher 60 opérateurs, puis 40 supplémentaires l'an prochain.",
        [(60, None, None, "planned"), (40, None, None, "planned")],
    ),
    (
        "autres-firms-are-no-jobs",
        "La société a recruté 30 techniciens et 20 autres entreprises du secteur suivent.",
        [(30, None, None, "created")],
    ),
    (
        "contre-past-headcount",
        "Elle emploie une cinquantaine de salariés, contre une trentaine il y a cinq ans.",
        [(50, None, "environ", "existing"), (30, None, "environ", "unspecified")],
    ),
    (
        "compte-dont",
        "L'atelier compte 45 salariés, dont 12 intérimaires.",
        [(45, None, None, "existing"), (12, None, None, "existing")],
    ),
    (
        "compte-dont-elided",
        "La chaudronnerie compte 45 salariés, dont 12 en CDD.",
        [(45, None, None, "existing"), (12, None, None, "existing")],
    ),
    (
        "vingtaine-personnes",
        "La menuiserie emploie une vingtaine de personnes.",
        [(20, None, "environ", "existing")],
    ),
    (
        "soixantaine-ouvriers",
        "La verrerie emploie une soixantaine d'ouvriers.",
        [(60, None, "environ", "existing")],
    ),
    (
        "centaine-emplois",
        "L'extension doit créer une centaine d'emplois.",
        [(100, None, "environ", "planned")],
    ),
    (
        "avait-supprime",
        "Le groupe, qui avait supprimé 80 postes l'an dernier, recrute aujourd'hui 30 personnes.",
        [(80, None, None, "lost"), (30, None, None, "planned")],
    ),
    (
        "avait-licencie",
        "Le sous-traitant avait licencié 45 salariés en 2020.",
        [(45, None, None, "lost")],
    ),
    (
        "emplois-potentiels",
        "La filière hydrogène représente 500 emplois potentiels dans la vallée.",
        [(500, None, None, "planned")],
    ),
    (
        "horizon-year",
        "Le projet représente 300 emplois à horizon 2030.",
        [(300, None, None, "planned")],
    ),
    (
        "l-horizon-year",
        "Le futur campus industriel compte 120 emplois à l'horizon 2028.",
        [(120, None, None, "planned")],
    ),
    (
        "d-ici-year",
        "La gigafactory totalise 1 200 postes d'ici 2027.",
        [(1200, None, None, "planned")],
    ),
    ("cree-present", "L'entreprise crée 40 emplois cette année.", [(40, None, None, "created")]),
    ("creent-present", "Ces investissements créent 150 emplois.", [(150, None, None, "created")]),
    ("a-cree-past", "La start-up a créé 25 postes à Nantes.", [(25, None, None, "created")]),
    ("va-creer", "Le logisticien va créer 70 emplois.", [(70, None, None, "planned")]),
    (
        "maintenus",
        "Grâce au repreneur, 120 emplois sont maintenus à Fumel.",
        [(120, None, None, "existing")],
    ),
    (
        "sauvegardes",
        "Le tribunal a retenu l'offre qui sauvegarde 85 emplois.",
        [(85, None, None, "existing")],
    ),
    (
        "aujourd-hui-headcount",
        "Aujourd'hui, 300 emplois dépendent directement du port.",
        [(300, None, None, "existing")],
    ),
    (
        "ne-plus-que",
        "Le site n'emploie plus que 40 salariés.",
        [(40, None, None, "existing")],
    ),
    # a part after a place complement of the whole ("sur ses trois sites")
    (
        "dont-after-locative",
        "Le groupe emploie 900 salariés dans ses trois usines, dont 350 à Vierzon.",
        [(900, None, None, "existing"), (350, None, None, "existing")],
    ),
    (
        "dont-participle",
        "Le bassin compte 7 000 emplois industriels, dont 2 000 liés à l'aéronautique.",
        [(7000, None, None, "existing"), (2000, None, None, "existing")],
    ),
    (
        "dont-over-wrapped-line",
        "Le bassin compte 7 000 emplois\nindustriels, dont près de 2 000 liés à l'aéronautique.",
        [(7000, None, None, "existing"), (2000, None, "près de", "existing")],
    ),
    # a noun elided through the pronoun "en" ("et en comptera 90")
    (
        "en-pronoun-continuation",
        "L'atelier emploie 40 salariés et en comptera 90 fin 2027.",
        [(40, None, None, "existing"), (90, None, None, "planned")],
    ),
    # a later horizon with no "autres" ("et jusqu'à 200 à terme")
    (
        "continuation-horizon",
        "La plateforme accueillera 120 salariés en 2026, et jusqu'à 200 à terme.",
        [(120, None, None, "planned"), (200, None, "jusqu'à", "planned")],
    ),
    (
        "continuation-no-noun-after",
        "Elle a recruté 25 opérateurs et 3 millions d'euros ont été investis.",
        [(25, None, None, "created")],
    ),
    # a past figure after a place complement ("dans la vallée, contre 12 000 en 1980")
    (
        "contre-after-complement",
        "Le textile emploie 2 000 salariés dans la vallée, contre 12 000 en 1980.",
        [(2000, None, None, "existing"), (12000, None, None, "unspecified")],
    ),
    # trades beyond the common ones, counted as staff after a hiring verb
    (
        "trade-after-hiring-verb",
        "La manufacture embauchera une douzaine de tisserands et huit mécaniciens.",
        [(12, None, "environ", "planned"), (8, None, None, "planned")],
    ),
    ("trade-with-no-staff-cue", "Le salon a réuni 300 menuisiers venus de toute la région.", []),
    ("zero-licenciement", "Le plan ne prévoit zéro licenciement.", []),
    ("firms-and-communes", "L'agglomération regroupe 42 communes et 300 entreprises.", []),
    ("projects-by-smes", "Le programme a financé 45 projets portés par 30 PME.", []),
    ("students-apprentices", "L'école forme 200 étudiants et 30 apprentis par an.", []),
    # the whole a cut is part of ("sur 74", "sur les 420 que compte")
    (
        "whole-after-sur",
        "La fonderie annonce la suppression de 35 postes sur 210.",
        [(35, None, None, "lost"), (210, None, None, "existing")],
    ),
    (
        "whole-que-compte",
        "Le plan supprime 52 emplois sur les 380 que compte la papeterie.",
        [(52, None, None, "lost"), (380, None, None, "existing")],
    ),
    (
        "whole-planned",
        "Le fabricant a déjà recruté 15 personnes, sur les 45 prévus en 2027.",
        [(15, None, None, "created"), (45, None, None, "planned")],
    ),
    ("ratio-not-whole", "Deux salariés sur 10 travaillent de nuit.", [(2, None, None, "existing")]),
    # a part of a whole opened by "sur les"
    (
        "share-after-sur-les",
        "Sur les 96 salariés de la tannerie, 71 conservent leur poste.",
        [(96, None, None, "existing"), (71, None, None, "existing")],
    ),
    # the end of a change whose noun is stated once
    (
        "change-to-today",
        "La filature est passée de 650 salariés en 1980 à 120 aujourd'hui.",
        [(650, None, None, "existing"), (120, None, None, "existing")],
    ),
    # counts listed after a count, their noun left out
    (
        "bracketed-sites",
        "Le groupe compte trois usines : Vesoul (410 salariés), Gray (195) et Lure (160).",
        [
            (410, None, None, "existing"),
            (195, None, None, "existing"),
            (160, None, None, "existing"),
        ],
    ),
    (
        "bracketed-department",
        "Le tanneur recrute 25 salariés à Millau (12) et à Rodez (12).",
        [(25, None, None, "planned")],
    ),
    (
        "placed-sites",
        "La laiterie emploie 220 salariés, 150 à Rodez et 70 à Millau, et veut recruter.",
        [
            (220, None, None, "existing"),
            (150, None, None, "existing"),
            (70, None, None, "existing"),
        ],
    ),
    # a headcount the staff states itself, or that "en" takes up
    (
        "copula-nous-sommes",
        "Le recrutement reste difficile. Nous sommes 230 aujourd'hui sur le site.",
        [(230, None, None, "existing")],
    ),
    (
        "copula-ils-seront",
        "L'atelier compte 40 salariés ; d'ici 2028, ils devraient être 75.",
        [(40, None, None, "existing"), (75, None, None, "planned")],
    ),
    ("copula-no-staff-word", "Nous sommes 300 à avoir signé la pétition.", []),
    (
        "pronoun-en-compte",
        "Le site de Dole emploie 500 salariés. Celui de Lons en compte 180, dit-il.",
        [(500, None, None, "existing"), (180, None, None, "existing")],
    ),
    (
        "pronoun-en-compte-after-employ-verb",
        "La scierie employait 40 personnes en 2001 ; elle en compte aujourd'hui 65, dit-il.",
        [(40, None, None, "unspecified"), (65, None, None, "existing")],
    ),
    (
        "copula-on-etait",
        "L'atelier a perdu ses emplois un à un. « On était encore 180 ici », dit un ouvrier.",
        [(180, None, None, "existing")],
    ),
    ("copula-on-no-staff-word", "Au concert, on était 300 dans la salle.", []),
    (
        "noun-past-a-blank-line",
        "TOTAL 4 500 000\n\nEmplois attendus : une dizaine.",
        [],
    ),
    (
        "noun-on-the-next-wrapped-line",
        "La nouvelle ligne permettra de créer 45\nemplois d'ici 2027.",
        [(45, None, None, "planned")],
    ),
    (
        "listed-in-its-own-plant",
        "Le groupe emploie 900 salariés en Bavière et 210 dans son usine tchèque.",
        [(900, None, None, "existing"), (210, None, None, "existing")],
    ),
    (
        "level-after-transition-verb",
        "L'atelier, qui compte 45 salariés, passera à 70 à l'horizon 2029.",
        [(45, None, None, "existing"), (70, None, None, "planned")],
    ),
    (
        "transition-verb-of-a-price-is-no-count",
        "L'atelier compte 45 salariés et le loyer passera à 70 euros en 2029.",
        [(45, None, None, "existing")],
    ),
    (
        "among-them-after-staff",
        "La fonderie emploie 60 salariés. Une trentaine d'entre eux travaillent de nuit.",
        [(60, None, None, "existing"), (30, None, "environ", "existing")],
    ),
    (
        "among-them-no-staff-word",
        "Le club a 200 adhérents ; une dizaine d'entre eux viendront.",
        [],
    ),
    (
        "share-with-modal",
        "Sur les 40 salariés licenciés, une dizaine devraient être reclassés.",
        [(40, None, None, "lost"), (10, None, "environ", "lost")],
    ),
    # counts in a form or an aid table
    (
        "label-table",
        "Aide : 120 000 €. Emplois : 30 maintenus, 8 créés. Effectif actuel : 52.",
        [(30, None, None, "existing"), (8, None, None, "created"), (52, None, None, "existing")],
    ),
    # staff cues: a possessive, a working verb, "compte", a takeover
    ("possessive-staff", "L'usine et ses 90 techniciens tournent.", [(90, None, None, "existing")]),
    (
        "travaillent-left",
        "En Pologne, où travaillent 75 personnes, le groupe a une usine.",
        [(75, None, None, "existing")],
    ),
    (
        "faisait-travailler-past",
        "La mine faisait travailler 3 000 personnes en 1960.",
        [(3000, None, None, "unspecified")],
    ),
    (
        "compte-personnes",
        "Au Portugal, le groupe compte 640 personnes.",
        [(640, None, None, "existing")],
    ),
    ("reprise-personnes", "L'offre reprenait 45 personnes.", [(45, None, None, "existing")]),
    ("not-staff-crowd", "Le salon a accueilli 3 000 personnes.", []),
    (
        "redemarre-avec",
        "Reprise par un concurrent, la scierie redémarrera avec 38 personnes.",
        [(38, None, None, "existing")],
    ),
    (
        "autres-before-noun",
        "Le plan prévoit 60 licenciements ; les 25 autres salariés conservent leur poste.",
        [(60, None, None, "lost"), (25, None, None, "existing")],
    ),
    # a headcount brought to a level, and "à N le nombre d'emplois"
    (
        "effectif-a",
        "La PME veut porter son effectif à 45 d'ici 2027.",
        [(45, None, None, "planned")],
    ),
    (
        "le-nombre-d-emplois",
        "La chambre de commerce chiffre à 1 300 le nombre d'emplois perdus.",
        [(1300, None, None, "lost")],
    ),
    (
        "bracketed-wrapped-line",
        "Le textile compte 2 100 emplois, devant la\nchimie (900).",
        [(2100, None, None, "existing"), (900, None, None, "existing")],
    ),
    (
        "copula-a-la-fin",
        "Nous avons 50 salariés ; nous serons 80 à la fin de l'année prochaine.",
        [(50, None, None, "existing"), (80, None, None, "planned")],
    ),
    # a modal before "travailler", "attirer", "partis chez" make workers staff
    (
        "modal-travailler",
        "Près de 80 ingénieurs pourraient y travailler à terme.",
        [(80, None, "près de", "planned")],
    ),
    ("attirer", "Le bassin veut attirer 600 soudeurs.", [(600, None, None, "planned")]),
    (
        "partis-chez",
        "L'atelier a vu cinq techniciens partis chez un concurrent.",
        [(5, None, None, "existing")],
    ),
    # new job nouns
    (
        "recrues",
        "L'usine accueillera 25 nouvelles recrues.",
        [(25, None, None, "planned")],
    ),
    (
        "frontaliers",
        "Quelque 8 000 frontaliers sont employés dans le canton.",
        [(8000, None, "environ", "existing")],
    ),
    ("artisans-not-staff", "Le marché réunit 40 artisans.", []),
    # a figure coordinated before a count shares its noun
    (
        "respectivement",
        "Les deux ateliers créeront respectivement 18 et 9 emplois.",
        [(18, None, None, "planned"), (9, None, None, "planned")],
    ),
    # a change in the first person plural, and a level the headcount is to pass
    (
        "passerons-de-a",
        "« Nous passerons de 120 à 150 salariés », promet la directrice.",
        [(120, None, None, "existing"), (150, None, None, "planned")],
    ),
    (
        "depasser-les",
        "La fonderie emploie 210 salariés et veut dépasser les 260 d'ici 2029.",
        [(210, None, None, "existing"), (260, None, None, "planned")],
    ),
    (
        "monterons-a-regime",
        "Nous démarrerons avec 30 salariés, et nous monterons à 55 en régime de croisière.",
        [(30, None, None, "existing"), (55, None, None, "unspecified")],
    ),
    (
        "atteindre-a-share-is-no-count",
        "L'usine emploie 300 salariés et vise à atteindre 40 % du marché d'ici 2027.",
        [(300, None, None, "existing")],
    ),
    # "personnes" made staff by a verb of hiring or employing, or by a job count it is
    # coordinated with
    (
        "mobilise-personnes",
        "La construction du barrage mobilise environ 900 personnes dans la vallée.",
        [(900, None, "environ", "existing")],
    ),
    (
        "trouver-personnes",
        "Trouver 250 personnes qualifiées sera le vrai défi.",
        [(250, None, None, "planned")],
    ),
    (
        "personnes-after-emplois",
        "Le terminal créera 200 emplois directs et près de 600 personnes en phase de travaux.",
        [(200, None, None, "planned"), (600, None, "près de", "planned")],
    ),
    (
        "personnes-qui-vivent-de",
        "Près de 8 000 personnes vivent de la filière bois dans le massif.",
        [(8000, None, "près de", "existing")],
    ),
    # a headcount followed by the hiring of another count: the verb is the next count's
    (
        "headcount-then-hiring-pronoun",
        "La scierie, 140 salariés, en embauchera 25 de plus.",
        [(140, None, None, "existing"), (25, None, None, "planned")],
    ),
    (
        "headcount-then-planned-count",
        "La PME de 48 salariés prévoit 12 recrutements d'ici l'été.",
        [(48, None, None, "existing"), (12, None, None, "planned")],
    ),
    (
        "staff-noun-with-its-own-hiring-verb",
        "Les 35 salariés seront recrutés au printemps.",
        [(35, None, None, "planned")],
    ),
    # verbs that count the jobs of a territory or keep a firm's
    (
        "recense-emplois",
        "Le bassin recense 9 000 emplois industriels.",
        [(9000, None, None, "existing")],
    ),
    (
        "garder-emplois",
        "Cette aide nous permet de garder nos 36 emplois.",
        [(36, None, None, "existing")],
    ),
    (
        "contrats-de-travail",
        "Le repreneur garde 64 des 90 contrats de travail.",
        [(64, None, None, "existing"), (90, None, None, "existing")],
    ),
    (
        "permanents-with-a-staff-verb",
        "La conserverie a embauché 14 permanents cette année.",
        [(14, None, None, "created")],
    ),
    ("permanents-without-staff-cue", "Les 3 permanents du club animent la saison.", []),
    (
        "en-employer",
        "La jeune pousse emploie 30 salariés et compte en employer 70 d'ici 2027.",
        [(30, None, None, "existing"), (70, None, None, "planned")],
    ),
]


# a jobs column: its header gives the noun and the kind of the bare figures under it
COLUMNS = [
    (
        "spaces-laureates",
        "Lauréat            Ville        Aide        Emplois créés\n"
        "Tôlerie Martin     Figeac       250 000 €   12\n"
        "Cartons du Lot     Cahors       90 000 €    7\n"
        "Total                           340 000 €   19\n",
        [(12, None, None, "planned"), (7, None, None, "planned"), (19, None, None, "planned")],
    ),
    (
        "pipes-two-line-header-and-rule",
        "Société        | Site      | Invest. | Emplois\n"
        "               |           | (M€)    | créés\n"
        "---------------+-----------+---------+--------\n"
        "Verrerie Bleue | Arques    | 3,5     | 40\n"
        "Gaillac Fûts   | Gaillac   | 1,2     | +6\n",
        [(40, None, None, "planned"), (6, None, None, "planned")],
    ),
    (
        "headcount-column",
        "Entreprise          Commune        Effectif\n"
        "Forges de l'Aube    Troyes         310\n"
        "Textiles Romilly    Romilly        85\n",
        [(310, None, None, "existing"), (85, None, None, "existing")],
    ),
    # the figures of other columns, and a sentence naming "emplois", are no cells
    (
        "other-columns-and-prose",
        "Les emplois  seront créés en 2027 à Figeac.\n"
        "Entreprise     Commune    Montant (€)   Emplois\n"
        "Alpha Méca     Rodez      120 000       –\n",
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in COLUMNS], ids=[c[0] for c in COLUMNS]
)
def test_jobs_column_of_a_table(nlp: Language, text: str, expected: list[tuple]) -> None:
    doc = nlp(text)
    got = [
        (s._.job_count, s._.job_count_max, s._.qualifier, s._.job_kind) for s in doc.spans["jobs"]
    ]
    assert got == expected


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_jobs")
    return nlp


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_jobs(nlp: Language, text: str, expected: list[tuple]) -> None:
    doc = nlp(text)
    got = [
        (s._.job_count, s._.job_count_max, s._.qualifier, s._.job_kind) for s in doc.spans["jobs"]
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [c[1:] for c in ELIDED_AND_KINDS],
    ids=[c[0] for c in ELIDED_AND_KINDS],
)
def test_elided_nouns_vague_counts_and_kinds(nlp: Language, text: str, expected: list) -> None:
    doc = nlp(text)
    got = [
        (s._.job_count, s._.job_count_max, s._.qualifier, s._.job_kind) for s in doc.spans["jobs"]
    ]
    assert got == expected


def test_count_is_an_int_and_span_covers_qualifier(nlp: Language) -> None:
    doc = nlp("Le groupe emploie près de 1 500 salariés en Bretagne.")
    [span] = doc.spans["jobs"]
    assert span.text == "près de 1 500 salariés"
    assert isinstance(span._.job_count, int)


def test_amount_and_job_pipeline_share_numbers() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_amounts")
    nlp.add_pipe("fr_jobs")
    doc = nlp("Un investissement de 12 M€ pour 40 emplois et 2 000 m² de bureaux.")
    assert [s._.value_eur for s in doc.spans["amounts"]] == [12e6]
    assert [s._.job_count for s in doc.spans["jobs"]] == [40]
