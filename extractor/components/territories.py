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

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import resources
from . import attributes as attrs

KIND_PRIORITY = ("region", "departement", "epci", "commune", "territoire_industrie", "zone")
T = TypeVar("T")
DASHES = ("-", "–", "—", "‑", "‐", "−")
# "du Havre" is "de Le Havre", "aux Mureaux" is "à Les Mureaux"
CONTRACTIONS = {"du": "le", "au": "le", "des": "les", "aux": "les"}
DEMONYM_ENDINGS = ("ais", "ois", "sis")  # "le Toulois" is an area, "les Toulois" its people
PLURAL_DETERMINERS = {"les", "des", "aux", "ces", "nos", "vos", "leurs", "quelques"}


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Matching key of a token or name: lower case, no accents, straight apostrophes and dashes."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("‘", "'").replace("œ", "oe").replace("æ", "ae")
    for dash in DASHES:
        s = s.replace(dash, "-")
    return " ".join(s.split())


@lru_cache(maxsize=1 << 16)
def light(text: str) -> str:
    """Lower case with apostrophes and dashes folded, accents kept ("à" is not "a")."""
    s = text.lower().replace("’", "'").replace("‘", "'")
    for dash in DASHES:
        s = s.replace(dash, "-")
    return s


_ENT_INDEX = "_territories_ent_index"


@dataclass(frozen=True)
class Entry:
    kind: str
    name: str
    code: str | None
    population: int | None
    ambiguous: bool


class SequenceIndex(Generic[T]):
    """Folded token sequences -> value, matched longest first.

    A dict lookup per position: loading is a dict build (no pattern docs to make
    for forty thousand names) and matching is linear in the document.
    """

    def __init__(self, sequences: dict[tuple[str, ...], T]) -> None:
        self.sequences = sequences
        self.longest: dict[str, int] = {}
        for seq in sequences:
            self.longest[seq[0]] = max(self.longest.get(seq[0], 0), len(seq))

    def get(self, words: tuple[str, ...]) -> T | None:
        return self.sequences.get(words)

    def match(self, words: list[str]) -> list[tuple[int, int, T]]:
        """The longest sequence starting at each position (matches may overlap)."""
        out = []
        n = len(words)
        for i, word in enumerate(words):
            size = self.longest.get(word, 0)
            for length in range(min(size, n - i), 0, -1):
                value = self.sequences.get(tuple(words[i : i + length]))
                if value is not None:
                    out.append((i, i + length, value))
                    break
        return out


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, Entry]  # folded form -> entry
    index: SequenceIndex[str]  # folded token sequence -> folded form
    upper: frozenset[str]  # folded forms written in capitals: acronyms ("CIREST", "PACA")


@cache
def _load_gazetteer(gazetteer: str, aliases: str) -> Gazetteer:
    """The gazetteer and the hand-written aliases, loaded once per process.

    Token sequences were computed by the build script with the same tokenizer, so
    loading needs no tokenization of the forty thousand names.
    """
    entries: dict[str, Entry] = {}
    sequences: dict[tuple[str, ...], str] = {}

    def put(form: str, entry: Entry) -> None:
        key = fold(form)
        old = entries.get(key)
        if old is None or (KIND_PRIORITY.index(entry.kind), -(entry.population or 0)) < (
            KIND_PRIORITY.index(old.kind),
            -(old.population or 0),
        ):
            entries[key] = entry

    by_name: dict[tuple[str, str], Entry] = {}
    upper: set[str] = set()
    for row in resources.iter_jsonl(gazetteer):
        entry = Entry(row["k"], row["n"], row.get("c"), row.get("p"), bool(row.get("a")))
        put(row["f"], entry)
        if row["f"].isupper():
            upper.add(fold(row["f"]))
        by_name.setdefault((row["k"], fold(row["n"])), entry)
        for seq in row["t"]:
            sequences[tuple(seq.split(" "))] = fold(row["f"])
    import spacy

    tokenizer = spacy.blank("fr").tokenizer
    for kind, forms in resources.read_json(aliases).items():
        if kind.startswith("_"):
            continue
        for form, canonical in forms.items():
            target = by_name.get((kind, fold(canonical)))
            code = target.code if target else None
            pop = target.population if target else None
            put(form, Entry(kind, canonical, code, pop, False))
            sequences[tuple(fold(t.text) for t in tokenizer(form))] = fold(form)
            if form.isupper():
                upper.add(fold(form))
    return Gazetteer(entries, SequenceIndex(sequences), frozenset(upper))


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _is_name(token: Token) -> bool:
    """A capitalised word, hyphens and apostrophes allowed ("Saint-Priest", "L'Isle")."""
    text = token.text
    bare = text.replace("-", "").replace("'", "").replace("’", "")
    return text[:1].isupper() and bare.isalpha()


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    name: str | None = None
    code: str | None = None
    strong: bool = False
    source: str = "gazetteer"
    key: str | None = None
    inner: Candidate | None = None  # the commune a zone is named after


