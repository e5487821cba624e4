"""fr_sentences on spacy.blank("fr"): abbreviations, initials, quotes, paragraphs."""

from __future__ import annotations

import pytest
import spacy

import extractor.components.sentences  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("fr")
    nlp.add_pipe("fr_sentences")
    return nlp


CASES = [
    ("two-plain", "La usine ouvre. Elle emploie cent personnes.", 2),
    ("civility-M", "M. Durand a signé la convention. Le préfet était présent.", 2),
    ("civility-Mme", "Mme Lefèvre, maire de Tulle, a pris la parole. Puis le vote.", 2),
    ("initials", "J.-P. Martin, président de la CCI, salue l'accord. Rien d'autre.", 2),
    ("single-initial", "Selon A. Bernard la ligne rouvrira. Les élus approuvent.", 2),
    ("abbrev-env", "Le site compte env. 300 salariés. Il s'agrandit.", 2),
    ("abbrev-av", "Rendez-vous au 12 av. Jean-Jaurès à Lyon. Entrée libre.", 2),
    ("number-dot", "La zone compte 10.000 emplois. Elle grandit.", 2),
    ("decimal-comma", "Un budget de 1,5 million. Voté hier.", 2),
    ("quote-multi", "« Nous investissons. Nous recrutons. » a déclaré la présidente. Fin.", 2),
    ("quote-lower-after", "Il a dit « Bonjour. Ça va ? » puis il est parti.", 1),
    ("quote-closes-sentence", "« Le dossier avance bien. » Le conseil vote lundi.", 2),
    ("question", "Qui financera le projet ? La Région, pour moitié.", 2),
    ("exclamation", "Quelle journée ! Le contrat est signé.", 2),
    ("paragraph", "Titre de l'article\n\nLe texte commence ici.", 2),
    ("headline-line", "Économie\nL'usine de Figeac recrute", 2),
    ("wrapped-line", "Le projet sera financé par\nla Banque des Territoires.", 1),
    ("etc-capital", "Chimie, métallurgie, etc. Le territoire est industriel.", 2),
    ("etc-mid", "Chimie, métallurgie, etc. et plasturgie.", 1),
    ("ellipsis", "Le projet avance… Les travaux débutent en mars.", 2),
]


@pytest.mark.parametrize(
    ("text", "expected"), [(t, n) for _, t, n in CASES], ids=[c[0] for c in CASES]
)
def test_sentence_count(nlp, text, expected):
    sents = [s for s in nlp(text).sents if s.text.strip()]
    assert len(sents) == expected, [s.text for s in sents]


def test_unclosed_quote_does_not_swallow_the_article(nlp):
    words = " ".join(["mot"] * 250)
    doc = nlp(f"« Début sans fin {words}. Deuxième phrase. Troisième phrase.")
    assert len(list(doc.sents)) >= 2


def test_empty_doc(nlp):
    assert list(nlp("").sents) == []
