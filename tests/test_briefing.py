"""Markdown briefings: golden files, structure, escaping, French formatting, templates, CLI.

Golden files: tests/golden/seed_records.jsonl holds the records of the five seed
articles and tests/golden/expected/ the briefings rendered from them. After an
intended change of the templates or of the extraction, regenerate both with
``python scripts/regen_golden.py`` (``--render-only`` keeps the records, no model
needed) and review the diff. The test renders the committed fixture: no model.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import typer
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from extractor import briefing
from extractor.briefing import BriefingError
from extractor.document import DocumentError
from extractor.records import Actor, Amount, Job, Organization, Project, Record, Territory

GOLDEN = Path(__file__).parent / "golden"
EXPECTED = GOLDEN / "expected"
MD = MarkdownIt("commonmark").enable("table")


# -- helpers -----------------------------------------------------------------------------


def _ev(text: str, sentence: str) -> dict:
    start = max(sentence.find(text), 0)
    return {"text": text, "start": start, "end": start + len(text), "sentence": sentence}


CODES = {"Lens": "62498", "Arras": "62041", "Hauts-de-France": "32"}


def place(
    name: str, sentence: str, kind: str = "commune", canonical: str | None = None
) -> Territory:
    return Territory(
        name=name,
        kind=kind,
        canonical_name=canonical or name,
        code=CODES.get(name),
        **_ev(name, sentence),
    )


def at(name: str | None, kind: str = "commune") -> dict:
    """The linked place of a fact, as records.build writes it."""
    if name is None:
        return {}
    return {
        "territory": name,
        "territory_canonical_name": name,
        "territory_code": CODES.get(name),
        "territory_kind": kind,
    }


def money(value: float, text: str, sentence: str, **kw) -> Amount:
    return Amount(value_eur=value, **_ev(text, sentence), **kw)


def jobs(count: int, text: str, sentence: str, kind: str = "planned", **kw) -> Job:
    return Job(count=count, kind=kind, **_ev(text, sentence), **kw)


LENS_1 = "À Lens, le groupe Verrenord investit 30 millions d'euros et prévoit 120 embauches."
LENS_2 = "Le site de Lens recevra 30 M€ d'investissement, pour 120 recrutements d'ici 2026."
LENS_3 = "La région Hauts-de-France ajoute une aide de 2,5 millions d'euros au projet de Lens."
ARRAS = "À Arras, la modernisation de la fonderie coûtera 30 millions d'euros."


@pytest.fixture
def lens_records() -> list[Record]:
    first = Record(
        source="https://presse.example/eco/lens-verrenord.html",
        title="Verrenord s'agrandit à Lens",
        published=date(2024, 3, 5),
        territories=[place("Lens", LENS_1)],
        amounts=[
            money(
                30e6,
                "30 millions d'euros",
                LENS_1,
                purpose="investment",
                organization="Verrenord",
                **at("Lens"),
            )
        ],
        jobs=[jobs(120, "120 embauches", LENS_1, organization="Verrenord", **at("Lens"))],
        actors=[
            Actor(
                name="Sophie Carré",
                role="directrice",
                organization="Verrenord",
                **_ev("Sophie Carré", "Sophie Carré, directrice de Verrenord, se réjouit."),
            )
        ],
        organizations=[Organization(name="Verrenord", **_ev("Verrenord", LENS_1))],
    )
    second = Record(
        source="corpus/local/lens-suite.txt",
        title="Lens : le chantier de Verrenord commence",
        published=date(2024, 6, 1),
        territories=[place("Lens", LENS_2), place("Hauts-de-France", LENS_3, kind="region")],
        amounts=[
            # the same investment, its firm left unsaid: one fact with the first report
            money(30e6, "30 M€", LENS_2, purpose="investment", **at("Lens")),
            money(
                2.5e6,
                "2,5 millions d'euros",
                LENS_3,
                purpose="aid",
                organization="Verrenord",
                **at("Lens"),
            ),
        ],
        jobs=[jobs(120, "120 recrutements", LENS_2, **at("Lens"))],
    )
    other = Record(
        source="https://presse.example/eco/arras-fonderie.html",
        title="Arras modernise sa fonderie",
        territories=[place("Arras", ARRAS)],
        amounts=[money(30e6, "30 millions d'euros", ARRAS, purpose="investment", **at("Arras"))],
    )
    return [first, second, other]


def text_of(inline) -> str:
    """What a reader sees of an inline token: its text, escapes resolved."""
    return "".join(c.content for c in inline.children or [])


def tables(tokens) -> list[dict]:
    """Each table: its header cells, the cell count and the cell texts of every body row."""
    found, current, section = [], None, None
    for tok in tokens:
        if tok.type == "table_open":
            current = {"header": [], "rows": [], "cells": []}
        elif tok.type in ("thead_open", "tbody_open"):
            section = tok.type
        elif tok.type == "tr_open" and section == "tbody_open":
            current["rows"].append(0)
            current["cells"].append([])
        elif tok.type == "inline" and current is not None and section == "thead_open":
            current["header"].append(tok.content)
        elif tok.type == "inline" and current is not None:
            current["cells"][-1].append(text_of(tok))
        elif tok.type == "td_open":
            current["rows"][-1] += 1
        elif tok.type == "table_close":
            found.append(current)
            current = section = None
    return found


def headings(tokens, level: str) -> list[str]:
    return [
        tokens[i + 1].content
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.tag == level
    ]


def html_tokens(tokens) -> list[str]:
    out = []
    for tok in tokens:
        if tok.type == "html_block":
            out.append(tok.content)
        for child in tok.children or []:
            if child.type == "html_inline":
                out.append(child.content)
    return out


# -- golden files ------------------------------------------------------------------------


def _seed_records() -> list[Record]:
    lines = (GOLDEN / "seed_records.jsonl").read_text(encoding="utf-8").splitlines()
    return [Record.model_validate_json(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def seed_render(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("briefings")
    briefing.write_briefings(_seed_records(), out)
    return out


GOLDEN_FILES = sorted(p.relative_to(EXPECTED).as_posix() for p in EXPECTED.rglob("*.md"))


def test_golden_set_covers_every_kind():
    assert {p.split("/")[0] for p in GOLDEN_FILES} == {"documents", "territories", "digest.md"}
    assert sum(p.startswith("documents/") for p in GOLDEN_FILES) == len(_seed_records())


@pytest.mark.parametrize("name", GOLDEN_FILES, ids=GOLDEN_FILES)
def test_golden_briefing(seed_render: Path, name: str):
    rendered = seed_render / name
    assert rendered.is_file(), f"{name} was not written"
    assert rendered.read_text("utf-8") == (EXPECTED / name).read_text("utf-8")


# -- markdown structure ------------------------------------------------------------------


def test_document_briefing_structure(lens_records):
    record = lens_records[1]
    tokens = MD.parse(briefing.render_document(record))
    assert headings(tokens, "h1") == ["Lens : le chantier de Verrenord commence"]
    assert headings(tokens, "h2") == [
        "Montants",
        "Emplois",
        "Territoires",
        "Acteurs",
        "Organisations",
    ]
    by_header = {t["header"][0]: t for t in tables(tokens)}
    assert len(by_header["Montant"]["rows"]) == 2
    assert [row[1] for row in by_header["Montant"]["cells"]] == ["investissement", "aide publique"]
    assert len(by_header["Emplois"]["rows"]) == 1
    assert len(by_header["Territoire"]["rows"]) == 2
    assert "Acteurs" not in by_header  # no actor: a sentence, not an empty table


def test_document_summary_in_french(lens_records):
    summary = briefing.document_summary(lens_records[1])
    assert summary.startswith("Ce document cite 2 territoires (Lens et Hauts-de-France)")
    assert "2 montants, dont 30\xa0M€ en investissements et 2,5\xa0M€ en aides publiques" in summary
    assert "120\xa0emplois prévus" in summary


def test_summary_counts_the_places_its_table_lists():
    sentence = "Alès Agglo et Alès Agglomération, puis Alès, Nîmes et la Région Occitanie."
    record = Record(
        source="x.txt",
        territories=[
            place("Alès Agglo", sentence, kind="epci", canonical="CA Alès Agglomération"),
            place("Alès Agglomération", sentence, kind="epci", canonical="CA Alès Agglomération"),
            place("Alès", sentence),
            place("Nîmes", sentence),
            place("Occitanie", sentence, kind="region"),
        ],
    )
    view = briefing.document_view(record)
    shown = next(
        t
        for t in tables(MD.parse(briefing.render_document(record)))
        if t["header"][0] == "Territoire"
    )
    assert len(view.places) == len(shown["rows"]) == 4
    assert view.summary.startswith("Ce document cite 4 territoires")
    assert shown["cells"][0][1] == "Alès Agglo, Alès Agglomération"


def test_territory_briefing_structure(lens_records):
    text = briefing.render_territory("lens", lens_records)
    tokens = MD.parse(text)
    assert headings(tokens, "h1") == ["Lens"]
    assert "Chronologie" in headings(tokens, "h2")
    assert (
        "[^1]: [Verrenord s'agrandit à Lens](https://presse.example/eco/lens-verrenord.html)"
        in text
    )
    timeline = text.split("## Chronologie")[1]
    assert timeline.index("5 mars 2024") < timeline.index("1er juin 2024")


HOSTILE = [
    ("pipe", "Le budget | 40 M€ | est voté."),
    ("script", "Le maire <script>alert('x')</script> a signé."),
    ("html-block", "<div onclick='x'>Appel</div> au financement de 40 M€."),
    ("newline", "Première ligne\n\n| a | b |\n# Titre\n> citation\n- puce"),
    ("heading", "# 40 M€ pour la fonderie"),
    ("list", "1. 40 M€ pour la fonderie"),
    ("backticks", "Un `code` et ```bloc``` de 40 M€."),
    ("link", "Voir [le dossier](https://pirate.example/) de 40 M€."),
    ("autolink", "Écrire à <contact@pirate.example> pour 40 M€."),
]


@pytest.mark.parametrize("sentence", [s for _, s in HOSTILE], ids=[i for i, _ in HOSTILE])
def test_copied_text_cannot_break_markdown(sentence):
    record = Record(
        source="https://presse.example/x",
        title=sentence,
        amounts=[money(40e6, "40 M€", sentence)],
        organizations=[Organization(name=sentence, **_ev(sentence, sentence))],
    )
    tokens = MD.parse(briefing.render_document(record))
    assert html_tokens(tokens) == []
    assert not any(t.type in ("fence", "code_block", "blockquote_open") for t in tokens)
    title = next(tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open")
    assert text_of(title) == " ".join(sentence.split())
    flat = " ".join(sentence.split())
    for table in tables(tokens):
        assert table["rows"] and all(n == len(table["header"]) for n in table["rows"])
        assert table["cells"][0][-1] == f"«\xa0{flat}\xa0»"  # the quoted sentence, whole
    links = [c.attrs["href"] for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert links == ["https://presse.example/x"]
    rendered = MD.render(briefing.render_document(record))
    assert "<script" not in rendered and "<div" not in rendered


# -- French formatting -------------------------------------------------------------------

NNBSP, NBSP = "\u202f", "\xa0"
FORMAT_CASES = [
    ("compact-milliard", briefing.format_eur, 1_360_000_000, f"1,36{NBSP}Md€"),
    ("compact-million", briefing.format_eur, 178_500_000, f"178,5{NBSP}M€"),
    ("compact-thousand", briefing.format_eur, 500_000, f"500{NBSP}k€"),
    ("compact-small", briefing.format_eur, 950, f"950{NBSP}€"),
    ("full", briefing.format_eur_full, 1_360_000_000, f"1{NNBSP}360{NNBSP}000{NNBSP}000{NBSP}€"),
    ("full-rounds-cents", briefing.format_eur_full, 2_499.6, f"2{NNBSP}500{NBSP}€"),
    ("jobs", briefing.format_jobs, 586, f"586{NBSP}emplois"),
    ("jobs-one", briefing.format_jobs, 1, f"1{NBSP}emploi"),
    ("jobs-grouped", briefing.format_jobs, 10_000, f"10{NNBSP}000{NBSP}emplois"),
    ("date", briefing.format_date_fr, date(2023, 10, 3), "3 octobre 2023"),
    ("date-first", briefing.format_date_fr, date(2024, 2, 1), "1er février 2024"),
    ("date-iso-string", briefing.format_date_fr, "2025-12-24T09:30:00", "24 décembre 2025"),
    ("date-none", briefing.format_date_fr, None, "date inconnue"),
]


@pytest.mark.parametrize(
    ("func", "value", "expected"), [c[1:] for c in FORMAT_CASES], ids=[c[0] for c in FORMAT_CASES]
)
def test_french_formatting(func, value, expected):
    assert func(value) == expected


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        (Amount(value_eur=2e6, qualifier="près de", **_ev("x", "x")), f"près de 2{NBSP}M€"),
        (
            Amount(value_eur=1e7, value_eur_max=1.5e7, qualifier="entre", **_ev("x", "x")),
            f"entre 10{NBSP}M€ et 15{NBSP}M€",
        ),
        (Job(count=300, qualifier="plus de", **_ev("x", "x")), f"plus de 300{NBSP}emplois"),
        (Job(count=200, count_max=250, **_ev("x", "x")), f"entre 200 et 250{NBSP}emplois"),
    ],
    ids=["amount-qualifier", "amount-range", "jobs-qualifier", "jobs-range"],
)
def test_fact_phrases(fact, expected):
    format_fact = briefing.format_amount if isinstance(fact, Amount) else briefing.format_job
    assert format_fact(fact) == expected


# -- deduplication -----------------------------------------------------------------------


def test_territory_does_not_double_count_a_fact_reported_twice(lens_records):
    view = briefing.territory_view("Lens", lens_records)
    assert [d.fact.value_eur for d in view.amounts] == [30e6, 2.5e6]
    assert view.amounts[0].refs == [1, 2]
    assert {t.purpose: t.total for t in view.money_totals} == {"investment": 30e6, "aid": 2.5e6}
    assert view.jobs_by_kind == {"planned": 120}
    tokens = MD.parse(briefing.render_territory("Lens", lens_records))
    amounts = next(t for t in tables(tokens) if t["header"][0] == "Montant")
    assert len(amounts["rows"]) == 2


def test_equal_values_of_two_firms_are_two_facts(lens_records):
    view = briefing.territory_view("Hauts-de-France", lens_records)
    investments = [d for d in view.amounts if d.fact.purpose == "investment"]
    # 30 M€ at Lens (two reports) and 30 M€ at Arras: both inside the région
    assert sorted(d.via for d in investments) == ["Arras", "Lens"]
    assert {t.purpose: t.total for t in view.money_totals}["investment"] == 60e6


def test_a_territory_page_rolls_up_the_places_inside_it(lens_records):
    region = briefing.territory_view("Hauts-de-France", lens_records)
    assert {d.fact.value_eur for d in region.amounts} == {30e6, 2.5e6}
    assert [s.doc.title for s in region.sources] == [
        "Verrenord s'agrandit à Lens",
        "Lens : le chantier de Verrenord commence",
        "Arras modernise sa fonderie",
    ]
    arras = briefing.territory_view("Arras", lens_records)
    assert [d.fact.value_eur for d in arras.amounts] == [30e6]
    assert arras.sources[0].doc.title == "Arras modernise sa fonderie"


def test_totals_never_mix_purposes_nor_add_a_part_to_its_whole():
    s1 = "Le groupe investit 20 M€, dont 500 000 € pour la formation, et réalise 300 M€ de chiffre d'affaires."
    s2 = "Le fonds national de 1 Md€ et une subvention de 2 M€ de la Région complètent le tableau."
    record = Record(
        source="x.txt",
        territories=[place("Lens", s1)],
        amounts=[
            money(20e6, "20 M€", s1, purpose="investment", **at("Lens")),
            money(5e5, "500 000 €", s1, purpose="investment", part_of=0, **at("Lens")),
            money(300e6, "300 M€", s1, purpose="turnover", **at("Lens")),
            money(1e9, "1 Md€", s2, purpose="budget"),
            money(2e6, "2 M€", s2, purpose="aid", **at("Lens")),
        ],
    )
    totals = {t.purpose: t.total for t in briefing.money_totals(record.amounts)}
    assert totals == {"investment": 20e6, "aid": 2e6, "budget": 1e9}
    page = briefing.territory_view("Lens", [record])
    assert {t.purpose: t.total for t in page.money_totals} == {"investment": 20e6, "aid": 2e6}
    assert 1e9 not in [d.fact.value_eur for d in page.amounts]  # a national fund is no one's
    text = briefing.render_document(record)
    rows = next(t for t in tables(MD.parse(text)) if t["header"][0] == "Montant")["cells"]
    assert [r[0] for r in rows][:2] == ["20\xa0M€", "dont 500\xa0k€"]


def test_a_fact_goes_to_its_linked_place_not_to_every_place_of_its_sentence():
    lead = "Reprise de la papeterie de Saint-Girons, en Ariège."
    cost = "Le repreneur engage 8 millions d'euros à Saint-Girons, près de Foix."
    record = Record(
        source="https://presse.example/papeterie",
        territories=[
            place("Saint-Girons", lead),
            place("Ariège", lead, kind="departement"),
            place("Foix", cost),
        ],
        amounts=[
            money(8e6, "8 millions d'euros", cost, purpose="investment", **at("Saint-Girons"))
        ],
        jobs=[jobs(95, "95 salariés", lead, kind="existing")],  # linked to no place
    )
    assert [
        d.fact.value_eur for d in briefing.territory_view("Saint-Girons", [record]).amounts
    ] == [8e6]
    assert briefing.territory_view("Foix", [record]).amounts == []
    # no job count is linked to a place: none is attributed by guess
    assert briefing.territory_view("Saint-Girons", [record]).jobs == []


def test_existing_headcounts_are_listed_not_summed():
    s1 = "L'usine de Lens emploie 400 salariés."
    s2 = "Les 380 salariés du site de Lens attendent."
    records = [
        Record(
            source=f"{i}.txt",
            territories=[place("Lens", s)],
            jobs=[jobs(n, t, s, kind="existing", **at("Lens"))],
        )
        for i, (n, t, s) in enumerate([(400, "400 salariés", s1), (380, "380 salariés", s2)])
    ]
    view = briefing.territory_view("Lens", records)
    assert len(view.jobs) == 2 and view.jobs_by_kind == {}
    assert "Emplois existants" not in briefing.render_territory("Lens", records)


def test_a_territory_is_found_by_any_of_its_names():
    sentence = "Alès Agglo a voté le projet."
    cost = "L'agglomération investit 4 M€ dans la zone."
    record = Record(
        source="ales.txt",
        territories=[
            Territory(
                name="Alès Agglo",
                kind="epci",
                canonical_name="CA Alès Agglomération",
                code="200066918",
                **_ev("Alès Agglo", sentence),
            ),
        ],
        amounts=[
            money(
                4e6,
                "4 M€",
                cost,
                purpose="investment",
                territory="Alès Agglo",
                territory_canonical_name="CA Alès Agglomération",
                territory_code="200066918",
                territory_kind="epci",
            )
        ],
    )
    for name in ("Alès Agglo", "alès agglomération", "CA Alès Agglomération", "ALES AGGLO"):
        view = briefing.territory_view(name, [record])
        assert view.place == ("epci", "200066918"), name
        assert [d.fact.value_eur for d in view.amounts] == [4e6]


def test_digest_opens_with_projects_and_keeps_national_money_apart(lens_records):
    national = "L'État lance un fonds de 500 M€ pour l'industrie."
    project = Project(
        kind="investment",
        organization="Verrenord",
        territory="Lens",
        territory_code="62498",
        territory_kind="commune",
        amounts=[0],
        jobs=[0],
        investment_eur=30e6,
        jobs_new=120,
        **_ev("30 millions d'euros", LENS_1),
    )
    lens_records[0].projects = [project]
    lens_records[2].amounts.append(money(500e6, "500 M€", national, purpose="budget"))
    digest = briefing.digest_view(lens_records)
    assert {t.purpose: t.total for t in digest.local_totals} == {"investment": 60e6, "aid": 2.5e6}
    assert {t.purpose: t.total for t in digest.national_totals} == {"budget": 500e6}
    text = briefing.render_digest(lens_records)
    assert headings(MD.parse(text), "h2")[0] == "Projets du lot"
    projects = next(t for t in tables(MD.parse(text)) if t["header"][1] == "Projet")
    assert projects["cells"][0][1:5] == ["investissement", "Verrenord", "Lens", "30\xa0M€"]
    # the région holds both towns: its row rolls them up, each town's row holds its own
    rows = {
        t.name: (t.documents, t.investment_eur, t.aid_eur, t.jobs_new) for t in digest.territories
    }
    assert rows["Hauts-de-France"] == (3, 60e6, 2.5e6, 120)
    assert rows["Lens"] == (2, 30e6, 2.5e6, 120)
    assert rows["Arras"] == (1, 30e6, 0.0, 0)


def test_digest_lists_failed_documents(lens_records):
    broken = Record(
        source="https://presse.example/disparu",
        errors=[DocumentError(stage="fetch", type="HTTPError", message="404 | introuvable")],
    )
    run = type(
        "Run",
        (),
        dict(
            id=7,
            started_at=datetime(2024, 6, 2, 8, 0),
            finished_at=None,
            new=3,
            skipped=1,
            failed=1,
        ),
    )()
    text = briefing.render_digest([*lens_records, broken], run=run)
    tokens = MD.parse(text)
    assert headings(tokens, "h1") == ["Synthèse du lot n° 7"]
    failed = next(
        t for t in tables(tokens) if t["header"][0] == "Document" and len(t["header"]) == 3
    )
    assert failed["rows"] == [3]
    assert "2 juin 2024 à 08:00" in text
    assert "```mermaid\nxychart-beta" in text


# -- templates ---------------------------------------------------------------------------


def test_user_folder_overrides_one_template(tmp_path, lens_records):
    (tmp_path / "document.md.j2").write_text("Fiche : {{ doc.title | md }}\n", encoding="utf-8")
    env = briefing.make_environment(tmp_path)
    assert briefing.render_document(lens_records[0], templates=env) == (
        "Fiche : Verrenord s'agrandit à Lens\n"
    )
    assert briefing.render_territory("Lens", lens_records, templates=env).startswith("# Lens\n")


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("# {{ doc.title }}\n\n{% if %}\n", 3),
        ("# {{ doc.title }}\n{{ doc.no_such_field }}\n", 2),
        ("{% for x in doc.record.amounts %}\n{{ x | no_such_filter }}\n{% endfor %}\n", 2),
    ],
    ids=["syntax", "undefined", "unknown-filter"],
)
def test_broken_template_names_file_and_line(tmp_path, lens_records, source, line):
    (tmp_path / "document.md.j2").write_text(source, encoding="utf-8")
    with pytest.raises(BriefingError, match=rf"template .*document\.md\.j2, line {line}: "):
        briefing.render_document(lens_records[0], templates=briefing.make_environment(tmp_path))


def test_unknown_territory_is_a_clear_error(lens_records):
    with pytest.raises(BriefingError, match="Dunkerque"):
        briefing.render_territory("Dunkerque", lens_records)


# -- CLI ---------------------------------------------------------------------------------


@pytest.fixture
def app() -> typer.Typer:
    try:
        from extractor.cli import app
    except Exception:  # another stage's command module is not ready: test ours alone
        from extractor.commands import brief

        app = typer.Typer()
        brief.register(app)
        app.command("noop")(lambda: None)  # keep subcommand routing with a single command
    return app


@pytest.fixture
def jsonl(tmp_path, lens_records) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in lens_records), encoding="utf-8")
    return path


def test_cli_writes_every_briefing(app, jsonl, tmp_path):
    out = tmp_path / "briefings"
    result = CliRunner().invoke(app, ["brief", str(jsonl), "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert len([n for n in names if n.startswith("documents/")]) == 3
    assert [n for n in names if n.startswith("territories/")] == [
        "territories/arras.md",
        "territories/hauts-de-france-region.md",
        "territories/lens.md",
    ]
    assert "digest.md" in names


def test_cli_leaves_no_page_of_an_earlier_run(app, jsonl, tmp_path, lens_records):
    out = tmp_path / "briefings"
    assert CliRunner().invoke(app, ["brief", str(jsonl), "--out", str(out)]).exit_code == 0
    jsonl.write_text(lens_records[2].model_dump_json() + "\n", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert CliRunner().invoke(app, ["brief", str(jsonl), "--out", str(out)]).exit_code == 0
    assert len(list((out / "documents").glob("*.md"))) == 1
    assert [p.name for p in (out / "territories").glob("*.md")] == ["arras.md"]
    assert (out / "notes.txt").read_text("utf-8") == "mine"  # not ours: left alone


def test_cli_one_territory_with_user_templates(app, jsonl, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "territory.md.j2").write_text(
        "{{ territory.name }}:{% for m in territory.money_totals %} {{ m.total | eur }}{% endfor %}.\n"
    )
    out = tmp_path / "briefings"
    args = [
        "brief",
        str(jsonl),
        "--out",
        str(out),
        "--territory",
        "LENS",
        "--templates",
        str(folder),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.rglob("*.md")] == ["lens.md"]
    assert (out / "territories" / "lens.md").read_text("utf-8") == (
        f"Lens: 30{NBSP}M€ 2,5{NBSP}M€.\n"
    )


def test_cli_reports_unknown_territory(app, jsonl, tmp_path):
    args = ["brief", str(jsonl), "--out", str(tmp_path / "o"), "--territory", "Dunkerque"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "Dunkerque" in result.output


def test_cli_reads_a_store(app, tmp_path, lens_records):
    from extractor.store import Store

    db = tmp_path / "extractor.db"
    with Store(db) as store:
        first = store.begin_run()
        store.put(lens_records[0], run_id=first)
        store.update_run(first, new=1, updated=0, skipped=0, failed=0, facts={}, finished=True)
        second = store.begin_run()
        for record in lens_records[1:]:
            store.put(record, run_id=second)
        store.update_run(second, new=2, updated=0, skipped=0, failed=0, facts={}, finished=True)
    out = tmp_path / "briefings"
    result = CliRunner().invoke(app, ["brief", "--store", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(list((out / "documents").glob("*.md"))) == 3
    digest = (out / "digest.md").read_text("utf-8")
    assert digest.startswith(f"# Synthèse du lot n° {second}\n")
    assert "Verrenord s'agrandit" not in digest  # the first run's document is not new
    lens = (out / "territories" / "lens.md").read_text("utf-8")
    assert "commune (code 62498), 2 documents." in lens


# -- the seeds, linked by the real pipeline (tests/golden/seed_records.jsonl) -------------


def test_seed_ales_agglomeration_page_shows_the_investment_and_the_planned_jobs():
    records = _seed_records()
    for name in ("Alès Agglomération", "Alès Agglo", "CA Alès Agglomération"):
        view = briefing.territory_view(name, records)
        totals = {t.purpose: t.total for t in view.money_totals}
        assert totals["investment"] == 177e6, name
        assert view.jobs_by_kind.get("planned") == 586, name
        (project,) = [p.project for p in view.projects if p.project.kind == "investment"]
        assert (project.investment_eur, project.jobs_new) == (177e6, 586)


def test_chronology_names_a_figure_once_per_document():
    """Seed 004 says its 586 planned jobs twice: its chronology line says them once."""
    text = briefing.render_territory("Alès Agglomération", _seed_records())
    timeline = text.split("## Chronologie")[1].split("## Sources")[0]
    (line,) = [ln for ln in timeline.splitlines() if "586" in ln]
    assert line.count("586\xa0emplois") == 1
    assert "177\xa0M€" in line


def test_no_seed_page_total_mixes_purposes_or_counts_a_part():
    records = _seed_records()
    for place, about in briefing.territory_index(records).items():
        view = briefing.territory_view(place, about)
        for total in view.money_totals:
            facts = [d.fact for d in view.amounts if d.fact.purpose == total.purpose]
            whole = {f.value_eur for f in facts if f.part_of is None}
            assert total.total == pytest.approx(sum(whole)), (view.name, total.purpose)
        assert not {t.purpose for t in view.money_totals} & {"turnover", "other", None}
    digest = briefing.digest_view(records)
    for total in (*digest.local_totals, *digest.national_totals):
        assert total.purpose in ("investment", "aid", "budget")
