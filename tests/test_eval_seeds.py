"""Regression floor: F1 >= 0.9 on every list of the five seed articles.

The same numbers come from ``extractor eval corpus/gold``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.document import Document
from extractor.evaluate import evaluate, format_report, load_gold

pytestmark = pytest.mark.slow

FLOOR = 0.9


@pytest.fixture(scope="module")
def report(extractor, gold_dir):
    golds = load_gold(gold_dir)
    paths = [gold_dir / g["document"] for g in golds]
    docs = [Document(source=str(p), text=p.read_text(encoding="utf-8")) for p in paths]
    records = {Path(r.source).stem: r for r in extractor.extract_many(docs)}
    return evaluate(records, golds)


@pytest.mark.parametrize("list_name", ["territories", "amounts", "jobs", "actors", "organizations"])
def test_seed_f1_floor(report, list_name):
    assert report.lists[list_name].f1 >= FLOOR, format_report(report)
