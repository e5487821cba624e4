"""Regression floors: what the pipeline scores on the gold sets it was developed on.

The seeds (``corpus/gold``) and the ``dev``, ``test`` and ``final`` sets have all
been used to write rules, so these figures are fitted, not measurements of
accuracy on unseen press (the README reports those, from blind sets): they only
catch a change that breaks what used to work. The same numbers come from
``extractor eval corpus/<set>``. The blind sets are deliberately not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.document import Document
from extractor.evaluate import evaluate, format_report, load_gold

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LISTS = ("territories", "amounts", "jobs", "actors", "organizations")
#: F1 floor of every list, per set
F1_FLOOR = {"gold": 0.9, "dev": 0.95, "test": 0.95, "final": 0.95}
#: floors of the attributes scored on matched facts, over all four sets together
ATTRIBUTE_FLOOR = {
    ("actors", "role"): 0.95,
    ("actors", "organization"): 0.95,
    ("amounts", "purpose"): 0.9,
    ("amounts", "organization"): 0.8,
    ("amounts", "territory"): 0.8,
    ("jobs", "organization"): 0.9,
    ("jobs", "territory"): 0.85,
}


def _report(extractor, name: str):
    golds = load_gold(CORPUS / name)
    paths = [CORPUS / name / g["document"] for g in golds]
    docs = [Document(source=str(p), text=p.read_text(encoding="utf-8")) for p in paths]
    records = {Path(r.source).stem: r for r in extractor.extract_many(docs)}
    return golds, records


@pytest.fixture(scope="module")
def scored(extractor):
    return {name: _report(extractor, name) for name in F1_FLOOR}


@pytest.mark.parametrize("set_name", list(F1_FLOOR))
@pytest.mark.parametrize("list_name", LISTS)
def test_f1_floor(scored, set_name, list_name):
    golds, records = scored[set_name]
    report = evaluate(records, golds)
    assert report.lists[list_name].f1 >= F1_FLOOR[set_name], format_report(report)


@pytest.mark.parametrize(("list_name", "attribute"), list(ATTRIBUTE_FLOOR))
def test_attribute_floor(scored, list_name, attribute):
    golds = [g for gs, _ in scored.values() for g in gs]
    records = {k: v for _, rs in scored.values() for k, v in rs.items()}
    report = evaluate(records, golds)
    accuracy = report.attributes[list_name][attribute].accuracy
    assert accuracy >= ATTRIBUTE_FLOOR[list_name, attribute], format_report(report)
