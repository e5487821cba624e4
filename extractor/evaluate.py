"""Score records against gold files exactly as ``ANNOTATION.md`` says.

Each list is a set per document. Names match after :func:`~extractor.records.fold`
against the gold name or any alias; amounts match on ``value_eur`` within
0.5 %, jobs on ``count``. A gold item is hit once however many predictions
match it; a prediction that matches no gold item is a false positive.
Precision, recall and F1 are micro-averaged over documents, per list.

Amounts and job counts are facts with owners: the same value written twice is
one fact, but equal values of different organizations or places are two. A
prediction is matched to the gold fact of its value whose linked fields agree
best, and the linked fields (an amount's ``purpose``, ``organization`` and
``territory``; a job count's ``organization`` and ``territory``) are scored as
the share of matched facts whose value agrees with the gold one, as are an
actor's ``role`` and ``organization``.

Two attribute values agree (:func:`attribute_matches`) when, folded as names
are, they are equal, or the words of the shorter appear in order in the longer
and make up at least two thirds of its words (articles and prepositions not
counted); an organization or a territory also agrees when it is the name or an
alias of the document's gold organization or territory that bears the gold
value's name. Null agrees only with null.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import FACT_LISTS, Record, fold

AMOUNT_TOLERANCE = 0.005


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Attribute:
    """Share of matched facts whose predicted attribute agrees with gold."""

    matched: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.matched if self.matched else 1.0


#: the attributes scored on matched facts, per list
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "actors": ("role", "organization"),
    "amounts": ("purpose", "organization", "territory"),
    "jobs": ("organization", "territory"),
}


def _attributes() -> dict[str, dict[str, Attribute]]:
    return {lst: {attr: Attribute() for attr in attrs} for lst, attrs in ATTRIBUTES.items()}


@dataclass
class Report:
    lists: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in FACT_LISTS})
    attributes: dict[str, dict[str, Attribute]] = field(default_factory=_attributes)
    documents: int = 0
    per_document: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    @property
    def role(self) -> Attribute:
        return self.attributes["actors"]["role"]

    @property
    def organization(self) -> Attribute:
        return self.attributes["actors"]["organization"]

    def as_dict(self) -> dict[str, Any]:
        accuracies = {
            f"{lst}_{attr}_accuracy": round(acc.accuracy, 4)
            for lst, attrs in self.attributes.items()
            for attr, acc in attrs.items()
        }
        matched = {
            lst: next(iter(attrs.values())).matched for lst, attrs in self.attributes.items()
        }
        return {
            "documents": self.documents,
            "lists": {name: s.as_dict() for name, s in self.lists.items()},
            **accuracies,
            "matched": matched,
            "per_document": self.per_document,
        }


def _names(item: Mapping[str, Any]) -> set[str]:
    return {fold(n) for n in [item.get("name") or "", *(item.get("aliases") or [])] if n}


def _matcher(list_name: str) -> Callable[[Mapping[str, Any], Mapping[str, Any]], bool]:
    if list_name == "amounts":

        def same_amount(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
            g, p = float(gold["value_eur"]), float(pred["value_eur"])
            return abs(p - g) <= AMOUNT_TOLERANCE * abs(g)

        return same_amount
    if list_name == "jobs":
        return lambda pred, gold: int(pred["count"]) == int(gold["count"])
    return lambda pred, gold: bool(_names(pred) & _names(gold))


def _set_key(list_name: str, item: Mapping[str, Any]) -> Any:
    if list_name == "amounts":
        return (float(item["value_eur"]), *_owner(item))
    if list_name == "jobs":
        return (int(item["count"]), *_owner(item))
    return fold(item.get("name") or "")


def _owner(item: Mapping[str, Any]) -> tuple[str | None, str | None]:
    org, place = item.get("organization"), item.get("territory")
    return (fold(org) if org else None, fold(place) if place else None)


def _distinct(list_name: str, items: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    seen: dict[Any, Mapping[str, Any]] = {}
    for item in items:
        seen.setdefault(_set_key(list_name, item), item)
    return list(seen.values())


#: words not counted when comparing attribute values (articles, prepositions, conjunctions)
FUNCTION_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "de",
        "du",
        "des",
        "d'",
        "a",
        "au",
        "aux",
        "en",
        "pour",
        "sur",
        "et",
        "dans",
        "par",
        "avec",
    ]
)
_WORD = re.compile(r"[^\s']+'?")


def _content_words(value: str) -> list[str]:
    """Folded words without articles and prepositions ("à l'économie" → ["economie"])."""
    return [w for w in _WORD.findall(fold(value)) if w not in FUNCTION_WORDS]


def _in_order(short: Sequence[str], long: Sequence[str]) -> bool:
    rest = iter(long)
    return all(word in rest for word in short)


def words_match(a: str, b: str) -> bool:
    """Equal when folded, or the shorter's words in order make up >= 2/3 of the longer's words.

    >>> words_match("vice-présidente déléguée", "Vice-présidente déléguée à l'économie")
    True
    >>> words_match("déléguée", "vice-présidente déléguée à l'économie")
    False
    >>> words_match("Territoires", "Territoires d'industrie")
    False
    """
    if fold(a) == fold(b):
        return True
    wa, wb = _content_words(a), _content_words(b)
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return bool(short) and _in_order(short, long) and 3 * len(short) >= 2 * len(long)


def attribute_matches(
    pred: str | None, gold: str | None, entities: Iterable[Mapping[str, Any]] = ()
) -> bool:
    """Null matches only null; else :func:`words_match`, or both name one gold entity.

    ``entities``: the document's gold organizations and territories; a prediction
    that is the name or an alias of the one bearing the gold value's name agrees.
    """
    if pred is None or gold is None:
        return pred is None and gold is None
    if words_match(pred, gold):
        return True
    p, g = fold(pred), fold(gold)
    return any(g in names and p in names for names in map(_names, entities))


def _agreement(
    list_name: str, pred: Mapping[str, Any], gold: Mapping[str, Any], entities: list
) -> list[bool]:
    return [
        attribute_matches(pred.get(attr), gold.get(attr), entities)
        for attr in ATTRIBUTES.get(list_name, ())
    ]


def _assign(
    list_name: str, preds: list[Mapping[str, Any]], golds: list[Mapping[str, Any]], entities: list
) -> tuple[dict[int, list[Mapping[str, Any]]], list[Mapping[str, Any]]]:
    """Gold index → the predictions that hit it, and the predictions that hit none.

    Amounts and jobs go to the gold fact of their value whose linked fields
    agree best (first in gold order on a tie); names to every gold item they match.
    """
    match = _matcher(list_name)
    hits: dict[int, list[Mapping[str, Any]]] = {}
    fp = []
    for pred in preds:
        candidates = [i for i, g in enumerate(golds) if match(pred, g)]
        if not candidates:
            fp.append(pred)
            continue
        if list_name in ("amounts", "jobs"):
            best = max(
                candidates, key=lambda i: sum(_agreement(list_name, pred, golds[i], entities))
            )
            candidates = [best]
        for i in candidates:
            hits.setdefault(i, []).append(pred)
    return hits, fp


def score_document(record: Mapping[str, Any], gold: Mapping[str, Any], report: Report) -> None:
    """Add one document's counts to ``report``."""
    doc_scores: dict[str, dict[str, Any]] = {}
    entities = [*(gold.get("organizations") or []), *(gold.get("territories") or [])]
    for list_name in FACT_LISTS:
        preds = _distinct(list_name, record.get(list_name) or [])
        golds = gold.get(list_name) or []
        hits, fp = _assign(list_name, preds, golds, entities)
        score = report.lists[list_name]
        score.tp += len(hits)
        score.fp += len(fp)
        score.fn += len(golds) - len(hits)
        doc_scores[list_name] = {
            "tp": len(hits),
            "false_positives": [_show(list_name, p) for p in fp],
            "missed": [_show(list_name, g) for i, g in enumerate(golds) if i not in hits],
        }
        attrs = ATTRIBUTES.get(list_name, ())
        for i, matched in sorted(hits.items()):
            # of several predictions of one gold fact, the one that agrees best is scored
            pred = max(matched, key=lambda p: sum(_agreement(list_name, p, golds[i], entities)))
            for attr, ok in zip(
                attrs, _agreement(list_name, pred, golds[i], entities), strict=True
            ):
                acc = report.attributes[list_name][attr]
                acc.matched += 1
                acc.correct += ok
                if not ok:
                    doc_scores[list_name].setdefault("wrong_attributes", []).append(
                        f"{_show(list_name, golds[i])}: {attr} {pred.get(attr)!r}"
                        f" != {golds[i].get(attr)!r}"
                    )
    report.documents += 1
    report.per_document[str(gold.get("id") or record.get("source"))] = doc_scores


