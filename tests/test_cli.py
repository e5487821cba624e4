"""The command line as a user meets it: exit codes, one-line errors, help, progress, logs.

Exit codes: 0 all done, 2 the command could not run, 3 some documents failed.
Most tests run the Typer app in this process (CliRunner); those about another
user, ``python -m`` or Dask's worker logs run a real subprocess.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.store import Store

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "La société Verrenord va investir 12 millions d'euros dans son usine de Lens "
    "(Pas-de-Calais), a annoncé Marie Durand, directrice du site. Le projet doit "
    "permettre la création de 40 emplois d'ici deux ans."
)
BINARY = b"\x00\x01\x02\xff\xfe binary \x00 junk" * 20


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def command_names() -> list[str]:
    import typer.main

    return sorted(typer.main.get_command(app).commands)


def python_m(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


@pytest.fixture
def corpus(tmp_path) -> Path:
    """One good article and one file that is not text."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "binary.txt").write_bytes(BINARY)
    return folder


# -- conventions -------------------------------------------------------------------------


def test_version_and_python_m():
    from extractor import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output
    done = python_m("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == result.output.strip()


@pytest.mark.parametrize("name", command_names())
def test_help_has_examples_and_no_type_on_flags(name):
    result = run(name, "--help")
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    if name != "schema":  # no argument, no option: nothing to show
        assert "Examples:" in result.output
        assert f"extractor {name} " in result.output


def test_main_help_documents_the_exit_codes():
    result = run("--help")
    assert "Exit status" in result.output
    assert "3 some documents failed" in result.output


def test_eval_help_points_to_the_annotation_guide():
    result = run("eval", "--help")
    assert "docs/ANNOTATION.md" in result.output
    guide = (ROOT / "docs" / "ANNOTATION.md").read_text("utf-8")
    for section in ("Territories", "Amounts", "Jobs", "Actors", "Organizations", "Scoring"):
        assert f"## {section}" in guide


# -- exit codes and failures -------------------------------------------------------------


def test_extract_of_a_missing_file_is_a_usage_error(tmp_path):
    result = run("extract", tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_batch_of_a_missing_folder_creates_no_store(tmp_path):
    db = tmp_path / "x.db"
    result = run("batch", tmp_path / "nodir", "--store", db)
    assert result.exit_code == 2
    assert result.output.startswith("error: no such file or folder")
    assert not db.exists()


@pytest.mark.slow
def test_extract_names_failed_documents_and_exits_3(corpus, tmp_path):
    out = tmp_path / "records.jsonl"
    result = run("extract", corpus, "-o", out)
    assert result.exit_code == 3, result.output
    assert "2 documents, 1 with errors" in result.output
    assert f"{corpus / 'binary.txt'}: NotText:" in result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == 2  # the failed document still has its record
    assert run("extract", corpus, "-o", out, "--allow-failures").exit_code == 0
    assert run("extract", corpus / "good.txt", "-o", out).exit_code == 0


@pytest.mark.slow
def test_batch_names_failed_documents_and_exits_3(corpus, tmp_path):
    db = tmp_path / "x.db"
    missing = tmp_path / "gone.txt"
    result = run("batch", corpus, missing, "--store", db)
    assert result.exit_code == 3, result.output
    assert "1 new" in result.output and "2 failed" in result.output
    assert f"{corpus / 'binary.txt'}: NotText:" in result.output
    assert f"{missing}: NotFound:" in result.output
    again = run("batch", corpus, "--store", db, "--allow-failures")
    assert again.exit_code == 0, again.output
    assert "1 unchanged" in again.output and "1 failed" in again.output
    (corpus / "binary.txt").unlink()
    assert run("batch", corpus, "--store", db).exit_code == 0
    with Store(db) as st:
        assert all(r.finished_at is not None for r in st.runs())


# -- store errors ------------------------------------------------------------------------


def store_commands(db: Path, work: Path) -> dict[str, list]:
    source = work / "doc.txt"
    if not source.exists():
        source.write_text(ARTICLE, encoding="utf-8")
    return {
        "batch": ["batch", source, "--store", db],
        "export": ["export", "--store", db, "--format", "jsonl", "-o", work / "out.jsonl"],
        "brief": ["brief", "--store", db, "--out", work / "briefings"],
    }


@pytest.mark.parametrize("command", ["batch", "export", "brief"])
def test_a_file_that_is_not_sqlite_is_a_one_line_error(tmp_path, command):
    db = tmp_path / "x.db"
    db.write_text("these are notes, not a database\n", encoding="utf-8")
    result = run(*store_commands(db, tmp_path)[command])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"error: {db} is not a store")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def set_immutable(paths: list[Path], on: bool) -> None:
    """``chattr +i``: read-only even to root, whom permission bits do not stop."""
    subprocess.run(["chattr", "+i" if on else "-i", *map(str, paths)], check=True)


@pytest.fixture
def read_only_store(tmp_path):
    """A store in a folder, both read-only (immutable too when the tests run as root)."""
    work = tmp_path / "ro"
    work.mkdir()
    db = work / "x.db"
    with Store(db) as st:
        st.update_run(st.begin_run(), new=0, updated=0, skipped=0, failed=0, facts={})
    writable = tmp_path / "out"
    writable.mkdir()
    store_commands(db, writable)
    locked = [db, work]
    db.chmod(0o444)
    work.chmod(0o555)
    if os.geteuid() == 0:
        set_immutable(locked, True)
    yield db, writable
    if os.geteuid() == 0:
        set_immutable(locked, False)
    work.chmod(0o755)
    db.chmod(0o644)


@pytest.mark.parametrize("command", ["batch", "export", "brief"])
def test_a_read_only_store_is_a_one_line_error(read_only_store, command):
    db, writable = read_only_store
    result = run(*store_commands(db, writable)[command])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: the store {db} is read-only"), result.output
    assert result.output.count("\n") == 1


def test_a_store_that_cannot_be_locked_is_a_one_line_error(tmp_path):
    db = tmp_path / "x.db"
    Store(db).close()
    (tmp_path / "x.db.lock").mkdir()  # where the run lock file goes
    result = run(*store_commands(db, tmp_path)["batch"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: cannot lock the store {db}")
    assert result.output.count("\n") == 1


# -- batch engines -----------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_and_records_no_run(tmp_path):
    import dask

    db = tmp_path / "x.db"
    (tmp_path / "doc.txt").write_text(ARTICLE, encoding="utf-8")
    address = f"tcp://127.0.0.1:{closed_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = run("batch", tmp_path / "doc.txt", "--store", db, "--scheduler", address)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: cannot start the Dask scheduler at {address}")
    assert result.output.count("\n") == 1
    with Store(db) as st:
        assert st.runs() == []


@pytest.mark.slow
def test_dask_logs_only_with_verbose(tmp_path):
    import logging

    import distributed  # noqa: F401 - sets its own loggers to INFO when imported

    from extractor.batch import _dask_log_level
    from extractor.commands.common import setup_logging

    (tmp_path / "doc.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["batch", tmp_path / "doc.txt", "--engine", "dask", "--workers", "1"]
    quiet = python_m(*args, "--store", tmp_path / "a.db", cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stderr
    assert "distributed" not in quiet.stderr
    assert quiet.stderr.strip().splitlines()[-1].startswith("run 1 (dask): 1 documents")
    try:
        setup_logging(verbose=1)
        assert _dask_log_level() == logging.INFO
        assert logging.getLogger("distributed.scheduler").isEnabledFor(logging.INFO)
        setup_logging(verbose=0)
        assert _dask_log_level() == logging.ERROR
    finally:
        logging.basicConfig(force=True)


# -- progress ----------------------------------------------------------------------------


def test_the_batch_total_is_known_before_extracting(tmp_path):
    from extractor.batch import planned

    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "README.md").write_text("notes", encoding="utf-8")  # not a document
    urls = tmp_path / "urls.txt"
    urls.write_text("https://a.fr/1\nhttps://a.fr/2\n", encoding="utf-8")
    sources = [str(folder), str(urls), "https://b.fr/x", str(folder / "0.txt")]
    assert planned(sources) == 3 + 2 + 1
    assert planned(sources, feeds=["https://a.fr/rss"]) is None  # known once fetched


@pytest.mark.slow
def test_batch_progress_counts_against_the_total(tmp_path, extractor, capsys):
    from extractor.batch import run_batch

    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(ARTICLE.replace("40", str(40 + i)), encoding="utf-8")
    run_batch([str(folder)], tmp_path / "x.db", extractor=extractor, progress=True)
    err = capsys.readouterr().err
    assert "3/3" in err and "docs/s" in err
    run_batch([str(folder)], tmp_path / "x.db", extractor=extractor, progress=False)
    assert capsys.readouterr().err == ""


def test_quiet_turns_bars_off_even_on_a_terminal():
    from extractor.commands.common import show_progress
    from extractor.progress import progress_bar

    assert progress_bar(show_progress(quiet=True)).disable
    assert not progress_bar(show_progress(quiet=False) or True).disable


# -- bench -------------------------------------------------------------------------------


def test_bench_rejects_an_unknown_section():
    result = run("bench", "--sections", "extract,speed")
    assert result.exit_code == 2
    assert "speed" in result.output


@pytest.mark.slow
def test_bench_json_is_rounded_and_the_table_shows_the_ratios(tmp_path):
    from rich.console import Console

    from extractor.bench import format_tables

    result = run("bench", "--docs", "3", "--sections", "extract", "--json", "--root", ROOT)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["extract"]
    assert figures["docs"] == 3 and figures["speed_ratio_ours_vs_stock"] > 0
    assert all(len(repr(v).partition(".")[2]) <= 3 for v in figures.values())
    console = Console(record=True, width=120)
    for table in format_tables({"extract": figures}):
        console.print(table)
    text = console.export_text()
    assert "speed_ratio_ours_vs_stock" in text.split("All figures")[0]
    assert f"{figures['speed_ratio_ours_vs_stock']:.4g}" in text


def test_export_of_the_projects_table(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "x.db"
    assert run("batch", source, "--store", db).exit_code == 0
    out = tmp_path / "projects.csv"
    result = run("export", "--store", db, "--table", "projects", "-o", out)
    assert result.exit_code == 0, result.output
    import csv

    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert f"{len(rows)} projects written" in result.output
    assert any(row["jobs_new"] == "40" and row["source"] == str(source) for row in rows)
