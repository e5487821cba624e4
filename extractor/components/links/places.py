"""Where a figure is: the place named with it, a reference the reader resolves, or the
place of its owner (ANNOTATION.md).

In order:

1. a national or foreign scope of the figure's own stretch ("en France", "dans le
   monde", "au Maroc": a CLDR country after a locative) gives no place, nor does a
   group's turnover or headcount said of the group ("le groupe emploie 3 200 salariés");
2. a firm's figure takes the site its own words name ("dans son usine de Cholet"),
   or a site named between the firm and the figure ("le site X de Sochaux (45 M€)"), or
   the commune an adjective of origin gives its workforce ("les 120 salariés vierzonnais"),
   or the site "y" points to, or the site its paragraph opens on ("À Thyez, ...", "Le
   tableau est plus sombre à Thyez."), before where the firm is based; a head office
   ("dont le siège est à Lyon") places none of its figures;
3. a place of the figure's stretch, else the first of its sentence (a figure covering
   several places takes the first); places inside an organization's name ("Région
   Bretagne"), places that only locate another ("Fessenheim (Haut-Rhin)", "près de
   Belfort") and the venue of a meeting or a signing ("réunie ce lundi à Rennes") do not
   count; references ("sur le territoire", "notre agglomération", "le site") resolve to
   the document's main territory of that kind, or the owner's site;
4. then the owner's site, the territory a collectivity's name holds, the last place its
   paragraph named (not an enumeration's); a national document leaves the rest at none;
5. last, the document's own place: the article's site for a firm's figure, its
   Territoire d'industrie or intercommunality for a figure with no owner.

Action tables are read by :mod:`.tables` (their rows) and by the block rule here.
"""

from __future__ import annotations

import re

from .context import COLLECTIVITY, FIRM, FUNDER, SITE_KINDS, DocIndex, Place, demonym_commune

_NEAR = 50
#: what separates the places of an enumeration ("A, B et C", "de l'Aveyron, du Cantal et du Lot")
_ENUMERATION = re.compile(
    r"\s*(?:,|\bet\b|\bou\b)\s*(?:(?:et|ou)\s+)?(?:l[ae]s?\s+|l['’]|du\s+|de\s+la\s+|de\s+l['’]|des\s+)?",
    re.I,
)
#: how far after a figure its "y" may stand ("Vingt postes y seront créés")
_Y_AFTER = 30
#: how far after a figure its action block may still name its site
_BLOCK = 1500


def usable(p: Place) -> bool:
    return not p.in_org and not p.as_org and not p.locator


def _explicit(ix: DocIndex, lo: int, hi: int, start: int, end: int) -> Place | None:
    """The place the text names for the figure: right after it with a locative ("260
    salariés à Écrouves"), else the first site (commune, zone), else the first place."""
    places = [p for p in ix.places_in(lo, hi) if usable(p)]
    if not places:
        return None
    after = _after(ix, places, end)
    if after is not None:
        return after
    named = _named_territory(ix, places, start)
    if named is not None:
        return named
    sites = [p for p in places if p.kind in SITE_KINDS]
    return sites[0] if sites else places[0]


#: the words that name a grouping as a territory ("le Territoire d'industrie X", "le
#: territoire de X")
_TERRITORY_OF = re.compile(
    r"\bterritoire(?:\s+d['’]industrie)?(?:\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’]))?\s*$",
    re.I,
)


def _named_territory(ix: DocIndex, places: list[Place], start: int) -> Place | None:
    """A Territoire d'industrie, an intercommunality or a named grouping (a zone) the
    sentence names as a territory
    before the figure ("Le Territoire d'industrie Alsace centrale, auquel appartient
    Molsheim, compte 30 000 emplois", "Le territoire de Saint-Nazaire, c'est 28 000
    emplois"): the figure is the territory's, not that of a commune it names in passing."""
    for p in places:
        if (
            p.end <= start
            and p.kind in ("territoire_industrie", "epci", "zone")
            and _TERRITORY_OF.search(ix.text, max(0, p.start - 40), p.start)
        ):
            return p
    return None


def _after(ix: DocIndex, places: list[Place], end: int) -> Place | None:
    text, lex = ix.text, ix.lex
    for p in places:
        if (
            end <= p.start <= end + _NEAR
            and lex.locative_before.search(text[max(end, p.start - 40) : p.start])
            # not the place of another firm named in between, nor past the figure's bracket
            and ")" not in text[end : p.start]
            and not ix.mentions_in(end, p.start)
        ):
            return p
    return None


