"""fr_actors (with fr_organizations before it) on spacy.blank("fr"), the NER's PER set by hand."""

from __future__ import annotations

import pytest
import spacy
from ner_fixtures import tagged_doc

from extractor.records import doc_to_record, fold


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_organizations")
    nlp.add_pipe("fr_actors")
    return nlp


def run(nlp, text: str, per: list[str], org: tuple[str, ...] = ()):
    """Process ``text`` as if the NER had tagged every occurrence of ``per`` (and ``org``)."""
    doc = tagged_doc(nlp, text, [*((n, "PER") for n in per), *((n, "ORG") for n in org)])
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def actors(nlp, text, per, org=()):
    rec = doc_to_record(run(nlp, text, per, org))
    return {(a.name, a.role, a.organization) for a in rec.actors}


# (id, text, PER entities, expected {(name, role, organization)})
CASES = [
    (
        "two-roles-joined-firm-after-last",
        "« On tient les délais », dit Paul Girard, copilote industriel et directeur de Vosgeplast.",
        ["Paul Girard"],
        {("Paul Girard", "copilote industriel et directeur", "Vosgeplast")},
    ),
    (
        "apposition-maire",
        "« Nous sommes prêts », a déclaré Sophie Lemoine, maire de Saint-Quentin.",
        ["Sophie Lemoine"],
        {("Sophie Lemoine", "maire", "Saint-Quentin")},
    ),
    (
        "apposition-presidente-communaute",
        "Nadia Fournier, présidente de la communauté de communes du Pays de Lure, a signé.",
        ["Nadia Fournier"],
        {("Nadia Fournier", "présidente", "communauté de communes du Pays de Lure")},
    ),
    (
        "apposition-directeur-firm-city",
        "Marc Vidal, directeur de Legrand à Limoges, détaille le chantier.",
        ["Marc Vidal"],
        {("Marc Vidal", "directeur", "Legrand")},
    ),
    (
        "apposition-pdg",
        "Le projet est porté par Hélène Robin, PDG de Soprema, depuis 2020.",
        ["Hélène Robin"],
        {("Hélène Robin", "PDG", "Soprema")},
    ),
    (
        "apposition-directrice-generale",
        "Claire Petit, directrice générale de Bpifrance, annonce un fonds.",
        ["Claire Petit"],
        {("Claire Petit", "directrice générale", "Bpifrance")},
    ),
    (
        "apposition-vice-presidente-region",
        "Pour Agnès Roux, vice-présidente de la Région Normandie, l'enjeu est clair.",
        ["Agnès Roux"],
        {("Agnès Roux", "vice-présidente", "Région Normandie")},
    ),
    (
        "apposition-fondateur",
        "Tout a commencé quand Yann Le Goff, fondateur de Breizh Composites, a racheté l'atelier.",
        ["Yann Le Goff"],
        {("Yann Le Goff", "fondateur", "Breizh Composites")},
    ),
    (
        "apposition-first-of-two-roles",
        "Lucie Garnier, conseillère départementale et déléguée au développement économique "
        "de la métropole de Lyon, salue l'accord.",
        ["Lucie Garnier"],
        {("Lucie Garnier", "conseillère départementale", "métropole de Lyon")},
    ),
    (
        "apposition-role-with-programme-for-org",
        "« Nous serons présents », assure Paul Briand, référent Industrie du futur pour la "
        "Caisse des Dépôts.",
        ["Paul Briand"],
        {("Paul Briand", "référent Industrie du futur", "Caisse des Dépôts")},
    ),
    (
        "apposition-depute",
        "Jérôme Lambert, député de la Charente, a interpellé le gouvernement.",
        ["Jérôme Lambert"],
        {("Jérôme Lambert", "député", "Charente")},
    ),
    (
        "apposition-with-article-and-adjective",
        "Thierry Blanc, le nouveau directeur du site de Sochaux, arrive lundi.",
        ["Thierry Blanc"],
        {("Thierry Blanc", "directeur du site", "Sochaux")},
    ),
    (
        "two-appositions-joined-by-et",
        "Le dossier est suivi par Anne Morel, maire de Vierzon et Luc Henry, président de Ferroflex.",
        ["Anne Morel", "Luc Henry"],
        {("Anne Morel", "maire", "Vierzon"), ("Luc Henry", "président", "Ferroflex")},
    ),
    (
        "title-premier-ministre",
        "La Première ministre Élisabeth Borne a visité l'usine jeudi.",
        [],
        {("Élisabeth Borne", "Première ministre", None)},
    ),
    (
        "title-premier-ministre-comma",
        "Le Premier ministre, Jean Castex, a présenté le plan.",
        ["Jean Castex"],
        {("Jean Castex", "Premier ministre", None)},
    ),
    (
        "title-minister-portfolio",
        "La ministre déléguée chargée de l'Industrie Agnès Pannier-Runacher était à Dunkerque.",
        ["Agnès Pannier-Runacher"],
        {("Agnès Pannier-Runacher", "ministre déléguée chargée de l'Industrie", None)},
    ),
    (
        "apposition-minister-portfolio",
        "Bruno Le Maire, ministre de l'Économie et des Finances, a annoncé l'aide.",
        ["Bruno Le Maire"],
        {("Bruno Le Maire", "ministre de l'Économie et des Finances", None)},
    ),
    (
        "title-prefete-territory",
        "La préfète de la Loire, Catherine Séguin, a réuni les industriels.",
        ["Catherine Séguin"],
        {("Catherine Séguin", "préfète", "Loire")},
    ),
    (
        "title-new-sous-prefet",
        "Le nouveau sous-préfet de Dunkerque, Hervé Tourmente, a visité le port.",
        ["Hervé Tourmente"],
        {("Hervé Tourmente", "sous-préfet", "Dunkerque")},
    ),
    (
        "title-ner-missed-name",
        "Selon le président de la République Emmanuel Macron, la France doit produire plus.",
        [],
        {("Emmanuel Macron", "président de la République", None)},
    ),
    (
        "quoted-only-no-role",
        "« Le calendrier sera tenu », a assuré Jean-Marc Perrin devant la presse.",
        ["Jean-Marc Perrin"],
        {("Jean-Marc Perrin", None, None)},
    ),
    (
        "surname-later-mention",
        "Martine Caron, directrice de Valdi, explique le projet. « C'est vital », a précisé Caron.",
        ["Martine Caron"],
        {("Martine Caron", "directrice", "Valdi")},
    ),
    (
        "honorific-surname-later-mention",
        "Olivier Brun, gérant de Métalis, recrute. Selon M. Brun, dix postes sont ouverts.",
        ["Olivier Brun", "Brun"],
        {("Olivier Brun", "gérant", "Métalis")},
    ),
    (
        "typo-links-to-first-mention",
        "Christian Perez, maire de Tulle, est ravi. Plus tard, Chirstian Perez a visité l'atelier.",
        ["Christian Perez", "Chirstian Perez"],
        {("Christian Perez", "maire", "Tulle")},
    ),
    (
        "byline-par",
        "Par Julie Martin\n\nLa fonderie rouvre ses portes, a annoncé Pierre Lenoir, son directeur.",
        ["Julie Martin", "Pierre Lenoir"],
        {("Pierre Lenoir", "directeur", None)},
    ),
    (
        "byline-redaction-avec",
        "La forge rouvre, a annoncé Anne Roux, maire de Pélussin.\n\nRédaction Vallée TV avec Paul Girard",
        ["Anne Roux", "Paul Girard"],
        {("Anne Roux", "maire", "Pélussin")},
    ),
    (
        "byline-redige-par",
        "Rédigé le 3 mars 2023 par Hugo Mercier\n\nL'usine emploie 200 salariés.",
        ["Hugo Mercier"],
        set(),
    ),
    (
        "author-alone-on-last-line",
        "L'usine emploie 200 salariés selon Karine Lopez, présidente d'Axon.\n\nSamuel Girard\n",
        ["Karine Lopez", "Samuel Girard"],
        {("Karine Lopez", "présidente", "Axon")},
    ),
    (
        "photo-credit",
        "Le site sera agrandi en 2025.\nPhoto Lionel Bonaventure : le chantier en cours.",
        ["Lionel Bonaventure"],
        set(),
    ),
    (
        "copyright-credit",
        "Le site sera agrandi en 2025. © Marie Dubois",
        ["Marie Dubois"],
        set(),
    ),
    (
        "person-in-school-name",
        "La formation se fera au lycée Jules Ferry, a indiqué Nora Benali, proviseure adjointe.",
        ["Jules Ferry", "Nora Benali"],
        {("Nora Benali", None, None)},
    ),
    (
        "person-in-street-name",
        "Le nouvel atelier ouvrira rue Victor Hugo à Nantes.",
        ["Victor Hugo"],
        set(),
    ),
    (
        "person-in-acronym-platform-name",
        "La plateforme CAMPUS Marie Curie accueillera les start-up.",
        ["Marie Curie"],
        set(),
    ),
    (
        "false-per-role-word",
        "Le Maire a reçu les industriels.",
        ["Maire"],
        set(),
    ),
    (
        "false-per-lowercase-handle",
        "Contenu publié par webmaster sur le site.",
        ["webmaster"],
        set(),
    ),
    # generalisation
    (
        "signature-block",
        "Fait à Annecy, le 3 mai 2024\n\nPour la Région Bretagne,\nle vice-président,\n"
        "Yves Le Bihan\n\nPour l'État,\nla préfète du Finistère,\nMarie Quéré\n",
        ["Yves Le Bihan", "Marie Quéré"],
        {
            ("Yves Le Bihan", "vice-président", "Région Bretagne"),
            ("Marie Quéré", "préfète", "Finistère"),
        },
    ),
    (
        "possessive-role-takes-last-firm",
        "Chez Loire Tôlerie Industrie, les commandes affluent. « Nous embauchons », dit son "
        "directeur, Marc Ollivier.",
        ["Marc Ollivier"],
        {("Marc Ollivier", "directeur", "Loire Tôlerie Industrie")},
    ),
    (
        "anaphoric-complement-takes-last-firm",
        "La société Brenac Plastiques agrandit son atelier, explique Lise Brenac, gérante "
        "de l'entreprise.",
        ["Lise Brenac"],
        {("Lise Brenac", "gérante", "Brenac Plastiques")},
    ),
    (
        "title-with-lowercase-complement",
        "La vice-présidente de la Région Normandie chargée des transports, Inès Morel, a "
        "signé la convention.",
        ["Inès Morel"],
        {("Inès Morel", "vice-présidente chargée des transports", "Région Normandie")},
    ),
    (
        "complement-without-cue-word",
        "Paul Gilles, directeur général du groupe Sarthe Emballages, confirme.",
        ["Paul Gilles"],
        {("Paul Gilles", "directeur général", "Sarthe Emballages")},
    ),
    (
        "photo-credit-with-title",
        "L'atelier sera livré en mai.\nPhoto : Le Progrès / Julien Faure",
        ["Julien Faure"],
        set(),
    ),
    (
        "press-title-read-as-person",
        "Comme l'écrivait La Montagne, le site recrute, a confirmé Paul Vidal.",
        ["Montagne", "Paul Vidal"],
        {("Paul Vidal", None, None)},
    ),
    (
        "press-contact-cabinet",
        "Le ministre a visité l'usine.\n\nContact presse :\nCabinet de Luc Arnaud – 01 00 00 00 00",
        ["Cabinet de Luc Arnaud"],
        set(),
    ),
    (
        "firm-read-as-person",
        "Parmi les recruteurs, Drôme Mécanique Systèmes prévoit 20 embauches.",
        ["Drôme Mécanique Systèmes"],
        set(),
    ),
    (
        "web-boilerplate-read-as-person",
        "This site uses cookies. Accept | Read More\nLe site recrute, selon Anne Roux.",
        ["Read More", "Anne Roux"],
        {("Anne Roux", None, None)},
    ),
    (
        "reader-comment",
        "L'usine ouvre en mai, selon Jean Payet.\nCommentaires (2)\n1.Posté par Mme Técher le 2 mai",
        ["Jean Payet", "Técher"],
        {("Jean Payet", None, None)},
    ),
    # unions
    (
        "union-delegate",
        "« Nous ne signerons pas », prévient Karim Benaïssa, délégué syndical CFDT.",
        ["Karim Benaïssa"],
        {("Karim Benaïssa", "délégué syndical", "CFDT")},
    ),
    (
        "union-delegate-of-the-site",
        "Sylvie Marchand, déléguée CGT du site, dénonce le plan.",
        ["Sylvie Marchand"],
        {("Sylvie Marchand", "déléguée", "CGT")},
    ),
    (
        "speaks-for-union",
        "La direction maintient son calendrier. Pour la CGT, Marc Olivier demande un moratoire.",
        ["Marc Olivier"],
        {("Marc Olivier", None, "CGT")},
    ),
    # a company role with no body written: the firm the article is about
    (
        "firm-role-after-name",
        "La société Ferralu investit 5 M€ à Sedan. « Nous doublons la surface », "
        "explique Claire Dumas, directrice générale.",
        ["Claire Dumas"],
        {("Claire Dumas", "directrice générale", "Ferralu")},
    ),
    (
        "firm-role-title-firm-named-after-family",
        "La Tôlerie Lambert recrute. « Le carnet est plein », se réjouit le PDG, Hugo Lambert.",
        ["Tôlerie Lambert", "Hugo Lambert"],
        {("Hugo Lambert", "PDG", "Tôlerie Lambert")},
    ),
    (
        "firm-not-funder",
        "La société Ferralu a obtenu un prêt de Bpifrance. « C'est décisif », "
        "dit Paul Girard, président de l'entreprise.",
        ["Paul Girard"],
        {("Paul Girard", "président", "Ferralu")},
    ),
    (
        "site-director-known-firm-and-town",
        "Denis Roy, directeur du site Ferralu pour la Normandie, a présenté le projet.",
        ["Denis Roy"],
        {("Denis Roy", "directeur du site", "Ferralu")},
    ),
    # whose title is it
    (
        "adjacent-title-beats-apposition",
        "La Région Bretagne apporte 2 M€. Le conseiller régional Olivier Nguyen, "
        "délégué aux mobilités, a salué le projet.",
        ["Olivier Nguyen"],
        {("Olivier Nguyen", "conseiller régional", "Région Bretagne")},
    ),
    (
        "enumerated-titles-not-shifted",
        "Le président de la Région Normandie, Paul Aubert, le préfet de la Manche, "
        "Jean Dupuis, et le maire de Caen ont signé.",
        ["Paul Aubert", "Jean Dupuis"],
        {("Paul Aubert", "président", "Région Normandie"), ("Jean Dupuis", "préfet", "Manche")},
    ),
    (
        "represented-by-possessive-role",
        "ENTRE\nLa Communauté d'agglomération du Grand Dole, représentée par son président, "
        "M. Luc Perrin,\nET la société Ferralu.",
        ["Luc Perrin"],
        {("Luc Perrin", "président", "Communauté d'agglomération du Grand Dole")},
    ),
    (
        "firm-named-after-founder-not-actor",
        "Coutellerie Marcelin ouvre un second atelier.",
        ["Coutellerie Marcelin"],
        set(),
    ),
    (
        "portfolio-wrapped-over-two-lines",
        "Discours de Mme Claire Dupré, ministre de la Transition\nénergétique et de la "
        "Mer, à Sète.",
        ["Claire Dupré"],
        {("Claire Dupré", "ministre de la Transition énergétique et de la Mer", None)},
    ),
    (
        "firm-taken-for-a-person-without-a-given-name",
        "Sur la zone des Prés, Garonne Sorbets engage 3 millions d'euros dans une ligne.",
        ["Garonne Sorbets"],
        set(),
    ),
    (
        "rare-given-name-kept-where-a-person-stands",
        "« C'est une chance », dit Ilario Bastiani, maire de Corte.",
        ["Ilario Bastiani"],
        {("Ilario Bastiani", "maire", "Corte")},
    ),
    (
        "founder-after-the-role-word",
        "« Nous restons ici », ajoute Yann Le Bris, président fondateur de Lumilux.",
        ["Yann Le Bris"],
        {("Yann Le Bris", "président fondateur", "Lumilux")},
    ),
    (
        "vice-president-charge-with-a",
        "Le vice-président aux transports, Paul Marot, se dit soulagé.",
        ["Paul Marot"],
        {("Paul Marot", "vice-président aux transports", None)},
    ),
    (
        "union-of-a-second-title",
        "Pour Rachid Amar, secrétaire du CSE et élu FO, « rien n'est joué ».",
        ["Rachid Amar"],
        {("Rachid Amar", "secrétaire du CSE", "FO")},
    ),
]


