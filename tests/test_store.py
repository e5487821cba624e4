"""The SQLite store on records built by hand: round trip, replacement, schema, lock, export."""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
import time
from datetime import date

import pytest

from extractor.document import DocumentError
from extractor.records import Actor, Amount, Job, Organization, Project, Record, Territory
from extractor.store import SCHEMA_VERSION, Store, StoreError, StoreLocked, export

TEXT = (
    "Le groupe Verallia investira 38 millions d'euros dans son usine de Cognac, "
    "a indiqué Michel Giannuzzi. Une quarantaine d'emplois seront créés en Charente."
)


def _ev(text: str, sentence: str = TEXT, page: int | None = None) -> dict:
    start = TEXT.index(text)
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "sentence": sentence,
        "page": page,
    }


def full_record(source: str = "articles/verallia.txt", **update) -> Record:
    rec = Record(
        source=source,
        title="Verallia investit à Cognac",
        published=date(2024, 3, 14),
        kind="html",
        content_hash="h1",
        pipeline_version="v1",
        text=TEXT,
        territories=[
            Territory(name="Cognac", kind="commune", code="16102", **_ev("Cognac")),
            Territory(
                name="Charente",
                kind="departement",
                canonical_name="Charente",
                code="16",
                **_ev("Charente", page=2),
            ),
        ],
        amounts=[Amount(value_eur=38e6, qualifier=None, **_ev("38 millions d'euros"))],
        jobs=[Job(count=40, kind="created", qualifier="environ", **_ev("quarantaine d'emplois"))],
        actors=[
            Actor(
                name="Michel Giannuzzi",
                role="PDG",
                organization="Verallia",
                aliases=["M. Giannuzzi"],
                **_ev("Michel Giannuzzi"),
            )
        ],
        organizations=[Organization(name="Verallia", **_ev("Verallia"))],
    )
    return rec.model_copy(update=update)


def failed_record(source: str = "https://example.org/down", **update) -> Record:
    err = DocumentError(stage="fetch", type="HTTPError", message="503 Service Unavailable")
    return Record(
        source=source, kind="url", content_hash="e0", pipeline_version="v1", errors=[err]
    ).model_copy(update=update)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "x.db") as st:
        yield st


def rows(st: Store, table: str) -> list[tuple]:
    return [tuple(r) for r in st.conn.execute(f"SELECT * FROM {table} ORDER BY id")]


@pytest.mark.parametrize(
    "record",
    [full_record(), failed_record(), Record(source="vide.txt", content_hash="x", text="Rien ici.")],
    ids=["all-lists-and-evidence", "failed-with-error", "no-facts"],
)
def test_record_round_trips_through_the_store(store, record):
    assert store.put(record) in ("new", "failed")
    (back,) = store.iter_records()
    assert back == record


def test_changed_document_replaces_its_facts_and_keeps_its_id(store):
    store.put(full_record())
    doc_id = store.stored("articles/verallia.txt").id
    changed = full_record(content_hash="h2", jobs=[], amounts=[])
    assert store.put(changed) == "updated"
    assert store.stored("articles/verallia.txt").id == doc_id
    assert store.count_documents() == 1
    assert store.fact_counts() == {
        "territory": 2,
        "amount": 0,
        "job": 0,
        "actor": 1,
        "organization": 1,
    }
    assert list(store.iter_records()) == [changed]


def test_failure_does_not_replace_a_good_version(store):
    good = full_record(source="https://example.org/a")
    store.put(good)
    assert store.put(failed_record(source="https://example.org/a")) == "kept"
    assert list(store.iter_records()) == [good]


@pytest.mark.parametrize(
    ("stored", "content_hash", "version", "current"),
    [
        (full_record(), "h1", "v1", True),
        (full_record(), "h2", "v1", False),
        (full_record(), "h1", "v2", False),
        (failed_record(source="articles/verallia.txt", content_hash="h1"), "h1", "v1", False),
        (None, "h1", "v1", False),
    ],
    ids=["unchanged", "content-changed", "pipeline-changed", "stored-with-error", "never-seen"],
)
def test_is_current(store, stored, content_hash, version, current):
    if stored is not None:
        store.put(stored)
    assert store.is_current("articles/verallia.txt", content_hash, version) is current


