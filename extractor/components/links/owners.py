"""Whose a figure is: the investor, the beneficiary of an aid, the employer, the firm of a
turnover, the body that holds an envelope or carries an action (ANNOTATION.md).

Organizations of the figure's sentence are candidates unless their name or their
place says they are not the owner: a public funder never owns the aid it grants
("un prêt de Bpifrance"), a body that speaks, counts or trains owns nothing
("selon l'UIMM", "France Travail recense"), a partner or a parent company named
after "avec", "filiale de" is not the one acting. The nearest candidate before
the figure wins (the subject: "X investit", "X, qui emploie"), then the nearest
after it ("réalisée par X", "chez X"). With none, a figure said of a sector or
a territory ("l'industrie représente", "les entreprises du territoire") has no
owner, and any other belongs to the firm the article is about (the anaphora
"l'entreprise", "elle", "le groupe" or a bare figure in its story).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .context import COLLECTIVITY, FIRM, FUNDER, NOT_OWNER, DocIndex, Mention

#: what joins the names of a list ("Renault et de Stellantis", "Bpifrance, la Région")
_COORDINATED = re.compile(r"\s*(?:,|\bet\b|\bou\b)\s*(?:(?:de|d['’]|du|des|la|le|les|l['’])\s*)?")
#: what follows the name heading a line of a list ("X : 900 000 €", "(X) – subvention")
_LIST_HEAD = re.compile(r"\s*[):]")
#: how far back "il" may point to a buyer
_REACH = 1500
#: how far before a mention its "not the owner" words may stand
_BEFORE = 60
#: how far after the figure an owner may be named ("réalisée par X", "chez X")
_RIGHT = 60
#: the anaphora that point to a buyer named after the firm it took over ("X a été repris par
#: Veyret. Le groupe a déboursé 9 M€", "Il pèse 210 M€"), as a buyer is a group
_BUYER_WORDS = ("il", "le groupe")
#: what opens a name's own brackets or relative clause ("X (820 salariés)", "X, dont le")
_APPOSITION = re.compile(r"\s*(?:\(|,\s*(?:dont|qui)\b)")
#: how far before the figure, out of its own stretch, a sector word still speaks of it
_SECTOR_REACH = 80
#: a coordinated clause opening right after the figure ("une aide de 350 000 € et la
#: communauté de communes a pris en charge ...", "et Privas Agglo a cédé le terrain"): what
#: it names is its own subject, not the figure's owner nor its sector
_NEXT_CLAUSE = re.compile(
    r"\s*(?:et|mais|tandis\s+que|alors\s+que)\s+(?:(?:la|le|les|l['’])\s*|(?=[A-ZÀ-Ý]))"
)


def _holder(ix: DocIndex, start: int) -> tuple[str, str] | None:
    """The body named after "porté par", "opérée par", "géré avec" in the figure's stretch,
    or on the "Maître d'ouvrage :" line of its block in an action table."""
    text, lex = ix.text, ix.lex
    lo, hi = ix.segment(start, start + 1)  # the figure's own stretch: not its neighbour's holder
    for m in ix.mentions_in(lo, hi):
        if m.role == NOT_OWNER:
            continue
        cue = lex.holder_cue.search(text[max(lo, m.start - 40) : m.start])
        if cue:
            return m.name, cue.group().strip()
    if ix.action_table:
        line = ix.block_holder_line(start)
        if line is not None:
            found = ix.mentions_in(line[0], line[1])
            if found:
                m = lex.holder_line.match(text, line[0], line[1])
                return found[0].name, m.group().strip() if m else None
    return None


def _candidates(ix: DocIndex, lo: int, hi: int, purpose: str | None) -> list[Mention]:
    text, lex = ix.text, ix.lex
    out = []
    excluded: Mention | None = None
    for m in ix.mentions_in(lo, hi):
        if m.role == NOT_OWNER:
            continue
        if m.role == FUNDER and purpose != "budget":
            continue
        before = text[max(lo, m.start - _BEFORE) : m.start]
        if purpose != "budget" and (
            lex.not_owner_before.search(before)
            # "sous-traitant de Renault et de Stellantis": the words cover the whole list
            or (excluded is not None and _COORDINATED.fullmatch(text, excluded.end, m.start))
        ):
            excluded = m
            continue
        out.append(m)
    return out


def _gives(ix: DocIndex, m: Mention, start: int) -> bool:
    """Is ``m`` the subject of a giving verb before the figure ("X participe à hauteur de"),
    or the funder of a clause whose verb a coordination left out ("et X une subvention de")?"""
    return bool(
        ix.lex.giver_verbs.search(ix.text, m.end, start)
        or ix.lex.giver_after.match(ix.text, m.end, start)
    )


def _grants(ix: DocIndex, m: Mention, lo: int, start: int) -> bool:
    """Is ``m`` a collectivity that grants the aid named after it in its sentence? A
    commune or an intercommunality followed by a granting word before the aid gives it
    ("l'agglomération a voté une aide de 400 000 €", "la Région apporte 1 M€ et la
    métropole ajoute 300 000 €"), unless a verb says it receives it ("la commune obtient une
    subvention de 1,4 M€"), a word before it makes it the beneficiary ("accordée à la
    commune de X"), or the words between name an envelope it holds ("a voté un fonds
    d'aide de 1,5 M€"). In brackets or before a colon it heads a list line ("(Communauté
    urbaine de Dunkerque) – subvention : 2,3 M€"): that line's beneficiary."""
    if m.role != COLLECTIVITY or _LIST_HEAD.match(ix.text, m.end):
        return False
    lex = ix.lex
    return bool(
        lex.grant_words.search(ix.text, m.end, start)
        and not lex.beneficiary_verbs.search(ix.text, m.end, start)
        and not any(
            c.pattern.search(ix.text, m.end, start) for c in lex.purpose_cues if c.label == "budget"
        )
        and not lex.beneficiary_before.search(ix.text[max(lo, m.start - _BEFORE) : m.start])
    )


