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


# -- Territoire d'industrie names written another way (ti_names) ---------------------


@pytest.mark.parametrize(
    ("token", "words"),
    [
        ("Aurillac-Figeac", ["aurillac", "figeac"]),
        ("39/01", ["39", "01"]),
        ("Vallée-de-l'Arve", ["vallee", "de", "l'", "arve"]),
        ("GersTarn-et-Garonne", ["gers", "tarn", "et", "garonne"]),
        ("d’", ["d'"]),
        ("–", []),
    ],
    ids=["hyphen", "slash", "elision", "camel-glue", "apostrophe", "dash-only"],
)
def test_pieces_of_a_token(token, words):
    from extractor.components.territories.ti_names import pieces

    assert pieces(token) == tuple(words)


def test_split_parts_of_reference_names():
    from extractor.components.territories.ti_names import split_parts

    places = {"beziers", "sete", "castres"}
    assert split_parts("Aurillac – Figeac – Rodez", places) == ["Aurillac", "Figeac", "Rodez"]
    assert split_parts("Béziers-Sète", places) == ["Béziers", "Sète"]
    # a name that is not a list of places keeps its words together
    assert split_parts("Vallée de l'Arve", places) == ["Vallée de l'Arve"]
    assert split_parts("Tarn-et-Garonne", places) == ["Tarn-et-Garonne"]


def test_variants_cover_every_reference_form_and_its_departement_numbers():
    from extractor.components.territories.ti_names import load_variants, pieces

    variants = load_variants("territories.jsonl.gz", "territory_aliases.json")
    from extractor.components.territories.gazetteer import load_gazetteer

    gaz = load_gazetteer("territories.jsonl.gz", "territory_aliases.json")
    tokenizer = spacy.blank("fr").tokenizer
    missing = []
    for form, _entry in gaz.industry_forms:
        key = tuple(w for t in tokenizer(form) if not t.is_space for w in pieces(t.text))
        if len(key) >= 2 and variants.keys.get(key) is None:
            missing.append(form)
    assert not missing
    key = ("interdepartemental", "32", "82")
    assert variants.keys[key].name.startswith("Interdépartemental Gers")
    # orders of the parts
    assert variants.keys[("rodez", "figeac", "aurillac")].kind == "territoire_industrie"
    # a key of département numbers only would match page numbers: none is made
    assert not [k for k in variants.keys if all(w.isdigit() for w in k)]
