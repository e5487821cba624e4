"""Context rules for territory names: the lexicons of ``territory_rules.json`` and what
the words around a name say about it.

A place name alone proves little in the press: "Orange" is a company, "Lens" a
camera part, "Jean Castex" a person. These predicates read the evidence around
a candidate (a locative cue, an organization head word, a person's first name, a
statistical LOC) so the candidate sources and the decision share one reading.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ... import resources
from ..folding import DASHES, fold, light
from .gazetteer import Entry, Gazetteer, SequenceIndex

ENT_INDEX = "_territories_ent_index"
NAME_PARTS = re.compile(r"[\s\-'’]+")
OF = {"de", "du", "des", "d'"}
BULLETS = {"•", "-", "–", "—", "*", "▪"}
SENTENCE_OPENERS = {".", "!", "?", ":", "«", '"', "“", "(", "…", ";", "|"}


class TerritoryRules:
    """The gazetteer and the cue lexicons, with the context predicates built on them."""

    def __init__(
        self, nlp: Language, gazetteer: Gazetteer, rules: str, words: str, organizations: str
    ) -> None:
        self.gazetteer = gazetteer
        self.entries = gazetteer.entries
        cfg = resources.read_json(rules)
        self.strong_cues = set(cfg["strong_cues"])
        self.weak_cues = set(cfg["weak_cues"])
        self.connectors = set(cfg["connectors"])
        self.articles = set(cfg["name_articles"])
        self.org_heads = {fold(w) for w in cfg["org_heads"]}
        self.collectivity_heads = {fold(w) for w in cfg["collectivity_heads"]}
        self.venue_words = {fold(w) for w in cfg["venue_words"]}
        self.always_ambiguous = {fold(w) for w in cfg["always_ambiguous"]}
        self.org_heads |= {fold(w) for w in cfg["org_heads"] if " " in w}
        self.firm_heads = {fold(w) for w in cfg["firm_heads"]}
        self.trade_suffixes = tuple(fold(w) for w in cfg["trade_suffixes"])
        self.place_plurals = {fold(w) for w in cfg["place_plurals"]}
        self.civilities = {light(w) for w in cfg["civilities"]}
        self.cue_capitalised = {fold(w) for w in cfg["prefix_cues_capitalised"]}
        self.natural_cues = {fold(w) for w in cfg["natural_area_cues"]}
        self.cue_known_only = {fold(w) for w in cfg["prefix_cues_known_only"]}
        self.cue_unknown_only = {fold(w) for w in cfg["prefix_cues_unknown_only"]}
        self.foreign = foreign_places()
        # a LOC the NER gives to "Bpifrance" in "la Région X et Bpifrance" is a known body
        self.known_orgs = {
            fold(n)
            for org in resources.read_json(organizations)["known"]
            for n in (org["name"], *org.get("aliases", []))
        }
        self.words = common_words(words)
        # "PME", "ZI": acronyms of kinds, not of one body ("les PME de Bretagne")
        self.industry_words = frozenset(
            fold(w) for w in resources.read_json(organizations)["industry_words"]
        )
        self.generic_acronyms = frozenset(resources.read_json(organizations)["generic_acronyms"])
        self.upper_forms = {key for key, e in self.entries.items() if e.name.isupper()}
        self.upper_forms |= gazetteer.upper
        self.need_article = {fold(w) for w in cfg["prefix_cues_need_article"]}
        self.compass = {fold(w) for w in cfg["compass_qualifiers"]}
        self.lowercase_heads = {fold(w) for w in cfg["lowercase_heads"]}
        self.press_context = {fold(w) for w in cfg["press_context"]}
        self.english = english_words()
        self.org_seqs = {tuple(fold(t.text) for t in nlp.make_doc(w)) for w in cfg["org_heads"]}
        self.org_longest = max(len(seq) for seq in self.org_seqs)
        self.org_last = {seq[-1] for seq in self.org_seqs}
        self.collectivity_orgs = {fold(w) for w in cfg["collectivity_org_heads"]}
        self.known_or_article = {fold(w) for w in cfg["prefix_cues_known_or_article"]}
        press: dict[tuple[str, ...], str] = {}
        for group in ("press_titles", "press_titles_in_context", "press_prefixes"):
            for title in cfg[group]:
                press[tuple(light(t.text) for t in nlp.make_doc(title))] = group
        self.press = SequenceIndex(press)
        cues: dict[tuple[str, ...], tuple[str, ...]] = {}
        for side, table in (("prefix", cfg["prefix_cues"]), ("suffix", cfg["suffix_cues"])):
            for kind, forms in table.items():
                for cue in forms:
                    seq = tuple(fold(t.text) for t in nlp.make_doc(cue))
                    cues[seq] = (*cues.get(seq, ()), f"{side}:{kind}")
        self.cues = SequenceIndex(cues)

    # -- lexicon lookups -----------------------------------------------------

    def lookup(self, doc: Doc, start: int, end: int) -> Entry | None:
        key = self.gazetteer.index.get(tuple(fold(t.text) for t in doc[start:end]))
        return self.entries.get(key) if key else None

    def longest_entry(self, doc: Doc, start: int, end: int) -> tuple[int, Entry] | None:
        for stop in range(end, start, -1):
            entry = self.lookup(doc, start, stop)
            if entry is not None:
                return stop, entry
        return None

    def is_word(self, text: str) -> bool:
        word = fold(text)
        return word in self.words or (word[-1:] in ("s", "x") and word[:-1] in self.words)

    def is_ambiguous(self, key: str) -> bool:
        """Names that are also words of the press: "Orange", "Nord", English "This"."""
        return key in self.always_ambiguous or key in self.english

    # -- context predicates --------------------------------------------------

    def cue_before(self, doc: Doc, i: int) -> int:
        """Strength of the locative cue before a name: 2 "à", "maire de"; 1 "de"; 0 none."""
        j = i - 1
        if j >= 0 and light(doc[j].text) in {"la", "le", "les", "l'"}:
            j -= 1
        if j < 0:
            return 0
        word = light(doc[j].text)
        if word in self.strong_cues:
            return 2
        if word in self.weak_cues:
            return 2 if j > 0 and light(doc[j - 1].text) in self.strong_cues else 1
        return 0

    def org_head_at(self, doc: Doc, j: int) -> str | None:
        """The organization head word(s) ending at token ``j``: "université de technologie"."""
        if fold(doc[j].text) not in self.org_last:
            return None
        for size in range(min(self.org_longest, j + 1), 0, -1):
            seq = tuple(fold(t.text) for t in doc[j - size + 1 : j + 1])
            if seq in self.org_seqs:
                return " ".join(seq)
        return None

    def in_org_name(self, doc: Doc, start: int, collectivity: bool = False) -> bool:
        """Walk back over capitalised words and connectors to an organization head word.

        ``collectivity``: the name is a pays or an intercommunality, which a "syndicat
        mixte" runs ("Syndicat du Pays de X" is the pays, not a trade union).
        """
        j = start - 1
        steps = 0
        lowercase = 0
        while j >= 0 and steps < 6:
            tok = doc[j]
            word = fold(tok.text)
            if word in self.collectivity_heads:
                return False
            head = self.org_head_at(doc, j)
            if head is not None:
                first = doc[j - len(head.split(" ")) + 1]
                if lowercase and not is_capitalised(first):
                    return False  # "la zone de développement de X" names no body
                return not (collectivity and head in self.collectivity_orgs)
            if is_capitalised(tok) and (word in self.firm_heads or self.firm_word(doc, j)):
                return True  # "les Fonderies de Bretagne"; not "la fonderie de Caudan"
            if self._inner_common_word(doc, j) and lowercase < 2:
                lowercase += 1  # "Agence de développement d'Alsace"
            elif not (word in self.connectors or (is_capitalised(tok) and tok.is_alpha)):
                return False
            j -= 1
            steps += 1
        return False

    def firm_word(self, doc: Doc, j: int) -> bool:
        """A capitalised common noun right before "de"/"du" that opens a firm's name: a trade
        noun in -erie ("la Mégisserie du Vivarais") or, inside a sentence, a plural noun
        ("les Flacons de Thiérache", "Caoutchoucs de l'Yonne"). Plurals that open place
        names ("Monts du Lyonnais") or name people ("les Élus de la Loire") do not."""
        tok = doc[j]
        if j + 1 >= len(doc) or light(doc[j + 1].text) not in OF or not tok.is_alpha:
            return False
        word = fold(tok.text)
        if word.endswith(self.trade_suffixes) and word.rstrip("s") in self.words:
            return True
        if word[-1:] not in ("s", "x") or word in self.place_plurals or word in self.words:
            return False
        if j == 0 or word[:-1] not in self.words:
            return False
        prev = doc[j - 1]
        if prev.text in BULLETS:
            return True  # "• Flacons de Thiérache (Hirson)": a list of firms
        # inside a sentence, opening the name: "Alsace Plastiques de Colmar" is a firm's site
        return (
            "\n" not in prev.whitespace_
            and not prev.is_space
            and prev.text not in SENTENCE_OPENERS
            and not is_capitalised(prev)
        )

    def acronym_before(self, doc: Doc, start: int) -> bool:
        """A body's acronym glued before a région or a département: "AD Normandie",
        "DREETS Nouvelle-Aquitaine", "ARS Grand Est" name the agency of that place, not
        the place. Acronyms of kinds ("les PME Bretagne") and of places ("PACA") do not;
        a firm's site ("l'usine PSA de Sochaux") is another construction."""
        j = start - 1
        if j > 1 and doc[j].text == ")" and doc[j - 2].text == "(":
            j -= 1  # "Direction régionale (DREETS) Nouvelle-Aquitaine"
        if j < 0:
            return False
        tok = doc[j]
        if not (tok.is_alpha and tok.is_upper and 2 <= len(tok.text) <= 6):
            return False
        if j > 0 and doc[j - 1].is_upper and doc[j - 1].is_alpha:
            return False  # a heading in capitals
        word = fold(tok.text)
        return tok.text not in self.generic_acronyms and word not in self.entries

    def _inner_common_word(self, doc: Doc, j: int) -> bool:
        """A lower-case word inside a body's long name: between "de"s ("Agence de
        développement d'Alsace") or right after the head ("Agence régionale de ..."),
        always before "de"; never a verb before "en" ("L'Agence investit en Bretagne")."""
        tok = doc[j]
        if not (tok.is_alpha and tok.text.islower()) or j + 1 >= len(doc) or j == 0:
            return False
        if light(doc[j + 1].text) not in OF:
            return False
        prev = doc[j - 1]
        return light(prev.text) in OF or self.org_head_at(doc, j - 1) is not None

    def after_civility(self, doc: Doc, start: int) -> bool:
        """ "M. Nantes", "Mme Lorraine": a civility makes the next name a surname."""
        if start == 0:
            return False
        prev = doc[start - 1]
        if light(prev.text) in self.civilities:
            return True
        return (
            prev.text == "." and start > 1 and light(doc[start - 2].text + ".") in self.civilities
        )

    def in_person_name(self, doc: Doc, start: int, end: int) -> bool:
        """A capitalised word glued before the name that is no place word: "Jean Castex"."""
        if start == 0:
            return False
        if self.after_civility(doc, start):
            return True
        prev = doc[start - 1]
        if sentence_initial(doc, start):
            return False
        if not (is_name(prev)) or prev.is_upper or light(prev.text) in self.articles:
            return False
        word = fold(prev.text)
        return not (
            word in self.entries
            or word in self.collectivity_heads
            or word in self.org_heads
            or word in self.cue_capitalised
        )

    def ent_label(self, doc: Doc, start: int, end: int) -> str | None:
        """Label of the entity overlapping the name; a LOC counts only if it is the name.

        "Grand" and "Port" inside the LOC "Grand Port Maritime de Dunkerque" are no
        evidence; an article may differ ("la Plaine" for "Plaine").
        """
        for ent in overlapping_ents(doc, start, end):
            extra = [t for t in ent if not start <= t.i < end and not t.is_space]
            exact = all(light(t.text) in self.articles for t in extra)
            if ent.label_ != "LOC":
                return ent.label_ if exact else f"{ent.label_}-PART"
            if exact or all(t.i < start and not is_capitalised(t) for t in extra):
                return "LOC"  # "la préfète de la Vienne": the cue words, then the name
            return "LOC-PART"
        return None

    def name_run(self, doc: Doc, i: int, limit: int = 7) -> int:
        """End of a proper-name run starting at ``i``: capitalised words joined by connectors."""
        end = i
        j = i
        while j < len(doc) and j - i < limit:
            tok = doc[j]
            # a figure goes on a name ("Technoland 2"), a number word does not ("Ecoparc une")
            if is_name(tok) or (tok.text[:1].isdigit() and j > i):
                end = j + 1
                j += 1
                continue
            if tok.text in DASHES and (tok.whitespace_ or doc[j - 1].whitespace_):
                break  # "Agglomération du Choletais – Hôtel d'agglomération": a separator
            if light(tok.text) in self.connectors and j + 1 < len(doc) and j > i:
                # "Etang de Berre", "Comminges et Nestes", "Vallée de la Marne"; never
                # "et la Région": at most two connectors, "et" only right before a name
                nxt = doc[j + 1]
                if is_name(nxt):
                    j += 1
                    continue
                if (
                    light(tok.text) != "et"
                    and light(nxt.text) in self.articles
                    and j + 2 < len(doc)
                ):
                    after = doc[j + 2]
                    if is_name(after):
                        j += 2
                        continue
            break
        return end

    def industry_after(self, doc: Doc, end: int) -> bool:
        """An industry word glued after the name ("Lorraine Tubes", "Alsace Plastiques"):
        a firm even where the NER reads the place."""
        return end < len(doc) and fold(doc[end].text) in self.industry_words

    def company_after(self, doc: Doc, end: int) -> bool:
        """A capitalised common noun glued after the name: "Cambrésis Précision"."""
        if end >= len(doc) or not doc[end - 1].whitespace_:
            return False
        nxt = doc[end]
        if not (nxt.is_alpha and is_capitalised(nxt)) or nxt.is_upper:
            return False
        word = fold(nxt.text)
        if word in self.entries or word in self.collectivity_heads or word in self.compass:
            return False
        return self.is_word(nxt.text)


