"""Batch runs: incremental, resumable after SIGKILL, safe when concurrent, same facts on any engine."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from extractor.batch import run_batch, url_list
from extractor.document import Document, DocumentError
from extractor.records import Amount, Job, Record, Territory, error_record
from extractor.store import Store, StoreLocked

TOWNS = ("Montbéliard", "Dunkerque", "Roanne", "Figeac", "Lacq", "Vierzon", "Tarbes")
COMPANIES = ("Forges de l'Est", "Cartonnerie Dubreuil", "Sofradim", "Aubert Mécanique")


def article(i: int, revision: int = 0) -> str:
    """A short, realistic, generated French news item with one amount, one job count, one town."""
    town, company = TOWNS[i % len(TOWNS)], COMPANIES[i % len(COMPANIES)]
    millions, jobs = 3 + i % 40 + revision, 10 + 5 * (i % 9)
    return (
        f"{company} va investir {millions} millions d'euros dans son site de {town}. "
        f"Le projet doit créer {jobs} emplois d'ici deux ans, selon la direction."
    )


class FakeExtractor:
    """Deterministic stand-in for the pipeline: regex facts, failures on demand, a call log."""

    version = "fake-1"

    def __init__(self, fail: Iterable[str] = (), delay: float = 0.0) -> None:
        self.fail = set(fail)
        self.delay = delay
        self.extracted: list[str] = []

    def extract_many(self, items: Iterable[Document]) -> Iterator[Record]:
        for doc in items:
            self.extracted.append(doc.source)
            time.sleep(self.delay)
            if doc.errors and not doc.text.strip():  # as the real Extractor: unreadable source
                yield error_record(doc, doc.errors[-1], self.version)
                continue
            if doc.source in self.fail:
                err = DocumentError(stage="extract", type="Boom", message="simulated failure")
                yield error_record(doc, err, self.version)
                continue
            yield fake_record(doc, self.version)


def fake_record(doc: Document, version: str = "fake-1") -> Record:
    rec = Record(
        source=doc.source, text=doc.text, content_hash=doc.content_hash, pipeline_version=version
    )
    for m in re.finditer(r"(\d+) millions d'euros", doc.text):
        rec.amounts.append(
            Amount(
                value_eur=int(m[1]) * 1e6,
                text=m[0],
                start=m.start(),
                end=m.end(),
                sentence=doc.text,
            )
        )
    for m in re.finditer(r"(\d+) emplois", doc.text):
        rec.jobs.append(
            Job(
                count=int(m[1]),
                kind="created",
                text=m[0],
                start=m.start(),
                end=m.end(),
                sentence=doc.text,
            )
        )
    for town in TOWNS:
        if (k := doc.text.find(town)) >= 0:
            rec.territories.append(
                Territory(
                    name=town,
                    kind="commune",
                    text=town,
                    start=k,
                    end=k + len(town),
                    sentence=doc.text,
                )
            )
    return rec


def write_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"article_{i:03d}.txt"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    return paths


def docs_of(paths: Iterable[Path]) -> list[Document]:
    """Tiny loader for .txt files, so the store tests do not depend on extractor.sources."""
    return [Document(source=str(p), text=p.read_text(encoding="utf-8")) for p in paths]


def snapshot(path: Path) -> tuple[list[tuple], list[tuple]]:
    with Store(path) as st:
        docs = [tuple(r) for r in st.conn.execute("SELECT * FROM documents ORDER BY id")]
        facts = [tuple(r) for r in st.conn.execute("SELECT * FROM facts ORDER BY id")]
    return docs, facts


def test_second_run_extracts_nothing_and_changes_nothing(tmp_path):
    paths = write_corpus(tmp_path / "corpus", 12)
    db = tmp_path / "x.db"
    first = FakeExtractor()
    s1 = run_batch(docs_of(paths), db, extractor=first, commit_every=5)
    assert (s1.new, s1.skipped, s1.failed) == (12, 0, 0)
    assert s1.facts == {"territory": 12, "amount": 12, "job": 12, "actor": 0, "organization": 0}
    before = snapshot(db)

    again = FakeExtractor()
    s2 = run_batch(docs_of(paths), db, extractor=again)
    assert again.extracted == []
    assert (s2.new, s2.updated, s2.skipped) == (0, 0, 12)
    assert snapshot(db) == before

    paths[4].write_text(article(4, revision=7), encoding="utf-8")
    third = FakeExtractor()
    s3 = run_batch(docs_of(paths), db, extractor=third)
    assert third.extracted == [str(paths[4])]
    assert (s3.new, s3.updated, s3.skipped) == (0, 1, 11)
    with Store(db) as st:
        (rec,) = st.iter_records(sources=[str(paths[4])])
        assert rec.amounts[0].value_eur == (3 + 4 + 7) * 1e6
        assert [r.new for r in st.runs()] == [12, 0, 0]


def test_new_pipeline_version_re_extracts_everything(tmp_path):
    paths = write_corpus(tmp_path / "corpus", 3)
    db = tmp_path / "x.db"
    run_batch(docs_of(paths), db, extractor=FakeExtractor())
    newer = FakeExtractor()
    newer.version = "fake-2"
    assert run_batch(docs_of(paths), db, extractor=newer).updated == 3


def test_failed_document_is_stored_with_its_error_and_retried(tmp_path):
    paths = write_corpus(tmp_path / "corpus", 4)
    db = tmp_path / "x.db"
    s1 = run_batch(docs_of(paths), db, extractor=FakeExtractor(fail={str(paths[2])}))
    assert (s1.new, s1.failed) == (3, 1)
    with Store(db) as st:
        (bad,) = st.iter_records(sources=[str(paths[2])])
    assert bad.errors[0].type == "Boom" and not bad.amounts

    retry = FakeExtractor()
    s2 = run_batch(docs_of(paths), db, extractor=retry)
    assert retry.extracted == [str(paths[2])]
    assert (s2.updated, s2.skipped, s2.failed) == (1, 3, 0)
    with Store(db) as st:
        assert all(not r.errors and r.amounts for r in st.iter_records())


def test_unreadable_source_becomes_a_failed_document(tmp_path):
    paths = write_corpus(tmp_path / "corpus", 2)
    missing = str(tmp_path / "corpus" / "absent.txt")
    summary = run_batch([*map(str, paths), missing], tmp_path / "x.db", extractor=FakeExtractor())
    assert (summary.new, summary.failed) == (2, 1)
    with Store(tmp_path / "x.db") as st:
        (rec,) = st.iter_records(sources=[missing])
    assert rec.errors


def test_a_run_refuses_a_store_held_by_another(tmp_path):
    db = tmp_path / "x.db"
    with (
        Store(db) as other,
        other.run_lock(),
        pytest.raises(StoreLocked, match="another batch run"),
    ):
        run_batch(
            docs_of(write_corpus(tmp_path / "c", 1)),
            db,
            extractor=FakeExtractor(),
            lock_timeout=0.2,
        )
    with Store(db) as st:
        assert st.runs() == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["https://a.fr/1", "", "# commentaire", "http://b.fr/2 "],
            ["https://a.fr/1", "http://b.fr/2"],
        ),
        (["https://a.fr/1", "Une ligne d'article ordinaire."], None),
        (["L'usine de Roanne embauche.", "https://a.fr/1"], None),
        (["", "# rien"], None),
    ],
    ids=["all-urls", "url-then-prose", "prose-first", "only-comments"],
)
def test_url_list_files(tmp_path, lines, expected):
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert url_list(path) == expected


# -- processes: killed, concurrent ------------------------------------------------------

SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_batch import FakeExtractor, docs_of
from extractor.batch import run_batch
paths = sorted(Path({corpus!r}).glob("*.txt"))
summary = run_batch(docs_of(paths), {db!r}, extractor=FakeExtractor(delay={delay}),
                    commit_every=3, lock_timeout=60)
print(summary.model_dump_json())
"""