def own_place(ix: DocIndex, start: int, end: int) -> Place | None:
    """The place a locative names right after the figure in its own stretch ("dont 120 à
    Vierzon"), if any."""
    lo, hi = ix.segment(start, end)
    return _after(ix, [p for p in ix.places_in(lo, hi) if usable(p)], end)


def abroad_part(ix: DocIndex, start: int, end: int) -> str | None:
    """The words right after a part that place it in France as a whole or abroad ("1 350
    salariés, dont 890 en France", "dont 920 à l'étranger"): such a part is at no place
    of its whole."""
    _, hi = ix.segment(start, end)
    hi = min(hi, end + _NEAR // 2)
    m = ix.lex.national.search(ix.text, end, hi) or ix.lex.foreign.search(ix.text, end, hi)
    return m.group() if m else None


def _between_owner_and_figure(
    ix: DocIndex, places: list[Place], lo: int, start: int, org: str | None
) -> Place | None:
    """A commune or zone named after the firm's name and before its figure, in the figure's
    own stretch ("le site Stellantis de Sochaux (45 M€)"): that site's figure."""
    owner = [m for m in ix.mentions_in(lo, start) if m.name == org]
    if not owner:
        return None
    sites = [
        p for p in places if p.kind in SITE_KINDS and owner[-1].end <= p.start and p.end <= start
    ]
    return ix.site_of(sites[0]) if sites else None  # several: the first (ANNOTATION.md)


def _located(ix: DocIndex, places: list[Place], lo: int) -> Place | None:
    """The first commune that a locative introduces in the figure's stretch before it ("À
    Cholet, le groupe investit", "dans son usine de Fumel, ..."). A zone alone does not
    count: the annotation takes the commune of a zone, which the firm's site then gives."""
    for p in places:
        site = ix.site_of(p) if p.kind in SITE_KINDS else None
        if (
            site is not None
            and site.kind == "commune"
            and ix.lex.locative_before.search(ix.text[max(lo, p.start - 40) : p.start])
        ):
            return site
    return None


def _reference(ix: DocIndex, lo: int, hi: int, org: str | None) -> tuple[Place | None, str] | None:
    for cue in ix.lex.references:
        m = next((m for m in cue.pattern.finditer(ix.text, lo, hi) if not _in_name(ix, m)), None)
        if not m:
            continue
        for kind in cue.kinds:
            if kind == "site":
                place = ix.org_site.get(org or "") or ix.doc_site
            elif kind in ("territoire_industrie", "epci") and _issuer_epci(ix):
                # "le territoire" on an intercommunality's own page is that intercommunality
                place = ix.issuer_place
            elif kind == "epci":
                # "l'agglomération Bourges Plus": the intercommunality the sentence names
                named = [p for p in ix.places_in(lo, hi) if p.kind == "epci" and not p.in_org]
                place = named[0] if named else ix.main.get(kind)
            else:
                place = ix.main.get(kind)
            if place is not None:
                return place, m.group()
    return None


def _issuer_epci(ix: DocIndex) -> bool:
    return ix.issuer_place is not None and ix.issuer_place.kind == "epci"


def _own_territory(ix: DocIndex, org: str) -> Place | None:
    """The territory a collectivity's name holds ("Région Bretagne", "Lorient Agglomération")."""
    for m in ix.mentions:
        if m.name != org:
            continue
        for p in ix.places_in(m.start, m.end):
            if p.end <= m.end and (p.in_org or p.as_org):
                return p
    return None


def _paragraph_place(ix: DocIndex, start: int) -> Place | None:
    """The last place named before the figure in its paragraph, when no sentence of its own
    names one: a paragraph keeps to one place ("Le territoire de Dunkerque confirme sa place.
    ProLogium y bâtit sa gigafactory de 5,2 milliards")."""
    if ix.is_table_line(start) and not _field_line(ix, start):
        return None  # a list's items each stand alone
    lo, _ = ix.paragraph(start)
    before = [p for p in ix.places_in(lo, start) if usable(p)]
    if not before:
        return None
    last = before[-1]
    if len(before) > 1 and _ENUMERATION.fullmatch(ix.text, before[-2].end, last.start):
        return None  # "réunit Rodez Agglomération, Grand-Figeac et le Lot": no one place
    return ix.site_of(last)


#: a field of a record ("Dépense éligible : 2 340 000 €", "Emplois : 12 créations")
_FIELD = re.compile(r"[ \t]*[A-ZÉ][\w’' ]{0,30}[ \t]*:[ \t]")


def _field_line(ix: DocIndex, start: int) -> bool:
    """Is the figure's line a field of a record block ("Bénéficiaire : X – Méaulte" then
    "Aide accordée : 234 000 €")? Unlike a bullet of a list, such a line belongs to the
    block its paragraph makes, and the block's place is its place."""
    lo, hi = ix.line(start)
    return bool(_FIELD.match(ix.text, lo, hi))


#: a paragraph's first words that set where it happens: a locative, alone or after a short
#: lead ("À Montluel, ...", "Sur la zone des Fourches, ...", "Quelques kilomètres plus loin, à
#: Thyez, ...", "Le tableau est plus sombre à Châteaubernard.")
_OPENER = re.compile(
    r"\s*(?:[^.;:!?,«»\n]{0,60}(?:,\s*|\s))?(?:À|A|Au|Aux|à|au|aux|Dans\s+l[ea]s?|Dans\s+l['’]|dans\s+l[ea]s?|"
    r"dans\s+l['’]|En|Sur\s+l[ea]|Sur\s+l['’]|Sur|sur\s+l[ea]|sur\s+l['’]|sur)\s*"
)
#: what closes the opener's place: its comma, or the full stop of a first sentence that only
#: sets the scene ("Même dynamique à Trignac.")
_OPENER_END = re.compile(r"(?:\s+même)?\s*[,.]")


def _paragraph_opener(ix: DocIndex, start: int) -> Place | None:
    """The site a paragraph opens on ("À Montluel, le fondeur investit ... Il embauchera 30
    personnes"): the press sets the scene of a paragraph in its first words, and its figures
    that name no place of their own are there, not at the article's main site. The words
    before the place name no organization (then the place would be that one's)."""
    if ix.is_table_line(start):
        return None
    lo, _ = ix.paragraph(start)
    first = next(iter(ix.places_in(lo, start)), None)
    if (
        first is None
        or first.kind not in SITE_KINDS
        or first.in_org
        or first.locator
        or not _OPENER.fullmatch(ix.text, lo, first.start)
        or not _OPENER_END.match(ix.text, first.end)
        or ix.mentions_in(lo, first.start)
        or _SEAT_BEFORE.search(ix.text, lo, first.start)
    ):
        return None
    return ix.site_of(first)


#: the words that give where a firm already is, not where the paragraph's news happens
#: ("Installée sur la zone de X, ...", "dont le siège est à X", "son atelier de X", "qui
#: fabrique ... à X")
_SEAT_BEFORE = re.compile(
    r"(?i)\b(?:siège|installée?s?|implantée?s?|basée?s?|située?s?|établie?s?|"
    r"(?:son|sa|ses|leur|leurs)\s+(?:usine|atelier|site|unité|établissement|entrepôt)s?|"
    r"fabrique|produit|exploite|emploie)\b"
)


def _row_place(ix: DocIndex, start: int) -> Place | None:
    """The commune or zone the figure's row names, in a table whose cells are split by
    pipes ("Loir Emballages | Vendôme (41) | Ligne de thermoformage | 320 000 €"): a row is
    one beneficiary's record, and the places of other rows or of the text around the table
    are not its place."""
    lo, hi = ix.line(start)
    if ix.text.count("|", lo, hi) < 2:
        return None
    sites = [p for p in ix.places_in(lo, hi) if usable(p) and p.kind in SITE_KINDS]
    return ix.site_of(sites[0]) if sites else None


#: the words that name the territory a contract is for ("le territoire Sambre-Avesnois")
_TERRITORY_NAMED = re.compile(r"\bterritoire(?:\s+d['’]industrie)?\s*$", re.I)


def _contract(ix: DocIndex) -> Place | None:
    """The territory a contract is for: its Territoire d'industrie, else the place the text
    calls "le territoire X", else its intercommunality."""
    if "territoire_industrie" in ix.main:
        return ix.main["territoire_industrie"]
    for p in ix.places:
        if not p.in_org and _TERRITORY_NAMED.search(ix.text, max(0, p.start - 30), p.start):
            return p
    return ix.main.get("epci") or _main(ix)


def _main(ix: DocIndex) -> Place | None:
    for kind in ("territoire_industrie", "epci", "zone", "commune", "departement", "region"):
        if kind in ix.main:
            return ix.main[kind]
    return None


def decide(
    ix: DocIndex,
    start: int,
    end: int,
    org: str | None,
    org_role: str | None,
    whole_scope: bool = False,
) -> tuple[Place | None, str | None]:
    """The figure's place and the words that decided it. ``whole_scope``: a figure that may be
    said of a whole group (a turnover, an existing headcount)."""
    text, lex = ix.text, ix.lex
    sent_lo, sent_hi = ix.sentence(start)
    seg_lo, seg_hi = ix.segment(start, end)
    # abroad: a country named before the figure in its stretch, or right after it ("900
    # personnes au Royaume-Uni"), not one a later clause speaks of
    national = lex.national.search(text, seg_lo, seg_hi) or lex.foreign.search(
        text, seg_lo, min(seg_hi, end + _NEAR)
    )
    if national:
        return None, national.group()
    if whole_scope:
        # "le groupe emploie 3 200 salariés", "3 200 salariés dans le monde"; not "les 154
        # emplois maintenus et l'engagement du groupe", where the group comes after
        group = lex.group_scope.search(text, seg_lo, start) or next(
            (m for m in lex.group_scope.finditer(text, end, seg_hi) if "groupe" not in m.group()),
            None,
        )
        named = [p for p in ix.places_in(seg_lo, seg_hi) if usable(p)]
        if group and _after(ix, named, end) is None:
            # "le groupe emploie 3 200 salariés": the group's figure, at none of its sites
            return None, group.group()
    if ix.action_table and ix.on_heading(start):
        # an axis total: the contract's territory, not the site of the action above it
        place = _contract(ix)
        return place, text[place.start : place.end] if place else None
    if ix.action_table and ix.is_table_line(start):
        # the block of an action table: the site its lines name, else the contract's territory
        line = ix.block_holder_line(start)
        if line is not None:
            b_lo, b_hi = ix.block(start, line)
            places = [p for p in ix.places_in(b_lo, min(b_hi, start + _BLOCK)) if usable(p)]
            sites = [p for p in places if p.kind in SITE_KINDS]
            place = sites[0] if sites else _contract(ix)
            return place, text[place.start : place.end] if place else None
    row = _row_place(ix, start)
    if row is not None:
        return row, text[row.start : row.end]
    subject = _named_territory(
        ix,
        [p for p in ix.places_in(sent_lo, start) if usable(p) and p.start - sent_lo <= 40],
        start,
    )
    if subject is not None:
        # "Le territoire d'industrie X a mobilisé 35 M€": the sentence is the territory's,
        # whoever else it names
        return subject, text[subject.start : subject.end]
    if org_role == FIRM:
        seg_places = [p for p in ix.places_in(seg_lo, seg_hi) if usable(p)]
        after = _after(ix, seg_places, end) or _located(
            ix, [p for p in seg_places if p.end <= start], seg_lo
        )
        if after is not None:
            # the site the figure's own words name ("dans son usine de Cholet, le groupe
            # investit") wins over where the firm was located elsewhere in the article
            return after, text[after.start : after.end]
        named = _between_owner_and_figure(ix, seg_places, seg_lo, start, org)
        if named is not None:
            return named, text[named.start : named.end]
        # an adjective before the figure only when no other figure of its sentence comes
        # first ("Sur les 120 salariés vierzonnais, 95 rejoindront Bourges": not the 95's)
        adj = _demonym_place(ix, seg_lo if seg_lo == sent_lo else start, min(seg_hi, end + _NEAR))
        if adj is not None:
            return adj, text[adj.start : adj.end]
        # "y" says the same more precisely, and wins over where the firm is based: "installée
        # à Chauny, elle y construira sa deuxième usine" after a paragraph on Tergnier
        y_site = _y_site(ix, start, end)
        if y_site is not None:
            return y_site
        opener = _paragraph_opener(ix, start)
        if opener is not None:
            return opener, text[opener.start : opener.end]
        if org in ix.org_site:
            return ix.org_site[org], ix.org_site[org].span.text
    y_site = _y_site(ix, start, end)
    if y_site is not None:
        return y_site
    for lo, hi in ((seg_lo, seg_hi), (sent_lo, sent_hi)):
        place = _explicit(ix, lo, hi, start, end)
        if place is not None:
            return place, text[place.start : place.end]
        ref = _reference(ix, lo, hi, org)
        if ref is not None:
            return ref
    national = lex.national.search(text, sent_lo, sent_hi)
    if national:
        return None, national.group()
    if org and org in ix.org_site:
        return ix.org_site[org], ix.org_site[org].span.text
    if org and org_role in (COLLECTIVITY, FUNDER):
        own = _own_territory(ix, org)
        if own is not None:
            # a collectivity's money with no place said is for its own territory ("La Région
            # Bretagne lance un appel à projets doté de 5 M€": Bretagne)
            return own, text[own.start : own.end]
    if ix.national:
        return None, ix.national_cue
    if org_role == FIRM and ix.doc_site is not None:
        # a firm's figure with no place of its own is at the article's site
        return ix.doc_site, None
    para = _paragraph_place(ix, start)
    if para is not None:
        return para, text[para.start : para.end]
    if ix.national_lead:
        return None, ix.national_cue  # a national document's figure that names no place
    if org_role == FIRM:
        return ix.main.get("commune") or _main(ix), None
    if ix.issuer_place is not None:
        # the publisher's own page or release: a figure with no place is on its territory
        return ix.issuer_place, ix.issuer_place.span.text
    if ix.scope is not None and "territoire_industrie" not in ix.main and _several_epcis(ix):
        # a document over a whole département or région ("30 lauréats dans le Nord") that
        # names several intercommunalities: a figure of no one of them is the title's scope
        return ix.scope, ix.scope.span.text
    return _main(ix), None


#: a site's or a workforce's noun with an adjective of origin ("les 120 salariés vierzonnais",
#: "sur son site dunkerquois", "l'usine chaunoise")
_OWN_DEMONYM = re.compile(
    r"\b(?:usine|site|atelier|unité|établissement|plateforme|entrepôt|salarié|emploi|poste|"
    r"ouvrier|collaborateur|agent|effectif)s?\s+"
    r"(?P<adj>[a-zàâçéèêëîïôûùüÿœ-]{3,}?)(?:ois|oise|ais|aise|ien|ienne|in|ine)s?\b",
    re.I,
)


def _demonym_place(ix: DocIndex, lo: int, hi: int) -> Place | None:
    """The commune an adjective of origin gives the figure's site or workforce in its own
    stretch ("Sur les 120 salariés vierzonnais, 95 rejoindront Bourges"): the text says
    where these jobs are, even when the firm moves or is based elsewhere."""
    for m in _OWN_DEMONYM.finditer(ix.text, lo, hi):
        p = demonym_commune(ix, m["adj"])
        if p is not None:
            return p
    return None


def _y_site(ix: DocIndex, start: int, end: int) -> tuple[Place, str] | None:
    """The site "y" points to in the figure's sentence ("Vingt postes y seront créés"): the
    last site named before the sentence, in the same paragraph (never one named pages
    before)."""
    sent_lo, _ = ix.sentence(start)
    # "y" before the figure, or right after its noun ("Vingt postes y seront créés")
    _, seg_hi = ix.segment(start, end)
    y = ix.lex.y_reference.search(ix.text, sent_lo, min(seg_hi, end + _Y_AFTER))
    if y is None:
        return None
    para_lo = ix.paragraph(start)[0]
    site = ix.last_site(sent_lo)
    while site is not None and site.start >= para_lo and _seat(ix, site):
        # "La PME, qui emploie 38 salariés dans son atelier de Boulogne, veut ouvrir une
        # antenne ... Elle y consacrera 1,6 M€": "y" is the new site, not the firm's seat
        site = ix.last_site(site.start - 1)
    if site is None or site.start < para_lo:
        return None
    return ix.site_of(site), y.group()


#: a relative clause that gives where a firm already is ("qui emploie 38 salariés dans son
#: atelier de ", "dont le siège est à ", "qui fabrique des barquettes à ")
_SEAT_CLAUSE = re.compile(r"\b(?:qui|dont)\s[^,.;:()]{0,80}$", re.I)


def _seat(ix: DocIndex, p: Place) -> bool:
    """Is ``p`` named in a relative clause as where a firm already is ("La PME, qui emploie
    38 salariés dans son atelier de X, ...")? Such an aside is not the news "y" points to."""
    lo = ix.sentence(p.start)[0]
    clause = _SEAT_CLAUSE.search(ix.text, lo, p.start)
    return clause is not None and bool(_SEAT_BEFORE.search(clause.group()))


def _several_epcis(ix: DocIndex) -> bool:
    return len({p.key for p in ix.places if p.kind == "epci" and not p.in_org}) >= 2


def _in_name(ix: DocIndex, m: re.Match[str]) -> bool:
    """Is the match part of an organization's name ("Communauté d'agglomération du Cotentin")?"""
    return ix.in_name(m.start(), m.end())
