"""Per-document indexes that the link rules read: built once per doc, linear in its length.

A figure's context is read at four levels, narrowest first: its own stretch of
the sentence (between the previous and the next figure), its sentence, its
paragraph, the document. Sentences come from ``fr_sentences`` (``doc.sents``);
organization mentions are every occurrence of the names ``fr_organizations``
found (it tags some mentions only), found by one regex pass over the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .. import attributes as attrs
from ..doctext import doc_text
from ..folding import fold
from .lexicon import Lexicon

FUNDER, NOT_OWNER, COLLECTIVITY, FIRM = "funder", "not_owner", "collectivity", "firm"
SITE_KINDS = ("commune", "zone")
_PARA = re.compile(r"\n[ \t\u00a0]*\n")
_ACRONYM = re.compile(r"[A-ZÉ][A-Z0-9ÉÈ&-]{1,9}")
_TITLE_LINES = 12
#: how far into an organization's name a word may stand (the longest names run to ~120)
_NAME_REACH = 120
#: the characters of a document's title and lead
_LEAD = 800
#: how far from a firm's name the place that locates it may stand in its sentence
_SITE_REACH = 150
#: what may follow a place standing alone on a heading line: its département in brackets,
#: a full stop, or the dash of a dateline and the article's first words
_ALONE = re.compile(r"\s*(?:\([^)\n]{0,30}\))?\s*(?:[.:]?\s*|\.?\s*[—–-]\s.*)")


@dataclass(frozen=True)
class Mention:
    """One occurrence of an organization name, with the role its name gives it."""

    start: int
    end: int
    name: str
    role: str


@dataclass(frozen=True)
class Place:
    """A territory span with what its surroundings say of it."""

    span: Span
    start: int
    end: int
    kind: str
    key: str
    in_org: bool  # inside an organization's name ("Région Bretagne", "CCI du Var")
    as_org: bool  # the very name of an organization named there ("Région Sud apporte")
    locator: bool  # in brackets after another place, or after "près de": only locates it


@dataclass
class DocIndex:
    doc: Doc
    lex: Lexicon
    text: str = ""
    sent_starts: list[int] = field(default_factory=list)
    sent_ends: list[int] = field(default_factory=list)
    para_starts: list[int] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)
    figure_starts: list[int] = field(default_factory=list)
    figure_ends: list[int] = field(default_factory=list)
    job_starts: list[int] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    place_starts: list[int] = field(default_factory=list)
    focus: str | None = None
    parent: str | None = None  # the group the article's firm belongs to ("filiale du groupe X")
    firm_mentions: list[Mention] = field(default_factory=list)
    firm_starts: list[int] = field(default_factory=list)
    acquirers: list[Mention] = field(default_factory=list)
    acquirer_starts: list[int] = field(default_factory=list)
    firm_names: frozenset[str] = frozenset()
    acquirer_names: frozenset[str] = frozenset()
    region_mentions: list[Mention] = field(default_factory=list)
    region_starts: list[int] = field(default_factory=list)
    actor_spans: list[Span] = field(default_factory=list)
    holder_lines: list[tuple[int, int]] = field(default_factory=list)  # (line start, name end)
    holder_starts: list[int] = field(default_factory=list)
    heading_starts: list[int] = field(default_factory=list)  # action and axis headings
    sector_hits: list[re.Match[str]] = field(default_factory=list)
    sector_starts: list[int] = field(default_factory=list)
    actor_starts: list[int] = field(default_factory=list)
    org_site: dict[str, Place] = field(default_factory=dict)
    doc_site: Place | None = None
    main: dict[str, Place] = field(default_factory=dict)
    national: bool = False
    national_lead: bool = False  # the first lines speak of France and name no local place
    national_cue: str | None = None  # the words that make the document national
    scope: Place | None = (
        None  # a région or département the title names ("lauréats en Pays de la Loire")
    )
    action_table: bool = False
    laureates: bool = False
    issuer: str | None = None  # the collectivity that publishes the page or the release
    issuer_place: Place | None = None  # its own territory

    # -- positions -------------------------------------------------------------------------
    def sentence(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.sent_starts, pos) - 1)
        return self.sent_starts[i], self.sent_ends[i]

    def paragraph(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.para_starts, pos)
        start = self.para_starts[i - 1] if i else 0
        end = self.para_starts[i] if i < len(self.para_starts) else len(self.text)
        return start, end

    def line(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.line_starts, pos)
        start = self.line_starts[i - 1] if i else 0
        end = self.text.find("\n", pos)
        return start, (end if end >= 0 else len(self.text))

    def segment(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of the sentence that belongs to the figure at ``start``–``end``: it stops
        at the figures before and after it."""
        s_lo, s_hi = self.sentence(start)
        i = bisect_right(self.figure_ends, start)
        lo = max(s_lo, self.figure_ends[i - 1]) if i else s_lo
        j = bisect_right(self.figure_starts, end - 1)
        hi = min(s_hi, self.figure_starts[j]) if j < len(self.figure_starts) else s_hi
        return lo, hi

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        i = bisect_right(self.mention_starts, lo - 1)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    def places_in(self, lo: int, hi: int) -> list[Place]:
        i = bisect_right(self.place_starts, lo - 1)
        out = []
        while i < len(self.places) and self.places[i].start < hi:
            if self.places[i].end <= hi:
                out.append(self.places[i])
            i += 1
        return out

    def last_firm(self, pos: int, reach: int = 1500) -> str | None:
        """The firm named last before ``pos`` as a possible owner (not as a partner or a
        parent company): what "l'entreprise", "elle", "nous" point back to."""
        i = bisect_right(self.firm_starts, pos) - 1
        if i >= 0 and pos - self.firm_mentions[i].end <= reach:
            return self.firm_mentions[i].name
        return None

    def has_job_in(self, lo: int, hi: int) -> bool:
        i = bisect_right(self.job_starts, lo - 1)
        return i < len(self.job_starts) and self.job_starts[i] < hi

    def site_of(self, p: Place) -> Place:
        """A zone followed by its commune ("la zone des Fourches, à Cherbourg") is that commune."""
        if p.kind != "zone":
            return p
        nxt = self.places_in(p.end, p.end + 60)
        if (
            nxt
            and nxt[0].kind == "commune"
            and re.fullmatch(r",?\s*(?:à|au)\s+", self.text[p.end : nxt[0].start])
        ):
            return nxt[0]
        return p

    def last_acquirer(self, pos: int) -> str | None:
        """The buyer named last before ``pos`` ("repris par le groupe X"): "le repreneur"."""
        i = bisect_right(self.acquirer_starts, pos - 1) - 1
        return self.acquirers[i].name if i >= 0 else None

    def last_region(self, pos: int) -> str | None:
        """The "Région X" organization named last before ``pos``."""
        i = bisect_right(self.region_starts, pos - 1) - 1
        return self.region_mentions[i].name if i >= 0 else None

    def actors_in(self, lo: int, hi: int) -> list[Span]:
        i = bisect_right(self.actor_starts, lo - 1)
        j = bisect_right(self.actor_starts, hi - 1)
        return self.actor_spans[i:j]

    def last_site(self, pos: int) -> Place | None:
        """The last commune or zone named before ``pos`` (what "y" points to)."""
        i = bisect_right(self.place_starts, pos) - 1
        while i >= 0:
            p = self.places[i]
            if p.kind in SITE_KINDS and not p.in_org and not p.locator:
                return p
            i -= 1
        return None

    def sectors_in(self, lo: int, hi: int) -> list[re.Match[str]]:
        """Sector words between ``lo`` and ``hi`` (none inside an organization's name)."""
        i = bisect_right(self.sector_starts, lo - 1)
        out = []
        while i < len(self.sector_hits) and self.sector_hits[i].start() < hi:
            if self.sector_hits[i].end() <= hi:
                out.append(self.sector_hits[i])
            i += 1
        return out

    def in_name(self, start: int, end: int) -> bool:
        """Is ``start``–``end`` inside an organization's name (its first word included:
        "Ateliers" of "Ateliers Dumoulin")?"""
        i = bisect_right(self.mention_starts, start) - 1
        while i >= 0 and start - self.mentions[i].start <= _NAME_REACH:
            if self.mentions[i].end >= end:
                return True
            i -= 1
        return False

    def block_holder_line(self, pos: int) -> tuple[int, int] | None:
        """The "Maître d'ouvrage :" line of the figure's block (same paragraph, before it, and
        no action or axis heading in between: the next action's heading ends the block)."""
        i = bisect_right(self.holder_starts, pos) - 1
        if i < 0:
            return None
        line = self.holder_lines[i]
        if line[0] < self.paragraph(pos)[0] or self.last_heading(pos) > line[0]:
            return None
        return line

    def last_heading(self, pos: int) -> int:
        """Where the last action or axis heading at or before ``pos`` starts (-1: none)."""
        i = bisect_right(self.heading_starts, pos) - 1
        return self.heading_starts[i] if i >= 0 else -1

    def block(self, pos: int, holder: tuple[int, int]) -> tuple[int, int]:
        """The action block of the figure at ``pos`` whose holder line is ``holder``: from
        the heading just above that line (else the paragraph's start) to the next heading
        (else the paragraph's end)."""
        p_lo, p_hi = self.paragraph(pos)
        head = self.last_heading(holder[0])
        lo = head if head >= p_lo else p_lo
        i = bisect_right(self.heading_starts, pos)
        hi = self.heading_starts[i] if i < len(self.heading_starts) else p_hi
        return lo, min(hi, p_hi)

    def on_heading(self, pos: int) -> bool:
        """Is the figure at ``pos`` on an action or axis heading line (an axis total)?"""
        return self.last_heading(pos) >= self.line(pos)[0]

    def is_table_line(self, pos: int) -> bool:
        lo, hi = self.line(pos)
        return bool(self.lex.table_line.match(self.text, lo, hi))


