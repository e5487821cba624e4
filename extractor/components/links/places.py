"""Where a figure is: the place named with it, a reference the reader resolves, or the
place of its owner (ANNOTATION.md).

In order: a national or foreign scope ("en France", "dans le monde") gives no
place; a place of the figure's own stretch of the sentence ("260 salariés à
Écrouves"), else the first place of its sentence (a figure covering several
places takes the first one); places inside an organization's name ("Région
Bretagne") and places that only locate another ("Fessenheim (Haut-Rhin)", "près
de Belfort") do not count. Then references ("sur le territoire", "notre
agglomération", "le département", "le site") resolve to the document's main
territory of that kind, or the owner's site. Then the owner's site, the block of
an action table, and the document's own place: its Territoire d'industrie or
intercommunality for a figure with no owner, the firm's site for a firm's.
"""

from __future__ import annotations

from .context import FIRM, DocIndex, Place

_NEAR = 50


def _explicit(ix: DocIndex, lo: int, hi: int, start: int, end: int) -> Place | None:
    text, lex = ix.text, ix.lex
    places = [p for p in ix.places_in(lo, hi) if not p.in_org and not p.locator]
    if not places:
        return None
    after = [
        p for p in places
        if p.start >= end and p.start - end <= _NEAR
        and lex.locative_before.search(text[max(end, p.start - 40):p.start])
    ]
    return after[0] if after else places[0]


def _reference(ix: DocIndex, lo: int, hi: int, org: str | None) -> tuple[Place | None, str] | None:
    for cue in ix.lex.references:
        m = cue.pattern.search(ix.text, lo, hi)
        if not m:
            continue
        for kind in cue.kinds:
            if kind == "site":
                place = ix.org_site.get(org or "") or ix.doc_site
            else:
                place = ix.main.get(kind)
            if place is not None:
                return place, m.group()
    return None


def _main(ix: DocIndex) -> Place | None:
    for kind in ("territoire_industrie", "epci", "zone", "commune", "departement", "region"):
        if kind in ix.main:
            return ix.main[kind]
    return None


def decide(
    ix: DocIndex, start: int, end: int, org: str | None, org_role: str | None
) -> tuple[Place | None, str | None]:
    text, lex = ix.text, ix.lex
    sent_lo, sent_hi = ix.sentence(start)
    seg_lo, seg_hi = ix.segment(start, end)
    national = lex.national.search(text, seg_lo, seg_hi)
    if national:
        return None, national.group()
    for lo, hi in ((seg_lo, seg_hi), (sent_lo, sent_hi)):
        place = _explicit(ix, lo, hi, start, end)
        if place is not None:
            return place, text[place.start:place.end]
        ref = _reference(ix, lo, hi, org)
        if ref is not None:
            return ref
    national = lex.national.search(text, sent_lo, sent_hi)
    if national:
        return None, national.group()
    if org and org in ix.org_site:
        return ix.org_site[org], None
    if ix.action_table:
        p_lo, p_hi = ix.paragraph(start)
        place = _explicit(ix, p_lo, p_hi, start, end)
        if place is not None:
            return place, text[place.start:place.end]
    if ix.national:
        return None, None
    if org is None or org_role != FIRM:
        if org and org_role != FIRM:
            site = ix.org_site.get(org)
            if site is not None:
                return site, None
        return _main(ix), None
    return ix.doc_site or ix.main.get("commune") or _main(ix), None
