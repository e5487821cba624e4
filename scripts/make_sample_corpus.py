"""Write the sample inputs of the collection layer: press pages and a signed protocol PDF.

All content is invented (clearly sample data) but shaped like the real thing:
French regional press pages with heavy boilerplate (navigation, cookie banner,
"À lire aussi" blocks, sidebars, footer) and a two-column protocol PDF with
running headers/footers and a "fiches actions" budget table.

Run from the repository root: ``python scripts/make_sample_corpus.py``.
"""

from __future__ import annotations

import html
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = [
    {
        "slug": "usine-batteries-val-de-sambre",
        "site": "L'Écho du Nord-Est (exemple)",
        "title": "Val de Sambre : une usine de recyclage de batteries et 180 emplois d'ici 2027",
        "author": "Claire Vasseur",
        "date": "2024-03-14",
        "lead": "Le groupe fictif Recyclos investira 64 millions d'euros à Maubeuge, sur une "
        "friche industrielle du territoire d'industrie Sambre-Avesnois.",
        "paragraphs": [
            "Le projet a été présenté lundi en préfecture. La future usine traitera à terme "
            "20 000 tonnes de batteries par an et devrait créer 180 emplois directs d'ici 2027, "
            "dont une soixantaine dès la première année d'exploitation.",
            "La Région Hauts-de-France apporte une aide de 4,5 millions d'euros, complétée par "
            "2 millions d'euros de l'État au titre du programme Territoires d'industrie. "
            "« C'est une reconversion exemplaire pour une friche de douze hectares », a souligné "
            "le président de l'agglomération Maubeuge Val de Sambre.",
            "Les travaux doivent commencer à l'automne. Une convention de formation a été signée "
            "avec France Travail et le lycée professionnel voisin pour préparer les premiers "
            "recrutements d'opérateurs et de techniciens de maintenance.",
        ],
    },
    {
        "slug": "protocole-territoire-industrie-ales",
        "site": "Midi Actu Sud (exemple)",
        "title": "Alès Cévennes signe son protocole Territoires d'industrie pour 2023-2027",
        "author": "Rédaction",
        "date": "2023-11-08",
        "lead": "Élus, industriels et services de l'État ont signé mardi le nouveau protocole "
        "du territoire d'industrie Alès Cévennes, fort de vingt-deux fiches actions.",
        "paragraphs": [
            "Le document, signé à la sous-préfecture, engage l'agglomération, la Région Occitanie, "
            "la Banque des Territoires et Bpifrance. Il prévoit notamment la création d'une "
            "plateforme mutualisée de formation aux métiers de la mécanique, estimée à "
            "1,2 million d'euros.",
            "Parmi les projets phares figure l'extension d'un site de traitement de surface qui "
            "prévoit l'embauche de 45 salariés supplémentaires. Une enveloppe de 300 000 euros "
            "est réservée aux études foncières pour requalifier deux zones d'activités.",
            "« Nous voulons que chaque euro public entraîne un investissement privé », a résumé "
            "le chef de projet, recruté l'an dernier grâce au financement de l'ANCT.",
        ],
    },
    {
        "slug": "fonderie-reprise-haute-marne",
        "site": "Le Journal de l'Est (exemple)",
        "title": "Haute-Marne : la fonderie de Bayard reprise, 95 emplois sauvegardés",
        "author": "Julien Morel",
        "date": "2024-06-02",
        "lead": "Le tribunal de commerce a validé l'offre d'un repreneur industriel fictif, "
        "qui promet 12 millions d'euros d'investissements sur cinq ans.",
        "paragraphs": [
            "La fonderie, placée en redressement judiciaire au printemps, emploie 95 personnes à "
            "Saint-Dizier. Le repreneur conserve l'ensemble des postes et annonce 20 recrutements "
            "supplémentaires une fois le nouveau four électrique installé.",
            "Le territoire d'industrie Nord Haute-Marne accompagnera le projet : la communauté "
            "d'agglomération a voté une avance remboursable de 800 000 euros, tandis que "
            "l'État mobilise le fonds de décarbonation de l'industrie.",
        ],
    },
]

PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T07:30:00+01:00">
<link rel="canonical" href="https://exemple-presse.fr/economie/{slug}.html">
</head>
<body>
<div id="cookie-banner" class="cookie-consent">
  <p>Nous utilisons des cookies pour mesurer l'audience et personnaliser les publicités.
  En poursuivant votre navigation, vous acceptez leur utilisation.</p>
  <button>Tout accepter</button> <button>Paramétrer les cookies</button>
</div>
<header class="site-header">
  <a href="/" class="logo">{site}</a>
  <nav class="main-nav"><ul>
    <li><a href="/actualite">Actualité</a></li><li><a href="/economie">Économie</a></li>
    <li><a href="/sports">Sports</a></li><li><a href="/faits-divers">Faits divers</a></li>
    <li><a href="/abonnement">Je m'abonne</a></li>
  </ul></nav>
  <nav class="breadcrumb"><a href="/">Accueil</a> › <a href="/economie">Économie</a></nav>
