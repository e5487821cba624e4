"""Training data of the organizations model: inline markup to spaCy ``DocBin``.

The corpus in ``training/organizations/`` is written by the project (never taken
from ``corpus/``): hand-written ``*.md`` files, blocks separated by blank lines,
organizations marked inline as ``[Valeo](ORG)``; and ``frames.txt`` filled with the
name lists of ``names.json`` (a programmatic share, training only).

Normalisation follows ANNOTATION.md: a leading article is no part of a name
("la [Région Bretagne]"), and "Agence ... (ANCT)" is two names, the long one and
the acronym. Every span must fall on token boundaries of the pipeline's own
tokenizer, or conversion fails and says where.
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
        try:
            doc.ents = ents
        except ValueError as err:
            errors.append(f"{ex.origin}: {err}")
        db.add(doc)
    if errors:
        raise AlignmentError("\n".join(errors))
    return db


def build(out_dir: Path, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Write ``train.spacy`` and ``dev.spacy``; counts of examples and spans."""
    nlp = tokenizer_nlp()
    hand = hand_written(data_dir)
    dev = [ex for ex in hand if is_dev(ex.text)]
    train = [ex for ex in hand if not is_dev(ex.text)] + generated(data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    to_docbin(nlp, train).to_disk(out_dir / "train.spacy")
    to_docbin(nlp, dev).to_disk(out_dir / "dev.spacy")
    return {
        "hand_written": len(hand),
        "train": len(train),
        "dev": len(dev),
        "train_spans": sum(len(ex.spans) for ex in train),
        "dev_spans": sum(len(ex.spans) for ex in dev),
    }