# Roles as the press writes them, unions, préfets, programmes, persons the NER typed as
# organizations and places named after persons: (id, text, PER, ORG, expected)
ROLE_CASES = [
    # a charge written after the organization is part of the function
    (
        "charge-after-region",
        "Marion Lefort, vice-présidente de la Région Grand Est chargée de l'industrie, a "
        "salué le projet.",
        ["Marion Lefort"],
        ["Région Grand Est"],
        {("Marion Lefort", "vice-présidente chargée de l'industrie", "Région Grand Est")},
    ),
    (
        "en-charge-after-metropole",
        "Pour Paul Girard, vice-président de Brest Métropole en charge de l'économie, le "
        "site est prioritaire.",
        ["Paul Girard"],
        ["Brest Métropole"],
        {("Paul Girard", "vice-président en charge de l'économie", "Brest Métropole")},
    ),
    (
        "charge-after-body-named-by-its-kind",
        "« Il faut aller vite », estime Léa Morin, vice-présidente de l'agglomération "
        "déléguée au développement économique.",
        ["Léa Morin"],
        [],
        {("Léa Morin", "vice-présidente déléguée au développement économique", None)},
    ),
    (
        "no-charge-after-body",
        "Jean Roux, président de la Région Bretagne, était présent.",
        ["Jean Roux"],
        ["Région Bretagne"],
        {("Jean Roux", "président", "Région Bretagne")},
    ),
    (
        "role-qualifiers-union-not-employer",
        "« La direction ne nous écoute pas », lâche Rachid Bensaïd, délégué syndical central "
        "CGT chez Forvia.",
        ["Rachid Bensaïd"],
        [],
        {("Rachid Bensaïd", "délégué syndical central", "CGT")},
    ),
    (
        "union-written-out-after-role",
        "Pour Hugo Lemaire, délégué syndical de Force ouvrière chez Plastalliance, le compte "
        "n'y est pas.",
        ["Hugo Lemaire"],
        [],
        {("Hugo Lemaire", "délégué syndical", "Force ouvrière")},
    ),
    (
        "union-acronym-glued-to-role",
        "Le délégué FO de Sanofi, Karim Haddad, dénonce un plan social.",
        ["Karim Haddad"],
        [],
        {("Karim Haddad", "délégué", "FO")},
    ),
    (
        "union-role-never-takes-employer",
        "Chez Lactalis, Julie Caron, déléguée syndicale, redoute d'autres départs.",
        ["Julie Caron"],
        ["Lactalis"],
        {("Julie Caron", "déléguée syndicale", None)},
    ),
    (
        "sud-of-a-region-is-no-union",
        "Renaud Fabre, président de la Région Sud, a signé.",
        ["Renaud Fabre"],
        [],
        {("Renaud Fabre", "président", "Région Sud")},
    ),
    (
        "qualifiers-after-head",
        "Nathalie Perrin, directrice générale déléguée d'Oréade Mécanique, présentait les comptes.",
        ["Nathalie Perrin"],
        [],
        {("Nathalie Perrin", "directrice générale déléguée", "Oréade Mécanique")},
    ),
    (
        "former-kept-in-role",
        "L'ancien président de Valorplast, Gérard Teyssier, a repris la PME.",
        ["Gérard Teyssier"],
        [],
        {("Gérard Teyssier", "ancien président", "Valorplast")},
    ),
    (
        "ex-glued-to-role",
        "Pascale Bonnin, l'ex-directrice de Sofratec, rejoint le fonds.",
        ["Pascale Bonnin"],
        [],
        {("Pascale Bonnin", "ex-directrice", "Sofratec")},
    ),
    (
        "minister-portfolio-with-commas",
        "Laurent Dartois, ministre de l'Économie, des Finances et de l'Industrie, a visité l'usine.",
        ["Laurent Dartois"],
        [],
        {("Laurent Dartois", "ministre de l'Économie, des Finances et de l'Industrie", None)},
    ),
    (
        "minister-two-portfolios-title",
        "La ministre déléguée à l'Industrie et à l'Énergie, Odile Ferrand, était attendue.",
        ["Odile Ferrand"],
        [],
        {("Odile Ferrand", "ministre déléguée à l'Industrie et à l'Énergie", None)},
    ),
    (
        "charge-then-body",
        "Mathieu Collet, vice-président chargé de l'emploi et de la formation de la Région "
        "Hauts-de-France, a signé.",
        ["Mathieu Collet"],
        [],
        {
            (
                "Mathieu Collet",
                "vice-président chargé de l'emploi et de la formation",
                "Région Hauts-de-France",
            )
        },
    ),
    (
        "charge-en-charge-de",
        "Inès Marchal, conseillère municipale en charge du commerce, a visité la halle.",
        ["Inès Marchal"],
        [],
        {("Inès Marchal", "conseillère municipale en charge du commerce", None)},
    ),
    (
        "field-of-a-director",
        "Luc Perrin, directeur des achats de Sorelec, a signé le contrat.",
        ["Luc Perrin"],
        [],
        {("Luc Perrin", "directeur des achats", "Sorelec")},
    ),
    (
        "two-roles-one-body",
        "Hervé Moulin, PDG et fondateur de Vitalis, a présenté le projet.",
        ["Hervé Moulin"],
        [],
        {("Hervé Moulin", "PDG et fondateur", "Vitalis")},
    ),
    (
        "second-role-after-body-and-seat",
        "Claire Noël, fondatrice de Noëlpack à Niort et copilote industrielle du territoire, "
        "présente le plan.",
        ["Claire Noël"],
        [],
        {("Claire Noël", "fondatrice et copilote industrielle du territoire", "Noëlpack")},
    ),
    (
        "second-role-of-another-kind-is-apart",
        "Yves Ribot, président de Ribot Industries et élu de Challans, a pris la parole.",
        ["Yves Ribot"],
        [],
        {("Yves Ribot", "président", "Ribot Industries")},
    ),
    (
        "prefect-region-kind-noun-dropped",
        "La préfète de la région Bretagne, Anne Giraud, réunira les élus.",
        ["Anne Giraud"],
        [],
        {("Anne Giraud", "préfète", "Bretagne")},
    ),
    (
        "sub-prefect-arrondissement",
        "Marc Lebon, sous-préfet de l'arrondissement de Brest, a présidé le comité.",
        ["Marc Lebon"],
        [],
        {("Marc Lebon", "sous-préfet", "Brest")},
    ),
    (
        "prefect-without-territory-is-null",
        "Vallourec recrute. Le préfet, Yves Corre, a salué l'annonce.",
        ["Yves Corre"],
        ["Vallourec"],
        {("Yves Corre", "préfet", None)},
    ),
    (
        "body-in-departement-trimmed",
        "Sophie Garnier, directrice d'Orelis en Gironde, a détaillé les travaux.",
        ["Sophie Garnier"],
        [],
        {("Sophie Garnier", "directrice", "Orelis")},
    ),
    (
        "programme-then-body-that-runs-it",
        "Lina Doré, directrice du programme Action cœur de ville à la Banque des Territoires, "
        "a rappelé les règles.",
        ["Lina Doré"],
        [],
        {("Lina Doré", "directrice du programme Action cœur de ville", "Banque des Territoires")},
    ),
    (
        "person-typed-as-org-in-attribution",
        "« Les carnets de commandes sont pleins », confie Marie Quéré.",
        [],
        ["Marie Quéré"],
        {("Marie Quéré", None, None)},
    ),
    (
        "person-typed-as-org-before-role",
        "Selon Hugo Tanguy, directeur de Breizh Fibres, la ligne démarre en mai.",
        [],
        ["Hugo Tanguy"],
        {("Hugo Tanguy", "directeur", "Breizh Fibres")},
    ),
    (
        "person-typed-as-org-after-title",
        "Le directeur général de Sorelec, Hugo Tanguy, annonce 40 embauches.",
        [],
        ["Hugo Tanguy"],
        {("Hugo Tanguy", "directeur général", "Sorelec")},
    ),
    (
        "firm-named-like-a-person-after-role-stays-a-body",
        "Éric Ducros, directeur général de Pierre Garnier, détaille le plan.",
        ["Éric Ducros"],
        ["Pierre Garnier"],
        {("Éric Ducros", "directeur général", "Pierre Garnier")},
    ),
    (
        "known-body-with-its-seat-after-role-stays-a-body",
        "« Les offres affluent », indique Léa Bonnet, directrice de l'agence France Travail "
        "de Millau.",
        ["Léa Bonnet"],
        ["France Travail de Millau"],
        {("Léa Bonnet", "directrice de l'agence", "France Travail")},
    ),
    (
        "body-opening-with-a-given-name-stays-a-body",
        "« Le dispositif fonctionne », explique France Travail dans un communiqué.",
        [],
        ["France Travail"],
        set(),
    ),
    (
        "zone-named-after-person",
        "L'usine s'installe dans la zone d'activités Jean Monnet à Dax.",
        ["Jean Monnet"],
        [],
        set(),
    ),
    (
        "reactor-named-after-person",
        "Le réacteur Jules-Verne redémarre en mars.",
        ["Jules-Verne"],
        [],
        set(),
    ),
    (
        "school-with-adjective-named-after-person",
        "Les élèves du lycée professionnel Paul Langevin visitent l'atelier.",
        ["Paul Langevin"],
        [],
        set(),
    ),
    (
        "party-label-between-role-and-town",
        "Le maire (LR) de Montbrison, Gilles Perret, a salué la décision.",
        ["Gilles Perret"],
        [],
        {("Gilles Perret", "maire", "Montbrison")},
    ),
    (
        "union-body-kept-whole",
        "« On ne lâchera rien », prévient Céline Aubert, secrétaire générale de la CGT "
        "Métallurgie du Jura.",
        ["Céline Aubert"],
        [],
        {("Céline Aubert", "secrétaire générale", "CGT Métallurgie du Jura")},
    ),
    (
        "bare-field-after-role",
        "« Le tri commence à l'atelier », estime Anne Lebrun, responsable développement "
        "durable chez Sorbial.",
        ["Anne Lebrun"],
        [],
        {("Anne Lebrun", "responsable développement durable", "Sorbial")},
    ),
    (
        "european-commissioner-keeps-portfolio",
        "Pierre Vasseur, commissaire européen au Marché intérieur, était à Grenoble.",
        ["Pierre Vasseur"],
        [],
        {("Pierre Vasseur", "commissaire européen au Marché intérieur", None)},
    ),
    (
        "photo-credit-after-publisher",
        "Le chantier avance. Photo Sorbial / Jean-Pierre Marty",
        ["Jean-Pierre Marty"],
        [],
        set(),
    ),
    (
        "group-named-again-without-a-span",
        "Le groupe Hartmann Metall ferme l'usine de Vireux, reprise en 2015 par la société "
        "Fonderies Ardennaises. Hartmann Metall a investi en Pologne. « La décision est prise », "
        "assure Jan Vogt, directeur général du groupe.",
        ["Jan Vogt"],
        [],
        {("Jan Vogt", "directeur général", "Hartmann Metall")},
    ),
    (
        "hyphenated-union-acronym",
        "Henri Dupuis, délégué CFE-CGC chez Naval Group, s'inquiète.",
        ["Henri Dupuis"],
        [],
        {("Henri Dupuis", "délégué", "CFE-CGC")},
    ),
    (
        "capitalised-collectivity-noun-is-the-one-named",
        "Le contrat lie la Région Normandie et Orano. Hervé Morin, président de la Région, a "
        "signé.",
        ["Hervé Morin"],
        [],
        {("Hervé Morin", "président", "Région Normandie")},
    ),
    (
        "capitalised-collectivity-noun-alone-is-null",
        "Lucie Marais, présidente de la Métropole, a signé.",
        ["Lucie Marais"],
        [],
        {("Lucie Marais", "présidente", None)},
    ),
    (
        "known-body-then-its-seat",
        "Yannick Morez, directeur de Bpifrance de Quimper, a signé le prêt.",
        ["Yannick Morez"],
        [],
        {("Yannick Morez", "directeur", "Bpifrance")},
    ),
    (
        "governance-council-in-role",
        "Sabine Morel, présidente du conseil de surveillance de Vallorie, a validé le plan.",
        ["Sabine Morel"],
        [],
        {("Sabine Morel", "présidente du conseil de surveillance", "Vallorie")},
    ),
    (
        "facility-without-name-is-part-of-role",
        "Anne Martin, responsable du site, confirme les embauches.",
        ["Anne Martin"],
        [],
        {("Anne Martin", "responsable du site", None)},
    ),
    (
        "charge-ends-at-a-preposition",
        "Sylvie Dubois, directrice adjointe chargée des ressources humaines chez Valdi, confirme.",
        ["Sylvie Dubois"],
        [],
        {("Sylvie Dubois", "directrice adjointe chargée des ressources humaines", "Valdi")},
    ),
    (
        "porte-par-is-no-place-word",
        "Le chantier est porté par Hélène Robin, gérante de Robin Charpente.",
        ["Hélène Robin"],
        [],
        {("Hélène Robin", "gérante", "Robin Charpente")},
    ),
]


