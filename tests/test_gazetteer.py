"""The generated gazetteer: complete, consistent with the runtime tokenizer, compact."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
import spacy

from extractor import resources
from extractor.components.folding import fold


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return list(resources.iter_jsonl("territories.jsonl.gz"))


def test_every_kind_is_covered(rows):
    counts = Counter(r["k"] for r in rows)
    assert counts["region"] >= 18
    assert counts["departement"] >= 101
    assert counts["commune"] > 34_000
    assert counts["epci"] > 1_200
    assert counts["territoire_industrie"] > 300


@pytest.mark.parametrize(
    ("form", "kind", "code"),
    [
        ("Bouches-du-Rhône", "departement", "13"),
        ("Occitanie", "region", "76"),
        ("Alès Agglo", "epci", "200066918"),
        ("Fos", "commune", "13039"),
        ("Bassin d'Alès", "territoire_industrie", "7602"),
        ("CAPI", "epci", "243800604"),
        ("CA ECLA", "epci", None),
        ("Agglomération du Beauvaisis", "epci", "200067999"),
    ],
    ids=[
        "departement",
        "region",
        "epci-press-form",
        "commune-short-form",
        "ti-wave-1",
        "epci-acronym-in-parenthesis",
        "epci-acronym-first",
        "epci-agglomeration-form",
    ],
)
def test_known_forms(rows, form, kind, code):
    if code is None:  # a form that must not exist
        assert not any(r["f"] == form for r in rows)
        return
    assert any(r["f"] == form and r["k"] == kind and r["c"] == code for r in rows)


def test_parentheses_are_split(rows):
    """ "CA Porte de l'Isère (CAPI)" gives the name and the acronym, never the raw string."""
    assert not [r["f"] for r in rows if r["k"] == "epci" and "(" in r["f"]]
    short = {r["f"]: r.get("a") for r in rows if r["k"] == "epci" and r["f"].isupper()}
    assert short.get("CIREST") is None and short.get("TCO") == 1  # three letters need context


def test_stored_tokens_match_runtime_tokenizer(rows):
    """The build script tokenized the forms; the runtime tokenizer must agree."""
    tokenizer = spacy.blank("fr").tokenizer
    sample = list(itertools.islice(rows, 0, None, 97))
    for row in sample:
        tokens = " ".join(fold(t.text) for t in tokenizer(row["f"]) if not t.is_space)
        assert tokens in row["t"], row


def test_common_words_are_flagged(rows):
    flagged = {r["f"] for r in rows if r.get("a")}
    assert {"Tours", "Vue", "Orange"} <= flagged
    assert not {"Marseille", "Carros", "Nîmes"} & flagged


def test_files_stay_small():
    for name in ("territories.jsonl.gz", "territory_words.jsonl.gz"):
        assert len(resources.model_file(name).read_bytes()) < 3_000_000