class TerritoryTagger:
    """Find territory mentions and write them to ``doc.spans["territories"]``."""

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
        self.gazetteer = _load_gazetteer(gazetteer, aliases)
        self.entries = self.gazetteer.entries
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
        self.cue_capitalised = {fold(w) for w in cfg["prefix_cues_capitalised"]}
        self.cue_known_only = {fold(w) for w in cfg["prefix_cues_known_only"]}
        self.foreign = _foreign_places()
        # a LOC the NER gives to "Bpifrance" in "la Région X et Bpifrance" is a known body
        self.known_orgs = {
            fold(n)
            for org in resources.read_json(organizations)["known"]
            for n in (org["name"], *org.get("aliases", []))
        }
        self.words = _common_words(words)
        self.upper_forms = {key for key, e in self.entries.items() if e.name.isupper()}
        self.upper_forms |= self.gazetteer.upper
        self.need_article = {fold(w) for w in cfg["prefix_cues_need_article"]}
        self.compass = {fold(w) for w in cfg["compass_qualifiers"]}
        self.lowercase_heads = {fold(w) for w in cfg["lowercase_heads"]}
        self.press_context = {fold(w) for w in cfg["press_context"]}
        self.english = _english_words()
        self.org_seqs = {tuple(fold(t.text) for t in nlp.make_doc(w)) for w in cfg["org_heads"]}
        self.org_longest = max(len(seq) for seq in self.org_seqs)
        self.org_last = {seq[-1] for seq in self.org_seqs}
        self.collectivity_orgs = {fold(w) for w in cfg["collectivity_org_heads"]}
        self.known_or_article = {fold(w) for w in cfg["prefix_cues_known_or_article"]}
        press: dict[tuple[str, ...], str] = {}
        for group in ("press_titles", "press_titles_in_context", "press_prefixes"):
            for title in cfg[group]:
                press[tuple(_press_key(t.text) for t in nlp.make_doc(title))] = group
        self.press = SequenceIndex(press)
        cues: dict[tuple[str, ...], tuple[str, ...]] = {}
        for side, table in (("prefix", cfg["prefix_cues"]), ("suffix", cfg["suffix_cues"])):
            for kind, forms in table.items():
                for cue in forms:
                    seq = tuple(fold(t.text) for t in nlp.make_doc(cue))
                    cues[seq] = (*cues.get(seq, ()), f"{side}:{kind}")
        self.cues = SequenceIndex(cues)

    # -- helpers -------------------------------------------------------------

    def _sentence_initial(self, doc: Doc, i: int) -> bool:
        if i == 0:
            return True
        prev = doc[i - 1]
        if doc.has_annotation("SENT_START") and doc[i].is_sent_start:
            return True
        return prev.is_space or prev.text in {".", "!", "?", ":", "«", '"', "“", "(", "…", ";", "|"}

    def _cue_before(self, doc: Doc, i: int) -> int:
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

    def _org_head_at(self, doc: Doc, j: int) -> str | None:
        """The organization head word(s) ending at token ``j``: "université de technologie"."""
        if fold(doc[j].text) not in self.org_last:
            return None
        for size in range(min(self.org_longest, j + 1), 0, -1):
            seq = tuple(fold(t.text) for t in doc[j - size + 1 : j + 1])
            if seq in self.org_seqs:
                return " ".join(seq)
        return None

    def _in_org_name(self, doc: Doc, start: int, collectivity: bool = False) -> bool:
        """Walk back over capitalised words and connectors to an organization head word.

        ``collectivity``: the name is a pays or an intercommunality, which a "syndicat
        mixte" runs ("Syndicat du Pays de X" is the pays, not a trade union).
        """
        j = start - 1
        steps = 0
        while j >= 0 and steps < 6:
            tok = doc[j]
            word = fold(tok.text)
            if word in self.collectivity_heads:
                return False
            head = self._org_head_at(doc, j)
            if head is not None:
                return not (collectivity and head in self.collectivity_orgs)
            if not (word in self.connectors or (_is_capitalised(tok) and tok.is_alpha)):
                return False
            j -= 1
            steps += 1
        return False

    def _in_person_name(self, doc: Doc, start: int, end: int) -> bool:
        """A capitalised word glued before the name that is no place word: "Jean Castex"."""
        if start == 0 or self._sentence_initial(doc, start):
            return False
        prev = doc[start - 1]
        if not (_is_name(prev)) or prev.is_upper or light(prev.text) in self.articles:
            return False
        word = fold(prev.text)
        return not (
            word in self.entries
            or word in self.collectivity_heads
            or word in self.org_heads
            or word in self.cue_capitalised
        )

    def _ent_label(self, doc: Doc, start: int, end: int) -> str | None:
        """Label of the entity overlapping the name; a LOC counts only if it is the name.

        "Grand" and "Port" inside the LOC "Grand Port Maritime de Dunkerque" are no
        evidence; an article may differ ("la Plaine" for "Plaine").
        """
        for ent in _overlapping_ents(doc, start, end):
            extra = [t for t in ent if not start <= t.i < end and not t.is_space]
            exact = all(light(t.text) in self.articles for t in extra)
            if ent.label_ != "LOC":
                return ent.label_ if exact else f"{ent.label_}-PART"
            if exact or all(t.i < start and not _is_capitalised(t) for t in extra):
                return "LOC"  # "la préfète de la Vienne": the cue words, then the name
            return "LOC-PART"
        return None

    def _name_run(self, doc: Doc, i: int, limit: int = 7) -> int:
        """End of a proper-name run starting at ``i``: capitalised words joined by connectors."""
        end = i
        j = i
        while j < len(doc) and j - i < limit:
            tok = doc[j]
            if (_is_name(tok)) or (tok.like_num and j > i):
                end = j + 1
                j += 1
                continue
            if tok.text in DASHES and (tok.whitespace_ or doc[j - 1].whitespace_):
                break  # "Agglomération du Choletais – Hôtel d'agglomération": a separator
            if light(tok.text) in self.connectors and j + 1 < len(doc) and j > i:
                # "Etang de Berre", "Comminges et Nestes", "Vallée de la Marne"; never
                # "et la Région": at most two connectors, "et" only right before a name
                nxt = doc[j + 1]
                if _is_name(nxt):
                    j += 1
                    continue
                if (
                    light(tok.text) != "et"
                    and light(nxt.text) in self.articles
                    and j + 2 < len(doc)
                ):
                    after = doc[j + 2]
                    if _is_name(after):
                        j += 2
                        continue
            break
        return end

    def _lookup(self, doc: Doc, start: int, end: int) -> Entry | None:
        key = self.gazetteer.index.get(tuple(fold(t.text) for t in doc[start:end]))
        return self.entries.get(key) if key else None

    # -- candidate sources -----------------------------------------------------

    def _gazetteer_candidates(self, doc: Doc, words: list[str]) -> list[Candidate]:
        out = []
        for start, end, key in self.gazetteer.index.match(words):
            entry = self.entries.get(key)
            if entry is None:
                continue
            if not _is_capitalised(doc[start]) and not self._lowercase_head(doc, start, end, entry):
                continue
            out.append(Candidate(start, end, entry.kind, entry.name, entry.code, key=key))
        return out + self._contracted_candidates(doc, words)

    def _lowercase_head(self, doc: Doc, start: int, end: int, entry: Entry) -> bool:
        """ "le pays de Fayence", "la vallée de la Maurienne": a type word the press writes
        in lower case before a known intercommunality or area name."""
        return (
            fold(doc[start].text) in self.lowercase_heads
            and end - start >= 3
            and entry.kind in ("epci", "territoire_industrie", "zone")
            and _is_capitalised(doc[end - 1])
        )

    def _contracted_candidates(self, doc: Doc, words: list[str]) -> list[Candidate]:
        """ "du Havre", "au Mans", "aux Mureaux": the article of the name merged with "de"/"à"."""
        out = []
        n = len(words)
        index = self.gazetteer.index
        for i in range(n - 1):
            article = CONTRACTIONS.get(light(doc[i].text))
            if article is None or not _is_capitalised(doc[i + 1]):
                continue
            for length in range(min(index.longest.get(article, 0) - 1, n - i - 1), 0, -1):
                key = index.get((article, *words[i + 1 : i + 1 + length]))
                entry = self.entries.get(key) if key else None
                if entry is not None and entry.kind == "commune":
                    out.append(
                        Candidate(
                            i + 1,
                            i + 1 + length,
                            entry.kind,
                            entry.name,
                            entry.code,
                            key=key,
                            source="contracted",
                        )
                    )
                    break
        return out

    def _cue_candidates(self, doc: Doc, words: list[str]) -> list[Candidate]:
        out = []
        for start, end, labels in self.cues.match(words):
            for label in labels:
                cand = self._cue_candidate(doc, start, end, label)
                if cand is not None:
                    out.append(cand)
        return out

    def _cue_candidate(self, doc: Doc, start: int, end: int, label: str) -> Candidate | None:
        """The territory a cue word introduces: "zone industrielle de X", "X Agglo"."""
        side, kind = label.split(":")
        cue = fold(doc[start:end].text)
        if cue in self.cue_capitalised and not _is_capitalised(doc[start]):
            return None
        if side == "suffix":
            return self._suffix_candidate(doc, start, end, kind)
        i = end
        for _ in range(2):  # "de", "du", "de la", "d'" between the cue and the name
            if i < len(doc) and light(doc[i].text) in self.articles:
                i += 1
        if i >= len(doc) or not _is_name(doc[i]):
            return None
        article = i > end
        name_end = self._name_run(doc, i)
        place = i
        if kind == "zone" and fold(doc[i].text) in self.compass and name_end > i + 1:
            # "zone industrielle Nord de Châtellerault": a direction, then the town
            place = i + 1
            while place < name_end and light(doc[place].text) in self.articles:
                place += 1
        inner = self._longest_entry(doc, place, name_end)
        if kind == "zone" and place == i and inner and inner[1].kind in ("region", "departement"):
            return None  # "la zone industrielle des Alpes-Maritimes" is the département
        if (
            cue in self.need_article
            and not article
            and inner is None
            and self._longest_entry(doc, start, name_end) is None
        ):
            return None  # "Vallée Ventures", a fund; "Vallée de la Bresle" has its article
        open_name = article and cue in self.known_or_article  # "l'Agglomération du Choletais"
        if open_name:  # not "l'Agglomération du Choletais et Mauges Communauté"
            for j in range(i + 1, name_end):
                if light(doc[j].text) == "et" or fold(doc[j].text) in self.collectivity_heads:
                    name_end = j
                    break
        if cue in self.cue_known_only and not open_name:
            # "région Occitanie", "département du Var": only known names, and the
            # territory is the place, not the council
            if inner is None or inner[1].kind not in (kind, "commune", "epci"):
                return None
            if kind in ("region", "departement"):
                if inner[1].kind != kind:
                    return None
                known = inner[1]
                return Candidate(i, inner[0], known.kind, known.name, known.code, True, "cue")
            if inner[1].kind != "epci" and cue == "grand":
                return None
        whole = self._longest_entry(doc, start, name_end)
        if whole and whole[0] > i:
            name_end = whole[0]
        entry = whole[1] if whole and whole[0] == name_end else None
        cand = self._candidate(start, name_end, kind, entry)
        if kind == "zone" and entry is None and inner and inner[0] == name_end:
            known = inner[1]
            if known.kind == "commune" and not self._is_ambiguous(fold(doc[place:name_end].text)):
                # "parc d'activités d'Ormes" also names the commune
                cand.inner = Candidate(place, name_end, known.kind, known.name, known.code, True)
        return cand

    def _suffix_candidate(self, doc: Doc, start: int, end: int, kind: str) -> Candidate | None:
        """ "Alès Agglomération", "Toulouse Métropole": capitalised words before the cue."""
        if not _is_capitalised(doc[start]):
            return None
        j = start
        while j > 0 and _is_name(doc[j - 1]) and start - j < 4:
            if self._sentence_initial(doc, j) and fold(doc[j - 1].text) not in self.entries:
                break
            j -= 1
        if j == start or fold(doc[j].text) in self.collectivity_heads:
            return None
        if all(light(t.text) in self.articles for t in doc[j:start]):
            return None  # "L'Agglomération du Choletais": the article of a prefix form
        return self._candidate(j, end, kind, self._lookup(doc, j, end))

    @staticmethod
    def _candidate(start: int, end: int, kind: str, entry: Entry | None) -> Candidate:
        if entry is None:
            return Candidate(start, end, kind, None, None, True, "cue")
        return Candidate(start, end, entry.kind, entry.name, entry.code, True, "cue")

    def _longest_entry(self, doc: Doc, start: int, end: int) -> tuple[int, Entry] | None:
        for stop in range(end, start, -1):
            entry = self._lookup(doc, start, stop)
            if entry is not None:
                return stop, entry
        return None

    def _glued_chain(self, token: Token) -> bool:
        """One token such as "Carros-le-Broc": two known places joined by hyphens."""
        if (
            "-" not in token.text
            or fold(token.text) in self.entries
            or not token.text[:1].isupper()
        ):
            return False
        if not all(
            piece.replace("'", "").replace("’", "").isalpha() for piece in token.text.split("-")
        ):
            return False
        parts, pending = [], []
        for piece in token.text.split("-"):
            if light(piece) in self.articles:
                pending.append(piece)
                continue
            parts.append(" ".join([*pending, piece]))
            pending = []
        known = sum(
            1
            for part in parts
            if fold(part) in self.entries or fold(part.split()[-1]) in self.entries
        )
        return len(parts) >= 2 and known >= 2

    def _chain_candidates(self, doc: Doc) -> list[Candidate]:
        """Hyphenated chains of place names written as one area: "Rousset-Fuveau"."""
        out = [
            Candidate(t.i, t.i + 1, "zone", None, None, True, "chain")
            for t in doc
            if self._glued_chain(t)
        ]
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if not (_is_name(tok)):
                i += 1
                continue
            parts = []
            j = i
            while j < n:
                part_end = self._chain_part(doc, j)
                if part_end == j:
                    break
                parts.append((j, part_end))
                dash = doc[part_end] if part_end < n else None
                glued = (
                    dash is not None and not doc[part_end - 1].whitespace_ and not dash.whitespace_
                )
                if dash is not None and dash.text == "-" and glued and part_end + 1 < n:
                    j = part_end + 1
                    continue
                break
            known = sum(1 for s, e in parts if self._lookup(doc, s, e) is not None)
            if len(parts) >= 2 and known >= 2:
                end = parts[-1][1]
                if self._lookup(doc, i, end) is None:
                    out.append(Candidate(i, end, "zone", None, None, True, "chain"))
                i = end
            else:
                i += 1
        return out

    def _chain_part(self, doc: Doc, i: int) -> int:
        tok = doc[i]
        if not (_is_name(tok)):
            return i
        end = i + 1
        # "Etang de Berre": a name with an inner "de"/"du"/"d'" and a capitalised word
        if end + 1 < len(doc) and light(doc[end].text) in {"de", "du", "d'", "des"}:
            nxt = doc[end + 1]
            if _is_name(nxt) and doc[end].whitespace_:
                end += 2
        return end

    # -- decision --------------------------------------------------------------

    def _accept(self, doc: Doc, cand: Candidate, accepted_ends: set[int]) -> bool:
        if cand.source in ("cue", "chain"):
            return not self._in_org_name(doc, cand.start, collectivity=cand.kind == "epci")
        label = self._ent_label(doc, cand.start, cand.end)
        if label == "PER-PART":
            return False
        contracted = cand.source == "contracted"
        origin = cand.start - 1 if contracted else cand.start  # "du" of "du Havre"
        at = contracted and light(doc[origin].text) in ("au", "aux")  # "à": no org name
        if not at and self._in_org_name(doc, origin):
            return False
        if fold(doc[cand.start].text) in self.org_heads and not (
            contracted and light(doc[origin].text) in ("au", "aux") and _ends_phrase(doc, cand.end)
        ):
            return False  # "du Port autonome" is the port; "au Port." is the town
        text = doc[cand.start : cand.end].text
        key = cand.key or fold(text)
        entry = self.entries[key]
        if text.isupper() and key not in self.upper_forms and label != "LOC":
            return False  # an acronym ("PIA") is no commune
        if label is not None and label not in ("LOC", "LOC-PART") and entry.ambiguous:
            return False
        if _case_mismatch(text, entry.name):
            return False  # "Le syndicat réclame", "Le plan d'actions"
        if label != "LOC" and self._company_after(doc, cand.end):
            return False  # "Sologne Composites", "Lorraine Tubes": a company named after a place
        cue = self._cue_before(doc, cand.start)
        listed = self._continues_list(doc, origin, accepted_ends)
        ambiguous = self._is_ambiguous(key) or entry.ambiguous
        if label == "PER" and (
            ambiguous or cue == 0 or (entry.population or 0) < self.min_population
        ):
            return False  # a town the NER read as a person counts only after "à", "de"
        if key in self.english:
            label = None  # the NER reads "This" in an English banner as a place
        strong = label == "LOC" or cue == 2 or listed
        weak = strong or cue == 1
        initial = self._sentence_initial(doc, origin)
        single = cand.end - cand.start == 1
        pop = entry.population or 0
        if contracted:
            # "à Saint-André et au Port", "maire du Havre"; never "Haut-Commissariat au Plan"
            if pop < self.min_population_ambiguous and fold(text) in self.words:
                return (cue == 2 or listed) and _ends_phrase(doc, cand.end)
            return strong or (not ambiguous and pop >= self.min_population)
        if entry.kind == "commune" and single and self._in_person_name(doc, cand.start, cand.end):
            return strong and label == "LOC"
        if entry.ambiguous and (label == "LOC-PART" or self._glued_after(doc, cand.end)):
            return False  # "Grand" in "Grand Port Maritime", "Orange Business Services"
        if entry.kind == "zone" and entry.code is None:
            return self._accept_area(doc, cand, strong)
        if self._is_ambiguous(key):
            return strong
        if entry.ambiguous:
            return strong or (not initial and pop >= self.min_population_ambiguous)
        if entry.kind == "commune" and single and pop < self.min_population:
            return weak
        return True

    def _accept_area(self, doc: Doc, cand: Candidate, strong: bool) -> bool:
        """A natural region or a town's area ("le Berry", "le Toulois"), not its people."""
        text = doc[cand.start : cand.end].text
        prev = light(doc[cand.start - 1].text) if cand.start > 0 else ""
        if fold(text).endswith(DEMONYM_ENDINGS) and prev in PLURAL_DETERMINERS:
            return False  # "les Choletais" are the inhabitants
        if self._glued_after(doc, cand.end) or self._in_person_name(doc, cand.start, cand.end):
            return False  # "le Toulois Jean Martin", "Alpal Maurienne", a company
        return strong or not self._is_word(text)

    def _is_ambiguous(self, key: str) -> bool:
        """Names that are also words of the press: "Orange", "Nord", English "This"."""
        return key in self.always_ambiguous or key in self.english

    def _company_after(self, doc: Doc, end: int) -> bool:
        """A capitalised common noun glued after the name: "Cambrésis Précision"."""
        if end >= len(doc) or not doc[end - 1].whitespace_:
            return False
        nxt = doc[end]
        if not (nxt.is_alpha and _is_capitalised(nxt)) or nxt.is_upper:
            return False
        word = fold(nxt.text)
        if word in self.entries or word in self.collectivity_heads or word in self.compass:
            return False
        return self._is_word(nxt.text)

    @staticmethod
    def _glued_after(doc: Doc, end: int) -> bool:
        return end < len(doc) and _is_name(doc[end]) and bool(doc[end - 1].whitespace_)

    def _continues_list(self, doc: Doc, start: int, accepted_ends: set[int]) -> bool:
        """ "Fos, Lavera et Berre": a name after a comma or "et" that follows an accepted place."""
        j = start - 1
        if j >= 1 and doc[j].text in {",", "et", ";", "ou"}:
            return j in accepted_ends
        return False

    def _loc_candidates(
        self, doc: Doc, taken: list[Candidate], accepted_ends: set[int]
    ) -> list[Candidate]:
        """LOC entities in no gazetteer: a locality or site ("La Mède"), with care."""
        out = []
        for ent in doc.ents:
            if ent.label_ != "LOC" or any(c.start < ent.end and ent.start < c.end for c in taken):
                continue
            words = [fold(t.text) for t in ent]
            if (
                len(ent) > 4
                or not _is_capitalised(ent[0])
                or any(t.is_upper and len(t) > 1 for t in ent)
            ):
                continue
            key = fold(ent.text)
            if key in self.foreign or key in self.known_orgs:
                continue
            if any(w in self.venue_words for w in words):
                continue
            if not all(t.is_alpha or light(t.text) in self.connectors for t in ent):
                continue
            if ent.start > 0 and self._in_org_name(doc, ent.start):
                continue
            names = [t for t in ent if light(t.text) not in self.connectors]
            if not all(_is_capitalised(t) for t in names) or any(
                self._is_word(t.text) for t in names
            ):
                continue  # "Territoires d'industrie", "Etat", "Gouvernement"
            after_a = ent.start > 0 and light(doc[ent.start - 1].text) == "à"
            if not (after_a or self._continues_list(doc, ent.start, accepted_ends)):
                continue
            out.append(Candidate(ent.start, ent.end, "zone", None, None, True, "loc"))
        return out

    def _article_localities(self, doc: Doc, taken: set[int]) -> list[Candidate]:
        """ "à La Mède", "au Lavandou"-like localities: "à" then "La"/"Le" and an unknown name.

        The name must be no dictionary word ("à La Défense", "à La Poste" are not places).
        """
        out = []
        for i in range(len(doc) - 2):
            if doc[i].lower_ != "à" or doc[i + 1].text not in ("La", "Le", "Les"):
                continue
            name = doc[i + 2]
            end = i + 3
            if end in taken or i + 1 in taken or i + 2 in taken or not name.is_alpha:
                continue
            if not _is_name(name) or name.is_upper or self._is_word(name.text):
                continue
            if end < len(doc) and _is_name(doc[end]):
                continue  # "à La Redoute Interiors": a longer name, maybe a company
            out.append(Candidate(i + 1, end, "zone", None, None, True, "article"))
        return out

    def _press_titles(self, doc: Doc) -> set[int]:
        """Tokens of newspaper and broadcaster names ("Ouest-France", "France 3 Normandie")."""
        blocked: set[int] = set()
        keys = [_press_key(t.text) for t in doc]
        for start, end, group in self.press.match(keys):
            if not _is_capitalised(doc[start]):
                continue
            if group == "press_prefixes":
                if end >= len(doc) or not _is_name(doc[end]) or doc[end - 1].whitespace_ == "":
                    continue
                end = self._name_run(doc, end, limit=3)
            elif group == "press_titles_in_context" and not self._press_context(doc, start, end):
                continue
            blocked.update(range(start, end))
        return blocked

    def _press_context(self, doc: Doc, start: int, end: int) -> bool:
        """ "La Provence" the newspaper: alone on its line, or after "©", "selon", "journal"."""
        alone = (start == 0 or "\n" in doc[start - 1].text_with_ws) and (
            end >= len(doc) or "\n" in doc[end - 1].text_with_ws or "\n" in doc[end].text
        )
        before = {fold(t.text) for t in doc[max(0, start - 3) : start]}
        return alone or bool(before & self.press_context)

    def _acronym_candidates(
        self, doc: Doc, accepted: list[Candidate], occupied: set[int]
    ) -> list[Candidate]:
        """An intercommunality's acronym defined in the text: "la Cobas (Communauté ...)".

        Every other mention of the acronym is then the same territory.
        """
        defined: dict[str, Candidate] = {}
        n = len(doc)
        for cand in accepted:
            if cand.kind != "epci" or cand.end - cand.start < 2:
                continue
            s, e = cand.start, cand.end
            if s >= 2 and doc[s - 1].text == "(" and e < n and doc[e].text == ")":
                short = doc[s - 2]
            elif e + 2 < n and doc[e].text == "(" and doc[e + 2].text == ")":
                short = doc[e + 1]
            else:
                continue
            if not (short.is_alpha and len(short) >= 3 and _is_capitalised(short)):
                continue
            if _acronym_of(short.text, [t.text for t in doc[s:e]]):
                defined[fold(short.text)] = cand
        if not defined:
            return []
        out = []
        for tok in doc:
            cand = defined.get(fold(tok.text))
            if cand is not None and _is_capitalised(tok) and tok.i not in occupied:
                out.append(
                    Candidate(tok.i, tok.i + 1, "epci", cand.name, cand.code, True, "acronym")
                )
        return out

    def _is_word(self, text: str) -> bool:
        word = fold(text)
        return word in self.words or (word[-1:] in ("s", "x") and word[:-1] in self.words)

    def __call__(self, doc: Doc) -> Doc:
        words = [fold(t.text) or t.text for t in doc]
        cands = self._cue_candidates(doc, words) + self._chain_candidates(doc)
        cands += self._gazetteer_candidates(doc, words)
        blocked = self._press_titles(doc)
        if blocked:
            cands = [c for c in cands if not blocked.intersection(range(c.start, c.end))]
        # longest first; rule-based forms win ties over plain gazetteer hits
        cands.sort(key=lambda c: (-(c.end - c.start), c.source == "gazetteer", c.start))
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
        accepted += self._acronym_candidates(doc, accepted, occupied)
        if self.use_loc_entities and doc.ents:
            taken = chosen + [Candidate(i, i + 1, "zone") for i in blocked]
            accepted += self._loc_candidates(doc, taken, ends)
        accepted += self._article_localities(doc, occupied | blocked)
        spans = []
        for cand in sorted(accepted, key=lambda c: c.start):
            span = Span(doc, cand.start, cand.end, label=cand.kind)
            span._.territory_kind = cand.kind
            span._.canonical_name = cand.name
            span._.territory_code = cand.code
            spans.append(span)
        doc.spans[attrs.TERRITORIES] = spans
        doc.user_data.pop(_ENT_INDEX, None)  # scratch, not output
        return doc