@pytest.mark.parametrize(
    "text,per,org,expected", [c[1:] for c in ROLE_CASES], ids=[c[0] for c in ROLE_CASES]
)
def test_roles_and_bodies(nlp, text, per, org, expected):
    got = actors(nlp, text, per, tuple(org))
    assert {(fold(n), r and fold(r), o and fold(o)) for n, r, o in got} == {
        (fold(n), r and fold(r), o and fold(o)) for n, r, o in expected
    }


def test_person_typed_as_org_leaves_the_organizations(nlp):
    doc = run(
        nlp, "« Nous recrutons », confie Marie Quéré, gérante de Quéré Bois.", [], ("Marie Quéré",)
    )
    assert "Marie Quéré" not in {s.text for s in doc.spans["organizations"]}
    assert [s.text for s in doc.spans["actors"]] == ["Marie Quéré"]


@pytest.fixture(scope="module")
def nlp_places():
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_territories")
    nlp.add_pipe("fr_organizations")
    nlp.add_pipe("fr_actors")
    return nlp


def test_programme_then_town_is_no_body(nlp_places):
    got = actors(
        nlp_places,
        "Thomas Roux, chef de projet Petites villes de demain à Vierzon, a présenté le bilan.",
        ["Thomas Roux"],
    )
    assert got == {("Thomas Roux", "chef de projet Petites villes de demain", None)}