def _gives_next(ix: DocIndex, m: Mention, hi: int) -> bool:
    """Is ``m``, named after the figure, the funder of the next clause ("..., et X une
    subvention de", "X lui a accordé")?"""
    return bool(ix.lex.giver_after.match(ix.text, m.end, hi))


def decide(
    ix: DocIndex,
    start: int,
    end: int,
    purpose: str | None,
    is_job: bool,
    job_kind: str | None = None,
) -> tuple[str | None, str | None]:
    """(organization name, the words that decided it)."""
    found = _decide(ix, start, end, purpose, is_job)
    org = found[0]
    if (
        is_job
        and org is not None
        and job_kind not in ("planned", "created")
        and ix.focus
        and org != ix.focus
        and org in ix.acquirer_names
        and not _buyers_headcount(ix, start, found[1])
    ):
        # the jobs kept or cut in a takeover are the target's, not the buyer's
        return ix.focus, found[1]
    return found


def _buyers_headcount(ix: DocIndex, start: int, cue: str | None) -> bool:
    """Is the job count at ``start`` the buyer's own staff ("Metalis, un groupe de 1 100
    salariés", "le repreneur emploie 1 400 personnes en Lombardie"), not the jobs its
    takeover keeps or cuts ("reprend 58 des 94 emplois")? The buyer must be named, or
    called "le repreneur" or "le groupe": "l'entreprise employait 600 salariés" is the
    firm taken over."""
    lex = ix.lex
    sent_lo, sent_hi = ix.sentence(start)
    if (
        cue is not None
        and cue.lower() in _BUYER_WORDS
        and _buyer_named_last(ix, start) is not None
        and not lex.acquirer_kept.search(ix.text, sent_lo, sent_hi)
    ):
        # "X a été repris par Veyret. Il revendique 1 100 collaborateurs": the buyer's staff
        return True
    if cue is None or (
        lex.anaphora.fullmatch(cue)
        and not lex.acquirer_anaphora.fullmatch(cue)
        and not lex.group_anaphora.fullmatch(cue)
    ):
        return False
    seg_lo, _ = ix.segment(start, start + 1)
    return bool(
        lex.acquirer_headcount.search(ix.text, seg_lo, start)
        and not lex.acquirer_kept.search(ix.text, sent_lo, sent_hi)
    )