@cache
def _common_words(name: str) -> frozenset[str]:
    return frozenset(resources.iter_jsonl(name))


def _press_key(text: str) -> str:
    return light(text)


def _ends_phrase(doc: Doc, end: int) -> bool:
    """Nothing glued after the name: end of text, punctuation or a list word."""
    return (
        end >= len(doc) or doc[end].is_punct or doc[end].is_space or doc[end].lower_ in ("et", "ou")
    )


NAME_PARTS = re.compile(r"[\s\-'’]+")


def _case_mismatch(text: str, canonical: str) -> bool:
    """A capitalised word of the name written in lower case: "Le syndicat" for "Le Syndicat"."""
    if fold(text) != fold(canonical):
        return False
    got, want = NAME_PARTS.split(text), NAME_PARTS.split(canonical)
    return len(got) == len(want) and any(
        w[:1].isupper() and g[:1].islower() for g, w in zip(got[1:], want[1:], strict=True)
    )


@cache
def _english_words() -> frozenset[str]:
    """English function words ("This", "In"): cookie banners and English boilerplate."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    return frozenset(fold(w) for w in EN - FR if len(w) > 1)


def _acronym_of(acronym: str, words: list[str]) -> bool:
    """ "CIREST" spells "Communauté Intercommunale Réunion Est": each letter group opens a word."""
    letters = fold(acronym)
    names = [fold(w) for w in words if w[:1].isalpha()]

    def spell(a: int, w: int, used: int) -> bool:
        if a == len(letters):
            return used >= min(3, len(names))
        if w == len(names):
            return False
        word = names[w]
        for k in range(min(len(word), len(letters) - a), 0, -1):
            if letters[a : a + k] == word[:k] and spell(a + k, w + 1, used + 1):
                return True
        return w > 0 and spell(a, w + 1, used)  # a skipped word ("de la")

    return bool(letters) and bool(names) and spell(0, 0, 0)


@cache
def _foreign_places() -> frozenset[str]:
    """Countries, continents and world regions in French (Babel's CLDR names)."""
    from babel import Locale

    return frozenset(fold(name) for name in Locale("fr").territories.values())


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


def _overlapping_ents(doc: Doc, start: int, end: int) -> list[Span]:
    """Entities overlapping tokens [start, end), in order, through a per-doc index.

    ``doc.ents`` rebuilds every entity on each access, so scanning it per
    candidate made long documents quadratic.
    """
    index = doc.user_data.get(_ENT_INDEX)
    if index is None:
        ents = list(doc.ents)
        at: dict[int, int] = {}
        for k, ent in enumerate(ents):
            for i in range(ent.start, ent.end):
                at[i] = k
        index = doc.user_data[_ENT_INDEX] = (ents, at)
    ents, at = index
    hits = sorted({at[i] for i in range(start, end) if i in at})
    return [ents[k] for k in hits]