def test_place_opening_a_firm_name_is_not_the_firm(nlp_places):
    got = actors(nlp_places, "Anne Laval, gérante de Laval Bois, recrute.", ["Anne Laval"])
    assert got == {("Anne Laval", "gérante", "Laval Bois")}


def test_role_of_the_agglomeration_is_the_one_named(nlp_places):
    got = actors(
        nlp_places,
        "Lannion-Trégor Communauté a voté l'aide. Agnès Lenoir, présidente de "
        "l'agglomération, a salué le vote.",
        ["Agnès Lenoir"],
    )
    assert got == {("Agnès Lenoir", "présidente", "Lannion-Trégor Communauté")}


@pytest.mark.parametrize("text,per,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_actors(nlp, text, per, expected):
    got = actors(nlp, text, per)
    assert {(fold(n), r and fold(r), o and fold(o)) for n, r, o in got} == {
        (fold(n), r and fold(r), o and fold(o)) for n, r, o in expected
    }


def test_surname_mention_is_a_span_of_the_same_actor(nlp):
    doc = run(
        nlp,
        "Sylvie Masson, présidente de Tissages du Nord, investit. « Nous avançons », dit Masson.",
        ["Sylvie Masson"],
    )
    spans = list(doc.spans["actors"])
    assert [s.text for s in spans] == ["Sylvie Masson", "Masson"]
    assert {s._.actor_name for s in spans} == {"Sylvie Masson"}


@pytest.mark.parametrize(
    "text,per,alias",
    [
        (
            "Marie Dupont-Martin, directrice de Sorelia, présente le plan. « Nous embauchons », "
            "ajoute Marie Dupont.",
            ["Marie Dupont-Martin", "Marie Dupont"],
            "Marie Dupont",
        ),
        (
            "Pierre Lefebvre, maire de Saint-Lô, a signé. Selon M. Lefebre, le chantier démarre.",
            ["Pierre Lefebvre", "Lefebre"],
            "Lefebre",
        ),
    ],
    ids=["surname-part-dropped", "surname-typo-after-honorific"],
)
def test_alias_of_the_same_person(nlp, text, per, alias):
    rec = doc_to_record(run(nlp, text, per))
    assert len(rec.actors) == 1
    assert rec.actors[0].name == per[0]
    assert alias in rec.actors[0].aliases


def test_org_attribute_prefers_organization_span(nlp):
    doc = run(
        nlp,
        "Denis Roy, directeur de Forges de Bologne à Chaumont, recrute.",
        ["Denis Roy"],
        org=("Forges de Bologne",),
    )
    (span,) = doc.spans["actors"]
    assert span._.actor_organization == "Forges de Bologne"


def test_person_inside_organization_is_not_an_actor(nlp):
    doc = run(nlp, "La Fondation Raoul Follereau finance l'atelier.", ["Raoul Follereau"])
    assert list(doc.spans["actors"]) == []


def test_empty_doc(nlp):
    doc = run(nlp, "", [])
    assert list(doc.spans["actors"]) == []


@pytest.mark.slow
def test_full_pipeline_roles_unions_and_places_named_after_persons(extractor):
    rec = doc_to_record(
        extractor.nlp(
            "« Les commandes repartent », se félicite Gwenaël Rio, directeur commercial de "
            "Mecafi Bretagne. Le maire (DVD) de Plouray, Gildas Le Tallec, a salué la décision. "
            "Henri Dupuis, délégué syndical central CFE-CGC chez Naval Group en Bretagne, "
            "s'inquiète. L'ancienne présidente de Vitréa, Odile Brisset, siège au comité. "
            "Le réacteur Jules-Verne de Flamanville sera arrêté, tout comme l'atelier de la zone "
            "Jean-Monnet.\n\nPhoto Mecafi / Yann Corlay"
        )
    )
    assert {(a.name, a.role, a.organization) for a in rec.actors} == {
        ("Gwenaël Rio", "directeur commercial", "Mecafi Bretagne"),
        ("Gildas Le Tallec", "maire", "Plouray"),
        ("Henri Dupuis", "délégué syndical central", "CFE-CGC"),
        ("Odile Brisset", "ancienne présidente", "Vitréa"),
    }


@pytest.mark.slow
def test_full_pipeline_place_inside_a_name_is_the_name(extractor):
    rec = doc_to_record(
        extractor.nlp(
            "Marie-Claire Carrère-Gée, ancienne présidente de Solvéa, préside désormais le comité."
        )
    )
    assert {(a.name, a.role, a.organization) for a in rec.actors} == {
        ("Marie-Claire Carrère-Gée", "ancienne présidente", "Solvéa")
    }
    assert "Carrère-Gée" not in {t.name for t in rec.territories}


@pytest.mark.slow
def test_full_pipeline_actors(extractor):
    doc = extractor.nlp(
        "Le groupe Safran va investir 120 millions d'euros à Commercy, a annoncé mardi "
        "Olivier Andriès, directeur général de Safran. « C'est une excellente nouvelle », "
        "s'est félicité Bernard Durand, maire de Commercy. Selon Andriès, le site emploiera "
        "300 personnes.\n\nPar Julien Moreau"
    )
    rec = doc_to_record(doc)
    got = {(a.name, a.role, a.organization) for a in rec.actors}
    assert got == {
        ("Olivier Andriès", "directeur général", "Safran"),
        ("Bernard Durand", "maire", "Commercy"),
    }


# (id, text, PER entities, expected {(name, role, organization)}), with fr_territories first
PLACE_ROLE_CASES = [
    (
        "name-first-list-each-title-after-its-name",
        "En présence de Marc Henry, préfet de l'Aisne, Julie Caron, sous-préfète de Vervins, "
        "Paul Briand, maire de Guise, le contrat est signé.",
        ["Marc Henry", "Julie Caron", "Paul Briand"],
        {
            ("Marc Henry", "préfet", "Aisne"),
            ("Julie Caron", "sous-préfète", "Vervins"),
            ("Paul Briand", "maire", "Guise"),
        },
    ),
    (
        "possessive-president-of-the-body-just-named",
        "La Région et la communauté de communes du Pays de Lure ont investi 2 M€ dans la zone. "
        "« C'est un grand jour », se félicite son président, Luc Morel.",
        ["Luc Morel"],
        {("Luc Morel", "président", "communauté de communes du Pays de Lure")},
    ),
    (
        "mayor-without-commune-is-of-the-last-town",
        "L'usine ouvrira à Lannion en 2026. « Une bonne nouvelle », a dit le maire, Yves Le Roux.",
        ["Yves Le Roux"],
        {("Yves Le Roux", "maire", "Lannion")},
    ),
    (
        "scope-after-role-is-not-the-body",
        "La société Vendrix Coatings s'installe à Lyon. « Le site est idéal », dit Tom Baker, "
        "directeur des opérations Europe.",
        ["Tom Baker"],
        {("Tom Baker", "directeur des opérations", "Vendrix Coatings")},
    ),
    (
        "organ-of-the-firm",
        "La société Tissages Morel embauche. « Nous recrutons », dit Anne Morel, présidente du "
        "directoire.",
        ["Anne Morel"],
        {("Anne Morel", "présidente du directoire", "Tissages Morel")},
    ),
    (
        "title-held-since-a-year-before-the-name",
        "Présidente de la communauté de communes du Pays de Lure depuis 2021, Léa Brun "
        "défend le projet.",
        ["Léa Brun"],
        {("Léa Brun", "Présidente", "communauté de communes du Pays de Lure")},
    ),
    (
        "title-held-since-a-month-before-the-name",
        "Présidente de la communauté de communes du Val de Saône depuis août 2023, Julie Roy "
        "défend le projet.",
        ["Julie Roy"],
        {("Julie Roy", "Présidente", "communauté de communes du Val de Saône")},
    ),
    (
        "the-group-is-the-article-s-firm-not-its-client",
        "Le groupe Mécalot embauche. Mécalot agrandit l'usine qui livre la société Dassault. "
        "« Nous avons les commandes », dit Léo Martin, directeur industriel du groupe.",
        ["Léo Martin"],
        {("Léo Martin", "directeur industriel", "Mécalot")},
    ),
    (
        "our-former-president-is-the-speaker-s-body",
        "La société Fromalp investit. « Notre ancien président, Paul Rey, avait lancé le "
        "projet », dit-elle.",
        ["Paul Rey"],
        {("Paul Rey", "ancien président", "Fromalp")},
    ),
    (
        "role-wrapped-over-two-lines",
        "Le projet est suivi par Marc Joly, directeur\ngénéral de Sorelec, qui recrute.",
        ["Marc Joly"],
        {("Marc Joly", "directeur général", "Sorelec")},
    ),
    (
        "title-wrapped-before-the-name",
        "La Région Bretagne, représentée par son vice-président délégué à\nl'économie, "
        "Monsieur Paul Henry,\n\nsigne la convention.",
        ["Paul Henry"],
        {("Paul Henry", "vice-président délégué", "Région Bretagne")},
    ),
    (
        "signature-body-over-two-lines",
        "Fait à Niort, le 3 mars 2024.\n\nPour la Communauté d'agglomération\nNiort Agglo,\n"
        "Le Président,\nJean Dupuis",
        ["Jean Dupuis"],
        {("Jean Dupuis", "Président", "Niort Agglo")},
    ),
    (
        "signature-block-in-two-columns",
        "Fait à Aurillac, le 2 mai 2024.\n\nPour l'État,                      "
        "Pour Saint-Flour Communauté,\nle préfet du Cantal               le président\n"
        "Paul Rivière                      Marc Delorme",
        ["Paul Rivière", "Marc Delorme"],
        {
            ("Paul Rivière", "préfet", "Cantal"),
            ("Marc Delorme", "président", "Saint-Flour Communauté"),
        },
    ),
    (
        "signature-block-role-under-the-name",
        "Fait à Dole, le 2 mai 2024.\n\nPour Jura Nord Agglomération,      "
        "Pour Dole Agglomération,\nClaire Bonnet                      Luc Perrin\n"
        "Présidente                        Président",
        ["Claire Bonnet", "Luc Perrin"],
        {
            ("Claire Bonnet", "Présidente", "Jura Nord Agglomération"),
            ("Luc Perrin", "Président", "Dole Agglomération"),
        },
    ),
]


@pytest.mark.parametrize(
    "text,per,expected",
    [c[1:] for c in PLACE_ROLE_CASES],
    ids=[c[0] for c in PLACE_ROLE_CASES],
)
def test_roles_and_bodies_from_context(nlp_places, text, per, expected):
    got = actors(nlp_places, text, per)
    norm = {(fold(n), r and fold(r), o and " ".join(fold(o).split())) for n, r, o in got}
    assert norm == {
        (fold(n), r and fold(r), o and " ".join(fold(o).split())) for n, r, o in expected
    }


def test_firm_named_with_industry_word_is_not_a_person(nlp):
    doc = run(nlp, "Le chinois Hexa et Lunar Cathodes investiront 1 milliard.", ["Lunar Cathodes"])
    assert [s.text for s in doc.spans["actors"]] == []
    assert "Lunar Cathodes" in {s.text for s in doc.spans["organizations"]}


def test_regional_branch_named_like_a_person_is_no_actor(nlp_places):
    got = actors(
        nlp_places,
        "La Région Auvergne-Rhône-Alpes aide le projet. Selon Filbois "
        "Auvergne-Rhône-Alpes, la filière recrute.",
        ["Filbois Auvergne-Rhône-Alpes"],
    )
    assert got == set()
