"""Territories: régions, départements, EPCI, communes, Territoires d'industrie and zones.

A gazetteer built from the COG (``scripts/build_gazetteer.py``) is matched on
folded tokens (case, accents, apostrophes and dashes ignored); press forms
("zone industrielle de X", "Métropole X", "X Agglo", "PETR X") come from cue
words in ``models/territory_rules.json``. Names that are also ordinary words,
first names or brands ("Orange", "Vue") and small communes need evidence: a
locative cue before them, a LOC entity of the statistical NER, or a list they
continue. A place inside an organization's name ("CCI du Grand Hainaut",
"Université de Lille") or a person's name is not a territory. The longest match wins.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import resources
from . import attributes as attrs

KIND_PRIORITY = ("region", "departement", "epci", "commune", "territoire_industrie", "zone")
T = TypeVar("T")
DASHES = ("–", "—", "‑", "‐", "−")


def fold(text: str) -> str:
    """Matching key of a token or name: lower case, no accents, straight apostrophes and dashes."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("‘", "'").replace("œ", "oe").replace("æ", "ae")
    for dash in DASHES:
        s = s.replace(dash, "-")
    return " ".join(s.split())


def light(text: str) -> str:
    """Lower case with apostrophes and dashes folded, accents kept ("à" is not "a")."""
    s = text.lower().replace("’", "'").replace("‘", "'")
    for dash in DASHES:
        s = s.replace(dash, "-")
    return s


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
    for row in resources.iter_jsonl(gazetteer):
        entry = Entry(row["k"], row["n"], row.get("c"), row.get("p"), bool(row.get("a")))
        put(row["f"], entry)
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
    return Gazetteer(entries, SequenceIndex(sequences))


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
        self.cue_capitalised = {fold(w) for w in cfg["prefix_cues_capitalised"]}
        self.cue_known_only = {fold(w) for w in cfg["prefix_cues_known_only"]}
        self.foreign = _foreign_places()
        self.words = _common_words(words)
        self.upper_forms = {key for key, e in self.entries.items() if e.name.isupper()}
        self.upper_forms |= {fold(f) for f in _upper_aliases(aliases)}
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

    def _in_org_name(self, doc: Doc, start: int) -> bool:
        """Walk back over capitalised words and connectors to an organization head word."""
        j = start - 1
        steps = 0
        while j >= 0 and steps < 6:
            tok = doc[j]
            word = fold(tok.text)
            if word in self.collectivity_heads:
                return False
            if word in self.org_heads or (
                j > 0 and f"{fold(doc[j - 1].text)} {word}" in self.org_heads
            ):
                return True
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
        if not (_is_name(prev)) or prev.is_upper:
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
        for ent in doc.ents:
            if ent.start < end and start < ent.end:
                if ent.label_ != "LOC":
                    return ent.label_
                extra = [t for t in ent if not start <= t.i < end]
                if all(light(t.text) in self.articles for t in extra):
                    return "LOC"
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
            if entry is None or not _is_capitalised(doc[start]):
                continue
            out.append(Candidate(start, end, entry.kind, entry.name, entry.code, key=key))
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
        name_end = self._name_run(doc, i)
        inner = self._longest_entry(doc, i, name_end)
        if kind == "zone" and inner and inner[1].kind in ("region", "departement"):
            return None  # "la zone industrielle des Alpes-Maritimes" is the département
        if cue in self.cue_known_only:
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
        return self._candidate(start, name_end, kind, entry)

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
            return not self._in_org_name(doc, cand.start)
        label = self._ent_label(doc, cand.start, cand.end)
        if label == "PER":
            return False
        if self._in_org_name(doc, cand.start) or fold(doc[cand.start].text) in self.org_heads:
            return False
        text = doc[cand.start : cand.end].text
        key = cand.key or fold(text)
        entry = self.entries[key]
        if text.isupper() and key not in self.upper_forms and label != "LOC":
            return False  # an acronym ("PIA") is no commune
        if label is not None and label not in ("LOC", "LOC-PART") and entry.ambiguous:
            return False
        cue = self._cue_before(doc, cand.start)
        listed = self._continues_list(doc, cand.start, accepted_ends)
        strong = label == "LOC" or cue == 2 or listed
        weak = strong or cue == 1
        initial = self._sentence_initial(doc, cand.start)
        single = cand.end - cand.start == 1
        if entry.kind == "commune" and single and self._in_person_name(doc, cand.start, cand.end):
            return strong and label == "LOC"
        if entry.ambiguous and (label == "LOC-PART" or self._glued_after(doc, cand.end)):
            return False  # "Grand" in "Grand Port Maritime", "Orange Business Services"
        if key in self.always_ambiguous:
            return strong
        pop = entry.population or 0
        if entry.ambiguous:
            return strong or (not initial and pop >= self.min_population_ambiguous)
        if entry.kind == "commune" and single and pop < self.min_population:
            return weak
        return True

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
            if fold(ent.text) in self.foreign or any(w in self.venue_words for w in words):
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

    def _is_word(self, text: str) -> bool:
        word = fold(text)
        return word in self.words or (word[-1:] in ("s", "x") and word[:-1] in self.words)

    def __call__(self, doc: Doc) -> Doc:
        words = [fold(t.text) or t.text for t in doc]
        cands = self._cue_candidates(doc, words) + self._chain_candidates(doc)
        cands += self._gazetteer_candidates(doc, words)
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
        if self.use_loc_entities and doc.ents:
            accepted += self._loc_candidates(doc, chosen, ends)
        spans = []
        for cand in sorted(accepted, key=lambda c: c.start):
            span = Span(doc, cand.start, cand.end, label=cand.kind)
            span._.territory_kind = cand.kind
            span._.canonical_name = cand.name
            span._.territory_code = cand.code
            spans.append(span)
        doc.spans[attrs.TERRITORIES] = spans
        return doc


@cache
def _common_words(name: str) -> frozenset[str]:
    return frozenset(resources.iter_jsonl(name))


def _upper_aliases(name: str) -> list[str]:
    table = resources.read_json(name)
    return [
        form
        for kind, forms in table.items()
        if not kind.startswith("_")
        for form in forms
        if form.isupper()
    ]


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
    )
