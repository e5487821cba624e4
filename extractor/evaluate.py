"""Score records against gold files exactly as ``ANNOTATION.md`` says.

Each list is a set per document. Names match after :func:`~extractor.records.fold`
against the gold name or any alias; amounts match on ``value_eur`` within
0.5 %, jobs on ``count``. A gold item is hit once however many predictions
match it; a prediction that matches no gold item is a false positive.
Precision, recall and F1 are micro-averaged over documents, per list. For
actors, role and organization are the share of matched actors whose value
matches the gold one (one folded value contains the other; null only null).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
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
    """Share of matched actors whose predicted attribute agrees with gold."""

    matched: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.matched if self.matched else 1.0


@dataclass
class Report:
    lists: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in FACT_LISTS})
    role: Attribute = field(default_factory=Attribute)
    organization: Attribute = field(default_factory=Attribute)
    documents: int = 0
    per_document: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "lists": {name: s.as_dict() for name, s in self.lists.items()},
            "actors_role_accuracy": round(self.role.accuracy, 4),
            "actors_organization_accuracy": round(self.organization.accuracy, 4),
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
        return float(item["value_eur"])
    if list_name == "jobs":
        return int(item["count"])
    return fold(item.get("name") or "")


def _distinct(list_name: str, items: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    seen: dict[Any, Mapping[str, Any]] = {}
    for item in items:
        seen.setdefault(_set_key(list_name, item), item)
    return list(seen.values())


def attribute_matches(pred: str | None, gold: str | None) -> bool:
    """Null matches only null; otherwise one folded value contains the other."""
    if pred is None or gold is None:
        return pred is None and gold is None
    p, g = fold(pred), fold(gold)
    return p in g or g in p


def score_document(record: Mapping[str, Any], gold: Mapping[str, Any], report: Report) -> None:
    """Add one document's counts to ``report``."""
    doc_scores: dict[str, dict[str, Any]] = {}
    for list_name in FACT_LISTS:
        match = _matcher(list_name)
        preds = _distinct(list_name, record.get(list_name) or [])
        golds = gold.get(list_name) or []
        hit_by: dict[int, Mapping[str, Any]] = {}
        fp = []
        for pred in preds:
            hits = [i for i, g in enumerate(golds) if match(pred, g)]
            if not hits:
                fp.append(pred)
            for i in hits:
                hit_by.setdefault(i, pred)
        score = report.lists[list_name]
        score.tp += len(hit_by)
        score.fp += len(fp)
        score.fn += len(golds) - len(hit_by)
        doc_scores[list_name] = {
            "tp": len(hit_by),
            "false_positives": [_show(list_name, p) for p in fp],
            "missed": [_show(list_name, g) for i, g in enumerate(golds) if i not in hit_by],
        }
        if list_name == "actors":
            for i, pred in hit_by.items():
                for attr, acc in (("role", report.role), ("organization", report.organization)):
                    acc.matched += 1
                    ok = attribute_matches(pred.get(attr), golds[i].get(attr))
                    acc.correct += ok
                    if not ok:
                        doc_scores[list_name].setdefault("wrong_attributes", []).append(
                            f"{golds[i]['name']}: {attr} {pred.get(attr)!r} != {golds[i].get(attr)!r}"
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
    lines.append(
        f"actors role accuracy:         {report.role.accuracy:.3f} ({report.role.matched} matched)"
    )
    lines.append(f"actors organization accuracy: {report.organization.accuracy:.3f}")
    lines.append(f"documents: {report.documents}")
    return "\n".join(lines)