# -- predicates that need no lexicon -----------------------------------------


def is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def is_name(token: Token) -> bool:
    """A capitalised word, hyphens and apostrophes allowed ("Saint-Priest", "L'Isle")."""
    text = token.text
    bare = text.replace("-", "").replace("'", "").replace("’", "")
    return text[:1].isupper() and bare.isalpha()


def sentence_initial(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    prev = doc[i - 1]
    if doc.has_annotation("SENT_START") and doc[i].is_sent_start:
        return True
    return prev.is_space or prev.text in SENTENCE_OPENERS


HEADING_SEPARATORS = frozenset({"–", "—", "-", "|", "/", ":", ",", ".", "("})


def heading_name(doc: Doc, start: int, end: int) -> bool:
    """A name in capitals that opens a line and is closed by a separator or the line's
    end: the dateline or rubric of press copy ("DOLE – Le fabricant...", "EN BREF | JURA",
    "VAL-D'OISE / SEINE-ET-MARNE"). There capitals are typography, not an acronym."""
    opens = start == 0 or "\n" in doc[start - 1].text or doc[start - 1].text in ("|", "/")
    closes = (
        end >= len(doc)
        or "\n" in doc[end].text
        or doc[end].text in HEADING_SEPARATORS
        or doc[end].text[:1] in ("–", "—")
    )
    return opens and closes


def glued_after(doc: Doc, end: int) -> bool:
    return end < len(doc) and is_name(doc[end]) and bool(doc[end - 1].whitespace_)


def continues_list(doc: Doc, start: int, accepted_ends: set[int]) -> bool:
    """ "Fos, Lavera et Berre": a name after a comma or "et" that follows an accepted place."""
    j = start - 1
    if j >= 1 and doc[j].text in {",", "et", ";", "ou"}:
        return j in accepted_ends
    return False


def ends_phrase(doc: Doc, end: int) -> bool:
    """Nothing glued after the name: end of text, punctuation or a list word."""
    return (
        end >= len(doc) or doc[end].is_punct or doc[end].is_space or doc[end].lower_ in ("et", "ou")
    )


def case_mismatch(text: str, canonical: str) -> bool:
    """A capitalised word of the name written in lower case: "Le syndicat" for "Le Syndicat"."""
    if fold(text) != fold(canonical):
        return False
    got, want = NAME_PARTS.split(text), NAME_PARTS.split(canonical)
    return len(got) == len(want) and any(
        w[:1].isupper() and g[:1].islower() for g, w in zip(got[1:], want[1:], strict=True)
    )


def overlapping_ents(doc: Doc, start: int, end: int) -> list[Span]:
    """Entities overlapping tokens [start, end), in order, through a per-doc index.

    ``doc.ents`` rebuilds every entity on each access, so scanning it per
    candidate made long documents quadratic. The tagger drops the index
    (``doc.user_data[ENT_INDEX]``) when it is done with the doc.
    """
    index = doc.user_data.get(ENT_INDEX)
    if index is None:
        ents = list(doc.ents)
        at: dict[int, int] = {}
        for k, ent in enumerate(ents):
            for i in range(ent.start, ent.end):
                at[i] = k
        index = doc.user_data[ENT_INDEX] = (ents, at)
    ents, at = index
    hits = sorted({at[i] for i in range(start, end) if i in at})
    return [ents[k] for k in hits]


# -- word lists, loaded once per process --------------------------------------


@cache
def common_words(name: str) -> frozenset[str]:
    return frozenset(resources.iter_jsonl(name))


@cache
def english_words() -> frozenset[str]:
    """English function words ("This", "In"): cookie banners and English boilerplate."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    return frozenset(fold(w) for w in EN - FR if len(w) > 1)


@cache
def foreign_places() -> frozenset[str]:
    """Countries, continents and world regions in French (Babel's CLDR names)."""
    from babel import Locale

    return frozenset(fold(name) for name in Locale("fr").territories.values())


#: CLDR codes of France, its overseas parts and of groupings that are no country
NOT_FOREIGN = frozenset(
    [
        "FR",
        "GP",
        "MQ",
        "GF",
        "RE",
        "YT",
        "PM",
        "BL",
        "MF",
        "NC",
        "PF",
        "WF",
        "TF",
        "CP",
        "EU",
        "EZ",
        "UN",
        "QO",
        "XA",
        "XB",
    ]
)
SENTENCE_STOPS = frozenset({".", "!", "?", ";"})


@cache
def foreign_countries() -> frozenset[str]:
    """The world's countries but France, in French (Babel's CLDR names), folded."""
    from babel import Locale

    return frozenset(
        fold(name)
        for code, name in Locale("fr").territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_FOREIGN
    )


def country_in_sentence(doc: Doc, start: int, end: int, reach: int = 30) -> bool:
    """A foreign country named in the sentence around ``start:end``: "au Maroc, à
    Tanger", "à Sheffield et à Leeds, au Royaume-Uni". A city the gazetteer does not
    know, named beside a country, is that country's."""
    lo = start
    while lo > 0 and start - lo < reach and doc[lo - 1].text not in SENTENCE_STOPS:
        lo -= 1
    hi = end
    while hi < len(doc) and hi - end < reach and doc[hi].text not in SENTENCE_STOPS:
        hi += 1
    countries = foreign_countries()
    for a in range(lo, hi):
        if start <= a < end or not doc[a].text[:1].isupper():
            continue
        for b in range(a + 1, min(a + 4, hi) + 1):
            if fold(doc[a:b].text) in countries:
                return True
    return False