def role_of(name: str, lex: Lexicon) -> str:
    if lex.not_owners.match(name):
        return NOT_OWNER
    if lex.public_funders.match(name):
        return FUNDER
    if lex.collectivities.match(name):
        return COLLECTIVITY
    return FIRM


def build(doc: Doc, lex: Lexicon) -> DocIndex:
    """Index one doc: sentences, paragraphs, lines, figures, organization mentions, places."""
    ix = DocIndex(doc=doc, lex=lex, text=doc_text(doc))
    text = ix.text
    for sent in doc.sents:
        ix.sent_starts.append(sent.start_char)
        ix.sent_ends.append(sent.end_char)
    if not ix.sent_starts:
        ix.sent_starts, ix.sent_ends = [0], [len(text)]
    ix.para_starts = [m.end() for m in _PARA.finditer(text)]
    ix.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    figures = sorted(
        (s.start_char, s.end_char)
        for key in (attrs.AMOUNTS, attrs.JOBS)
        if key in doc.spans
        for s in doc.spans[key]
    )
    ix.figure_starts = [f[0] for f in figures]
    ix.figure_ends = sorted(f[1] for f in figures)
    ix.job_starts = (
        sorted(s.start_char for s in doc.spans[attrs.JOBS]) if (attrs.JOBS in doc.spans) else []
    )
    _index_mentions(ix)
    if attrs.ACTORS in doc.spans:
        ix.actor_spans = sorted(doc.spans[attrs.ACTORS], key=lambda a: a.start_char)
        ix.actor_starts = [a.start_char for a in ix.actor_spans]
    _index_places(ix)
    ix.sector_hits = [m for m in lex.sector.finditer(text) if not ix.in_name(m.start(), m.end())]
    ix.sector_starts = [m.start() for m in ix.sector_hits]
    ix.action_table = bool(lex.action_table.search(text))
    if ix.action_table:
        for m in lex.holder_line.finditer(text):
            line_end = text.find("\n", m.end())
            ix.holder_lines.append((m.start(), line_end if line_end >= 0 else len(text)))
        ix.holder_starts = [h[0] for h in ix.holder_lines]
        ix.heading_starts = [m.start() for m in lex.action_heading.finditer(text)]
    ix.laureates = bool(lex.laureates.search(text))
    _focus(ix)
    _sites(ix)
    _issuer(ix)
    return ix


