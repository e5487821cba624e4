"""The library API on real inputs, including the bad ones a batch meets."""

from __future__ import annotations

import pytest

from extractor import Document, Extractor, Record

pytestmark = pytest.mark.slow

ARTICLE = (
    "Le groupe Safran a annoncé un investissement de 45 millions d'euros à Figeac. "
    "Le site, qui emploie 1 200 salariés, prévoit de recruter 80 personnes d'ici 2026."
)


def _facts(rec: Record) -> int:
    return sum(
        len(getattr(rec, n)) for n in ("territories", "amounts", "jobs", "actors", "organizations")
    )


def test_extract_one_text_gives_offsets_into_the_text(extractor):
    rec = extractor.extract(ARTICLE)
    assert not rec.errors
    assert rec.amounts, "the amount of an ordinary sentence was missed"
    for fact in [*rec.amounts, *rec.jobs, *rec.territories, *rec.actors, *rec.organizations]:
        assert rec.text[fact.start : fact.end] == fact.text
        assert fact.text in fact.sentence


def test_library_function_extract():
    from extractor import extract

    rec = extract(
        "Le Premier ministre a annoncé 1,36 milliard d'euros pour l'industrie en Occitanie."
    )
    assert rec.amounts[0].value_eur == 1_360_000_000


BAD = {
    "empty": "",
    "blank": " \n\t ",
    "english": "The company announced a new plant in Ohio with two hundred jobs and a large budget.",
    "control-chars": "Le\x00 maire\x07 de Figeac a signé\x1b le contrat de 2 millions d'euros.",
    "broken-utf8": b"L'usine de Rodez \xff\xfe recrute 50 salari\xe9s.".decode(
        "utf-8", "surrogateescape"
    ),
    "no-facts": "Il fait beau aujourd'hui et les enfants jouent dans le jardin avec le chien.",
}


def test_bad_inputs_never_raise_and_do_not_disturb_neighbours(extractor):
    items = [ARTICLE, *BAD.values(), ARTICLE]
    records = list(extractor.extract_many(items))
    assert len(records) == len(items)
    assert records[0].model_dump(exclude={"source"}) == records[-1].model_dump(exclude={"source"})
    by_name = dict(zip(BAD, records[1:-1], strict=True))
    assert by_name["empty"].errors[0].type == "EmptyText"
    assert by_name["blank"].errors[0].type == "EmptyText"
    assert by_name["english"].errors[0].type == "NotFrench"
    assert "\x00" not in by_name["control-chars"].text
    assert by_name["control-chars"].amounts[0].value_eur == 2_000_000
    assert "\ufffd" in by_name["broken-utf8"].text
    assert not by_name["no-facts"].errors and _facts(by_name["no-facts"]) == 0


def test_five_megabyte_text_is_extracted_in_chunks(extractor):
    para = ARTICLE + "\n"
    big = para * (5_000_000 // len(para) + 1)
    assert len(big) > 5_000_000
    rec = extractor.extract(Document(source="big.txt", text=big))
    assert not rec.errors
    assert rec.amounts and len(rec.amounts) == big.count("45 millions")
    last = rec.amounts[-1]
    assert rec.text[last.start : last.end] == last.text
    assert last.start > 4_900_000


def test_pdf_pages_follow_the_facts(extractor):
    text = "Page un : rien.\n\nLa Région Occitanie apporte 3 millions d'euros.\n"
    second = text.index("La Région")
    rec = extractor.extract(
        Document(source="p.pdf", kind="pdf", text=text, page_starts=[0, second])
    )
    assert rec.amounts[0].page == 2


def test_a_source_error_is_reported_once(extractor):
    from extractor import DocumentError

    err = DocumentError(stage="fetch", type="HTTPError", message="404 Not Found")
    rec = extractor.extract(Document(source="https://example.org/x", errors=[err]))
    assert rec.errors == [err]
    assert _facts(rec) == 0


def test_repaired_text_keeps_its_facts_and_says_it_was_repaired(extractor, tmp_path):
    from extractor.sources import load

    path = tmp_path / "rodez.txt"
    path.write_bytes(
        "Rodez Agglomération investit 3 millions d'euros dans la zone de Bel-Air. ".encode()
        + b"L'usine recrute 50 salari\xe9s.\x81\n"
    )
    rec = extractor.extract(load(path))
    assert rec.errors == []
    assert [w.type for w in rec.warnings] == ["RepairedEncoding"]
    assert "Rodez Agglomération" in [t.name for t in rec.territories]
    assert "50 salariés" in rec.text and rec.amounts[0].value_eur == 3_000_000


def test_work_grows_linearly_with_length(extractor):
    """Four times the text, about four times the work: counted in Python calls, not seconds.

    A component that rebuilt ``doc.text`` for each candidate span made the work
    per character grow with the length of the document (ratio 8 here).
    """
    import cProfile
    import pstats
    from pathlib import Path

    from extractor.bench.common import corpus_texts
    from extractor.bench.long_text import long_text

    texts = corpus_texts(Path(__file__).resolve().parents[1], 42)
    calls = {}
    for size in (20_000, 80_000):  # one chunk each: what grows is inside the pipeline
        document = Document(source="long.txt", text=long_text(texts, size))
        profile = cProfile.Profile()
        profile.runcall(extractor.extract, document)
        calls[size] = pstats.Stats(profile).total_calls
    assert calls[80_000] / calls[20_000] < 6, calls


def test_a_memory_zone_spans_many_documents_and_frees_their_strings(extractor):
    """Documents share a memory zone per ``zone_docs``: the records are those of one zone per
    batch, and the strings their texts added are gone once the run ends."""
    texts = [f"La société Zorglubix{i} investit {i + 1} M€ à Vierzon." for i in range(5)]
    strings = extractor.nlp.vocab.strings
    before = len(strings)
    small = Extractor(nlp=extractor.nlp, zone_docs=2, batch_size=1)
    large = Extractor(nlp=extractor.nlp, zone_docs=256, batch_size=32)
    zoned = list(small.extract_many(texts))
    assert len(strings) == before and "Zorglubix3" not in strings
    assert [r.organizations[0].name for r in zoned] == [f"Zorglubix{i}" for i in range(5)]
    keep = {"extracted_at"}
    assert [r.model_dump(exclude=keep) for r in zoned] == [
        r.model_dump(exclude=keep) for r in large.extract_many(texts)
    ]


def test_an_abandoned_run_closes_its_memory_zone(extractor):
    """A caller that stops reading records midway leaves no zone open behind it."""
    texts = [f"L'usine Brakmar{i} emploie {i + 10} salariés à Bourges." for i in range(4)]
    ex = Extractor(nlp=extractor.nlp, zone_docs=4, batch_size=1)
    run = ex.extract_many(texts)
    assert next(run).jobs[0].count == 10
    run.close()
    assert not ex._zone_open
    assert [r.jobs[0].count for r in ex.extract_many(texts[:2])] == [10, 11]
