"""Training data of the organizations model: inline markup to spaCy ``DocBin``.

The corpus in ``training/organizations/`` is written by the project (never taken
from ``corpus/``): hand-written ``*.md`` files, blocks separated by blank lines,
organizations marked inline as ``[Valeo](ORG)``; and ``frames.txt`` filled with the
name lists of ``names.json`` (a programmatic share, training only).

Normalisation follows ANNOTATION.md: a leading article is no part of a name
("la [Région Bretagne]"), and "Agence ... (ANCT)" is two names, the long one and
the acronym. Every span must fall on token boundaries of the pipeline's own
tokenizer, or conversion fails and says where.

The annotated documents of ``training/links/*/`` (``NAME.txt`` + ``NAME.json`` gold,
see ANNOTATION.md), written for the project and kept apart from every evaluation
set, add whole documents: each gold organization name or alias is located in the
text (see :func:`linked`). With ``build(links_dir=LINKS_DIR)`` (what
``train_orgs.py`` does unless ``--no-links``) they all go to the training split:
the held-out split stays the hand-written blocks, so its figures compare with
earlier models.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.util import compile_suffix_regex

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "training" / "organizations"
LINKS_DIR = ROOT / "training" / "links"
#: the folders of ``LINKS_DIR`` the shipped model trains on. The evening folders
#: (train_g, train_h, train_i, written on 2026-12-03 for the link ranker) were tried:
#: held-out blocks fell from 0.914 to 0.876 and both tuning sets lost about one point
#: of organizations, so the recipe keeps the afternoon's six (their writers marked
#: bodies the way the hand-written corpus does; see training/links/README.md)
LINKS_FOLDERS = ("train_a", "train_b", "train_c", "train_d", "train_e", "train_f")
MARK = re.compile(r"\[(=?)([^\[\]\n]+?)\]\((ORG)\)")
ARTICLE = re.compile(r"^(?:la |le |les? (?=[a-zé])|l'|l’)", re.IGNORECASE)
ACRONYM_TAIL = re.compile(r"^(?P<long>.+?) \((?P<acr>[^()\s]{2,12})\)$")
SLOT = re.compile(r"\{([A-Z]+)(2|3)?\}")
DEV_SHARE = 5  # one hand-written block in five is held out
FEMININE = {
    "Chambre",
    "Agence",
    "Direction",
    "Fédération",
    "Union",
    "Association",
    "Caisse",
    "Autorité",
}


@dataclass
class Example:
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    origin: str = ""
    # stretches that are neither an organization nor surely not one: no loss on them
    missing: list[tuple[int, int]] = field(default_factory=list)


class AlignmentError(ValueError):
    """A marked span does not fall on token boundaries."""


def parse_markup(marked: str, origin: str = "", normalise: bool = True) -> Example:
    """Plain text and character spans of ``[name](ORG)`` marks, names normalised.

    ``[=Le Slip Français](ORG)``: the name keeps its article (the ``=`` is dropped)."""
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        name, label = m.group(2), m.group(3)
        start = length
        out.append(name)
        length += len(name)
        if normalise and not m.group(1):
            spans.extend(_normalise(name, start, label))
        else:
            spans.append((start, start + len(name), label))
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "](" in text:
        raise AlignmentError(f"{origin}: unparsed mark in {text!r}")
    return Example(text, spans, origin)


def _normalise(name: str, start: int, label: str) -> list[tuple[int, int, str]]:
    art = ARTICLE.match(name)
    if art and len(name) > art.end():
        start += art.end()
        name = name[art.end() :]
    m = ACRONYM_TAIL.match(name)
    if m:
        acr_start = start + m.start("acr")
        return [
            (start, start + len(m.group("long")), label),
            (acr_start, acr_start + len(m.group("acr")), label),
        ]
    return [(start, start + len(name), label)]


def read_blocks(path: Path) -> list[str]:
    """Blocks of a hand-written file: blank-line separated, ``%%`` lines are comments."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("%%")]
    blocks, cur = [], []
    for ln in lines:
        if ln.strip():
            cur.append(ln.rstrip())
        elif cur:
            blocks.append("\n".join(cur))
            cur = []
    if cur:
        blocks.append("\n".join(cur))
    return blocks