def _decide(
    ix: DocIndex, start: int, end: int, purpose: str | None, is_job: bool
) -> tuple[str | None, str | None]:
    text, lex = ix.text, ix.lex
    if purpose == "budget":
        held = _holder(ix, start)
        if held:
            return held
    sent_lo, sent_hi = ix.sentence(start)
    parent = _parent_in_brackets(ix, sent_lo, start)
    if parent is not None:
        return parent.name, text[parent.start : parent.end]
    seg_lo, seg_hi = ix.segment(start, end)
    cands = _candidates(ix, sent_lo, sent_hi, purpose)
    if purpose == "aid":
        cands = [
            m
            for m in cands
            if not (m.end <= start and (_gives(ix, m, start) or _grants(ix, m, sent_lo, start)))
            and not (m.start >= end and _gives_next(ix, m, sent_hi))
        ]
        for m in cands:
            before = text[max(sent_lo, m.start - _BEFORE) : m.start]
            if m.role in (FIRM, COLLECTIVITY) and lex.beneficiary_before.search(before):
                return m.name, text[m.start : m.end]
    right_end = min(seg_hi, end + _RIGHT)
    comma = text.find(",", end, right_end)
    right_end = comma if comma >= 0 else right_end
    if _NEXT_CLAUSE.match(text, end, seg_hi):
        seg_hi = right_end = end
    if is_job:
        cands = [
            m
            for m in cands
            if not (
                lex.acquirer_before.search(text[max(sent_lo, m.start - _BEFORE) : m.start])
                and not _buyers_headcount(ix, start, m.name)
            )
            # a collectivity speaks of its territory's jobs; it employs them only when said
            and not (
                m.role == COLLECTIVITY
                and m.end <= start
                and not lex.employer_verbs.search(text, m.end, start)
            )
        ]
        for m in cands:
            if m.start >= end and lex.employer_before.search(
                text[max(end, m.start - _BEFORE) : m.start]
            ):
                return m.name, text[m.start : m.end]  # "recruté par Châteauroux Métropole"
    counted = [m for m in cands if m.end <= start and _counter(ix, m, start, end)]
    left = [m for m in cands if m.end <= start and m not in counted]
    right = [m for m in cands if m.start >= end and m.end <= right_end]
    sectors = (
        _sectors(ix, seg_lo, start)
        or _sectors(ix, max(sent_lo, start - _SECTOR_REACH), start)
        # the sentence's subject is a sector ("La filière représente ... et un CA de ...")
        or _sectors(ix, sent_lo, min(start, sent_lo + 25))
    )
    if sectors:
        sectors = _outside_clauses(ix, sectors, sent_lo, start)
    after = _sectors(ix, end, min(seg_hi, end + _RIGHT))
    strong = [m for m in sectors if not lex.sector_weak.fullmatch(m.group())]
    sector = (
        (strong or sectors)[-1]
        if sectors
        else lex.sector_right.match(text, end, seg_hi) or (after[0] if after else None)
    )
    # "au total", "cumulées" sum a firm's own figures too ("l'entreprise y consacrera au
    # total 8,3 M€"): they make the figure a sector's only when no owner is named
    weak = sector is not None and bool(lex.sector_weak.fullmatch(sector.group()))
    strong_after = lex.sector_right.match(text, end, seg_hi) or next(
        (m for m in after if not lex.sector_weak.fullmatch(m.group())), None
    )
    if weak and strong_after:
        # "Il compte au total 28 000 emplois industriels": the sector is said after all
        sector, weak = strong_after, False
    if left and not (
        sector
        and not weak
        and left[-1].end <= sector.start() < start
        and not _aside(ix, left[-1], sector.start(), start)
    ):
        m = left[-1]
        return m.name, text[m.start : m.end]
    if right:
        m = right[0]
        return m.name, text[m.start : m.end]
    if counted:
        # "La CARENE estime à 12 000 le nombre d'emplois liés à la navale": a total over a
        # territory or a sector, that its counter does not own
        return None, text[counted[-1].start : start].strip()
    nth = _ordinal_firm(ix, sent_lo, start) or _latter_firm(ix, sent_lo, start)
    if nth is not None:
        return nth
    if is_job and ix.action_table:
        # a job count of an action's block is the firm's the block names, else the carrier's
        p_lo, _ = ix.paragraph(start)
        block = ix.last_firm(start, reach=start - p_lo)
        if block:
            return block, None
        held = _holder(ix, start)
        if held and not sector:
            return held
    # a collectivity's own project; not an aid's giver, unless a verb says it receives it
    # ("la communauté d'agglomération vient de recevoir 650 000 euros"), nor a territory's jobs
    receives = purpose == "aid" and lex.beneficiary_verbs.search(text, seg_lo, start)
    body = _collectivity(ix, seg_lo, start) if purpose not in ("aid", None) or receives else None
    if body:
        return body
    anaphor = _anaphor(ix, sent_lo, sent_hi)
    if sector and not (anaphor and (weak or _nearer(anaphor.start(), sector.start(), start, end))):
        return None, sector.group()
    if purpose == "budget" and not anaphor:
        # an envelope nobody is said to hold: the publisher's own, on its own page
        return ix.issuer, ix.issuer
    if ix.is_table_line(start):
        # a line of a list of projects ("Investissement : 14 M€ ; aide : 4,2 M€") is the firm's
        # its block named last
        p_lo, _ = ix.paragraph(start)
        block = ix.last_firm(start, reach=start - p_lo)
        if block:
            return block, None
    group = lex.group_anaphora.search(text, seg_lo, start)
    if group and ix.parent is None and _UNNAMED_PARENT.search(text, ix.paragraph(start)[0], start):
        # "filiale d'un groupe danois [...] Le groupe, lui, emploie 2 000 personnes": a
        # parent the text does not name owns them (ANNOTATION.md: no name, no owner)
        return None, group.group()
    if group and ix.parent and ix.parent != ix.focus:
        # "l'usine du groupe à Bilbao, qui compte 400 salariés": the parent's, not its
        # subsidiary's the article is about
        return ix.parent, group.group()
    buyer = lex.acquirer_anaphora.search(text, sent_lo, sent_hi)
    if buyer and ix.last_acquirer(start):
        return ix.last_acquirer(start), buyer.group()
    own = lex.focus_anaphora.search(text, sent_lo, sent_hi)
    speaker = _speaker_firm(ix, sent_lo, sent_hi) if own else None
    if speaker:
        return speaker, own.group()
    p_lo, _ = ix.paragraph(start)
    if own and ix.focus:
        return _plant_firm(ix, start, own.group(), p_lo) or ix.focus, own.group()
    if anaphor:
        # "l'entreprise", "elle" point back within the paragraph; across paragraphs, to the
        # firm the article is about; an envelope's "il" ("Il mobilise 18 M€") is a contract's
        # or a plan's, not a firm's
        if purpose == "budget" and anaphor.group().lower() in ("il", "elle"):
            return None, anaphor.group()
        if anaphor.group().lower() in _BUYER_WORDS:
            buyer = _buyer_named_last(ix, start)
            if buyer is not None:
                return buyer, anaphor.group()
        if anaphor.group().lower() == "lui" and purpose == "aid":
            body = _subject_collectivity(ix, sent_lo, p_lo, anaphor.start())
            if body is not None:
                return body, anaphor.group()
        return ix.last_firm(start, reach=start - p_lo) or ix.focus, anaphor.group()
    price = lex.unit_price.match(text, end)
    if ix.focus and purpose != "budget" and not price:
        # a bare figure of a firm's article is that firm's (the annotation's reading; bounding
        # this to the headline or the paragraph cost 8 points of organization on dev and test)
        return ix.focus, None
    if not is_job and purpose in ("budget", "investment", "other") and ix.issuer:
        # a collectivity's own page or release: the money it gives with no owner is its own
        return ix.issuer, ix.issuer
    # a unit price ("6 euros le kilo") is nobody's, and the words that say so are the cue
    return None, price.group() if price else None


