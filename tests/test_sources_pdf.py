"""PDF -> Document: reading order, running lines, hyphenation, tables, limits and failures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sources_fixtures import (
    BUDGET_ROWS,
    HEADER,
    flate_bomb,
    image_only_pdf,
    raw_pdf,
    rewrite_xref_offsets,
    text_pdf,
    text_stream,
    two_column_pdf,
)

from extractor.sources import Options, SourceError, load
from extractor.sources.pdf import join_lines, parse_pdf, table_lines
from extractor.sources.pdflimits import PdfLimits

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bulletin():
    return parse_pdf(two_column_pdf(pages=3), "bulletin.pdf")


def test_two_columns_read_left_then_right(bulletin):
    text = bulletin.text
    first_page = text[: bulletin.page_starts[1]]
    left_end = first_page.index("Prochaine réunion publique à Roubaix")
    assert first_page.index("Le syndicat mixte") < left_end < first_page.index("Côté financement")
    # no line mixes the two columns
    assert "plan Côté" not in text and "plan pour soutenir" in text


def test_running_header_and_page_numbers_removed(bulletin):
    assert HEADER not in bulletin.text
    assert "Page 1/3" not in bulletin.text and "/3" not in bulletin.text
    # a title that changes from page to page is content, not a running header
    assert "Chronique de Cholet" in bulletin.text


def test_hyphenated_line_break_rejoined_but_compound_kept(bulletin):
    assert "relocalisation de l'industrie textile" in bulletin.text
    assert "indus-" not in bulletin.text
    assert "Région Provence-Alpes-Côte d'Azur" in bulletin.text


def test_each_budget_amount_stays_on_its_label_line(bulletin):
    lines = bulletin.text.splitlines()
    for number, label, amount in BUDGET_ROWS:
        row = [line for line in lines if label in line]
        assert len(row) == 1, label
        assert number in row[0] and amount in row[0]


def test_metadata_and_page_starts(bulletin):
    assert bulletin.kind == "pdf"
    assert bulletin.title == "Bulletin de démonstration"
    assert bulletin.author == "Service développement économique"
    assert bulletin.published is not None and bulletin.published.isoformat() == "2024-05-17"
    assert len(bulletin.page_starts) == 3 and bulletin.page_starts[0] == 0
    for page, town in ((1, "Roubaix"), (2, "Cholet"), (3, "Mazamet")):
        assert bulletin.page_of(bulletin.text.index(f"mairie de {town}")) == page


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["la filière de l'agroali-", "mentaire recrute"],
            "la filière de l'agroalimentaire recrute",
        ),
        (["l'usine de Saint-", "Nazaire ferme"], "l'usine de Saint-Nazaire ferme"),
        (["un budget de 2 millions -", "hors taxes"], "un budget de 2 millions - hors taxes"),
        (["première ligne", "", "seconde ligne"], "première ligne seconde ligne"),
    ],
    ids=["word-split", "compound-before-capital", "dash-after-space", "blank-line"],
)
def test_join_lines(lines, expected):
    assert join_lines(lines) == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [["Action", "Coût"], ["Étude foncière", "30 000 €"], [None, None]],
            ["Action — Coût", "Étude foncière : 30 000 €."],
        ),
        (
            [["Projet", "Total", "dont État"], ["Fonderie", "2 M€", "500 k€"]],
            ["Projet — Total — dont État", "Fonderie — Total : 2 M€ ; dont État : 500 k€."],
        ),
        (
            [["Ligne\nde production", "1,5 million d'euros"]],
            ["Ligne de production : 1,5 million d'euros."],
        ),
        (
            [["N°", "Action", "Année", "Coût (k€)"], ["3", "Étude", "2025", "250"]],
            ["N° — Action — Année — Coût (k€)", "3 — Étude — 2025 — Coût (k€) : 250."],
        ),
    ],
    ids=[
        "header-and-empty-row",
        "two-amount-columns",
        "no-header-multiline-cell",
        "unit-in-header",
    ],
)
def test_table_lines(rows, expected):
    assert table_lines(rows) == expected


@pytest.mark.parametrize(
    ("make", "error_type"),
    [
        (
            lambda: text_pdf(
                [["Document confidentiel"]], owner_password="o", user_password="secret"
            ),
            "EncryptedPDF",
        ),
        (lambda: two_column_pdf(pages=2)[:-700], "TruncatedPDF"),
        (image_only_pdf, "ImageOnlyPDF"),
        (lambda: b"%PDF-1.4\n" + bytes(range(256)) * 4, "TruncatedPDF"),
    ],
    ids=["encrypted", "truncated", "image-only", "garbage-after-magic"],
)
def test_unreadable_pdfs_are_clear_errors(tmp_path, make, error_type):
    path = tmp_path / "doc.pdf"
    path.write_bytes(make())
    document = load(path)
    assert [e.type for e in document.errors] == [error_type]
    assert document.errors[0].stage == "parse" and document.errors[0].message
    assert document.text == ""
    with pytest.raises(SourceError):
        parse_pdf(path.read_bytes(), str(path))


def test_owner_password_only_is_readable():
    data = text_pdf([["La communauté de communes signe le contrat."]], owner_password="o")
    assert "signe le contrat" in parse_pdf(data, "x").text


def test_size_limit():
    with pytest.raises(SourceError) as info:
        parse_pdf(two_column_pdf(pages=1), "x", max_bytes=500)
    assert info.value.type == "TooLarge"


def test_many_pages_fast_with_page_limit():
    towns = ["Vierzon", "Figeac", "Oyonnax", "Thiers", "Annonay"]
    pages = [
        [f"Section {i} : l'atelier de {towns[i % 5]} embauche.", "Suite du compte rendu."]
        for i in range(500)
    ]
    data = text_pdf(pages)
    document = parse_pdf(data, "big.pdf")
    assert len(document.page_starts) == 500
    assert document.page_of(document.text.index("Section 321 ")) == 322
    limited = parse_pdf(data, "big.pdf", max_pages=50)
    assert len(limited.page_starts) == 50 and limited.metadata["pages"] == "500"
    assert limited.metadata["pages_read"] == "50"


def test_sample_protocol_in_corpus():
    document = load(ROOT / "corpus" / "protocols" / "protocole-vallee-arve-exemple.pdf")
    assert not document.errors
    assert "Page 1/2" not in document.text
    assert any(
        "Campus des métiers" in line and "450 000 €" in line for line in document.text.splitlines()
    )


# -- hostile and damaged PDFs ------------------------------------------------------------

# Peak RSS from VmHWM: this process's own high-water mark. ru_maxrss would carry the
# parent's (pytest with the model loaded) across fork and exec.
BOMB_SCRIPT = """
import json, re, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # a guard for the machine, not the test
from extractor.sources import load
document = load(sys.argv[1])
with open("/proc/self/status") as status:
    peak_kib = int(re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1))
