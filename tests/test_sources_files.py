"""Local files: sniffing, encodings, bad files, directories, saved Documents."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sources_fixtures import NAV_ONLY, press_page, two_column_pdf

from extractor.document import Document
from extractor.sources import Options, iter_documents, load
from extractor.sources.files import sniff

ROOT = Path(__file__).resolve().parents[1]
FRENCH = "L'entreprise s'implante à Châteaubriant : 35 embauches prévues, 2,5 M€ investis."
ARTICLE = press_page(
    "Une usine de palettes s'installe à Vendôme",
    [
        "Le groupe a confirmé mercredi l'ouverture d'une usine de palettes à Vendôme, "
        "avec 40 recrutements prévus dans les deux prochaines années.",
        "L'investissement atteint 6 millions d'euros, dont une aide régionale de 400 000 euros.",
    ],
)


@pytest.mark.parametrize(
    ("encoding",),
    [("utf-8",), ("utf-8-sig",), ("cp1252",), ("utf-16",)],
    ids=["utf8", "utf8-bom", "cp1252", "utf16-bom"],
)
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "note.txt"
    path.write_bytes(FRENCH.encode(encoding))
    document = load(path)
    assert document.errors == []
    assert document.kind == "text" and document.text == FRENCH


def test_cp1252_with_curly_quotes_and_euro(tmp_path):
    text = "« Nous créerons 120 emplois », promet l’industriel ; coût : 3 000 € – hors taxes."
    path = tmp_path / "note.md"
    path.write_bytes(text.encode("cp1252"))
    assert load(path).text == text


@pytest.mark.parametrize(
    ("name", "data", "error_type"),
    [
        ("blob.txt", random.Random(7).randbytes(4096), "NotText"),
        ("empty.txt", b"", "EmptyFile"),
        ("blank.html", b"  \n\n ", "EmptyFile"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "NotText"),
        ("rubrique.html", NAV_ONLY.encode(), "NoArticle"),
        ("missing.txt", None, "NotFound"),
    ],
    ids=[
        "random-bytes",
        "empty",
        "whitespace-only",
        "png-named-txt",
        "html-without-article",
        "missing",
    ],
)
def test_bad_files_give_one_clear_error(tmp_path, name, data, error_type):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    document = load(path)
    assert [e.type for e in document.errors] == [error_type]
    assert document.text == "" and document.source == str(path)


@pytest.mark.parametrize(
    ("data", "suffix", "kind"),
    [
        (b"%PDF-1.7\n...", ".txt", "pdf"),
        (b"\n  <!DOCTYPE html><html><body>", ".txt", "html"),
        (b"<div class='a'>texte</div>", "", "html"),
        (b"Le conseil communautaire a vote.", ".html", "text"),
        (b'{"source": "x"}', ".json", "json"),
        (b'{"source": "x"}', ".txt", "text"),
    ],
    ids=[
        "pdf-named-txt",
        "html-named-txt",
        "html-fragment",
        "text-named-html",
        "saved-json",
        "json-named-txt",
    ],
)
def test_sniff(data, suffix, kind):
    assert sniff(data, suffix) == kind


def test_pdf_named_txt_goes_to_pdf_parser(tmp_path):
    path = tmp_path / "protocole.txt"
    path.write_bytes(two_column_pdf(pages=1))
    document = load(path)
    assert document.kind == "pdf" and document.page_starts == [0]
    assert "relocalisation de l'industrie textile" in document.text


def test_html_file_main_content_and_metadata(tmp_path):
    path = tmp_path / "article.htm"
    path.write_text(ARTICLE, encoding="utf-8")
    document = load(path)
    assert document.kind == "html" and not document.errors
    assert "40 recrutements" in document.text and "400 000 euros" in document.text
    for boilerplate in (
        "cookies",
        "Accueil",
        "À lire aussi",
        "port de commerce",
        "Les plus lus",
        "Mentions",
    ):
        assert boilerplate not in document.text
    assert document.author == "Nadia Ferrand"
    assert document.sitename == "La Gazette de démonstration"
    assert document.published is not None and document.published.isoformat() == "2024-04-09"


def test_html_in_cp1252_declared_latin1(tmp_path):
    page = ARTICLE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
        "dont une", "dont une (“régionale”)"
    )
    path = tmp_path / "ancien.html"
    path.write_bytes(page.encode("cp1252"))
    document = load(path)
    assert "“régionale”" in document.text and "Vendôme" in document.text


def test_size_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(FRENCH * 100, encoding="utf-8")
    assert load(path, options=Options(max_bytes=1000)).errors[0].type == "TooLarge"


def test_directory_expansion_is_recursive_sorted_and_filtered(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "b" / "page.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "c" / "doc.pdf").write_bytes(two_column_pdf(pages=1))
    (tmp_path / "b" / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("caché", encoding="utf-8")
    documents = list(iter_documents([tmp_path, tmp_path / "a.txt"]))
    assert [Path(d.source).name for d in documents] == ["a.txt", "doc.pdf", "page.html"]
    assert [d.kind for d in documents] == ["text", "pdf", "html"]


def test_saved_document_json_round_trip_and_preferred_in_directories(tmp_path):
    saved = Document(
        source="https://presse.fr/a.html", url="https://presse.fr/a.html", kind="html", text=FRENCH
    )
    (tmp_path / "presse-a.document.json").write_text(saved.model_dump_json(), encoding="utf-8")
    (tmp_path / "presse-a.html").write_text(ARTICLE, encoding="utf-8")
    assert load(tmp_path / "presse-a.document.json") == saved
    assert list(iter_documents([tmp_path])) == [saved]


def test_json_that_is_not_a_document(tmp_path):
    path = tmp_path / "autre.json"
    path.write_text('{"nom": "pas un document"}', encoding="utf-8")
    assert load(path).errors[0].type == "NotDocument"


def test_sample_web_corpus_is_clean():
    pages = sorted((ROOT / "corpus" / "web").glob("*.html"))
    assert len(pages) >= 2
    for document in iter_documents(pages):
        assert not document.errors and document.title and document.published
        for boilerplate in (
            "cookies",
            "lire aussi",
            "Lire aussi",
            "Les plus lus",
            "Mentions légales",
            "Accueil",
        ):
            assert boilerplate not in document.text, (document.source, boilerplate)


def test_text_file_publication_date_from_its_dateline(tmp_path):
    from extractor.sources import load

    article = tmp_path / "a.txt"
    article.write_text(
        "Accueil > Économie\nPublié le 4 juin 2025 à 18h02\n\n"
        "L'usine a été inaugurée le 2 juin 2025 par le préfet.",
        encoding="utf-8",
    )
    assert str(load(str(article)).published) == "2025-06-04"
    undated = tmp_path / "b.txt"
    undated.write_text("Le protocole a été signé le 18 mars 2019 à Carros.", encoding="utf-8")
    assert load(str(undated)).published is None


def test_folder_readme_is_not_a_document(tmp_path):
    from extractor.sources import iter_documents

    (tmp_path / "README.md").write_text("# Notes sur ce corpus", encoding="utf-8")
    (tmp_path / "article.txt").write_text("Le maire de Rodez a signé.", encoding="utf-8")
    assert [d.source for d in iter_documents([str(tmp_path)])] == [str(tmp_path / "article.txt")]


# -- one bad byte in a UTF-8 file ---------------------------------------------------------

ALES = (
    "Rodez Agglomération et la Région Occitanie financent l’extension de l’usine : "
    "2,5 millions d’euros, 35 emplois créés à Onet-le-Château."
)


def _utf8_with_stray_bytes(text: str) -> bytes:
    """UTF-8 text with a Windows-1252 fragment pasted in ("débuté") and a byte no charset has."""
    return text.encode() + b"\nLes travaux ont d\xe9but\xe9 en mars.\x81\n"


def test_one_invalid_byte_does_not_garble_a_utf8_file(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(_utf8_with_stray_bytes(ALES))
    document = load(path)
    assert document.errors == []
    assert document.text == ALES + "\nLes travaux ont débuté en mars.\ufffd\n"
    assert "Ã" not in document.text
    assert [w.type for w in document.warnings] == ["RepairedEncoding"]
    assert "2 read as Windows-1252, 1 replaced" in document.warnings[0].message
    assert document.metadata["encoding"] == document.warnings[0].message


def test_one_invalid_byte_in_a_utf8_html_page(tmp_path):
    page = ARTICLE.replace("Vendôme, ", "Vendôme (Loir-et-Cher), ")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode().replace(b"Loir-et-Cher", b"Loir-et-Ch\xe9r"))
    document = load(path)
    assert not document.errors and "Vendôme (Loir-et-Chér)" in document.text
    assert [w.type for w in document.warnings] == ["RepairedEncoding"]


def test_clean_files_carry_no_warning(tmp_path):
    for name, data in (("a.txt", ALES.encode()), ("b.txt", ALES.encode("cp1252"))):
        (tmp_path / name).write_bytes(data)
        document = load(tmp_path / name)
        assert document.text == ALES and document.warnings == [] and document.metadata == {}


# -- URL lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("urls", "stray", "is_a_list"),
    [(1, 0, True), (5, 1, True), (3, 2, True), (1, 1, False), (3, 3, False), (4, 20, False)],
)
def test_url_list_needs_urls_to_outnumber_other_lines(tmp_path, urls, stray, is_a_list):
    from extractor.sources import read_url_list

    lines = [f"https://presse.fr/{i}.html" for i in range(urls)]
    lines[1:1] = [f"L'usine {i} recrute." for i in range(stray)]
    path = tmp_path / "liste.txt"
    path.write_text("# mes articles\n\n" + "\n".join(lines), encoding="utf-8")
    assert (read_url_list(path) is not None) is is_a_list
