"""The folding keys: the fast ``unaccent_lower`` gives exactly what the per-character
generator it replaced gave, on every code point and on mixed texts."""

from __future__ import annotations

import random
import sys
import unicodedata

from extractor.components.folding import fold, unaccent_lower
from extractor.records.build import fold as record_fold


def _reference_unaccent_lower(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def _reference_fold(text: str) -> str:
    s = _reference_unaccent_lower(text)
    s = s.replace("’", "'").replace("‘", "'").replace("œ", "oe").replace("æ", "ae")
    for dash in ("-", "–", "—", "‑", "‐", "−"):
        s = s.replace(dash, "-")
    return " ".join(s.split())


def _reference_record_fold(text: str) -> str:
    s = _reference_unaccent_lower(text)
    s = s.replace("’", "'").replace("‘", "'").replace("`", "'").replace("ʼ", "'")
    for dash in ("–", "—", "‑", "‐", "−"):
        s = s.replace(dash, "-")
    return " ".join(s.split())


def test_unaccent_lower_matches_the_generator_on_every_code_point() -> None:
    chars = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
    for i in range(0, len(chars), 4096):
        chunk = "".join(chars[i : i + 4096])
        assert unaccent_lower(chunk) == _reference_unaccent_lower(chunk)
    assert [unaccent_lower(c) for c in "İÅﬁ²Œ"] == [_reference_unaccent_lower(c) for c in "İÅﬁ²Œ"]


def test_folds_match_their_reference_on_mixed_texts() -> None:
    alphabet = "aeiouAEÉÈÊçÇœŒæÆ’‘`ʼ'-–—‑‐− \t\nİﬁ²½ÅÑñ·éèàùâêîôû0123456789,.;:«»"
    rng = random.Random(7)
    texts = ["", " ", "Saint-Étienne Métropole", "l’Œuvre  d'Orient", "ASCII only - text `x`"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(5000)]
    for text in texts:
        assert fold(text) == _reference_fold(text), text
        assert record_fold(text) == _reference_record_fold(text), text


def test_folded_words_is_the_per_token_fold() -> None:
    import spacy

    from extractor.components.doctext import folded_words

    nlp = spacy.blank("fr")
    for text in ["", "Saint-Étienne  Métropole\n\n", "L’Œuvre d'Orient , « ÉTÉ » -- — 2 000 €"]:
        doc = nlp(text)
        assert folded_words(doc) == [fold(t.text) or t.text for t in doc]
