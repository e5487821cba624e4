"""The observatory: the store's schema 3 (views, parents, search) and `extractor serve` over it.

The server is the real one (``python -m extractor.cli serve`` in a subprocess on a
free loopback port) over a store built by the real batch from the sample corpus
plus hand-made records whose amounts, jobs and projects carry their links (the
linking component fills those on real text; here the links are given, so the
views, facets and canned queries have known answers). A headless Chromium from
Debian loads two pages and the test reads the rendered DOM.
"""

from __future__ import annotations

import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from extractor.components.folding import fold
from extractor.records import Actor, Amount, Job, Organization, Project, Record, Territory
from extractor.store import Store
from extractor.store.schema import (
    FACT_COLUMNS,
    FACT_WRITE_COLUMNS,
    MIGRATIONS,
    PROJECT_COLUMNS,
    fact_rows,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = [ROOT / "corpus" / "gold", ROOT / "corpus" / "web", ROOT / "corpus" / "protocols"]
YEAR = date.today().year
DB = "observatoire"


# -- hand-made linked records ---------------------------------------------------------


class Doc:
    """A text made of sentences, and the evidence of any fragment of it."""

    def __init__(self, *sentences: str) -> None:
        self.sentences = sentences
        self.text = " ".join(sentences)

    def ev(self, fragment: str, nth: int = 0) -> dict:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(fragment, start + 1)
        sentence = next(s for s in self.sentences if fragment in s)
        return {
            "text": fragment,
            "start": start,
            "end": start + len(fragment),
            "sentence": sentence,
        }


def place(name: str, kind: str, code: str | None) -> dict:
    return {
        "territory": name,
        "territory_canonical_name": name,
        "territory_kind": kind,
        "territory_code": code,
    }


DOUAI = place("Douai", "commune", "59178")
LENS = place("Lens", "commune", "62498")
SAINT_DIE = place("Saint-Dié-des-Vosges", "commune", "88413")
EPINAL = place("Épinal", "commune", "88160")
LUNEVILLE = place("Lunéville", "commune", "54329")
ALES = place("Alès", "commune", "30007")
ALES_AGGLO = place("Alès Agglomération", "epci", "200066918")


def _record(source: str, title: str, published: date, doc: Doc, **lists) -> Record:
    return Record(
        source=source,
        title=title,
        published=published,
        kind="html",
        content_hash=f"hash-{source}",
        pipeline_version="test",
        text=doc.text,
        **lists,
    )


def linked_records() -> list[Record]:
    douai = Doc(
        "Le groupe Envision AESC investira 450 millions d'euros à Douai dans une usine de "
        "batteries, dont 30 millions d'euros d'aide de la Région Hauts-de-France.",
        "Il consacrera aussi 5 millions d'euros à un centre de formation.",
        "Le site doit créer 1 000 emplois d'ici 2027.",
    )
    lens = Doc(
        "Le fabricant Stellantis investira 25 millions d'euros à Lens.",
        "La Papeterie de Clairefontaine supprimera 40 emplois à Épinal.",
    )
    vosges = Doc(
        "Le groupe Papyrus supprimera 120 emplois à Saint-Dié-des-Vosges.",
        "Il investira toutefois 8 millions d'euros dans la modernisation du site.",
        "Son usine de Lunéville perdra 35 emplois.",
    )
    ales = Doc(
        "Le protocole Territoires d'industrie du Bassin d'Alès a été signé par Alès "
        "Agglomération, Bpifrance et la Banque des Territoires.",
        "Bpifrance apportera 12 millions d'euros de prêts aux entreprises du territoire.",
        "Le groupe Verallia investira 20 millions d'euros à Alès.",
    )
    envision = {"organization": "Envision AESC", **DOUAI}
    papyrus = {"organization": "Papyrus"}
    return [
        _record(
            "https://exemple.fr/envision-douai",
            "Douai : 450 M€ pour une usine de batteries",
            date(YEAR, 1, 20),
            douai,
            territories=[
                Territory(name="Douai", kind="commune", code="59178", **douai.ev("Douai"))
            ],
            organizations=[Organization(name="Envision AESC", **douai.ev("Envision AESC"))],
            amounts=[
                Amount(
                    value_eur=450e6,
                    purpose="investment",
                    **envision,
                    **douai.ev("450 millions d'euros"),
                ),
                Amount(
                    value_eur=30e6,
                    purpose="aid",
                    part_of=0,
                    **envision,
                    **douai.ev("30 millions d'euros"),
                ),
                Amount(
                    value_eur=5e6,
                    purpose="investment",
                    **envision,
                    **douai.ev("5 millions d'euros"),
                ),
            ],
            jobs=[Job(count=1000, kind="created", **envision, **douai.ev("1 000 emplois"))],
            projects=[
                Project(
                    kind="investment",
                    organization="Envision AESC",
                    date=date(YEAR, 1, 20),
                    amounts=[0, 1, 2],
                    jobs=[0],
                    investment_eur=455e6,
                    aid_eur=30e6,
                    jobs_new=1000,
                    cue="investira",
                    **DOUAI,
                    **douai.ev("investira"),
                ),
            ],
        ),
        _record(
            "https://exemple.fr/lens-epinal",
            "Lens et Épinal, l'an dernier",
            date(YEAR - 1, 6, 1),
            lens,
            amounts=[
                Amount(
                    value_eur=25e6,
                    purpose="investment",
                    organization="Stellantis",
                    **LENS,
                    **lens.ev("25 millions d'euros"),
                )
            ],
            jobs=[
                Job(
                    count=40,
                    kind="lost",
                    organization="Papeterie de Clairefontaine",
                    **EPINAL,
                    **lens.ev("40 emplois"),
                )
            ],
        ),
        _record(
            "https://exemple.fr/papyrus-vosges",
            "Papyrus réduit ses effectifs dans les Vosges",
            date(YEAR, 1, 10),
            vosges,
            amounts=[
                Amount(
                    value_eur=8e6,
                    purpose="investment",
                    **papyrus,
                    **SAINT_DIE,
                    **vosges.ev("8 millions d'euros"),
                )
            ],
            jobs=[
                Job(count=120, kind="lost", **papyrus, **SAINT_DIE, **vosges.ev("120 emplois")),
                Job(count=35, kind="lost", **papyrus, **LUNEVILLE, **vosges.ev("35 emplois")),
            ],
            projects=[
                Project(
                    kind="job_cut",
                    organization="Papyrus",
                    date=date(YEAR, 1, 10),
                    jobs=[0, 1],
                    jobs_lost=155,
                    **SAINT_DIE,
                    **vosges.ev("supprimera"),
                )
            ],
        ),
        _record(
            "https://exemple.fr/protocole-ales",
            "Le Bassin d'Alès signe son protocole",
            date(YEAR, 2, 1),
            ales,
            organizations=[
                Organization(name="Alès Agglomération", **ales.ev("Alès Agglomération")),
                Organization(name="Bpifrance", **ales.ev("Bpifrance")),
                Organization(name="Banque des Territoires", **ales.ev("Banque des Territoires")),
                Organization(name="Verallia", **ales.ev("Verallia")),
            ],
            actors=[
                Actor(
                    name="Christophe Rivenq",
                    role="président",
                    organization="Alès Agglomération",
                    **ales.ev("Alès Agglomération"),
                )
            ],
            amounts=[
                Amount(
                    value_eur=12e6,
                    purpose="aid",
                    organization="Bpifrance",
                    **ALES_AGGLO,
                    **ales.ev("12 millions d'euros"),
                ),
                Amount(
                    value_eur=20e6,
                    purpose="investment",
                    organization="Verallia",
                    **ALES,
                    **ales.ev("20 millions d'euros"),
                ),
            ],
            projects=[
                Project(
                    kind="signing",
                    organization="Alès Agglomération",
                    date=date(YEAR, 2, 1),
                    **ALES_AGGLO,
                    **ales.ev("signé"),
                ),
                Project(
                    kind="aid",
                    organization="Bpifrance",
                    date=date(YEAR, 2, 1),
                    amounts=[0],
                    aid_eur=12e6,
                    **ALES_AGGLO,
                    **ales.ev("apportera"),
                ),
                Project(
                    kind="investment",
                    organization="Verallia",
                    date=date(YEAR, 2, 1),
                    amounts=[1],
                    investment_eur=20e6,
                    **ALES,
                    **ales.ev("investira"),
                ),
            ],
        ),
    ]


# -- schema 3 in the store ------------------------------------------------------------


def rows(conn: sqlite3.Connection, sql: str, *args) -> list[dict]:
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute(sql, args)]