def test_fresh_store_is_migrated_in_wal_mode_with_indexes(store):
    assert store.schema_version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    indexes = {
        r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")
    }
    assert {"facts_list_name", "documents_content_hash"} <= indexes


def test_deleting_a_document_cascades_to_its_facts(store):
    store.put(full_record())
    with store.transaction():
        store.conn.execute("DELETE FROM documents")
    assert rows(store, "facts") == []


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this extractor"):
        Store(path)


def test_missing_store_is_refused_without_create(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_second_run_lock_times_out_with_a_clear_message(tmp_path):
    path = tmp_path / "x.db"
    with Store(path) as a, Store(path) as b, a.run_lock():
        t0 = time.monotonic()
        with pytest.raises(StoreLocked, match="another batch run"), b.run_lock(timeout=0.3):
            pass
        assert time.monotonic() - t0 >= 0.3


def test_second_run_lock_waits_for_the_first(tmp_path):
    path = tmp_path / "x.db"
    released = threading.Event()
    with Store(path) as a, Store(path) as b:
        a_lock = a.run_lock()
        a_lock.__enter__()

        def release() -> None:
            time.sleep(0.3)
            released.set()
            a_lock.__exit__(None, None, None)

        threading.Thread(target=release).start()
        with b.run_lock(timeout=5):
            assert released.is_set()


def test_runs_and_records_of_one_run(store):
    first = store.begin_run("local", 1)
    store.put(full_record(source="a"), run_id=first)
    store.update_run(
        first, new=1, updated=0, skipped=0, failed=0, facts={"amount": 1}, finished=True
    )
    second = store.begin_run("process", 2)
    store.put(full_record(source="b"), run_id=second)
    runs = store.runs()
    assert [r.id for r in runs] == [first, second]
    assert runs[0].finished_at is not None and runs[0].new == 1 and runs[0].facts == {"amount": 1}
    assert store.last_run().finished_at is None  # still running (or killed)
    assert [r.source for r in store.iter_records(second)] == ["b"]
    assert [r.source for r in store.iter_records(sources=["b", "zz", "a"])] == ["a", "b"]


@pytest.fixture
def filled(store):
    for i in range(7):
        store.put(full_record(source=f"doc{i}.txt"))
    store.put(failed_record())
    return store


def test_export_jsonl_gives_every_record_back(filled, tmp_path):
    out = tmp_path / "out.jsonl"
    assert export(filled, out) == 8
    lines = out.read_text("utf-8").splitlines()
    assert [Record.model_validate_json(line) for line in lines] == list(filled.iter_records())


def test_export_csv_one_fact_per_row(filled, tmp_path):
    out = tmp_path / "out.csv"
    n = export(filled, out)
    with out.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert n == len(table) == 7 * 6  # six facts per record
    job = next(r for r in table if r["list"] == "job" and r["source"] == "doc3.txt")
    assert (float(job["value"]), job["kind"], job["qualifier"]) == (40, "created", "environ")
    actor = next(r for r in table if r["list"] == "actor")
    assert json.loads(actor["extra"]) == {"aliases": ["M. Giannuzzi"]}
    # a row carries the parents of its place, for filtering by area in a spreadsheet
    cognac = next(r for r in table if r["list"] == "territory" and r["code"] == "16102")
    assert (cognac["departement_code"], cognac["region_name"]) == ("16", "Nouvelle-Aquitaine")
    assert cognac["epci_name"]  # Cognac's intercommunality, from the COG


def test_export_parquet_in_row_groups(filled, tmp_path):
    import pyarrow.parquet as pq

    from extractor.store import export_parquet

    out = tmp_path / "out.parquet"
    assert export_parquet(filled, out, row_group_size=10) == 42
    pf = pq.ParquetFile(out)
    assert pf.metadata.num_row_groups == 5
    table = pf.read()
    amounts = [r for r in table.to_pylist() if r["list"] == "amount"]
    assert len(amounts) == 7 and {r["value"] for r in amounts} == {38e6}
    assert table.schema.field("start").type == "int64"


def test_export_of_an_empty_store_writes_a_valid_file(store, tmp_path):
    import pyarrow.parquet as pq

    assert export(store, tmp_path / "e.parquet") == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0


def test_export_refuses_an_unknown_format(filled, tmp_path):
    with pytest.raises(StoreError, match="format"):
        export(filled, tmp_path / "out.xlsx")


# -- linked facts and projects (schema 2) --------------------------------------------------


def linked_record(source: str = "articles/verallia-linked.txt") -> Record:
    """The record with its amount and job count linked and one project grouping them."""
    rec = full_record(source)
    link = {
        "organization": "Verallia",
        "territory": "Cognac",
        "territory_canonical_name": "Cognac",
        "territory_code": "16102",
        "territory_kind": "commune",
        "event": "investment",
    }
    rec.amounts = [
        Amount(value_eur=38e6, purpose="investment", **link, **_ev("38 millions d'euros")),
        Amount(value_eur=8e6, purpose="investment", part_of=0, **link, **_ev("Cognac")),
    ]
    rec.amounts[0].cues.purpose = "investira"
    rec.jobs = [Job(count=40, kind="created", **link, **_ev("quarantaine d'emplois"))]
    rec.projects = [
        Project(
            kind="investment",
            organization="Verallia",
            territory="Cognac",
            territory_code="16102",
            territory_kind="commune",
            date=date(2024, 3, 14),
            amounts=[0, 1],
            jobs=[0],
            investment_eur=38e6,
            jobs_new=40,
            cue="investira",
            **_ev("38 millions d'euros"),
        )
    ]
    return rec


def test_linked_facts_and_projects_round_trip(store):
    record = linked_record()
    store.put(record)
    (back,) = store.iter_records()
    assert back == record
    assert rows(store, "projects")[0][:4] == (1, 1, "investment", "Verallia")
    purposes = store.conn.execute(
        "SELECT purpose, territory_code, part_of FROM facts WHERE list = 'amount' ORDER BY id"
    ).fetchall()
    assert [tuple(r) for r in purposes] == [
        ("investment", "16102", None),
        ("investment", "16102", 0),
    ]


def test_replacing_a_document_replaces_its_projects(store):
    store.put(linked_record())
    changed = linked_record()
    changed.projects = []
    store.put(changed)
    assert rows(store, "projects") == []


def test_a_store_of_schema_1_is_upgraded_and_keeps_its_facts(tmp_path):
    """Stores written before linked facts open, migrate in place and keep every row."""
    from extractor.store.schema import MIGRATIONS

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO documents (source, content_hash, pipeline_version, kind, text)"
        " VALUES ('old.txt', 'h0', '0.1.0+abc', 'text', ?)",
        (TEXT,),
    )
    conn.execute(
        'INSERT INTO facts (document_id, list, value, text, start, "end", sentence)'
        " VALUES (1, 'amount', 38000000, '38 millions d''euros', 22, 40, ?)",
        (TEXT,),
    )
    conn.commit()
    conn.close()
    with Store(db) as st:
        assert st.schema_version == SCHEMA_VERSION
        (old,) = st.iter_records()
        assert old.amounts[0].value_eur == 38e6 and old.amounts[0].purpose is None
        assert old.projects == []
        assert not st.is_current("old.txt", "h0", "0.2.0+abc")  # a new pipeline re-extracts
        st.put(linked_record("old.txt"))
        (new,) = st.iter_records()
        assert new.projects[0].investment_eur == 38e6


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_projects_export_as_their_own_table(store, tmp_path, fmt):
    store.put(linked_record())
    store.put(full_record("articles/unlinked.txt"))  # no project: no row
    out = tmp_path / f"projects.{fmt}"
    assert export(store, out, table="projects") == 1
    if fmt == "csv":
        with out.open(encoding="utf-8") as fh:
            (row,) = list(csv.DictReader(fh))
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        (row,) = pq.read_table(out).to_pylist()
    else:
        (row,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert row["source"] == "articles/verallia-linked.txt"
    assert row["kind"] == "investment" and row["organization"] == "Verallia"
    assert float(row["investment_eur"]) == 38e6 and int(row["jobs_new"]) == 40
