"""Batch runs with the real pipeline: incremental, retried, resumable after SIGKILL, locked."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from extractor.batch import run_batch, url_list
from extractor.document import Document
from extractor.records import Record
from extractor.sources import load
from extractor.store import Store, StoreLocked

PLACES = (
    ("Montbéliard", "Doubs"),
    ("Dunkerque", "Nord"),
    ("Roanne", "Loire"),
    ("Figeac", "Lot"),
    ("Vierzon", "Cher"),
    ("Tarbes", "Hautes-Pyrénées"),
    ("Saint-Dizier", "Haute-Marne"),
    ("Annonay", "Ardèche"),
)
COMPANIES = (
    "Forges de l'Est",
    "Cartonnerie Dubreuil",
    "Aubert Mécanique",
    "Plasturgie Martel",
    "Verrerie du Vimeu",
)
PEOPLE = (
    ("Claire Fontaine", "directrice générale"),
    ("Marc Lebrun", "président"),
    ("Sophie Garnier", "directrice du site"),
)


def article(i: int, revision: int = 0) -> str:
    """A generated French news item: an investment, jobs, places, a quoted manager."""
    town, dept = PLACES[i % len(PLACES)]
    company = COMPANIES[i % len(COMPANIES)]
    person, role = PEOPLE[i % len(PEOPLE)]
    millions, jobs, aid = 3 + i % 40 + revision, 10 + 5 * (i % 9), 150 + 50 * (i % 7)
    return (
        f"{company} va investir {millions} millions d'euros dans son usine de {town} "
        f"({dept}). Le projet doit permettre la création de {jobs} emplois d'ici trois ans. "
        f"« Nous recrutons des soudeurs et des techniciens de maintenance », a expliqué "
        f"{person}, {role} de l'entreprise. La région apporte une subvention de {aid} 000 euros "
        "au titre du programme Territoires d'industrie."
    )


def write_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"article_{i:03d}.txt"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    return paths


def documents(paths: Iterable[Path]) -> list[Document]:
    return [load(p) for p in paths]


class Spy:
    """The real extractor, recording the sources it was given (the pipeline still runs)."""

    def __init__(self, real) -> None:
        self.real = real
        self.version = real.version
        self.extracted: list[str] = []

    def extract_many(self, items: Iterable[Document]) -> Iterator[Record]:
        def seen() -> Iterator[Document]:
            for document in items:
                self.extracted.append(document.source)
                yield document

        return self.real.extract_many(seen())


def snapshot(path: Path) -> tuple[list[tuple], list[tuple]]:
    with Store(path) as st:
        docs = [tuple(r) for r in st.conn.execute("SELECT * FROM documents ORDER BY id")]
        facts = [tuple(r) for r in st.conn.execute("SELECT * FROM facts ORDER BY id")]
    return docs, facts


def stored(db: Path) -> dict[str, Record]:
    with Store(db) as st:
        return {r.source: r for r in st.iter_records()}


def by_name(db: Path) -> dict[str, dict]:
    """Records keyed by file name, so stores of copies of a corpus compare."""
    with Store(db) as st:
        return {Path(r.source).name: r.model_dump(exclude={"source"}) for r in st.iter_records()}


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["local", "process"])
def test_a_run_with_nothing_new_starts_no_pipeline(tmp_path, extractor, engine):
    from extractor import batch

    paths = write_corpus(tmp_path / "corpus", 3)
    db = tmp_path / "x.db"
    run_batch(documents(paths), db, extractor=extractor)
    batch._worker_extractor.cache_clear()
    summary = run_batch(documents(paths), db, engine=engine, workers=2)
    assert (summary.new, summary.skipped) == (0, 3)
    assert batch._worker_extractor.cache_info().currsize == 0


def test_second_run_extracts_nothing_and_a_changed_file_only_itself(tmp_path, extractor):
    paths = write_corpus(tmp_path / "corpus", 6)
    db = tmp_path / "x.db"
    first = Spy(extractor)
    s1 = run_batch(documents(paths), db, extractor=first, commit_every=4)
    assert (s1.new, s1.skipped, s1.failed) == (6, 0, 0)
    assert first.extracted == [str(p) for p in paths]
    assert min(s1.facts["amount"], s1.facts["job"], s1.facts["territory"]) >= 6
    # what the store gives back is exactly what the pipeline extracted
    assert stored(db) == {r.source: r for r in extractor.extract_many(documents(paths))}
    before = snapshot(db)

    again = Spy(extractor)
    s2 = run_batch(documents(paths), db, extractor=again)
    assert again.extracted == []
    assert (s2.new, s2.updated, s2.skipped) == (0, 0, 6)
    assert snapshot(db) == before

    paths[4].write_text(article(4, revision=7), encoding="utf-8")
    third = Spy(extractor)
    s3 = run_batch(documents(paths), db, extractor=third)
    assert third.extracted == [str(paths[4])]
    assert (s3.new, s3.updated, s3.skipped) == (0, 1, 5)
    with Store(db) as st:
        (rec,) = st.iter_records(sources=[str(paths[4])])
        assert (3 + 4 + 7) * 1e6 in {a.value_eur for a in rec.amounts}
        runs = [(r.new, r.updated, r.skipped) for r in st.runs()]
        assert runs == [(6, 0, 0), (0, 0, 6), (0, 1, 5)]
        assert [r.source for r in st.iter_records(s3.run_id)] == [str(paths[4])]
    rows_after, _ = snapshot(db)
    unchanged = [row for row, old in zip(rows_after, before[0], strict=True) if row == old]
    assert len(unchanged) == 5  # the five untouched rows kept their extracted_at and run


@pytest.mark.slow
def test_new_pipeline_version_re_extracts_everything(tmp_path, extractor):
    from extractor.api import Extractor, pipeline_version
    from extractor.resources import model_file

    paths = write_corpus(tmp_path / "corpus", 3)
    db = tmp_path / "x.db"
    run_batch(documents(paths), db, extractor=extractor)
    config = tmp_path / "pipeline.cfg"  # a retuned component: another pipeline version
    default = model_file("pipeline.cfg").read_text("utf-8")
    assert "[components.fr_actors]\n" in default
    config.write_text(
        default.replace("[components.fr_actors]\n", "[components.fr_actors]\nfuzzy = 0.9\n"),
        encoding="utf-8",
    )
    newer = Extractor(config, nlp=extractor.nlp)
    assert newer.version == pipeline_version(config) != extractor.version

    spy = Spy(newer)
    assert run_batch(documents(paths), db, extractor=spy).updated == 3
    assert spy.extracted == [str(p) for p in paths]
    assert {r.pipeline_version for r in stored(db).values()} == {newer.version}
    assert run_batch(documents(paths), db, extractor=newer).skipped == 3


def pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


ENGLISH = (
    "The company said on Tuesday that it would invest twelve million euros in its plant "
    "and hire forty people over the next two years, according to the regional council."
)


@pytest.mark.slow
def test_bad_inputs_are_stored_failed_then_retried_until_they_read(tmp_path, extractor):
    folder = tmp_path / "corpus"
    good = write_corpus(folder, 3)
    report = pdf_bytes(article(21))
    bad = {
        "vide.txt": b"",
        "bruit.txt": random.Random(7).randbytes(4000),
        "rapport.pdf": report[: len(report) // 2],
        "english.txt": ENGLISH.encode(),
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    db = tmp_path / "x.db"

    s1 = run_batch([str(folder)], db, extractor=extractor)
    assert (s1.new, s1.failed) == (3, 4)
    errors = {Path(k).name: {e.type for e in r.errors} for k, r in stored(db).items()}
    assert errors == {
        **{p.name: set() for p in good},
        "vide.txt": {"EmptyFile"},
        "bruit.txt": {"NotText"},
        "rapport.pdf": {"TruncatedPDF"},
        "english.txt": {"NotFrench"},
    }
    assert all(not (r.amounts or r.jobs) for r in stored(db).values() if r.errors)

    # the empty file gets its text, the PDF arrives whole: both read now
    (folder / "vide.txt").write_text(article(22), encoding="utf-8")
    (folder / "rapport.pdf").write_bytes(report)
    retry = Spy(extractor)
    s2 = run_batch([str(folder)], db, extractor=retry)
    failed = sorted(str(folder / n) for n in bad)
    assert sorted(retry.extracted) == failed  # only the failed ones, the good ones skipped
    assert (s2.new, s2.updated, s2.skipped, s2.failed) == (0, 2, 3, 2)
    records = stored(db)
    for name in ("vide.txt", "rapport.pdf"):
        rec = records[str(folder / name)]
        assert not rec.errors and rec.amounts and rec.jobs, name
    assert records[str(folder / "rapport.pdf")].kind == "pdf"

    # a good article overwritten by garbage keeps yesterday's facts
    before = records[str(good[0])]
    good[0].write_bytes(random.Random(8).randbytes(2000))
    s3 = run_batch([str(folder)], db, extractor=extractor)
    assert (s3.updated, s3.skipped, s3.failed) == (0, 4, 3)
    assert stored(db)[str(good[0])] == before


@pytest.mark.slow
def test_missing_file_becomes_a_failed_document(tmp_path, extractor):
    paths = write_corpus(tmp_path / "corpus", 2)
    missing = str(tmp_path / "corpus" / "absent.txt")
    summary = run_batch([*map(str, paths), missing], tmp_path / "x.db", extractor=extractor)
    assert (summary.new, summary.failed) == (2, 1)
    assert {e.type for e in stored(tmp_path / "x.db")[missing].errors} == {"NotFound"}


@pytest.mark.slow
def test_a_run_refuses_a_store_held_by_another(tmp_path, extractor):
    db = tmp_path / "x.db"
    spy = Spy(extractor)
    with (
        Store(db) as other,
        other.run_lock(),
        pytest.raises(StoreLocked, match="another batch run"),
    ):
        run_batch(documents(write_corpus(tmp_path / "c", 1)), db, extractor=spy, lock_timeout=0.2)
    assert spy.extracted == []
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

N_KILLED = 100
FACT_FIELDS = ("territories", "amounts", "jobs", "actors", "organizations")

SCRIPT = """
from extractor import Extractor
from extractor.batch import run_batch
summary = run_batch([{corpus!r}], {db!r}, extractor=Extractor(batch_size=8),
                    commit_every=4, lock_timeout=120, progress=False)