#: the first person of a firm's speaker ("nous", "chez nous"): the firm the article is about
_FIRST_PERSON = re.compile(r"(?i)(?:chez\s+)?(?:nous|notre|nos|on)")


#: a number right after a name makes it a norm or a product ("salle blanche ISO 7")
_NORM = re.compile(r"[ \u00a0]?\d")


def _plant_firm(ix: DocIndex, start: int, word: str, p_lo: int) -> str | None:
    """The firm whose plant, site or management "l'usine", "le site", "la direction" name:
    the firm named last in the figure's paragraph ("Pontivy Salaisons agrandit son atelier.
    Quinze emplois seront créés sur le site": Pontivy Salaisons's, not the article's first
    firm). A speaker's "nous" is the article's firm or the speaker's (not this)."""
    if _FIRST_PERSON.fullmatch(word):
        return None
    i = bisect_right(ix.firm_starts, start) - 1
    while i >= 0 and ix.firm_mentions[i].start >= p_lo:
        m = ix.firm_mentions[i]
        if m.end <= start and not _NORM.match(ix.text, m.end):
            return m.name
        i -= 1
    return None


#: "le premier", "la seconde", "l'un", "l'autre" as a subject: the firm of that rank in the
#: list named just before ("X et Y investissent. Le premier recrutera 150 personnes, le second
#: 40"); an adjective ("le premier site", "l'un des leaders") is left out by what follows
_ORDINAL = re.compile(
    r"\b(?:(?P<n0>[Ll]e\s+premier|[Ll]a\s+première|[Ll]['’]une?)"
    r"|(?P<n1>[Ll]e\s+second|[Ll]a\s+seconde|[Ll]e\s+deuxième|[Ll]a\s+deuxième|[Ll]['’]autre)"
    r"|(?P<n2>[Ll]e\s+troisième|[Ll]a\s+troisième))"
    r"(?=\s*,|\s+\d|\s+(?:qui|a|ont|avait|va|doit|devrait|sera|est|compt|emplo|recrut|embauch|"
    r"invest|prévoi|prévoy|engag|annonc|pès|pes|réalis|affich|cré|supprim|consacr|injecte|"
    r"dépens|débours|vis|y)\w*\b)"
)
#: "ce dernier", "cette dernière": the organization named last, whatever its part
_LATTER = re.compile(
    r"\b[Cc](?:e|ette)\s+derni(?:er|ère)\b(?!\s+(?:mois|trimestre|semestre|exercice))"
)


