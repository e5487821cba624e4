"""extractor.numbers: French numbers, qualifiers and euro amounts as plain strings."""

from __future__ import annotations

import pytest

from extractor import numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12.0),
        ("10 000", 10_000.0),
        ("10\u00a0000", 10_000.0),
        ("10\u202f000", 10_000.0),
        ("10\u2009000", 10_000.0),
        ("10.000", 10_000.0),
        ("1.250.000", 1_250_000.0),
        ("2,75", 2.75),
        ("1.5", 1.5),
        ("3 500,25", 3500.25),
        ("onze", None),
        ("", None),
    ],
    ids=lambda v: repr(v),
)
def test_parse_decimal(text: str, expected: float | None) -> None:
    assert numbers.parse_decimal(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deux", 2.0),
        ("dix-sept", 17.0),
        ("soixante et onze", 71.0),
        ("quatre-vingt-deux", 82.0),
        ("deux cents", 200.0),
        ("mille cinq cents", 1500.0),
        ("trois cent mille", 300_000.0),
        ("quatre millions deux cent mille", 4_200_000.0),
        ("cinq milliards", 5e9),
        ("MILLE", 1000.0),
        ("sept et huit", None),
        ("plusieurs", None),
    ],
    ids=lambda v: repr(v),
)
def test_parse_words(text: str, expected: float | None) -> None:
    assert numbers.parse_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zéro", 0.0),
        ("trois virgule cinq", 3.5),
        ("deux virgule vingt-cinq", 2.25),
        ("un virgule zéro cinq", 1.05),
        ("trois virgule cinq millions", 3_500_000.0),
        ("zéro virgule huit milliard", 800_000_000.0),
        ("virgule cinq", None),
        ("trois virgule", None),
    ],
    ids=lambda v: repr(v),
)
def test_parse_words_zero_and_virgule(text: str, expected: float | None) -> None:
    got = numbers.parse_words(text)
    assert got == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 millions", 2_000_000.0),
        ("10 mille", 10_000.0),
        ("1,2 milliard", 1_200_000_000.0),
        ("2.5 milliards", 2_500_000_000.0),
        ("1 500 millions", 1_500_000_000.0),
        ("3 mille millions", 3_000_000_000.0),
        ("deux millions", 2_000_000.0),
        ("trois virgule cinq millions", 3_500_000.0),
        ("12 500", 12_500.0),
        ("zéro", 0.0),
        ("beaucoup", None),
        ("2 douzaines", None),
    ],
    ids=lambda v: repr(v),
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert numbers.parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("une dizaine", 10, "environ"),
        ("une quinzaine", 15, "environ"),
        ("deux centaines", 200, "environ"),
        ("un millier", 1000, "environ"),
        ("plusieurs milliers", None, None),
        ("quelques dizaines", None, None),
        ("plus d'une centaine", 100, "plus de"),
        ("près de 800", 800, "près de"),
        ("au moins 40", 40, "au moins"),
        ("pas moins de 40", 40, "au moins"),
        ("jusqu’à 60", 60, "jusqu'à"),
        ("quelque 70", 70, "environ"),
        ("autour de 90", 90, "environ"),
        ("un peu moins de 30", 30, "moins de"),
        ("~ 25", 25, "environ"),
        ("1 350", 1350, None),
        ("un demi-millier", 500, "environ"),
        ("une demi-douzaine", 6, "environ"),
        ("2 millions", 2_000_000, None),
        ("plus que 300", 300, "plus de"),
        ("moins que 20", 20, "moins de"),
        ("environ 1,5 milliard", 1_500_000_000, "environ"),
    ],
    ids=lambda v: repr(v),
)
def test_parse_quantity(text: str, value: float | None, qualifier: str | None) -> None:
    q = numbers.parse_quantity(text)
    if value is None:
        assert q is None
    else:
        assert q is not None
        assert (q.value, q.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    ("text", "value", "value_max", "qualifier"),
    [
        ("3,2 millions d'euros", 3_200_000, None, None),
        ("45 Mds€", 45e9, None, None),
        ("800 k€", 800_000, None, None),
        ("12 MEUR", 12e6, None, None),
        ("deux milliards et demi d’euros", 2.5e9, None, None),
        ("au moins 6 M€", 6e6, None, "au moins"),
        ("de 4 à 6 millions d’euros", 4e6, 6e6, "entre"),
        ("entre 300 000 € et 1,2 M€", 300_000, 1.2e6, "entre"),
        ("4 à 6 M€", 4e6, 6e6, "entre"),
        ("une vingtaine de millions d'euros", 20e6, None, "environ"),
    ],
    ids=lambda v: repr(v),
)
def test_parse_amount(
    text: str, value: float, value_max: float | None, qualifier: str | None
) -> None:
    assert numbers.parse_amount(text) == numbers.Quantity(value, value_max, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "4 millions de dollars",
        "6 M$",
        "un euro",
        "12 millions",
        "de 6 à 4 M€",
        "entre 2 à",
        "4,5 %",
        "des millions d'euros",
    ],
    ids=repr,
)
def test_parse_amount_rejects(text: str) -> None:
    assert numbers.parse_amount(text) is None