def is_dev(text: str) -> bool:
    """Stable held-out split: by a hash of the block, not by its position."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % DEV_SHARE == 0


def hand_written(data_dir: Path = DATA_DIR) -> list[Example]:
    out = []
    for path in sorted(data_dir.glob("*.md")):
        for i, block in enumerate(read_blocks(path)):
            out.append(parse_markup(block, f"{path.name}#{i + 1}"))
    return out


def _article(name: str) -> str:
    """A lower-case kind word needs its article: "la [communauté de communes X](ORG)"."""
    head = name.split()[0]
    if head[0].isupper():
        return f"[{name}](ORG)"
    art = "le" if head in {"conseil", "syndicat", "pays"} else "la"
    return f"{art} [{name}](ORG)"


def _fill(frame: str, names: dict, rng: random.Random) -> str:
    used: dict[str, set[str]] = {}

    def pick(kind: str) -> str:
        pool = names[kind]
        for _ in range(20):
            v = rng.choice(pool)
            key = json.dumps(v, ensure_ascii=False)
            if key not in used.setdefault(kind, set()):
                used[kind].add(key)
                return v
        return rng.choice(pool)

    def sub(m: re.Match) -> str:
        kind = m.group(1)
        if kind == "X":
            nat, name = pick("FOREIGN")
            return f"{nat} [{name}](ORG)"
        if kind in {"F", "S", "A"}:
            v = pick({"F": "F", "S": "STARTUP", "A": "A"}[kind])
            return f"[{v}](ORG)"
        if kind == "B":
            v = pick("B")
            head = v.split()[0]
            if head in FEMININE:
                return f"la [{v}](ORG)"
            return f"l'[{v}](ORG)" if head[0] in "AEIOUÉ" else f"le [{v}](ORG)"
        if kind == "C":
            return _article(pick("C"))
        return pick(kind)

    text = SLOT.sub(sub, frame)
    text = re.sub(r"\bde \[([AEIOUYÉÈÊÂÎaeiouyéè])", r"d'[\1", text)
    text = re.sub(r"\bde ([AEIOUYÉÈaeiouéè])", r"d'\1", text)
    text = re.sub(r"\b([Ll])[ae] (?=\[?[AEIOUYÉ])", r"\1'", text)
    text = re.sub(r"\bde le ", "du ", text)
    text = re.sub(r"\bà le ", "au ", text)
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


def generated(data_dir: Path = DATA_DIR, per_frame: int = 12, seed: int = 7) -> list[Example]:
    names = json.loads((data_dir / "names.json").read_text(encoding="utf-8"))
    frames = [
        ln
        for ln in (data_dir / "frames.txt").read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    rng = random.Random(seed)
    out = []
    for i, frame in enumerate(frames):
        for _ in range(per_frame):
            marked = _fill(frame, names, rng)
            out.append(parse_markup(marked, f"frames.txt#{i + 1}", normalise=False))
    return out


def tokenizer_nlp() -> Language:
    """A blank French pipeline with the extractor's own tokenizer settings."""
    from extractor.pipeline import load_config

    nlp = spacy.blank("fr")
    extra = list(load_config().get("tokenizer", {}).get("extra_suffixes", []))
    if extra:
        nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, *extra]).search
    return nlp


def to_docbin(nlp: Language, examples: list[Example]) -> DocBin:
    """Docs with ``ents`` set from the spans; raises :class:`AlignmentError` on any misfit."""
    db = DocBin(store_user_data=False)
    errors = []
    for ex in examples:
        doc = nlp.make_doc(ex.text)
        ents = []
        for s, e, label in ex.spans:
            span = doc.char_span(s, e, label=label, alignment_mode="strict")
            if span is None:
                errors.append(f"{ex.origin}: {ex.text[s:e]!r} is not on token boundaries")
            else:
                ents.append(span)
        missing = [doc.char_span(s, e, alignment_mode="expand") for s, e in ex.missing]
        try:
            doc.set_ents(ents, missing=[m for m in missing if m is not None])
        except ValueError as err:
            errors.append(f"{ex.origin}: {err}")
        db.add(doc)
    if errors:
        raise AlignmentError("\n".join(errors))
    return db


