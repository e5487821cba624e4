"""Shared fixtures: the full pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "corpus" / "gold"


@pytest.fixture(scope="session")
def extractor():
    from extractor import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def rules_extractor():
    """The pipeline with the link ranker off: what the rules of fr_links answer alone."""
    from extractor import Extractor, pipeline

    nlp = pipeline.build()
    nlp.get_pipe("fr_links").ranker = None
    return Extractor(nlp=nlp)


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return GOLD_DIR