def _latter_firm(ix: DocIndex, lo: int, start: int) -> tuple[str, str] | None:
    """The firm "ce dernier" points to: the firm named last before it in its paragraph, even
    a parent or a buyer ("L'ETI appartient au groupe Hydrem. Ce dernier, qui pèse 410 M€
    de ventes, emploie 300 salariés en Tunisie": Hydrem's)."""
    hit = _LATTER.search(ix.text, lo, start)
    if hit is None:
        return None
    named = [m for m in ix.mentions_in(ix.paragraph(start)[0], hit.start()) if m.role == FIRM]
    return (named[-1].name, hit.group()) if named else None


#: how far back the list an ordinal points into may be named
_LIST_REACH = 700


def _ordinal_firm(ix: DocIndex, lo: int, start: int) -> tuple[str, str] | None:
    """The firm an ordinal subject of the figure's sentence points to: the last "le premier",
    "le second", "l'un", "l'autre" before the figure picks its rank in the last sentence
    before it that names two firms or more, in the order they are named."""
    # the figure itself may follow the word ("le second 40"): the search looks past ``start``
    hits = [h for h in _ORDINAL.finditer(ix.text, lo, start + 1) if h.end() <= start]
    if not hits:
        return None
    hit = hits[-1]
    rank = int(next(k for k, v in hit.groupdict().items() if v)[1])
    pos = hit.start()
    while pos > 0 and pos > hit.start() - _LIST_REACH:
        s_lo, _ = ix.sentence(pos - 1)
        names: list[str] = []
        for m in ix.mentions_in(s_lo, pos):
            if m.role == FIRM and m.name not in names:
                names.append(m.name)
        if len(names) >= 2:
            return (names[rank], hit.group()) if rank < len(names) else None
        if s_lo >= pos:
            break
        pos = s_lo
    return None