#: the public bodies that publish their own pages and releases
_ISSUER = re.compile(
    r"(?i)^(?:conseil\s+(?:régional|départemental)|région|département|communauté|métropole|"
    r"agglomération|ville|mairie|commune)\b|\b(?:agglomération|agglo|métropole)$"
)


_TI_WORDS = re.compile(r"\bterritoires?\s+d['’]industrie\b", re.I)


def _issuer(ix: DocIndex) -> None:
    """The collectivity whose name stands alone on one of the document's first lines (the
    masthead of its web page or its press release: "Conseil régional de Bretagne",
    "Communauté de communes X"): it publishes the document, so the figures it gives with no
    other owner or place are its own and on its territory."""
    if "territoire_industrie" in ix.main and _TI_WORDS.search(ix.text):
        return  # its page about a Territoire d'industrie: the figures are the territory's
    title_end = ix.line_starts[min(len(ix.line_starts) - 1, _TITLE_LINES)]
    for m in ix.mentions_in(0, title_end):
        lo, hi = ix.line(m.start)
        if ix.text[lo:hi].strip() != ix.text[m.start : m.end] or not _ISSUER.search(m.name):
            continue
        ix.issuer = m.name
        ix.issuer_place = next(
            (p for p in ix.places_in(m.start, m.end) if p.in_org or p.as_org), None
        )
        return