def test_views_give_each_fact_its_place_parents_document_and_evidence(tmp_path):
    records = linked_records()
    with Store(tmp_path / "s.db") as store:
        for rec in records:
            store.put(rec)
        conn = store.conn
        aid = rows(conn, "SELECT * FROM aides WHERE organisation = 'Envision AESC'")
        assert len(aid) == 1
        (aid,) = aid
        assert (aid["territoire"], aid["departement"], aid["region"]) == (
            "Douai",
            "Nord",
            "Hauts-de-France",
        )
        assert (aid["code_departement"], aid["code_region"], aid["code_territoire"]) == (
            "59",
            "32",
            "59178",
        )
        assert aid["intercommunalite"] == "CA Douaisis Agglo"
        assert aid["partie_de"] == "450 millions d'euros"  # a part, not to add to its total
        assert aid["document"] == records[0].title and aid["lien"] == records[0].source
        assert aid["date"] == f"{YEAR}-01-20" and aid["mois"] == f"{YEAR}-01"
        assert aid["phrase"] == records[0].amounts[1].sentence
        # an intercommunality is its own intercommunality, inside its département and région
        bpi = rows(conn, "SELECT * FROM aides WHERE organisation = 'Bpifrance'")[0]
        assert (bpi["intercommunalite"], bpi["departement"], bpi["region"]) == (
            "CA Alès Agglomération",
            "Gard",
            "Occitanie",
        )
        cuts = rows(conn, "SELECT emplois, departement FROM suppressions_emplois ORDER BY emplois")
        assert cuts == [
            {"emplois": 35, "departement": "Meurthe-et-Moselle"},
            {"emplois": 40, "departement": "Vosges"},
            {"emplois": 120, "departement": "Vosges"},
        ]
        assert [r["emplois"] for r in rows(conn, "SELECT * FROM creations_emplois")] == [1000]
        invest = {r["montant_eur"] for r in rows(conn, "SELECT * FROM investissements")}
        assert invest == {450e6, 5e6, 25e6, 8e6, 20e6}
        # projects with their linked facts, found through the list positions
        linked = rows(
            conn, "SELECT extrait, nature FROM projets_faits WHERE organisation_projet = 'Papyrus'"
        )
        assert sorted(r["extrait"] for r in linked) == ["120 emplois", "35 emplois"]
        assert {r["nature"] for r in linked} == {"supprimés"}
        project = rows(conn, "SELECT * FROM projets WHERE organisation = 'Envision AESC'")[0]
        assert sorted(project["faits_lies"].split(" ; ")) == sorted(
            ["450 millions d'euros", "30 millions d'euros", "5 millions d'euros", "1 000 emplois"]
        )
        assert (project["nature"], project["departement"]) == ("investissement", "Nord")
        # the derived columns never leak into the records read back
        assert list(store.iter_records()) == records