</header>
<main>
<article class="article">
  <h1>{title}</h1>
  <p class="byline">Par <span class="author">{author}</span> — publié le
  <time datetime="{date}">{date}</time></p>
  <p class="lead"><strong>{lead}</strong></p>
  {body}
  <aside class="read-also">
    <p><strong>À lire aussi :</strong>
    <a href="/economie/zone-activites-extension.html">Une zone d'activités bientôt étendue</a></p>
  </aside>
  <div class="share">Partager sur Facebook · Partager sur X · Envoyer par e-mail</div>
</article>
<aside class="sidebar">
  <h2>Les plus lus</h2>
  <ul><li><a href="/a">Météo : un week-end ensoleillé attendu</a></li>
  <li><a href="/b">Football : le club local s'impose à domicile</a></li>
  <li><a href="/c">Circulation : travaux sur la rocade jusqu'à vendredi</a></li></ul>
  <div class="newsletter">Recevez notre newsletter économie chaque matin.</div>
</aside>
</main>
<footer class="site-footer">
  <p>© 2024 {site} — Mentions légales — Politique de confidentialité — Contact</p>
  <p>Tous droits de reproduction réservés.</p>
</footer>
</body>
</html>
"""


def article_html(article: dict) -> str:
    """A press page: the article buried in the usual site chrome."""
    paragraphs = list(article["paragraphs"])
    middle = len(paragraphs) // 2 + 1
    blocks = [f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs]
    blocks.insert(
        middle,
        '<div class="inline-related"><p>Lire aussi : '
        '<a href="/economie/autre.html">Le chômage recule encore dans le département</a></p></div>',
    )
    fields = {k: html.escape(v) for k, v in article.items() if isinstance(v, str)}
    return PAGE.format(body="\n  ".join(blocks), **fields)


PROTOCOL_LEFT = [
    "Le présent protocole définit les engagements des signataires en faveur de la "
    "réindustrialisation du territoire d'industrie Vallée de l'Arve (exemple). Il s'inscrit "
    "dans la deuxième phase du programme national, pour la période 2023-2027.",
    "Le territoire compte 1 200 établissements industriels et 18 000 emplois dans le décolletage "
    "et la mécanique de précision. Les entreprises signalent des difficultés de recrutement "
    "persistantes et un besoin d'accompagnement de leur transition énergétique.",
]
PROTOCOL_RIGHT = [
    "Les partenaires retiennent trois axes : attirer et former les compétences, accélérer la "
    "décarbonation des procédés, et mobiliser le foncier économique disponible.",
    "L'agglomération assure le pilotage avec la Région Auvergne-Rhône-Alpes ; la Banque des "
    "Territoires, Bpifrance et France Travail participent au comité de projet réuni deux fois "
    "par an.",
]
FICHES = [
    ("Action 1", "Campus des métiers de la mécanique", "450 000 €"),
    ("Action 2", "Diagnostic énergie de 40 PME", "120 000 €"),
    ("Action 3", "Requalification de la friche des Valignons", "2 300 000 €"),
    ("Action 4", "Plateforme mutualisée de recrutement", "85 000 €"),
]


class ProtocolPDF(FPDF):
    """Running header and footer on every page, like a signed protocol."""

    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, "Protocole Territoires d'industrie - Vallée de l'Arve (exemple)", align="C")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, f"Page {self.page_no()}/{{nb}}", align="C")


def protocol_pdf() -> bytes:
    pdf = ProtocolPDF()
    pdf.core_fonts_encoding = "windows-1252"  # the euro sign; WinAnsi is what readers expect
    pdf.set_title("Protocole Territoires d'industrie - Vallée de l'Arve (exemple)")
    pdf.set_author("Préfecture de la Haute-Savoie (exemple)")
    pdf.set_creation_date(__import__("datetime").datetime(2023, 10, 12))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, "Protocole d'engagement Territoires d'industrie 2023-2027", align="C")
    pdf.ln(4)
    top = pdf.get_y()
    pdf.set_font("Helvetica", "", 10)
    for x, paras in ((10, PROTOCOL_LEFT), (110, PROTOCOL_RIGHT)):
        pdf.set_xy(x, top)
        for para in paras:
            pdf.set_x(x)
            pdf.multi_cell(90, 5, para, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.ln(3)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "Fiches actions et budgets prévisionnels", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)
    with pdf.table(col_widths=(25, 110, 45), text_align=("LEFT", "LEFT", "RIGHT")) as table:
        table.row(("N°", "Intitulé de l'action", "Budget"))
        for row in FICHES:
            table.row(row)
    pdf.ln(6)
    pdf.multi_cell(
        0,
        5,
        "Fait à Cluses, le 12 octobre 2023, en cinq exemplaires originaux. Signé par le préfet, "
        "le président de la Région et le président de la communauté de communes.",
    )
    return bytes(pdf.output())


def main() -> None:
    web = ROOT / "corpus" / "web"
    web.mkdir(parents=True, exist_ok=True)
    for article in ARTICLES:
        (web / f"{article['slug']}.html").write_text(article_html(article), encoding="utf-8")
    protocols = ROOT / "corpus" / "protocols"
    protocols.mkdir(parents=True, exist_ok=True)
    (protocols / "protocole-vallee-arve-exemple.pdf").write_bytes(protocol_pdf())


if __name__ == "__main__":
    main()