_AFTER_LONG = re.compile(r"\(\s*([^()\s]{2,12})\s*\)")
_BEFORE_LONG = re.compile(r"([^()\s]{2,12})\s*\(\s*([^()]{3,120}?)\s*\)")


def _shortened(longs: list[str], lex: Lexicon) -> dict[str, str]:
    """Firm names that exactly one longer firm name of the doc holds after a trade noun or
    before a legal or group word ("Grandclément" of "Scierie Grandclément", "Mécaforge" of
    "Mécaforge SAS"): the press shortens a firm's name once introduced, so both are the one
    firm (the words are ``short_name_head`` and ``short_name_tail`` of links.json).

    Each long name's possible short forms are read off it with the lexicon's fixed
    patterns, so no pattern is compiled per name."""
    firms = [n for n in longs if role_of(n, lex) == FIRM]
    holders: dict[str, list[str]] = {}
    for name in firms:
        for short in _short_forms(name, lex):
            holders.setdefault(short, []).append(name)
    out: dict[str, str] = {}
    for short in firms:
        held = [n for n in holders.get(short.casefold(), ()) if n != short]
        if len(held) == 1:
            out[short] = held[0]
    return out


def _short_forms(name: str, lex: Lexicon) -> set[str]:
    """The names ``name`` may be the long form of, case-folded: what follows a trade noun
    (with or without the preposition after it) or what precedes a legal or group word."""
    patterns = (
        lex.short_name_after_head,
        lex.short_name_after_head_prep,
        lex.short_name_before_tail,
        lex.short_name_before_tail_comma,
    )
    return {m["short"].casefold() for p in patterns if (m := p.fullmatch(name))}


def _canonical_names(doc: Doc, text: str, lex: Lexicon) -> dict[str, str]:
    """Organization names as ``fr_organizations`` wrote them; an acronym given in brackets
    after (or before) a long name stands for it ("Pyrénées Ferro Industrie (PFI)")."""
    names = (
        {s.text: s.text for s in doc.spans[attrs.ORGANIZATIONS]}
        if attrs.ORGANIZATIONS in doc.spans
        else {}
    )
    longs = [n for n in names if not _ACRONYM.fullmatch(n)]
    long_set = set(longs)
    if longs:
        # one pass each way over the text with fixed patterns, whatever the number of names
        for m in _AFTER_LONG.finditer(text):
            if m[1] in names and m[1] not in long_set:
                before = text[max(0, m.start() - 130) : m.start()].rstrip()
                long = next((n for n in longs if before.endswith(n)), None)
                if long:
                    names[m[1]] = long
        for m in _BEFORE_LONG.finditer(text):
            if m[1] in names and m[1] not in long_set and m[2] in long_set:
                names[m[1]] = m[2]
    for short, long in _shortened(longs, lex).items():
        if names[short] == short:
            names[short] = names[long]
    initials = {
        "".join(w[0] for w in re.findall(r"[A-ZÉ][\w’'-]*", long)).upper(): long for long in longs
    }
    for acro in [n for n in names if _ACRONYM.fullmatch(n) and names[n] == n]:
        # an acronym made of the initials of a long name of the doc
        long = initials.get(acro.upper())
        if long and len(acro) >= 2:
            names[acro] = names[long]
    return names


