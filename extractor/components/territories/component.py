"""Territories: régions, départements, EPCI, communes, Territoires d'industrie and zones.

A gazetteer built from the COG (``scripts/build_gazetteer.py``) is matched on
folded tokens (case, accents, apostrophes and dashes ignored); press forms
("zone industrielle de X", "Métropole X", "X Agglo", "PETR X") come from cue
words in ``models/territory_rules.json``. Names that are also ordinary words,
first names or brands ("Orange", "Vue") and small communes need evidence: a
locative cue before them, a LOC entity of the statistical NER, or a list they
continue. A place inside an organization's name ("CCI du Grand Hainaut",
"Université de Lille"), a company named after it ("Sologne Composites"), a
newspaper title ("Ouest-France") or a person's name is not a territory. Contracted
articles reach "Le X" communes ("du Havre", "aux Mureaux"); natural regions and
town areas ("le Berry", "le Toulois") are zones; an EPCI acronym defined in the
text ("la Cobas (Communauté ...)") counts everywhere in it. The longest match wins.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import attributes as attrs
from ..doctext import folded_words
from ..folding import fold, light
from .candidates import (
    Candidate,
    acronym_candidates,
    article_localities,
    chain_candidates,
    cue_candidates,
    gazetteer_candidates,
    loc_candidates,
    press_titles,
    variant_candidates,
)
from .gazetteer import Entry, Gazetteer, SequenceIndex, load_gazetteer
from .rules import (
    ENT_INDEX,
    TerritoryRules,
    case_mismatch,
    continues_list,
    ends_phrase,
    glued_after,
    heading_name,
    sentence_initial,
)
from .ti_names import load_variants

__all__ = [
    "Candidate",
    "Entry",
    "Gazetteer",
    "SequenceIndex",
    "TerritoryTagger",
    "fold",
    "light",
    "make_territories",
]

DEMONYM_ENDINGS = ("ais", "ois", "sis")  # "le Toulois" is an area, "les Toulois" its people
# place names that are also surnames ("Nantes", "Vienne", "Lorraine")
PERSON_NAME_KINDS = ("commune", "departement", "region")
PLURAL_DETERMINERS = {"les", "des", "aux", "ces", "nos", "vos", "leurs", "quelques"}


def in_cell(doc: Doc, start: int, end: int) -> bool:
    """A name filling a table cell ("| Illange |"): a column of sites, read as a place
    as after "de"."""
    return start > 0 and end < len(doc) and doc[start - 1].text == "|" and doc[end].text == "|"


def drop_repeated_headings(doc: Doc, accepted: list[Candidate]) -> list[Candidate]:
    """A dateline in capitals ("BELFORT") that the body names again adds no territory,
    only one more mention, which would outweigh the site the story is about when the
    links count mentions; it stays when the body never names the place."""
    headings = [
        c
        for c in accepted
        if doc[c.start : c.end].text.isupper() and heading_name(doc, c.start, c.end)
    ]
    if not headings:
        return accepted
    named = {(c.kind, c.code) for c in accepted if c.code and c not in headings}
    return [c for c in accepted if c not in headings or (c.kind, c.code) not in named]


class TerritoryTagger:
    """Find territory mentions and write them to ``doc.spans["territories"]``.

    The gazetteer and its matching key live in :mod:`.gazetteer`, candidate sources
    in :mod:`.territory_candidates`, the lexicons and the reading of a name's
    context in :mod:`.territory_rules`; this class settles overlaps and weighs the
    evidence for each candidate.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        gazetteer: str,
        aliases: str,
        rules: str,
        words: str,
        min_population: int,
        min_population_ambiguous: int,
        use_loc_entities: bool,
        organizations: str = "organizations.json",
    ) -> None:
        attrs.register()
        self.name = name
        self.min_population = min_population
        self.min_population_ambiguous = min_population_ambiguous
        self.use_loc_entities = use_loc_entities
        self.gazetteer = load_gazetteer(gazetteer, aliases)
        self.variants = load_variants(gazetteer, aliases)
        self.rules = TerritoryRules(nlp, self.gazetteer, rules, words, organizations)

    # -- decision --------------------------------------------------------------

    def _accept(self, doc: Doc, cand: Candidate, accepted_ends: set[int]) -> bool:
        if cand.source in ("cue", "chain", "variant"):
            return not self.rules.in_org_name(doc, cand.start, collectivity=cand.kind == "epci")
        label = self.rules.ent_label(doc, cand.start, cand.end)
        contracted = cand.source == "contracted"
        origin = cand.start - 1 if contracted else cand.start  # "du" of "du Havre"
        text = doc[cand.start : cand.end].text
        key = cand.key or fold(text)
        entry = self.rules.entries[key]
        heading = text.isupper() and self._capital_heading(doc, origin, cand.end, key, entry)
        if heading:
            label = None  # the NER reads a dateline in capitals as a person or a firm
        if label == "PER-PART" or self.rules.after_civility(doc, cand.start):
            return False
        at = contracted and light(doc[origin].text) in ("au", "aux")  # "à": no org name
        if not at and self.rules.in_org_name(doc, origin):
            return False
        if fold(doc[cand.start].text) in self.rules.org_heads and not (
            contracted and light(doc[origin].text) in ("au", "aux") and ends_phrase(doc, cand.end)
        ):
            return False  # "du Port autonome" is the port; "au Port." is the town
        if (
            entry.kind in ("region", "departement")
            and not heading
            and self.rules.acronym_before(doc, origin)
        ):
            return False  # "AD Normandie", "DREETS Occitanie": an agency
        if (
            text.isupper()
            and key not in self.rules.upper_forms
            and label != "LOC"
            and not (entry.kind == "territoire_industrie" and cand.end - cand.start > 1)
            and not heading
        ):
            return False  # an acronym ("PIA") is no commune; a heading in capitals names one
        town_not_person = (
            label == "PER" and cand.end - cand.start == 1 and self._cue_glued(doc, origin)
        )
        if (
            label is not None
            and label not in ("LOC", "LOC-PART")
            and entry.ambiguous
            and not town_not_person
        ):
            return False
        long_epci = entry.kind == "epci" and text[:1].isupper() and len(text.split()) >= 3
        if case_mismatch(text, entry.name) and not long_epci:
            # "Le syndicat réclame", "Le plan d'actions"; "Métropole européenne de Lille"
            # writes an adjective of a long name in lower case, as the press does
            return False
        if (
            label != "LOC" or self.rules.industry_after(doc, cand.end)
        ) and self.rules.company_after(doc, cand.end):
            return False  # "Sologne Composites", "Lorraine Tubes": a company named after a place
        cue = self.rules.cue_before(doc, cand.start)
        listed = continues_list(doc, origin, accepted_ends)
        ambiguous = self.rules.is_ambiguous(key) or entry.ambiguous
        # a town the NER read as a person counts only after "à", "de"; a lone
        # word right after "à" or "maire de" is a town, not a surname ("à Fontaine")
        if (
            label == "PER"
            and (ambiguous or cue == 0 or (entry.population or 0) < self.min_population)
            and not town_not_person
        ):
            return False
        if key in self.rules.english:
            label = None  # the NER reads "This" in an English banner as a place
        strong = label == "LOC" or cue == 2 or listed or heading
        weak = strong or cue == 1 or in_cell(doc, origin, cand.end)
        initial = sentence_initial(doc, origin)
        single = cand.end - cand.start == 1
        pop = entry.population or 0
        if contracted:
            # "à Saint-André et au Port", "maire du Havre"; never "Haut-Commissariat au Plan"
            if pop < self.min_population_ambiguous and fold(text) in self.rules.words:
                return (cue == 2 or listed) and ends_phrase(doc, cand.end)
            return strong or (not ambiguous and pop >= self.min_population)
        if (
            entry.kind in PERSON_NAME_KINDS
            and single
            and not heading
            and self.rules.in_person_name(doc, cand.start, cand.end)
        ):
            return strong and label == "LOC"  # "Jean Castex", "Florence Vienne": a surname
        if entry.ambiguous and (label == "LOC-PART" or glued_after(doc, cand.end)):
            return False  # "Grand" in "Grand Port Maritime", "Orange Business Services"
        if entry.kind == "zone" and entry.code is None:
            return self._accept_area(doc, cand, strong)
        if self.rules.is_ambiguous(key):
            return strong
        if entry.ambiguous:
            return strong or (not initial and pop >= self.min_population_ambiguous)
        if entry.kind == "commune" and single and pop < self.min_population:
            return weak
        return True

    def _capital_heading(self, doc: Doc, start: int, end: int, key: str, entry: Entry) -> bool:
        """A dateline or rubric in capitals ("SAINT-DIZIER – ...", "EN BREF | VOSGES")
        names a place; a small commune that is also a rubric's word ("BOIS –", "PORT –",
        "PLAN –") or a word of the press ("ORANGE") does not."""
        small = entry.kind == "commune" and (entry.population or 0) < self.min_population
        return (
            heading_name(doc, start, end)
            and entry.kind != "zone"
            and not small
            and not self.rules.is_ambiguous(key)
            and len(key) > 3
        )

    def _cue_glued(self, doc: Doc, i: int) -> bool:
        """A strong cue right before the name, with no article: "à Fontaine", "maire de
        Fontaine"; a person is not named there by a lone surname."""
        if i < 1:
            return False
        prev = light(doc[i - 1].text)
        if prev in self.rules.strong_cues:
            return True
        return prev in ("de", "d'") and i > 1 and light(doc[i - 2].text) in self.rules.strong_cues

    def _accept_area(self, doc: Doc, cand: Candidate, strong: bool) -> bool:
        """A natural region or a town's area ("le Berry", "le Toulois"), not its people."""
        text = doc[cand.start : cand.end].text
        prev = light(doc[cand.start - 1].text) if cand.start > 0 else ""
        if fold(text).endswith(DEMONYM_ENDINGS) and prev in PLURAL_DETERMINERS:
            return False  # "les Choletais" are the inhabitants
        if glued_after(doc, cand.end) or self.rules.in_person_name(doc, cand.start, cand.end):
            return False  # "le Toulois Jean Martin", "Alpal Maurienne", a company
        return strong or not self.rules.is_word(text)

    def __call__(self, doc: Doc) -> Doc:
        words = folded_words(doc)
        cands = cue_candidates(self.rules, doc, words) + chain_candidates(self.rules, doc)
        cands += gazetteer_candidates(self.rules, doc, words)
        cands += variant_candidates(self.rules, self.variants, doc)
        blocked = press_titles(self.rules, doc)
        if blocked:
            cands = [c for c in cands if not blocked.intersection(range(c.start, c.end))]
        # longest first; rule-based forms win ties over plain gazetteer hits
        # and a reference name read in another spelling wins over a chain of places
        cands.sort(
            key=lambda c: (
                -(c.end - c.start),
                c.source == "gazetteer",
                c.source != "variant",
                c.start,
            )
        )
        chosen: list[Candidate] = []
        occupied: set[int] = set()
        for cand in cands:
            if occupied.intersection(range(cand.start, cand.end)):
                continue
            chosen.append(cand)
            occupied.update(range(cand.start, cand.end))
        chosen.sort(key=lambda c: c.start)
        accepted: list[Candidate] = []
        ends: set[int] = set()
        for cand in chosen:
            if self._accept(doc, cand, ends):
                accepted.append(cand)
                ends.add(cand.end)
                if cand.inner is not None:
                    accepted.append(cand.inner)
        accepted = drop_repeated_headings(doc, accepted)
        accepted += acronym_candidates(doc, accepted, occupied)
        if self.use_loc_entities and doc.ents:
            taken = chosen + [Candidate(i, i + 1, "zone") for i in blocked]
            accepted += loc_candidates(self.rules, doc, taken, accepted)
        accepted += article_localities(self.rules, doc, occupied | blocked)
        spans = []
        for cand in sorted(accepted, key=lambda c: c.start):
            span = Span(doc, cand.start, cand.end, label=cand.kind)
            span._.territory_kind = cand.kind
            span._.canonical_name = cand.name
            span._.territory_code = cand.code
            spans.append(span)
        doc.spans[attrs.TERRITORIES] = spans
        doc.user_data.pop(ENT_INDEX, None)  # scratch, not output
        return doc


@Language.factory(
    "fr_territories",
    default_config={
        "gazetteer": "territories.jsonl.gz",
        "aliases": "territory_aliases.json",
        "rules": "territory_rules.json",
        "words": "territory_words.jsonl.gz",
        "min_population": 2000,
        "min_population_ambiguous": 20000,
        "use_loc_entities": True,
        "organizations": "organizations.json",
    },
)
def make_territories(
    nlp: Language,
    name: str,
    gazetteer: str,
    aliases: str,
    rules: str,
    words: str,
    min_population: int,
    min_population_ambiguous: int,
    use_loc_entities: bool,
    organizations: str,
) -> TerritoryTagger:
    return TerritoryTagger(
        nlp,
        name,
        gazetteer,
        aliases,
        rules,
        words,
        min_population,
        min_population_ambiguous,
        use_loc_entities,
        organizations,
    )
