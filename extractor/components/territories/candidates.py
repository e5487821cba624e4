"""Candidate territory mentions, from every source the tagger knows.

Each source proposes spans generously and says where they came from; overlaps
are settled (longest wins) and evidence is weighed later by the tagger, so a
source never has to know about the others. Press titles are the one negative
source: tokens no candidate may cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS
from spacy.tokens import Doc, Token

from ..folding import fold, light
from .gazetteer import Entry
from .rules import (
    TerritoryRules,
    country_in_sentence,
    ends_phrase,
    is_capitalised,
    is_name,
    sentence_initial,
)
from .ti_names import TerritoryNameVariants

# "du Havre" is "de Le Havre", "aux Mureaux" is "à Les Mureaux"
#: a zone's number glued to "n°": "zone industrielle n°2"
ZONE_NUMBER = re.compile(r"n[°º]\d{1,3}")
CONTRACTIONS = {"du": "le", "au": "le", "des": "les", "aux": "les"}


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


# -- gazetteer names -----------------------------------------------------------


def gazetteer_candidates(rules: TerritoryRules, doc: Doc, words: list[str]) -> list[Candidate]:
    out = []
    for start, end, key in rules.gazetteer.index.match(words):
        entry = rules.entries.get(key)
        if entry is None:
            continue
        if not is_capitalised(doc[start]) and not _lowercase_head(rules, doc, start, end, entry):
            continue
        out.append(Candidate(start, end, entry.kind, entry.name, entry.code, key=key))
    return out + _contracted_candidates(rules, doc, words)


def _lowercase_head(rules: TerritoryRules, doc: Doc, start: int, end: int, entry: Entry) -> bool:
    """ "le pays de Fayence", "la vallée de la Maurienne": a type word the press writes
    in lower case before a known intercommunality or area name."""
    return (
        fold(doc[start].text) in rules.lowercase_heads
        and end - start >= 3
        and entry.kind in ("epci", "territoire_industrie", "zone")
        and is_capitalised(doc[end - 1])
    )


def _contracted_candidates(rules: TerritoryRules, doc: Doc, words: list[str]) -> list[Candidate]:
    """ "du Havre", "au Mans", "aux Mureaux": the article of the name merged with "de"/"à"."""
    out = []
    n = len(words)
    index = rules.gazetteer.index
    for i in range(n - 1):
        article = CONTRACTIONS.get(light(doc[i].text))
        if article is None or not is_capitalised(doc[i + 1]):
            continue
        for length in range(min(index.longest.get(article, 0) - 1, n - i - 1), 0, -1):
            key = index.get((article, *words[i + 1 : i + 1 + length]))
            entry = rules.entries.get(key) if key else None
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


# -- cue words: "zone industrielle de X", "X Agglo" ---------------------------


def cue_candidates(rules: TerritoryRules, doc: Doc, words: list[str]) -> list[Candidate]:
    out = []
    for start, end, labels in rules.cues.match(words):
        for label in labels:
            cand = _cue_candidate(rules, doc, start, end, label)
            if cand is not None:
                out.append(cand)
    return out


def _cue_candidate(
    rules: TerritoryRules, doc: Doc, start: int, end: int, label: str
) -> Candidate | None:
    """The territory a cue word introduces: "zone industrielle de X", "X Agglo"."""
    side, kind = label.split(":")
    cue = fold(doc[start:end].text)
    natural = cue in rules.natural_cues
    if (
        cue in rules.cue_capitalised
        and not is_capitalised(doc[start])
        and not (natural and _article_then_name(rules, doc, end))
    ):
        return None
    if side == "suffix":
        return _suffix_candidate(rules, doc, start, end, kind)
    i = end
    numbered = kind == "zone" and _zone_number(doc, i)
    i += numbered  # "zone industrielle n°2 du Port": the number is part of the name
    for _ in range(2):  # "de", "du", "de la", "d'" between the cue and the name
        if i < len(doc) and light(doc[i].text) in rules.articles:
            i += 1
    if i >= len(doc) or not is_name(doc[i]):
        return None
    article = i > end + numbered
    name_end = rules.name_run(doc, i)
    place = i
    if kind == "zone" and fold(doc[i].text) in rules.compass and name_end > i + 1:
        # "zone industrielle Nord de Châtellerault": a direction, then the town
        place = i + 1
        while place < name_end and light(doc[place].text) in rules.articles:
            place += 1
    if kind == "zone" and not article and name_end == i + 1 and fold(doc[i].text) in rules.compass:
        return _cue_form(start, name_end, kind, None)  # "ZI Nord": a site, not the Nord
    inner = rules.longest_entry(doc, place, name_end)
    # "le Parc logistique de l'Aube", "la zone n°2 du Port": a capitalised cue inside a
    # sentence, or a number, makes the whole a site's own name
    proper = numbered > 0 or (is_capitalised(doc[start]) and not sentence_initial(doc, start))
    if (
        kind == "zone"
        and not natural
        and not proper
        and place == i
        and inner
        and inner[1].kind in ("region", "departement")
    ):
        return None  # "la zone industrielle des Alpes-Maritimes" is the département
    if (
        cue in rules.cue_unknown_only
        and (article or numbered)
        and (inner is not None or rules.longest_entry(doc, start, name_end) is not None)
    ):
        return None  # "la zone de Lorient" is the town; "la zone de Kerpont", "zone Grimaud" sites
    if (
        cue in rules.need_article
        and not article
        and inner is None
        and rules.longest_entry(doc, start, name_end) is None
    ):
        return None  # "Vallée Ventures", a fund; "Vallée de la Bresle" has its article
    open_name = article and cue in rules.known_or_article  # "l'Agglomération du Choletais"
    if open_name:  # not "l'Agglomération du Choletais et Mauges Communauté"
        for j in range(i + 1, name_end):
            if light(doc[j].text) == "et" or fold(doc[j].text) in rules.collectivity_heads:
                name_end = j
                break
    if cue in rules.cue_known_only and not open_name:
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
    if kind == "epci" and cue.startswith("communaute"):
        name_end = _comma_parts(rules, doc, name_end)
    whole = rules.longest_entry(doc, start, name_end)
    if whole and whole[0] > i:
        name_end = whole[0]
    entry = whole[1] if whole and whole[0] == name_end else None
    cand = _cue_form(start, name_end, kind, entry)
    # "parc d'activités d'Ormes", "zone Ouest de Vitrolles" also name the commune; "zone
    # Grimaud", "zone n°2 du Port" are the zone's own names
    own_name = numbered or (not article and place == i)
    if kind == "zone" and entry is None and inner and inner[0] == name_end and not own_name:
        known = inner[1]
        if known.kind == "commune" and not rules.is_ambiguous(fold(doc[place:name_end].text)):
            # "parc d'activités d'Ormes" also names the commune
            cand.inner = Candidate(place, name_end, known.kind, known.name, known.code, True)
    return cand


def _zone_number(doc: Doc, i: int) -> int:
    """Tokens of a zone's number right after its cue: "n°2", "n° 2"."""
    if i >= len(doc):
        return 0
    text = doc[i].text.lower()
    if ZONE_NUMBER.fullmatch(text):
        return 1
    if text in {"n°", "nº"} and i + 1 < len(doc) and doc[i + 1].text.isdigit():
        return 2
    return 0