def fts_ids(conn: sqlite3.Connection, table: str, query: str) -> set[int]:
    return {
        r[0]
        for r in conn.execute(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", (query,))
    }


def test_full_text_search_follows_every_write(tmp_path):
    records = linked_records()
    with Store(tmp_path / "s.db") as store:
        for rec in records:
            store.put(rec)
        conn = store.conn
        papyrus = conn.execute("SELECT id FROM documents WHERE title LIKE 'Papyrus%'").fetchone()[0]
        assert fts_ids(conn, "documents", "papyrus") == {papyrus}
        assert fts_ids(conn, "documents", '"saint die"') == {papyrus}  # accents and case ignored
        fact_ids = {
            r[0] for r in conn.execute("SELECT id FROM facts WHERE organization = 'Papyrus'")
        }
        assert fts_ids(conn, "facts", "organization:papyrus") == fact_ids
        # a changed document replaces its text and facts in the index
        changed = records[2].model_copy(
            update={
                "title": "Une papeterie vosgienne",
                "content_hash": "changed",
                "amounts": [],
                "jobs": [],
                "projects": [],
            }
        )
        store.put(changed)
        assert fts_ids(conn, "documents", "papyrus") == {papyrus}  # still in its text
        assert fts_ids(conn, "documents", "title:papyrus") == set()
        assert fts_ids(conn, "documents", "title:vosgienne") == {papyrus}
        assert fts_ids(conn, "facts", "organization:papyrus") == set()
        with store.transaction():
            conn.execute("DELETE FROM documents")  # facts go by cascade, their index entries too
        assert fts_ids(conn, "facts", "bpifrance") == set()
        assert fts_ids(conn, "documents", "ales") == set()
        for table in ("documents", "facts"):
            conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('integrity-check')")


def _old_store(path: Path, version: int, records: list[Record]) -> None:
    """A store as the extractor of schema ``version`` wrote it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:version]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {version}")
    fact_cols = FACT_COLUMNS if version >= 2 else FACT_COLUMNS[: FACT_COLUMNS.index("purpose")]
    for doc_id, rec in enumerate(records, start=1):
        conn.execute(
            "INSERT INTO documents (id, source, title, published, kind, content_hash,"
            " pipeline_version, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                rec.source,
                rec.title,
                rec.published.isoformat(),
                rec.kind,
                rec.content_hash,
                rec.pipeline_version,
                rec.text,
            ),
        )
        for row in fact_rows(rec):
            values = dict(zip(("list", *FACT_WRITE_COLUMNS), row, strict=True))
            cols = ", ".join(f'"{c}"' for c in ("list", *fact_cols))
            conn.execute(
                f"INSERT INTO facts (document_id, {cols}) VALUES (?, {', '.join('?' * (len(fact_cols) + 1))})",
                (doc_id, values["list"], *(values[c] for c in fact_cols)),
            )
        if version >= 2:
            for project in rec.projects:
                data = project.model_dump(mode="json")
                data["amounts"], data["jobs"] = str(data["amounts"]), str(data["jobs"])
                cols = ", ".join(f'"{c}"' for c in PROJECT_COLUMNS)
                conn.execute(
                    f"INSERT INTO projects (document_id, {cols}) VALUES (?, {', '.join('?' * len(PROJECT_COLUMNS))})",
                    (doc_id, *(data[c] for c in PROJECT_COLUMNS)),
                )
    conn.close()


def test_a_schema_2_store_upgrades_with_parents_positions_and_search(tmp_path):
    records = linked_records()
    path = tmp_path / "v2.db"
    _old_store(path, 2, records)
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS) >= 3
        conn = store.conn
        aid = rows(conn, "SELECT * FROM aides WHERE organisation = 'Envision AESC'")[0]
        assert (aid["departement"], aid["region"], aid["partie_de"]) == (
            "Nord",
            "Hauts-de-France",
            "450 millions d'euros",
        )
        linked = rows(
            conn, "SELECT extrait FROM projets_faits WHERE organisation_projet = 'Papyrus'"
        )
        assert sorted(r["extrait"] for r in linked) == ["120 emplois", "35 emplois"]
        assert fts_ids(conn, "documents", "papyrus")
        assert fts_ids(conn, "facts", "organization:bpifrance")
        assert [r.source for r in store.iter_records()] == [r.source for r in records]
        # a store upgraded and a store written by this version hold the same rows
        fresh = tmp_path / "v3.db"
        with Store(fresh) as new:
            for rec in records:
                new.put(rec)
            for view in ("montants", "emplois", "projets_faits"):
                sql = f"SELECT * FROM {view} ORDER BY fait_id"
                assert rows(conn, sql) == rows(new.conn, sql), view


def test_a_schema_1_store_upgrades_and_its_territories_get_their_parents(tmp_path):
    records = linked_records()
    path = tmp_path / "v1.db"
    _old_store(path, 1, records)
    with Store(path) as store:
        conn = store.conn
        douai = rows(
            conn,
            "SELECT departement_name, region_name FROM facts"
            " WHERE list = 'territory' AND name = 'Douai'",
        )
        assert douai == [{"departement_name": "Nord", "region_name": "Hauts-de-France"}]
        # schema 1 had no links: the amounts are in the views, without a place
        assert {r["territoire"] for r in rows(conn, "SELECT territoire FROM montants")} == {None}
        assert fts_ids(conn, "documents", "verallia")


def test_packaged_metadata_names_only_what_the_store_has(tmp_path):
    """Every table, facet, sort, search and canned query of the metadata fits the schema."""
    from extractor.serve import DATABASE, Observatory, load_metadata

    metadata = load_metadata()["databases"][DATABASE]
    with Store(tmp_path / "s.db") as store:
        for rec in linked_records():
            store.put(rec)
        conn = store.conn
        Observatory().prepare_connection(conn)
        for name, table in metadata["tables"].items():
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({name})")}
            assert columns, f"{name} is not in the store"
            named = [*table.get("facets", []), *table.get("columns", {})]
            named += [table[k] for k in ("sort", "sort_desc", "fts_pk") if k in table]
            assert set(named) <= columns, (name, set(named) - columns)
            if "fts_table" in table:
                conn.execute(f"SELECT rowid FROM {table['fts_table']} LIMIT 1")
        for name, canned in metadata["queries"].items():
            params = dict.fromkeys(canned["params"], "")
            assert set(re.findall(r":(\w+)", canned["sql"])) == set(params), name
            conn.execute(canned["sql"], params).fetchall()


# -- the server -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def observatory(tmp_path_factory, extractor):
    """A store of the sample corpus (real batch) and the linked records, its briefings, a server."""
    from extractor.batch import run_batch
    from extractor.briefing import write_briefings

    root = tmp_path_factory.mktemp("observatory")
    db = root / "extractor.db"
    summary = run_batch([str(p) for p in SAMPLE], db, extractor=extractor, progress=False)
    assert summary.failed == 0 and summary.new >= 9
    records = linked_records()
    with Store(db) as store:
        for rec in records:
            store.put(rec)
        everything = list(store.iter_records())
    write_briefings(everything, root / "briefings")
    port = free_port()
    log = (root / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "extractor.cli",
            "serve",
            "--store",
            str(db),
            "--port",
            str(port),
            "--briefings",
            str(root / "briefings"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 90
            while True:
                assert proc.poll() is None, (root / "serve.log").read_text()
                try:
                    if client.get("/-/versions.json").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "the observatory did not start"
                time.sleep(0.2)
            yield {
                "client": client,
                "base": base,
                "db": db,
                "root": root,
                "records": records,
                "briefings": root / "briefings",
                "log": root / "serve.log",
            }
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def words(text: str) -> str:
    """Text with any run of spaces (no-break ones too: French numbers) as one space."""
    return " ".join(text.split())


def cells_of(tree, column: str) -> list:
    """The cells of one column of the page's table of rows."""
    return tree.xpath(
        "//table[contains(@class, 'rows-and-columns')]//td"
        f"[contains(concat(' ', normalize-space(@class), ' '), ' col-{column} ')]"
    )


def get_json(obs, path: str, **params) -> dict | list:
    response = obs["client"].get(path, params=params)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def query(obs, sql: str, *args) -> list[dict]:
    with sqlite3.connect(obs["db"]) as conn:
        return rows(conn, sql, *args)


def test_server_says_it_listens_on_loopback_only(observatory):
    assert "loopback only" in observatory["log"].read_text()
    databases = get_json(observatory, "/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in databases] == [(DB, True)]  # no _memory db


def test_views_are_served_with_french_metadata_and_sorted_by_amount(observatory):
    tables = [v["name"] for v in get_json(observatory, f"/{DB}.json")["views"]]
    assert {
        "projets",
        "projets_faits",
        "montants",
        "investissements",
        "aides",
        "emplois",
        "creations_emplois",
        "suppressions_emplois",
    } <= set(tables)
    page = observatory["client"].get(f"/{DB}/investissements").text
    assert "<h1" in page and "Investissements" in page and "du plus gros au plus petit" in page
    data = get_json(observatory, f"/{DB}/investissements.json", _shape="objects")
    amounts = [r["montant_eur"] for r in data["rows"]]
    expected = query(
        observatory, "SELECT value FROM facts WHERE list = 'amount' AND purpose = 'investment'"
    )
    assert sorted(amounts) == sorted(r["value"] for r in expected) and len(amounts) >= 5
    assert amounts == sorted(amounts, reverse=True)  # the metadata's sort: largest first
    top = data["rows"][0]
    assert (top["organisation"], top["departement"], top["region"]) == (
        "Envision AESC",
        "Nord",
        "Hauts-de-France",
    )
    # the sample corpus is there, through the real batch, beside the linked records
    titles = get_json(
        observatory, f"/{DB}/documents.json", _shape="array", _col="title", _size="max"
    )
    assert len(titles) == query(observatory, "SELECT COUNT(*) AS n FROM documents")[0]["n"] == 13
    assert "Haute-Marne : la fonderie de Bayard reprise, 95 emplois sauvegardés" in {
        r["title"] for r in titles
    }


def test_facets_count_what_the_store_holds(observatory):
    data = get_json(observatory, f"/{DB}/montants.json", _size=0)
    facets = data["facet_results"]
    assert {"objet", "region", "departement", "territoire", "organisation", "mois"} <= set(facets)
    counted = {r["value"]: r["count"] for r in facets["region"]["results"]}
    expected = query(
        observatory,
        "SELECT region_name AS v, COUNT(*) AS n FROM facts"
        " WHERE list = 'amount' AND region_name IS NOT NULL GROUP BY region_name",
    )
    assert counted == {r["v"]: r["n"] for r in expected}
    assert (
        counted["Hauts-de-France"] >= 4
    )  # the four hand-made facts, and what the corpus links there
    by_purpose = {r["value"]: r["count"] for r in facets["objet"]["results"]}
    assert by_purpose["investissement"] == len(
        query(observatory, "SELECT 1 FROM facts WHERE list = 'amount' AND purpose = 'investment'")
    )
    jobs = get_json(observatory, f"/{DB}/emplois.json", _size=0)["facet_results"]
    assert {r["value"] for r in jobs["nature"]["results"]} >= {"supprimés", "créés"}
    # a facet value filters the view
    nord = get_json(observatory, f"/{DB}/montants.json", departement="Nord", _shape="array")
    assert {5e6, 30e6, 450e6} <= {r["montant_eur"] for r in nord}
    assert {r["departement"] for r in nord} == {"Nord"}


def canned(obs, name: str, **params) -> list[dict]:
    return get_json(obs, f"/{DB}/{name}.json", _shape="array", **params)


def test_canned_query_investments_of_a_region_since_a_date(observatory):
    args = {"region": "hauts de france", "depuis": f"{YEAR}-01-01"}
    big = canned(observatory, "investissements_region", min_millions="10", **args)
    # the sample corpus adds its own linked facts: the hand-made ones must be there, and
    # every row must meet the filters
    assert (450e6, "Envision AESC") in [(r["montant_eur"], r["organisation"]) for r in big]
    assert all(r["montant_eur"] >= 10e6 for r in big)
    small = canned(observatory, "investissements_region", min_millions="1", **args)
    assert {450e6, 5e6} <= {r["montant_eur"] for r in small} and 25e6 not in {
        r["montant_eur"] for r in small
    }  # Lens was last year
    assert [r["montant_eur"] for r in small] == sorted(
        (r["montant_eur"] for r in small), reverse=True
    )
    ever = canned(observatory, "investissements_region", region="32", depuis="", min_millions="")
    assert {5e6, 25e6, 450e6} <= {r["montant_eur"] for r in ever}


def test_canned_query_job_cuts_of_a_departement_in_a_year(observatory):
    this_year = canned(observatory, "suppressions_departement", departement="vosges", annee="")
    assert [(r["emplois"], r["territoire"]) for r in this_year] == [(120, "Saint-Dié-des-Vosges")]
    last_year = canned(
        observatory, "suppressions_departement", departement="88", annee=str(YEAR - 1)
    )
    assert [(r["emplois"], r["territoire"]) for r in last_year] == [(40, "Épinal")]
    elsewhere = canned(
        observatory, "suppressions_departement", departement="Meurthe-et-Moselle", annee=""
    )
    assert [r["emplois"] for r in elsewhere] == [35]


def test_canned_query_projects_of_an_organization(observatory):
    found = canned(observatory, "projets_organisation", organisation="bpi")
    roles = {(r["nature"], r["organisation"]): r["role"] for r in found}
    assert roles[("aide", "Bpifrance")] == "porteur"
    assert roles[("signature", "Alès Agglomération")] == "signataire"
    assert ("investissement", "Verallia") not in roles  # same document, not Bpifrance's project
    for r in found:  # every project found names Bpifrance somewhere in its document
        names = query(
            observatory,
            "SELECT name, organization FROM facts WHERE document_id = ?",
            r["document_id"],
        )
        assert any("bpifrance" in fold(n["name"] or n["organization"] or "") for n in names)
    assert canned(observatory, "projets_organisation", organisation="") == []


def test_canned_query_amounts_of_a_territory_and_what_it_contains(observatory):
    gard = canned(
        observatory, "montants_territoire", territoire="Gard", du="", au="", min_millions=""
    )
    assert {12e6, 20e6} <= {r["montant_eur"] for r in gard}
    agglo = canned(
        observatory, "montants_territoire", territoire="200066918", du="", au="", min_millions="15"
    )
    assert 20e6 in [r["montant_eur"] for r in agglo]  # Alès lies in Alès Agglomération
    assert all(r["montant_eur"] >= 15e6 for r in agglo) and 12e6 not in [
        r["montant_eur"] for r in agglo
    ]
    dated = canned(
        observatory,
        "montants_territoire",
        territoire="Hauts-de-France",
        du=f"{YEAR - 1}-01-01",
        au=f"{YEAR - 1}-12-31",
        min_millions="",
    )
    assert 25e6 in [r["montant_eur"] for r in dated]
    assert 450e6 not in [r["montant_eur"] for r in dated]  # this year's, not last year's


def test_full_text_search_over_documents_and_facts(observatory):
    texts = query(observatory, "SELECT id, title, text FROM documents")
    expected = {t["id"] for t in texts if re.search(r"\bales\b", fold(f"{t['title']} {t['text']}"))}
    found = get_json(
        observatory, f"/{DB}/documents.json", _search="ales", _shape="array", _col="id"
    )
    assert {r["id"] for r in found} == expected and len(expected) >= 2  # "Alès" without its accent
    facts = get_json(observatory, f"/{DB}/montants.json", _search="Envision", _shape="array")
    assert sorted(r["montant_eur"] for r in facts) == [5e6, 30e6, 450e6]
    page = (
        observatory["client"].get(f"/{DB}/suppressions_emplois", params={"_search": "papyrus"}).text
    )
    assert 'name="_search"' in page  # the search box is configured on the view


def test_json_and_csv_apis(observatory):
    data = get_json(observatory, f"/{DB}/projets.json")
    assert {"rows", "columns"} <= set(data) and "organisation" in data["columns"]
    assert len(data["rows"]) == query(observatory, "SELECT COUNT(*) AS n FROM projects")[0]["n"]
    csv = observatory["client"].get(f"/{DB}/creations_emplois.csv")
    assert csv.status_code == 200 and csv.text.splitlines()[0].startswith("fait_id,emplois,")
    counted = get_json(
        observatory, f"/{DB}.json", sql="SELECT COUNT(*) AS n FROM facts", _shape="array"
    )
    assert counted == query(observatory, "SELECT COUNT(*) AS n FROM facts")


def test_every_row_links_to_its_document_and_its_briefing_page(observatory):
    from extractor.briefing.views import document_slug

    douai, lens = observatory["records"][0], observatory["records"][1]
    (observatory["briefings"] / "documents" / f"{document_slug(lens)}.md").unlink()
    doc_id = {r["source"]: r["id"] for r in query(observatory, "SELECT id, source FROM documents")}
    page = observatory["client"].get(f"/{DB}/investissements").text
    tree = lxml_html.fromstring(page)
    cells = {td.text_content(): td for td in cells_of(tree, "document")}
    douai_cell = cells[f"{douai.title} · fiche"]
    links = [a.get("href") for a in douai_cell.xpath(".//a")]
    assert links == [
        f"/{DB}/documents/{doc_id[douai.source]}",
        f"/briefings/documents/{document_slug(douai)}.md",
    ]
    lens_cell = cells[lens.title]  # its page is gone: no link to it
    assert [a.get("href") for a in lens_cell.xpath(".//a")] == [
        f"/{DB}/documents/{doc_id[lens.source]}"
    ]
    briefing = observatory["client"].get(links[1])
    assert briefing.status_code == 200 and briefing.headers["content-type"].startswith("text/plain")
    assert "Envision" in briefing.text
    document = observatory["client"].get(links[0])
    assert document.status_code == 200 and "Envision AESC" in document.text
    euros = {
        words(span.get("title")): words(span.text_content())
        for span in tree.xpath("//span[@title]")
    }
    assert euros["450 000 000 €"] == "450 M€"  # euros the French way, exact on hover


def test_nothing_can_be_written_through_the_page(observatory):
    client = observatory["client"]
    before = query(
        observatory,
        "SELECT (SELECT COUNT(*) FROM documents) AS d, (SELECT COUNT(*) FROM facts) AS f",
    )
    attempts = [
        client.post(f"/{DB}", data={"sql": "DELETE FROM facts"}),
        client.post(
            f"/{DB}/investissements_region", data={"region": "x", "depuis": "", "min_millions": ""}
        ),
        client.post(f"/{DB}/documents/-/insert", json={"row": {"source": "x"}}),
        client.post(f"/{DB}/facts/1/-/delete"),
        client.put(f"/{DB}/documents"),
        client.get(f"/{DB}.json", params={"sql": "DELETE FROM facts"}),
        client.get(f"/{DB}.json", params={"sql": "SELECT 1; DELETE FROM facts"}),
        client.get(f"/{DB}.json", params={"sql": "UPDATE documents SET title = 'x'"}),
    ]
    for response in attempts:
        assert 400 <= response.status_code < 500, (response.request.url, response.status_code)
    assert attempts[0].status_code == 405 and "lecture seule" in attempts[0].text
    after = query(
        observatory,
        "SELECT (SELECT COUNT(*) FROM documents) AS d, (SELECT COUNT(*) FROM facts) AS f",
    )
    assert after == before


def test_serve_refuses_a_missing_store_and_warns_off_loopback(tmp_path):
    from extractor.cli import app

    result = CliRunner().invoke(
        app, ["serve", "--store", str(tmp_path / "absent.db"), "--host", "0.0.0.0"]
    )
    assert result.exit_code == 1
    assert "anyone who reaches this port" in result.output and "no store at" in result.output
    assert not (tmp_path / "absent.db").exists()


# -- in a browser ---------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(args: list[str], profile: Path) -> str:
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--window-size=1400,900",
            "--virtual-time-budget=3000",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary (Debian: apt-get install chromium)"
)
def test_a_browser_renders_the_projects_and_a_territory(observatory, tmp_path):
    base, profile = observatory["base"], tmp_path / "profile"
    pages = {
        "projets": f"{base}/{DB}/projets",
        "montants_gard": f"{base}/{DB}/montants?departement=Gard",
    }
    doms = {
        name: lxml_html.fromstring(chromium(["--dump-dom", url], profile))
        for name, url in pages.items()
    }

    projects = doms["projets"]
    assert projects.xpath("//h1")[0].text_content().startswith("Projets")
    shown = [td.text_content().strip() for td in cells_of(projects, "organisation")]
    served = get_json(observatory, f"/{DB}/projets.json", _shape="array")
    assert sorted(shown) == sorted((r["organisation"] or "").strip() for r in served)
    assert "Envision AESC" in shown
    # the page's script ran: column labels folded under a summary, and on hover
    assert projects.xpath("//details/summary")[0].text_content().startswith("Colonnes")
    assert any(th.get("title") for th in projects.xpath("//th[@data-column-description]"))

    gard = doms["montants_gard"]
    departements = [td.text_content().strip() for td in cells_of(gard, "departement")]
    expected = query(observatory, "SELECT COUNT(*) AS n FROM montants WHERE departement = 'Gard'")[
        0
    ]["n"]
    assert departements == ["Gard"] * expected and expected >= 2
    amounts = [words(td.text_content()) for td in cells_of(gard, "montant_eur")]
    assert {"20 M€", "12 M€"} <= set(amounts)  # written in French
    assert amounts.index("20 M€") < amounts.index("12 M€")  # sorted by amount, largest first

    for name, url in pages.items():
        shot = tmp_path / f"{name}.png"
        chromium([f"--screenshot={shot}", url], profile)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