def start_batch(corpus: Path, db: Path, delay: float) -> subprocess.Popen:
    code = SCRIPT.format(
        tests=str(Path(__file__).parent), corpus=str(corpus), db=str(db), delay=delay
    )
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True
    )


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with Store(db) as st:
            return st.count_documents()
    except Exception:  # being created right now
        return 0


def assert_complete(db: Path, paths: list[Path]) -> None:
    """Every document stored once, with exactly the facts of a whole extraction."""
    with Store(db) as st:
        assert st.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        records = {r.source: r for r in st.iter_records()}
        assert st.count_documents() == len(paths)
    for doc in docs_of(paths):
        assert records[doc.source] == fake_record(doc)


@pytest.mark.slow
def test_run_killed_midway_resumes_without_loss_or_duplicates(tmp_path):
    paths = write_corpus(tmp_path / "corpus", 60)
    db = tmp_path / "x.db"
    proc = start_batch(tmp_path / "corpus", db, delay=0.03)
    deadline = time.monotonic() + 60
    while stored_count(db) < 10 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as st:
        done = {r.source: r for r in st.iter_records()}
        assert st.last_run().finished_at is None  # the killed run never finished
    assert 10 <= len(done) < 60, "kill the run partway"
    for doc in docs_of(paths):  # no partial document: stored ones are whole
        if doc.source in done:
            assert done[doc.source] == fake_record(doc)

    resumed = FakeExtractor()
    summary = run_batch(docs_of(paths), db, extractor=resumed)
    assert set(resumed.extracted).isdisjoint(done)
    assert len(resumed.extracted) == len(set(resumed.extracted)) == 60 - len(done)
    assert (summary.new, summary.skipped) == (60 - len(done), len(done))
    assert_complete(db, paths)