def _comma_parts(rules: TerritoryRules, doc: Doc, end: int) -> int:
    """ "communauté d'agglomération Saint-Dizier, Der et Blaise": an intercommunality's
    name may list its parts after a comma, closed by "et". The continuation must end
    with "X et Y" and open with no known place: "de Cholet, Saumur et Angers" lists
    three towns, not one body."""
    if end + 1 >= len(doc) or doc[end].text != "," or not is_name(doc[end + 1]):
        return end
    if rules.longest_entry(doc, end + 1, end + 2) is not None:
        return end
    more = rules.name_run(doc, end + 1)
    words = [light(t.text) for t in doc[end + 1 : more]]
    if "et" not in words or words[-1] == "et":
        return end
    return more


def _article_then_name(rules: TerritoryRules, doc: Doc, i: int) -> bool:
    """ "du Gier", "de la Meuse", "de l'Arve": one or two article words, then a name."""
    j = i
    while j < len(doc) and j - i < 2 and light(doc[j].text) in rules.articles:
        j += 1
    return i < j < len(doc) and is_name(doc[j])


def _suffix_candidate(
    rules: TerritoryRules, doc: Doc, start: int, end: int, kind: str
) -> Candidate | None:
    """ "Alès Agglomération", "Toulouse Métropole": capitalised words before the cue."""
    if not is_capitalised(doc[start]):
        return None
    j = start
    while j > 0 and is_name(doc[j - 1]) and start - j < 4:
        if sentence_initial(doc, j) and fold(doc[j - 1].text) not in rules.entries:
            break
        if _capitalised_function_word(rules, doc[j - 1]):
            break  # "Pour Vitré Communauté", "Avec X Métropole": the word opens a sentence
        j -= 1
    if j == start or fold(doc[j].text) in rules.collectivity_heads:
        return None
    if all(light(t.text) in rules.articles for t in doc[j:start]):
        return None  # "L'Agglomération du Choletais": the article of a prefix form
    if kind == "zone" and light(doc[j].text) in rules.articles:
        j += 1  # "La Plastics Vallée": the article of a sentence, not of the cluster's name
    return _cue_form(j, end, kind, rules.lookup(doc, j, end))