#: a relative clause or brackets right after a name ("X, qui porte le Territoire d'industrie,",
#: "X (filière bois)")
_ASIDE = re.compile(r"\s*(?:,\s*(?:qui|dont|que|où)\b[^,;.]*,|\([^)]*\))")


#: a relative clause closed before the figure ("Le constructeur, qui fait travailler 5 000
#: personnes chez ses sous-traitants, a réalisé 2,6 milliards")
_CLAUSE = re.compile(r",\s*(?:qui|dont|que|où)\b[^,;.]*,")


def _outside_clauses(
    ix: DocIndex, sectors: list[re.Match[str]], lo: int, start: int
) -> list[re.Match[str]]:
    """The sector words that are not inside a relative clause closed before the figure: one
    there describes the subject ("L'usine, qui fournit les constructeurs, emploie 300
    salariés"), it does not make the figure a sector's."""
    clauses = [(c.start(), c.end()) for c in _CLAUSE.finditer(ix.text, lo, start)]
    if not clauses:
        return sectors
    return [m for m in sectors if not any(a < m.start() < b for a, b in clauses)]


def _aside(ix: DocIndex, m: Mention, pos: int, start: int) -> bool:
    """Is ``pos`` inside the relative clause or the brackets that follow ``m``'s name? A sector
    word there describes the subject ("Cap Excellence, qui porte le Territoire d'industrie,
    a engagé 14 M€"): it does not make the figure a sector's."""
    aside = _ASIDE.match(ix.text, m.end, start)
    return aside is not None and pos < aside.end()


#: how far into its sentence a subject's name may start ("Dès 2024, la communauté X")
_SUBJECT_REACH = 30


def _subject_collectivity(ix: DocIndex, sent_lo: int, p_lo: int, pos: int) -> str | None:
    """The collectivity that is the subject of the sentence before, in the same paragraph:
    what an aid's "lui" at ``pos`` points to when no firm is named since ("La communauté
    d'agglomération X a acquis la friche. La Banque des Territoires lui accorde un prêt de
    1,5 M€": X's)."""
    if sent_lo <= p_lo:
        return None
    lo, _ = ix.sentence(sent_lo - 1)
    named = ix.mentions_in(lo, sent_lo)
    first = named[0] if named else None
    if first is None or first.role != COLLECTIVITY or first.start - lo > _SUBJECT_REACH:
        return None
    if any(m.role == FIRM for m in ix.mentions_in(first.end, pos)):
        return None  # a firm named since is the nearer antecedent
    return first.name


#: a parent group the text does not name ("filiale d'un groupe norvégien")
_UNNAMED_PARENT = re.compile(
    r"\b(?:filiale|propriété)\s+d['’]un\s+groupe\b|\bappartient\s+(?:\S+\s+){0,3}?à\s+un\s+groupe\b"
)
#: a body that counts: "X estime à 12 000 le nombre d'emplois", "X a chiffré à 18 M€ le montant"
_COUNT_VERB = re.compile(r"\b(?:estim|évalu|chiffr)\w*\s+(?:à|a)\s+(?:\S+\s+){0,2}$")
_COUNTED = re.compile(r"\s(?:le|les)\s+(?:nombre|montant|total|effectifs?)\b")
#: how far after the figure its "le nombre" may end (the span may hold it: "12 000 le nombre
#: d'emplois")
_COUNTED_REACH = 16


def _counter(ix: DocIndex, m: Mention, start: int, end: int) -> bool:
    """Is ``m`` the body that counts the figure rather than its owner ("La communauté
    d'agglomération évalue à 4 200 le nombre d'emplois agroalimentaires sur son périmètre")?
    The figure is then a total over a territory or a sector that the words after it name."""
    return bool(
        _COUNTED.search(ix.text, start, end + _COUNTED_REACH)
        and _COUNT_VERB.search(ix.text[m.end : start] + " ")
    )