def build(
    out_dir: Path, data_dir: Path = DATA_DIR, links_dir: Path | None = None
) -> dict[str, int]:
    """Write ``train.spacy`` and ``dev.spacy``; counts of examples and spans.

    ``links_dir`` (``LINKS_DIR``): the annotated documents go to the training split
    too, as for the shipped model since 2026-12-03 (131 documents: see
    training/README.md); ``None`` gives the hand-written corpus alone."""
    nlp = tokenizer_nlp()
    hand = hand_written(data_dir)
    dev = [ex for ex in hand if is_dev(ex.text)]
    links = [on_tokens(nlp, ex) for ex in linked(links_dir)] if links_dir else []
    train = [ex for ex in hand if not is_dev(ex.text)] + generated(data_dir) + links
    out_dir.mkdir(parents=True, exist_ok=True)
    to_docbin(nlp, train).to_disk(out_dir / "train.spacy")
    to_docbin(nlp, dev).to_disk(out_dir / "dev.spacy")
    return {
        "hand_written": len(hand),
        "linked_docs": len(links),
        "train": len(train),
        "dev": len(dev),
        "train_spans": sum(len(ex.spans) for ex in train),
        "dev_spans": sum(len(ex.spans) for ex in dev),
    }


# -- annotated documents of training/links/: gold names located in the text -------------
# words that make a name the body's own name ("Région Bretagne", "Flers Agglo"), not the
# place's: a name the gold lists both as an organization and as a territory is labelled
# only when it holds one of them (see _kind_of)
BODY_WORDS = frozenset(
    {
        "region",
        "departement",
        "communaute",
        "metropole",
        "agglo",
        "agglomeration",
        "agglopole",
        "intercom",
        "collectivite",
        "petr",
        "syndicat",
        "commune",
        "conseil",
        "assemblee",
    }
)
# a generic reference the gold keeps as an alias ("la Région", "l'Agglomération",
# "Conseil régional"): the hand-written corpus leaves these unmarked
GENERIC_WORDS = BODY_WORDS | {"regional", "departemental", "communautaire", "municipal"}
# a locative before a body's name makes it the place ("installée dans Flers Agglo")
LOCATIVE_BEFORE = re.compile(
    r"(?:^|[\s(])(?:[àÀ]|au|aux|en|En|dans|Dans|sur|Sur|vers)\s+(?:la\s+|le\s+|les\s+|l['’])?$"
)
SPACE_CHARS = " \u00a0\u202f\n"