def _capitalised_function_word(rules: TerritoryRules, token: Token) -> bool:
    """A preposition or determiner capitalised at a sentence's or a signature line's
    start ("Selon", "Pour", "Avec"): never the first word of a body's name, but the
    articles of "Le Mans Métropole" are."""
    word = light(token.text)
    return word in FR_STOP_WORDS and word not in rules.articles


def _cue_form(start: int, end: int, kind: str, entry: Entry | None) -> Candidate:
    if entry is None:
        return Candidate(start, end, kind, None, None, True, "cue")
    return Candidate(start, end, entry.kind, entry.name, entry.code, True, "cue")


# -- Territoire d'industrie names written another way ----------------------------


def variant_candidates(
    rules: TerritoryRules, variants: TerritoryNameVariants, doc: Doc
) -> list[Candidate]:
    """ "Figeac – Aurillac – Rodez", "Interdépartemental 32/82": a Territoire d'industrie
    whose name is written another way than in the gazetteer (forms the gazetteer knows as
    written are its own candidates)."""
    out = []
    for start, end, entry in variants.match(doc):
        if rules.lookup(doc, start, end) is not None:
            continue
        if not (is_capitalised(doc[start]) or doc[start].text[:1].isdigit()):
            continue
        out.append(Candidate(start, end, entry.kind, entry.name, entry.code, True, "variant"))
    return out


# -- hyphenated chains: "Rousset-Fuveau" ----------------------------------------


def chain_candidates(rules: TerritoryRules, doc: Doc) -> list[Candidate]:
    """Hyphenated chains of place names written as one area: "Rousset-Fuveau"."""
    out = [
        Candidate(t.i, t.i + 1, "zone", None, None, True, "chain")
        for t in doc
        if _glued_chain(rules, t)
    ]
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if not (is_name(tok)):
            i += 1
            continue
        parts = []
        j = i
        while j < n:
            part_end = _chain_part(rules, doc, j)
            if part_end == j:
                break
            parts.append((j, part_end))
            dash = doc[part_end] if part_end < n else None
            glued = dash is not None and not doc[part_end - 1].whitespace_ and not dash.whitespace_
            if dash is not None and dash.text == "-" and glued and part_end + 1 < n:
                j = part_end + 1
                continue
            break
        known = sum(1 for s, e in parts if rules.lookup(doc, s, e) is not None)
        if len(parts) >= 2 and known >= 2:
            end = parts[-1][1]
            if rules.lookup(doc, i, end) is None:
                out.append(Candidate(i, end, "zone", None, None, True, "chain"))
            i = end
        else:
            i += 1
    return out


def _glued_chain(rules: TerritoryRules, token: Token) -> bool:
    """One token such as "Carros-le-Broc": two known places joined by hyphens."""
    if "-" not in token.text or fold(token.text) in rules.entries or not token.text[:1].isupper():
        return False
    if not all(
        piece.replace("'", "").replace("’", "").isalpha() for piece in token.text.split("-")
    ):
        return False
    parts, pending = [], []
    for piece in token.text.split("-"):
        if light(piece) in rules.articles:
            pending.append(piece)
            continue
        parts.append(" ".join([*pending, piece]))
        pending = []
    known = sum(
        1
        for part in parts
        if fold(part) in rules.entries or fold(part.split()[-1]) in rules.entries
    )
    return len(parts) >= 2 and known >= 2


def _chain_part(rules: TerritoryRules, doc: Doc, i: int) -> int:
    tok = doc[i]
    if not (is_name(tok)):
        return i
    end = i + 1
    # "Etang de Berre": a name with an inner "de"/"du"/"d'" and a capitalised word
    if end + 1 < len(doc) and light(doc[end].text) in {"de", "du", "d'", "des"}:
        nxt = doc[end + 1]
        if is_name(nxt) and doc[end].whitespace_:
            end += 2
    return end


# -- press titles: tokens no candidate may cover ----------------------------------


def press_titles(rules: TerritoryRules, doc: Doc) -> set[int]:
    """Tokens of newspaper and broadcaster names ("Ouest-France", "France 3 Normandie")."""
    blocked: set[int] = set()
    keys = [light(t.text) for t in doc]
    for start, end, group in rules.press.match(keys):
        if not is_capitalised(doc[start]) and not _lower_brand(doc, start, end):
            continue
        if group == "press_prefixes":
            if end >= len(doc) or not is_name(doc[end]) or doc[end - 1].whitespace_ == "":
                continue
            end = rules.name_run(doc, end, limit=3)
        elif group == "press_titles_in_context" and not _press_context(rules, doc, start, end):
            continue
        blocked.update(range(start, end))
    return blocked