def _parent_in_brackets(ix: DocIndex, lo: int, start: int) -> Mention | None:
    """The parent group whose brackets or relative clause hold the figure ("filiale du
    groupe Armor Pack (820 salariés, 190 M€ de chiffre d'affaires)", "appartient au groupe
    Farmachem, dont le chiffre d'affaires atteint 1,2 milliard"): the group's own figures,
    not its subsidiary's, though a parent is no owner elsewhere in the sentence."""
    named = ix.mentions_in(lo, start)
    if not named:
        return None
    m = named[-1]
    between = ix.text[m.end : start]
    if not _APPOSITION.match(between) or ")" in between:
        return None
    return m if ix.lex.parent_before.search(ix.text[max(lo, m.start - _BEFORE) : m.start]) else None


def _buyer_named_last(ix: DocIndex, start: int) -> str | None:
    """The buyer when it is the firm named last before ``start``, by its name or as "le
    repreneur" ("Le tribunal a validé l'offre de Metalis. [...] Le repreneur conserve 148
    emplois. Il a mis 1,2 M€ sur la table": Metalis's); "il" then points to it, not to
    the firm taken over named before."""
    buyer = ix.last_acquirer(start)
    if buyer is None:
        return None
    i = bisect_right(ix.acquirer_starts, start - 1) - 1
    lo = max(0, start - _REACH)
    said = [m.start() for m in ix.lex.acquirer_anaphora.finditer(ix.text, lo, start)]
    last = max([ix.acquirer_starts[i], *said])
    j = bisect_right(ix.firm_starts, start - 1) - 1
    if last < lo or (j >= 0 and ix.firm_mentions[j].start > last):
        return None
    return buyer


def _anaphor(ix: DocIndex, lo: int, hi: int) -> re.Match[str] | None:
    """The first word of ``lo``–``hi`` that points back to a firm, not an impersonal "il"
    ("Il y a dix ans, le bassin comptait 8 500 emplois": no firm's)."""
    for m in ix.lex.anaphora.finditer(ix.text, lo, hi):
        if not ix.lex.impersonal.match(ix.text, m.start()):
            return m
    return None


def _nearer(a: int, b: int, start: int, end: int) -> bool:
    """Is position ``a`` nearer to the figure than ``b``?"""

    def dist(x: int) -> int:
        return start - x if x < start else x - end

    return dist(a) < dist(b)


def _speaker_firm(ix: DocIndex, lo: int, hi: int) -> str | None:
    """The firm of the person who speaks in the sentence ("« Nous avons embauché 70
    personnes », résume son PDG"), as fr_actors gave it."""
    firms = ix.firm_names
    for span in ix.actors_in(lo, hi):
        if span._.actor_organization in firms:
            return span._.actor_organization
    return None


def _collectivity(ix: DocIndex, lo: int, start: int) -> tuple[str, str] | None:
    """A collectivity named by its kind before the figure ("l'intercommunalité a racheté",
    "la collectivité avait réservé"): the Région named last, or the article's
    intercommunality."""
    text, lex = ix.text, ix.lex
    m = lex.epci_anaphora.search(text, lo, start)
    if m and re.search(
        r"\b(?:sur|dans|de|à|en|pour)\s*$", text[max(lo, m.start() - 6) : m.start()]
    ):
        m = None  # a place ("sur l'agglomération"), not the subject
    if m and "epci" in ix.main:
        return ix.main["epci"].span.text, m.group()
    m = lex.region_anaphora.search(text, lo, start)
    if m:
        region = ix.last_region(start)
        if region:
            return region, m.group()
    return None


def _sectors(ix: DocIndex, lo: int, hi: int) -> list[re.Match[str]]:
    """Sector words between ``lo`` and ``hi``, not those of an organization's name
    ("Dracénie Provence Verdon Agglomération" is no "agglomération")."""
    return ix.sectors_in(lo, hi)