print(summary.model_dump_json())
"""


def start_batch(corpus: Path, db: Path) -> subprocess.Popen:
    code = SCRIPT.format(corpus=str(corpus), db=str(db))
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


@pytest.fixture(scope="module")
def clean(tmp_path_factory, extractor) -> tuple[Path, dict[str, dict]]:
    """A corpus and the records of one uninterrupted run over it, keyed by file name."""
    root = tmp_path_factory.mktemp("clean")
    write_corpus(root / "corpus", N_KILLED)
    summary = run_batch([str(root / "corpus")], root / "clean.db", extractor=extractor)
    assert (summary.new, summary.failed) == (N_KILLED, 0)
    return root / "corpus", by_name(root / "clean.db")


def lock_holder(db: Path) -> int | None:
    """Pid of the run holding the store (written into its lock file)."""
    lock = db.with_name(db.name + ".lock")
    text = lock.read_text().strip() if lock.exists() else ""
    return int(text) if text.isdigit() else None


@pytest.mark.slow
def test_killed_run_is_resumed_by_the_run_waiting_for_the_store(tmp_path, clean):
    corpus, expected = clean
    db = tmp_path / "x.db"
    procs = [start_batch(corpus, db) for _ in range(2)]  # one runs, the other waits
    deadline = time.monotonic() + 90
    while stored_count(db) < 8 and time.monotonic() < deadline:
        assert all(p.poll() is None for p in procs), "a run ended before the kill"
        time.sleep(0.01)
    holder = lock_holder(db)
    (victim,) = [p for p in procs if p.pid == holder]
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    (survivor,) = [p for p in procs if p is not victim]
    out, _ = survivor.communicate(timeout=120)
    assert survivor.returncode == 0
    summary = json.loads(out.splitlines()[-1])

    with Store(db) as st:
        killed, resumed = st.runs()
        assert killed.finished_at is None and resumed.finished_at is not None
        per_run = dict(st.conn.execute("SELECT run_id, COUNT(*) FROM documents GROUP BY run_id"))
        assert st.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n_facts = st.conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    done = per_run.get(killed.id, 0)
    assert 8 <= done < N_KILLED, "kill the run partway"
    # the second run extracted exactly what the killed one had not stored
    assert per_run == {killed.id: done, resumed.id: N_KILLED - done}
    assert (summary["new"], summary["skipped"], summary["failed"]) == (N_KILLED - done, done, 0)
    # every document once, whole: the same records and facts as an uninterrupted run
    assert by_name(db) == expected
    assert n_facts == sum(len(r[f]) for r in expected.values() for f in FACT_FIELDS)


def pool_workers() -> list:
    """This process's pool workers: the fork server's children."""
    import psutil

    me = psutil.Process()
    return [c for c in me.children(recursive=True) if c.ppid() != me.pid]


@pytest.mark.slow
def test_a_killed_worker_fails_its_documents_and_the_run_goes_on(tmp_path, extractor, clean):
    corpus, expected = clean
    db = tmp_path / "x.db"
    killed: list[int] = []

    def kill_a_worker() -> None:  # as the OOM killer would
        deadline = time.monotonic() + 60
        while stored_count(db) < 6 and time.monotonic() < deadline:
            time.sleep(0.01)
        for worker in pool_workers():
            os.kill(worker.pid, signal.SIGKILL)
            killed.append(worker.pid)

    killer = threading.Thread(target=kill_a_worker)
    killer.start()
    summary = run_batch(
        [str(corpus)], db, engine="process", workers=1, chunk_size=2, commit_every=2
    )
    killer.join()
    assert killed, "no worker to kill"
    # only the chunks in flight (two of two documents) failed; new workers did the rest
    assert 1 <= summary.failed <= 4 and summary.new == N_KILLED - summary.failed
    failed = {k for k, r in stored(db).items() if r.errors}
    assert {e.type for k in failed for e in stored(db)[k].errors} == {"BrokenProcessPool"}
    with Store(db) as st:
        assert st.last_run().finished_at is not None

    retry = Spy(extractor)
    run_batch([str(corpus)], db, extractor=retry)
    assert set(retry.extracted) == failed
    assert by_name(db) == expected


# -- every engine ------------------------------------------------------------------------


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

    procs = run_batch(
        [str(corpus)], tmp_path / "proc.db", workers=2, engine="process", chunk_size=1
    )
    # one Dask worker: the distributed path without a second pipeline load
    dask = run_batch([str(corpus)], tmp_path / "dask.db", workers=1, engine="dask", chunk_size=1)
    expected = by_name(tmp_path / "local.db")
    for summary, name in ((procs, "proc.db"), (dask, "dask.db")):
        assert (summary.new, summary.failed) == (4, 0), summary
        assert summary.facts == local.facts
        assert by_name(tmp_path / name) == expected


@pytest.mark.slow
def test_cli_batch_then_export(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    db = tmp_path / "x.db"
    runner = CliRunner()
    result = runner.invoke(app, ["batch", str(corpus), "--store", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output
    result = runner.invoke(app, ["batch", str(corpus), "--store", str(db)])
    assert "3 unchanged" in result.output
    out = tmp_path / "facts.csv"
    result = runner.invoke(app, ["export", "--store", str(db), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").count("millions d'euros") >= 3