def _index_mentions(ix: DocIndex) -> None:
    canon = _canonical_names(ix.doc, ix.text, ix.lex)
    if not canon:
        return
    alternation = "|".join(re.escape(n) for n in sorted(canon, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    roles = {n: role_of(n, ix.lex) for n in set(canon.values())}
    for m in pattern.finditer(ix.text):
        name = canon[m.group()]
        ix.mentions.append(Mention(m.start(), m.end(), name, roles[name]))
    _defined_terms(ix)
    ix.mention_starts = [m.start for m in ix.mentions]
    ix.region_mentions = [m for m in ix.mentions if m.name.startswith("Région")]
    ix.region_starts = [m.start for m in ix.region_mentions]


#: a party's defined name in a convention or a contract ("ci-après dénommée « le
#: Bénéficiaire »", "ci-après « Grand Châtellerault » ou « l'Agglomération »")
_DEFINED = re.compile(
    r"ci-après\s+(?:(?:dénommée?s?|désignée?s?|appelée?s?|nommée?s?)\s+)?"
    r"((?:[«\"“][^»\"”\n]{2,50}[»\"”]\s*(?:(?:ou|,|et)\s*)?)+)",
    re.I,
)
_TERM = re.compile(r"[«\"“]\s*(?:(?:le|la|les)\s+|l['’]\s*)?([^»\"”\n]{2,40}?)\s*[»\"”]")


def _defined_terms(ix: DocIndex) -> None:
    """The names a convention gives its parties ("La société X, ..., ci-après dénommée « le
    Bénéficiaire »") are mentions of those parties wherever the text uses them after: "Le
    Bénéficiaire s'engage à maintenir les 130 emplois" is X's. The party is the organization
    named last before the definition, in its clause."""
    added: list[Mention] = []
    taken = [(m.start, m.end) for m in ix.mentions]
    for d in _DEFINED.finditer(ix.text):
        before = ix.mentions_in(max(0, d.start() - 400), d.start())
        if not before:
            continue
        party = before[-1]
        for t in _TERM.finditer(d.group(1)):
            term = re.compile(rf"(?<![\w-]){re.escape(t.group(1))}(?![\w-])")
            for m in term.finditer(ix.text, d.end()):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    added.append(Mention(m.start(), m.end(), party.name, party.role))
    if added:
        ix.mentions = sorted([*ix.mentions, *added], key=lambda m: m.start)


#: a head office named apart from the sites ("Le groupe, dont le siège est à Lyon, a racheté
#: le mouleur d'Arbent"): it only says where the firm is registered, not where its plants,
#: projects and jobs are
_SEAT = re.compile(
    r"\bsiège(?:\s+social)?(?:\s+(?:est|reste|était|sera|se\s+trouve))?"
    r"(?:\s+(?:situé|installé|basé|implanté|établi))?\s+(?:à|au|aux)\s*$",
    re.I,
)


def _index_places(ix: DocIndex) -> None:
    text, lex = ix.text, ix.lex
    spans = (
        sorted(ix.doc.spans.get(attrs.TERRITORIES, []), key=lambda s: s.start_char)
        if (attrs.TERRITORIES in ix.doc.spans)
        else []
    )
    prev_end = -10
    for s in spans:
        kind = s._.territory_kind
        if kind is None:
            continue
        start, end = s.start_char, s.end_char
        around = ix.mentions_in(max(0, start - 80), end + 1)
        in_org = any(
            m.start <= start and end <= m.end and (m.start, m.end) != (start, end) for m in around
        )
        as_org = any((m.start, m.end) == (start, end) for m in around)
        between = text[prev_end:start] if 0 <= start - prev_end <= 4 else None
        bracketed = between is not None and "(" in between
        after_comma = text[max(0, start - 2) : start] == ", " and prev_end >= start - 2
        left = text[max(0, start - 40) : start]
        locator = (
            bracketed
            or bool(lex.proximity_before.search(left))
            or bool(lex.venue_before.search(left))
            or bool(lex.role_before.search(left))
            or (after_comma and kind in ("departement", "region"))
            or bool(_SEAT.search(left))
        )
        key = fold(s._.canonical_name or s.text)
        ix.places.append(Place(s, start, end, kind, key, in_org, as_org, locator))
        prev_end = end
    ix.place_starts = [p.start for p in ix.places]
    counts: Counter[str] = Counter(p.key for p in ix.places if not p.in_org)
    by_kind: dict[str, Place] = {}
    for p in ix.places:
        if p.in_org:
            continue
        best = by_kind.get(p.kind)
        if best is None or counts[p.key] > counts[best.key]:
            by_kind[p.kind] = p
    ix.main = by_kind
    ti = {p.key for p in ix.places if p.kind == "territoire_industrie"}
    title_end = ix.line_starts[min(len(ix.line_starts) - 1, _TITLE_LINES)]
    ix.scope = next(
        (
            p
            for p in ix.places_in(0, title_end)
            if p.kind in ("region", "departement") and not p.in_org and not p.locator
        ),
        None,
    )
    # a release about many Territoires d'industrie and no région of its own is national
    ix.national = len(ti) >= 3 and ix.scope is None
    lead = _lead_end(ix)
    local = any(
        p.kind in ("commune", "zone", "epci", "territoire_industrie")
        and not (p.in_org or p.as_org or p.locator)
        for p in ix.places_in(0, lead)
    )
    said = lex.national_lead.search(text, 0, lead)
    ix.national_lead = not local and bool(said)
    if ix.national or ix.national_lead:
        # the words that make the document national: its lead's, else a Territoire
        # d'industrie of the many it names
        first_ti = next((p for p in ix.places if p.kind == "territoire_industrie"), None)
        ix.national_cue = said.group() if said else first_ti.span.text if first_ti else None
    if len(ti) >= 3 and ix.scope is not None:
        ix.main = {ix.scope.kind: ix.scope}


def _lead_end(ix: DocIndex) -> int:
    """Where the title and the lead end: after the first paragraph of running text (a
    paragraph of 25 words or more), and never past ``_LEAD`` characters."""
    starts = [*ix.para_starts, len(ix.text)]
    lo = 0
    for hi in starts:
        if len(ix.text[lo:hi].split()) >= 25:
            return min(hi, _LEAD)
        lo = hi
    return min(len(ix.text), _LEAD)


def _focus(ix: DocIndex) -> None:
    """The firm the article is about: the firm named most often as a possible owner (the
    title counts twice), when it is named at least twice."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    title_end = ix.line_starts[min(len(ix.line_starts) - 1, _TITLE_LINES)]
    for m in ix.mentions:
        if m.role != FIRM:
            continue
        lo, _ = ix.sentence(m.start)
        before = ix.text[max(lo, m.start - 60) : m.start]
        if ix.lex.acquirer_before.search(before):
            ix.acquirers.append(m)
            continue
        if ix.lex.parent_before.search(before):
            ix.parent = ix.parent or m.name
        if ix.lex.not_owner_before.search(before):
            continue
        ix.firm_mentions.append(m)
        counts[m.name] += 2 if m.start < title_end else 1
        first.setdefault(m.name, m.start)
    ix.firm_starts = [m.start for m in ix.firm_mentions]
    ix.acquirer_starts = [m.start for m in ix.acquirers]
    ix.firm_names = frozenset(m.name for m in ix.firm_mentions)
    ix.acquirer_names = frozenset(m.name for m in ix.acquirers)
    if not counts:
        return
    name = max(counts, key=lambda n: (counts[n], -first[n]))
    if counts[name] >= 2:
        ix.focus = name


def _good_site(p: Place) -> bool:
    return p.kind in SITE_KINDS and not p.in_org and not p.locator


def _sites(ix: DocIndex) -> None:
    """Where each firm is (the place named next to it with a locative), and the place the
    article is datelined or titled on."""
    text, lex = ix.text, ix.lex
    for m in ix.mentions:
        if m.role not in (FIRM, COLLECTIVITY) or m.name in ix.org_site:
            continue
        lo, hi = ix.sentence(m.start)
        cands = [p for p in ix.places_in(lo, hi) if _good_site(p)]
        located = [
            p
            for p in cands
            if lex.locative_before.search(text[max(lo, p.start - 40) : p.start])
            or re.fullmatch(r"\s*\(\s*", text[m.end : p.start])  # "Mécaplast Ouest (Cholet)"
        ]
        seat = next(
            (
                p
                for p in cands
                if p.kind == "commune" and re.fullmatch(r",\s*", text[m.end : p.start])
            ),
            None,
        )  # "Mécaplast Ouest, Cholet (...)"
        if seat is not None:
            located = [seat]
        # a place far from the name in a long sentence locates something else (a parcel, a
        # partner's plant): the firm's site is named next to it
        located = [p for p in located if abs(p.start - m.start) <= _SITE_REACH]
        if located:
            ix.org_site[m.name] = ix.site_of(min(located, key=lambda p: abs(p.start - m.start)))
    # the title's place ("Lanester : ...", "À Thiers, ...", "Chimisol ferme un atelier à Mourenx")
    title_end = ix.line_starts[min(len(ix.line_starts) - 1, _TITLE_LINES)]
    # "le sous-traitant figeacois" in the lead says where the article's firm is
    ix.doc_site = _demonym_site(ix)
    # a leading area ("Maurienne : ...") waits for a commune the next title lines give
    area: Place | None = None
    for p in ix.places_in(0, title_end if ix.doc_site is None else 0):
        if not _good_site(p) or _seat_of_another(ix, p, ix.line(p.start)[0]):
            continue
        if area is not None and p.kind != "commune":
            continue
        lo, hi = ix.line(p.start)
        before = text[lo : p.start]
        after = text[p.end : p.end + 3]
        lead = re.fullmatch(
            r"\s*(?:À|A|Au|Aux|Dans\s+l[ea]s?|Dans\s+l['’]|En|Sur\s+l[ea]\s)?\s*", before
        )
        dateline = re.match(r",?\s+(?:le\s+)?\d", text[p.end : p.end + 8])
        # a heading line that is the place alone ("VIERZON", "BREST. — Le groupe ...")
        alone = not before.strip() and _ALONE.fullmatch(text, p.end, hi)
        if (
            alone
            or (lead and not dateline and after.startswith((" :", ":", ",", " –", " -")))
            or re.search(r"\b(?:à|au)\s+$", before)
        ):
            # a commune of the same line wins over a leading basin ("Bassin de Lacq : Chimisol
            # va fermer un atelier à Mourenx")
            line_sites = [q for q in ix.places_in(lo, hi) if _good_site(q) and q.kind == "commune"]
            site = ix.site_of(p if p.kind == "commune" or not line_sites else line_sites[0])
            # only a heading "Place : ..." names an edition or an area before the plant
            heading = lead and after.lstrip().startswith(":")
            plant = _title_plant(ix, p, hi) if heading else None
            if site is p and plant is not None:
                site = plant
            if site.kind == "commune" and (area is None or alone):
                ix.doc_site = site
                break
            # an area, or a commune of a later line that is not its dateline
            area = area or site
    if ix.doc_site is None and area is not None:
        ix.doc_site = area
    if ix.focus is not None:
        site = ix.doc_site or _focus_site(ix)
        if site is not None:
            ix.org_site[ix.focus] = site
    if ix.doc_site is None and ix.focus in ix.org_site:
        ix.doc_site = ix.org_site[ix.focus]
    if ix.doc_site is None:
        for p in ix.places:
            if (
                _good_site(p)
                and p.start >= title_end
                and lex.locative_before.search(text[max(0, p.start - 40) : p.start])
                and not _seat_of_another(ix, p, ix.sentence(p.start)[0])
            ):
                ix.doc_site = p
                break


#: an adjective of origin after a firm's or a site's noun ("le sous-traitant figeacois",
#: "le site vierzonnais", "l'usine dunkerquoise")
_DEMONYM = re.compile(
    r"\b(?:usine|site|atelier|entreprise|société|PME|groupe|fabricant|industriel|"
    r"sous-traitant|équipementier|fondeur|fonderie|papeterie|laiterie|scierie|chimiste|"
    r"constructeur|spécialiste|leader|start-up|manufacture)s?\s+"
    r"(?:[a-zàâçéèêëîïôûùüÿœ-]+\s+){0,2}?(?P<adj>[a-zàâçéèêëîïôûùüÿœ-]{3,}?)(?:ois|oise|ais|aise|ien|ienne|in|ine)s?\b",
    re.I,
)


def _demonym_site(ix: DocIndex) -> Place | None:
    """The commune whose adjective of origin the title or lead gives the firm or the site
    ("le sous-traitant figeacois" is at Figeac)."""
    for m in _DEMONYM.finditer(ix.text, 0, _LEAD):
        p = demonym_commune(ix, m["adj"])
        if p is not None:
            return p
    return None


def demonym_commune(ix: DocIndex, adj: str) -> Place | None:
    """One of the document's communes whose name starts with the stem of an adjective of
    origin ("vierzonn(ais)" is Vierzon, "chaun(oise)" Chauny)."""
    stem = fold(adj)
    stem = re.sub(r"(.)\1$", r"\1", stem)  # "vierzonn(ais)" -> "vierzon"
    if len(stem) < 4:
        return None
    for p in ix.places:
        if p.kind != "commune" or not _good_site(p):
            continue
        name = fold(p.span._.canonical_name or p.span.text).replace(" ", "-")
        if name.startswith(stem) and len(name) - len(stem) <= 2:
            return p
    return None


#: a plant or a project placed in a commune by the title ("... son usine de cathodes à ")
_TITLE_PLANT = re.compile(
    r"\b(?:usine|site|atelier|unité|plateforme|entrepôt|implantation|s['’]implante|"
    r"s['’]installe|investit|construit|ouvre)\b[^:;|]{0,40}\b(?:à|au)\s+$",
    re.I,
)


def _title_plant(ix: DocIndex, lead: Place, hi: int) -> Place | None:
    """The commune a title places the plant in after its leading place ("Dunkerque : le
    groupe confirme son usine de cathodes à Loon-Plage"): the leading place is the edition's
    city or the area, the plant's commune is the more precise site."""
    for q in ix.places_in(lead.end, hi):
        if (
            q.kind == "commune"
            and _good_site(q)
            and _TITLE_PLANT.search(ix.text, max(lead.end, q.start - 60), q.start)
        ):
            return q
    return None


def _seat_of_another(ix: DocIndex, p: Place, lo: int) -> bool:
    """Is ``p`` where another firm than the article's is based ("repris par le groupe LTI,
    basé à Remiremont")? The firm's name stands right before it in its clause."""
    return any(
        m.name != ix.focus and m.role == FIRM and p.start - m.end <= 40
        for m in ix.mentions_in(max(lo, p.start - 80), p.start)
    )


def _focus_site(ix: DocIndex) -> Place | None:
    """The first place named with a locative in a sentence that names the focus firm or
    points back to it ("la première ligne de production de l'entreprise, sur l'Aéroparc")."""
    text, lex = ix.text, ix.lex
    named = {ix.sentence(m.start) for m in ix.firm_mentions if m.name == ix.focus}
    found: list[Place] = []
    plants: list[Place] = []
    for p in ix.places:
        if not _good_site(p):
            continue
        lo, hi = ix.sentence(p.start)
        if (lo, hi) not in named and not lex.anaphora.search(text, lo, hi):
            continue
        before = text[max(lo, p.start - 40) : p.start]
        if _seat_of_another(ix, p, lo):
            continue
        if lex.locative_before.search(before):
            found.append(ix.site_of(p))
            if p.kind == "commune" and lex.site_noun_before.search(before):
                plants.append(p)
    # the plant's commune when the text names it ("son usine de Fragnes"), else the first site
    return plants[0] if plants else (found[0] if found else None)