print(json.dumps({"errors": [e.type for e in document.errors], "peak_kib": peak_kib}))
"""


@pytest.mark.slow
def test_stream_inflating_to_a_gibibyte_is_too_large_with_bounded_memory(tmp_path):
    """1 MB on disk, 1 GiB once inflated: a TooLarge error, and the reader stays small."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(raw_pdf([text_stream(["Page de garde."]), flate_bomb(1 << 30)]))
    assert path.stat().st_size < 1_200_000
    done = subprocess.run(
        [sys.executable, "-c", BOMB_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["errors"] == ["TooLarge"]
    assert result["peak_kib"] * 1024 < 1_000_000_000, result


def test_inflated_size_is_counted_per_document():
    data = raw_pdf([text_stream(["La Région apporte 3 millions d'euros."]), flate_bomb(8 << 20)])
    with pytest.raises(SourceError) as info:
        parse_pdf(data, "x", limits=PdfLimits(max_inflated=4 << 20))
    assert info.value.type == "TooLarge"
    assert "3 millions" in parse_pdf(data, "x", limits=PdfLimits(max_inflated=16 << 20)).text


SLOW_PAGE = [
    f"Ligne {i} du tableau de bord de la zone d'activités : {i} euros." for i in range(400)
]


def test_a_page_over_its_time_is_skipped_and_said():
    data = raw_pdf(
        [
            text_stream(["La Région apporte 3 millions d'euros."]),
            text_stream(SLOW_PAGE),
            text_stream(["Le site emploie 40 salariés."]),
        ]
    )
    document = parse_pdf(data, "x", limits=PdfLimits(page_seconds=0.2))
    assert "3 millions" in document.text and "40 salariés" in document.text
    assert "tableau de bord" not in document.text
    assert document.metadata["pages_skipped"] == "2"
    assert [w.type for w in document.warnings] == ["PageTimeout"]


def test_a_document_over_its_time_is_a_timeout_error(tmp_path):
    path = tmp_path / "lent.pdf"
    path.write_bytes(raw_pdf([text_stream(SLOW_PAGE), text_stream(SLOW_PAGE)]))
    document = load(path, options=Options(pdf_seconds=0.3))
    assert [e.type for e in document.errors] == ["Timeout"]


@pytest.mark.parametrize("shift", [9, -15], ids=["offsets-after", "offsets-before"])
def test_broken_cross_reference_table_is_rebuilt_and_said(shift):
    intact = parse_pdf(two_column_pdf(pages=2), "bulletin.pdf")
    broken = rewrite_xref_offsets(two_column_pdf(pages=2), shift)
    document = parse_pdf(broken, "bulletin.pdf")
    assert document.text == intact.text and "relocalisation" in document.text
    assert document.metadata["pdf_repair"] == "xref-rebuilt"
    assert [w.type for w in document.warnings] == ["RepairedPDF"]
    assert intact.warnings == [] and "pdf_repair" not in intact.metadata


def test_broken_table_of_a_hand_written_pdf():
    broken = rewrite_xref_offsets(raw_pdf([text_stream(["Le site emploie 40 salariés."])]), 7)
    document = parse_pdf(broken, "x")
    assert document.text == "Le site emploie 40 salariés."
    assert [w.type for w in document.warnings] == ["RepairedPDF"]