def _show(list_name: str, item: Mapping[str, Any]) -> str:
    if list_name == "amounts":
        return f"{item.get('text')} = {item['value_eur']}"
    if list_name == "jobs":
        return f"{item.get('text')} = {item['count']}"
    return str(item.get("name"))


def load_gold(gold_dir: str | Path) -> list[dict[str, Any]]:
    """Gold files of a directory, sorted by id (every ``*.json`` with a ``document`` key)."""
    golds = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "document" in data:
            data.setdefault("id", path.stem)
            golds.append(data)
    return golds


def evaluate(
    records: Mapping[str, Record | Mapping[str, Any]], golds: Iterable[Mapping[str, Any]]
) -> Report:
    """Score records keyed by document stem against gold files; a missing record scores empty."""
    report = Report()
    for gold in golds:
        stem = Path(gold["document"]).stem
        rec = records.get(stem)
        data = rec.model_dump(mode="json") if isinstance(rec, Record) else dict(rec or {})
        score_document(data, gold, report)
    return report


def format_report(report: Report) -> str:
    """A plain-text table for the terminal."""
    lines = [f"{'list':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, s in report.lists.items():
        lines.append(
            f"{name:<14}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
        )
    for list_name, attrs in report.attributes.items():
        matched = next(iter(attrs.values())).matched
        shown = ", ".join(f"{attr} {acc.accuracy:.3f}" for attr, acc in attrs.items())
        lines.append(f"{list_name + ' accuracy:':<19}{shown} ({matched} matched)")
    lines.append(f"documents: {report.documents}")
    return "\n".join(lines)