@pytest.mark.slow
def test_concurrent_runs_on_one_store_do_not_corrupt_it(tmp_path):
    import json

    paths = write_corpus(tmp_path / "corpus", 20)
    db = tmp_path / "x.db"
    procs = [start_batch(tmp_path / "corpus", db, delay=0.01) for _ in range(2)]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    summaries = [json.loads(out.splitlines()[-1]) for out in outputs]
    # the lock serialises them: one extracted everything, the other found it all stored
    assert sorted(s["new"] for s in summaries) == [0, 20]
    assert sorted(s["skipped"] for s in summaries) == [0, 20]
    assert_complete(db, paths)


# -- the real pipeline on every engine --------------------------------------------------


def _dump(db: Path) -> dict[str, dict]:
    with Store(db) as st:
        return {Path(r.source).name: r.model_dump(exclude={"source"}) for r in st.iter_records()}


@pytest.mark.slow
def test_engines_give_identical_records(tmp_path, gold_dir, extractor):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(gold_dir.glob("*.txt"))[:3]:
        (corpus / path.name).write_text(path.read_text("utf-8"), encoding="utf-8")
    (corpus / "generated.txt").write_text(article(5) + "\n\n" + article(11), encoding="utf-8")

    local = run_batch([str(corpus)], tmp_path / "local.db", extractor=extractor)
    assert (local.new, local.failed) == (4, 0)
    assert sum(local.facts.values()) > 0
    again = run_batch([str(corpus)], tmp_path / "local.db", extractor=extractor)
    assert (again.new, again.skipped) == (0, 4)

    procs = run_batch(
        [str(corpus)], tmp_path / "proc.db", workers=2, engine="process", chunk_size=1
    )
    dask = run_batch([str(corpus)], tmp_path / "dask.db", workers=2, engine="dask", chunk_size=1)
    expected = _dump(tmp_path / "local.db")
    for summary, name in ((procs, "proc.db"), (dask, "dask.db")):
        assert (summary.new, summary.failed) == (4, 0), summary
        assert summary.facts == local.facts
        assert _dump(tmp_path / name) == expected


@pytest.mark.slow
def test_cli_batch_then_export(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    db = tmp_path / "x.db"
    runner = CliRunner()
    result = runner.invoke(app, ["batch", str(corpus), "--store", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output
    result = runner.invoke(app, ["batch", str(corpus), "--store", str(db)])
    assert "3 unchanged" in result.output
    out = tmp_path / "facts.csv"
    result = runner.invoke(app, ["export", "--store", str(db), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").count("millions d'euros") >= 3