def _lower_brand(doc: Doc, start: int, end: int) -> bool:
    """ "ici Périgord", the public radio's brand, is written in lower case: at a line's
    start or after "d'" ("la rédaction d'ici Périgord"), before a capitalised name."""
    if end - start != 1 or doc[start].text != "ici" or end >= len(doc):
        return False
    line_start = start == 0 or "\n" in doc[start - 1].text_with_ws
    after_of = start > 0 and light(doc[start - 1].text) in ("d'", "de")
    return (line_start or after_of) and is_capitalised(doc[end])


def _press_context(rules: TerritoryRules, doc: Doc, start: int, end: int) -> bool:
    """ "La Provence" the newspaper: alone on its line, or after "©", "selon", "journal"."""
    alone = (start == 0 or "\n" in doc[start - 1].text_with_ws) and (
        end >= len(doc) or "\n" in doc[end - 1].text_with_ws or "\n" in doc[end].text
    )
    before = {fold(t.text) for t in doc[max(0, start - 3) : start]}
    return alone or bool(before & rules.press_context)


# -- sources that build on accepted names ------------------------------------------


def loc_candidates(
    rules: TerritoryRules, doc: Doc, taken: list[Candidate], accepted: list[Candidate]
) -> list[Candidate]:
    """LOC entities in no gazetteer: a locality or site ("La Mède"), with care.

    The gazetteer holds every French commune, so a LOC it does not know is a
    locality, a foreign city ("à Brno", "à Turin") or a firm the NER misread
    ("à Haguenau, Alsaplast reçoit"). It counts only when the document vouches for
    it as a French site: a zone the text names after it ("le parc d'activités de
    Bellitourne" ... "À Bellitourne") or a list of localities it continues ("à Fos,
    Lavera et Berre")."""
    zones = [fold(doc[c.start : c.end].text) for c in accepted if c.kind == "zone"]
    kinds = {c.end: c.kind for c in accepted}
    out = []
    for ent in doc.ents:
        if ent.label_ != "LOC" or any(c.start < ent.end and ent.start < c.end for c in taken):
            continue
        words = [fold(t.text) for t in ent]
        if (
            len(ent) > 4
            or not is_capitalised(ent[0])
            or any(t.is_upper and len(t) > 1 for t in ent)
        ):
            continue
        key = fold(ent.text)
        if key in rules.foreign or key in rules.known_orgs:
            continue
        if any(w in rules.venue_words for w in words):
            continue
        if not all(t.is_alpha or light(t.text) in rules.connectors for t in ent):
            continue
        if ent.start > 0 and rules.in_org_name(doc, ent.start):
            continue
        names = [t for t in ent if light(t.text) not in rules.connectors]
        if not all(is_capitalised(t) for t in names) or any(rules.is_word(t.text) for t in names):
            continue  # "Territoires d'industrie", "Etat", "Gouvernement"
        after_a = ent.start > 0 and light(doc[ent.start - 1].text) == "à"
        if not (
            (after_a and any(z.endswith((" " + key, "'" + key)) for z in zones))
            or _continues_localities(doc, ent.start, ent.end, kinds)
        ):
            continue
        if country_in_sentence(doc, ent.start, ent.end):
            continue  # "au Maroc, à Tanger": a city abroad
        out.append(Candidate(ent.start, ent.end, "zone", None, None, True, "loc"))
    return out


def _continues_localities(doc: Doc, start: int, end: int, kinds: dict[int, str]) -> bool:
    """ "Fos, Lavera et Berre": an item of a list of communes or sites, closed as a list
    item is; not "Dans l'Eure, Hydrovert, ..." (a département, then a firm) nor "à
    Haguenau, Alsaplast reçoit" (a firm, the subject of a verb)."""
    if start < 2 or doc[start - 1].text not in {",", "et", "ou"}:
        return False
    return kinds.get(start - 1) in ("commune", "zone") and ends_phrase(doc, end)


def article_localities(rules: TerritoryRules, doc: Doc, taken: set[int]) -> list[Candidate]:
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
        if not is_name(name) or name.is_upper or rules.is_word(name.text):
            continue
        if end < len(doc) and is_name(doc[end]):
            continue  # "à La Redoute Interiors": a longer name, maybe a company
        out.append(Candidate(i + 1, end, "zone", None, None, True, "article"))
    return out


def acronym_candidates(doc: Doc, accepted: list[Candidate], occupied: set[int]) -> list[Candidate]:
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
        if not (short.is_alpha and len(short) >= 3 and is_capitalised(short)):
            continue
        if acronym_of(short.text, [t.text for t in doc[s:e]]):
            defined[fold(short.text)] = cand
    if not defined:
        return []
    out = []
    for tok in doc:
        cand = defined.get(fold(tok.text))
        if cand is not None and is_capitalised(tok) and tok.i not in occupied:
            out.append(Candidate(tok.i, tok.i + 1, "epci", cand.name, cand.code, True, "acronym"))
    return out


def acronym_of(acronym: str, words: list[str]) -> bool:
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