def test_find_amounts_offsets_point_at_the_text() -> None:
    text = "Sur 40 communes, l'État verse 2,5 M€ puis environ 700 000 euros en 2024."
    found = numbers.find_amounts(text)
    assert [text[h.start : h.end] for h in found] == ["2,5 M€", "environ 700 000 euros"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le coût du projet : 3 millions.", True),
        ("Le chantier a été financé par la Région. Il a coûté 3 millions.", True),
        ("La métropole investit 3 millions.", True),
        ("La ville compte 3 millions.", False),
        ("Un rachat à 3 millions, soit 3,3 millions de dollars.", False),
        ("Le contrat vaut 90 millions de dollars. Il rapporte 3 millions.", False),
    ],
    ids=repr,
)
def test_money_context(text: str, expected: bool) -> None:
    start = text.rindex("3 millions")
    assert numbers.money_context(text, start, start + len("3 millions")) is expected


def test_change_gives_both_ends_with_their_offsets() -> None:
    text = "Le chiffre d'affaires devrait passer de 30 à 45 M€ d'ici 2027."
    found = numbers.find_amounts(text)
    assert [(text[h.start : h.end], h.quantity.value, h.part) for h in found] == [
        ("30", 30e6, "from"),
        ("45 M€", 45e6, "to"),
    ]


# -- anchored search: the same matches as a scan of the whole text --------------------
_FAR = " " * (numbers.FIGURE_REACH + 10)
ANCHOR_CASES = [
    "Entre deux cent quatre-vingt-dix-neuf et trois cent vingt-cinq millions d'euros.",
    "Un peu moins de 3,8 millions d'euros, dont 480 000 € de la Région.",
    "EUR 2,5 millions" + _FAR + "puis € 300 000 et une subvention de 150 000 HT.",
    "La dotation s'élève à 1,2 million" + _FAR + "de plus : 12 millions d'investissement.",
    "de 9 millions à 27 millions d'euros, soit 4 millions deuros" + _FAR + "fin",
    "Le marché pèse 3 milliards de dollars" + _FAR + "et 40 millions€.",
    "prix de 40 € HT" + "x" * 500 + " 50 000 TTC",
]


def _corpus_texts() -> list[str]:
    root = numbers.resources.model_file("amounts.json").parent.parent
    paths = sorted((root / "corpus").glob("*/*.txt"))[::3]
    return [p.read_text(encoding="utf-8") for p in paths]


@pytest.mark.parametrize(
    ("anchored", "plain"),
    [
        (numbers.anchored_amount_patterns, numbers.amount_patterns),
        (numbers.anchored_bare_patterns, numbers.bare_amount_patterns),
    ],
)
def test_anchored_patterns_find_what_a_whole_text_scan_finds(anchored, plain) -> None:
    texts = ANCHOR_CASES + _corpus_texts()
    assert len(texts) > 40
    g = numbers.grammar()
    found = 0
    for text in texts:
        whole = [(h.start, h.end, h.quantity) for h in numbers.find_matches(text, plain(), g)]
        near = [(h.start, h.end, h.quantity) for h in numbers.find_matches(text, anchored(), g)]
        assert near == whole, text[:80]
        found += len(whole)
    assert found > 20


def test_stretches_merge_and_stay_in_the_text() -> None:
    anchor = numbers.re.compile("€")
    text = "a" * 500 + "€" + "b" * 10 + "€" + "c" * 500
    assert numbers.stretches(text, anchor, 100, 20) == [(400, 532)]
    assert numbers.stretches("€", anchor, 100, 20) == [(0, 1)]
    assert numbers.stretches("rien", anchor, 100, 20) == []


def test_job_counts_anchored_on_their_noun_find_what_a_whole_text_scan_finds() -> None:
    from extractor.components.numbers.jobs import JobsComponent

    anchored = JobsComponent().patterns
    plain = tuple(p.pattern for p in anchored)
    g = numbers.grammar()
    texts = [
        "Entre deux cent quatre-vingt-dix et trois cent vingt nouveaux emplois directs.",
        "L'usine compte 450 salariés" + _FAR + "et recrutera une cinquantaine de personnes.",
        *_corpus_texts(),
    ]
    found = 0
    for text in texts:
        whole = [(h.start, h.end, h.quantity) for h in numbers.find_matches(text, plain, g)]
        near = [(h.start, h.end, h.quantity) for h in numbers.find_matches(text, anchored, g)]
        assert near == whole, text[:80]
        found += len(whole)
    assert found > 100