def _fold(text: str) -> str:
    """Lower case, no accents, one apostrophe and one space: names compared as scored."""
    import unicodedata

    text = unicodedata.normalize("NFD", text.replace("’", "'").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-'\u00a0\u202f]", " ", text).split())


def name_pattern(name: str) -> re.Pattern[str]:
    """A gold name as written, at word boundaries: any run of spaces (a wrapped line
    too) between words, either apostrophe, a capital opening a sentence, and a body
    word in lower case ("la communauté de communes ..."; not "la verrerie Boisvert",
    whose trade noun is no part of the name); never inside a web or mail address."""
    out = []
    for i, word in enumerate(name.split()):
        esc = "".join("['’]" if c in "'’" else re.escape(c) for c in word)
        if i == 0 and word[0].isalpha() and (word[0].islower() or _fold(word) in BODY_WORDS):
            esc = f"[{word[0].upper()}{word[0].lower()}]" + esc[len(re.escape(word[0])) :]
        out.append(esc)
    return re.compile(r"(?<![\w@#/])(?<!\w\.)" + r"[\s\u00a0\u202f]+".join(out) + r"(?!\w)(?!\.\w)")


def _kind_of(name: str, places: set[str]) -> str:
    """``org``: label it; ``generic``: a bare kind word; ``shared``: a body's name
    that is also a gold territory; ``ambiguous``: a place name that is also a party."""
    words = _fold(name).split()
    if set(words) <= GENERIC_WORDS:
        return "generic"
    if _fold(name) not in places:
        return "org"
    return "shared" if BODY_WORDS & set(words) else "ambiguous"


def _is_description(name: str, names: list[str]) -> bool:
    """A trade noun before another name of the same body ("biscuiterie Delerue" for
    "Delerue"): the hand-written corpus marks the name only, so this one is left out
    and the name inside it is labelled."""
    head, _, rest = name.partition(" ")
    return (
        head[:1].islower()
        and _fold(head) not in BODY_WORDS
        and _fold(rest) in {_fold(n) for n in names}
    )


def _candidates(gold: dict) -> list[tuple[str, str]]:
    """(name, kind) of every gold organization name and alias and, as ``place``, of
    every territory name that is no organization's: longest first, then by name."""
    places = {
        _fold(n) for t in gold.get("territories", []) for n in [t["name"], *t.get("aliases", [])]
    }
    out: dict[str, str] = {}
    for org in gold.get("organizations", []):
        names = [org["name"], *org.get("aliases", [])]
        for i, name in enumerate(names):
            art = ARTICLE.match(name)
            if i and art and len(name) > art.end():  # an alias's article is no part of it
                name = name[art.end() :]
            if not _is_description(name, names):
                out.setdefault(name.strip(), _kind_of(name, places))
    orgs = {_fold(n) for n in out}
    for t in gold.get("territories", []):
        for name in [t["name"], *t.get("aliases", [])]:
            if _fold(name) not in orgs:
                out.setdefault(name.strip(), "place")
    return sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0]))


def locate(text: str, gold: dict, origin: str = "") -> Example:
    """Organization spans of one annotated document.

    Every occurrence of each gold organization name or alias, longest name first and
    no overlap, so a short name inside a longer organization or territory name
    ("Safran" in "Safran Aircraft Engines") is no hit of its own. Occurrences that
    could mislabel are left out of the loss (``missing``): a place name that is also
    a party ("Langres" the commune), a body's name after a locative ("dans Flers
    Agglo"), a generic kind word ("la Région"), a name wrapped over two lines.
    Territory names claim their stretch and label nothing."""
    taken: list[tuple[int, int]] = []
    ex = Example(text, [], origin)
    for name, kind in _candidates(gold):
        for m in name_pattern(name).finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            if kind == "place":
                continue
            label = kind == "org" or (
                kind == "shared" and not LOCATIVE_BEFORE.search(text[max(0, s - 12) : s])
            )
            if label and "\n" not in m.group():
                ex.spans.append((s, e, "ORG"))
            else:
                ex.missing.append((s, e))
    ex.spans.sort()
    ex.missing.sort()
    return ex


def on_tokens(nlp: Language, ex: Example) -> Example:
    """``ex`` with every name that falls inside a token ("Philips" in "ex-Philips")
    moved out of the loss: a located name, unlike a hand-marked one, is no mistake to
    report, and the tokenizer cannot label part of a token."""
    doc = nlp.make_doc(ex.text)
    spans, missing = [], list(ex.missing)
    for s, e, label in ex.spans:
        if doc.char_span(s, e, alignment_mode="strict") is None:
            missing.append((s, e))
        else:
            spans.append((s, e, label))
    return Example(ex.text, spans, ex.origin, sorted(missing))


def linked(links_dir: Path = LINKS_DIR) -> list[Example]:
    """Every ``NAME.json`` gold file of the :data:`LINKS_FOLDERS` of ``links_dir`` with its
    ``NAME.txt``, sorted by path."""
    out = []
    paths = (p for folder in LINKS_FOLDERS for p in (links_dir / folder).glob("*.json"))
    for path in sorted(paths):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_name(gold.get("document") or f"{path.stem}.txt").read_text(
            encoding="utf-8"
        )
        out.append(locate(text, gold, f"{path.parent.name}/{path.stem}"))
    return out
