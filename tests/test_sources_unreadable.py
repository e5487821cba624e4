"""Paths the system will not let us read: each one an error Document, the run goes on.

Tests may run as root, and root reads through ``chmod 000`` by its
CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH capabilities; so the reading is done
by a child process started without them (dropped from its bounding set before
``exec``), where the permissions really deny. A normal user runs it as is.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

GOOD = (
    "Le groupe Safran a annoncé un investissement de 45 millions d'euros à Figeac. "
    "Le site prévoit de recruter 80 personnes d'ici 2026.\n"
)
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


@pytest.fixture
def tree(tmp_path):
    """good.txt, locked/ (mode 000) with x.txt, folder/ with a readable, a locked file and a
    locked sub-folder."""
    root = tmp_path
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = root / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(GOOD, encoding="utf-8")
    folder = root / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "c.txt").write_text(GOOD, encoding="utf-8")
    for path in (locked, folder / "b.txt", folder / "sub"):
        path.chmod(0)
    yield root
    for path in (locked, folder / "b.txt", folder / "sub"):
        path.chmod(stat.S_IRWXU)  # so pytest can remove tmp_path


def _drop_dac_capabilities() -> None:
    """In the child before exec: without these, root obeys file permissions like anyone."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_unprivileged(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python code in a process the file permissions apply to."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=_drop_dac_capabilities if os.geteuid() == 0 else None,
    )


SOURCES_SCRIPT = """
import json, sys
from extractor.sources import iter_documents
print(json.dumps([[d.source, [e.type for e in d.errors], len(d.text)] for d in iter_documents(sys.argv[1:])]))
"""


def test_unreadable_files_and_folders_are_document_errors(tree):
    sources = [tree / "good.txt", tree / "locked" / "x.txt", tree / "locked", tree / "folder"]
    done = run_unprivileged(SOURCES_SCRIPT, *map(str, sources))
    assert done.returncode == 0, done.stderr
    got = {
        Path(source).relative_to(tree).as_posix(): (errors, n)
        for source, errors, n in json.loads(done.stdout)
    }
    assert got == {
        "good.txt": ([], len(GOOD)),
        "locked/x.txt": (["PermissionDenied"], 0),
        "locked": (["PermissionDenied"], 0),
        "folder/a.txt": ([], len(GOOD)),
        "folder/b.txt": (["PermissionDenied"], 0),
        "folder/sub": (["PermissionDenied"], 0),
    }


CLI_SCRIPT = """
import json, sys
from typer.testing import CliRunner
from extractor.cli import app
from extractor.store import Store

good, bad, out, db = sys.argv[1:]
runner = CliRunner()
extract = runner.invoke(app, ["extract", good, bad, "-o", out])
batch = runner.invoke(app, ["batch", good, bad, "--store", db, "--quiet"])
with Store(db) as store:
    run = store.last_run()
    stored = {r.source: ([e.type for e in r.errors], len(r.amounts)) for r in store.iter_records()}
print(json.dumps({
    "extract": [extract.exit_code, repr(extract.exception)],
    "batch": [batch.exit_code, repr(batch.exception)],
    "finished": run.finished_at is not None,
    "stored": stored,
}))
"""


@pytest.mark.slow
def test_extract_and_batch_go_on_past_an_unreadable_path(tree):
    out = tree / "out.jsonl"
    db = tree / "x.db"
    good, bad = tree / "good.txt", tree / "locked" / "x.txt"
    done = run_unprivileged(CLI_SCRIPT, str(good), str(bad), str(out), str(db))
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["extract"] == [3, "SystemExit(3)"]  # some documents failed: exit 3, the rest done
    records = {r["source"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert records[str(good)]["errors"] == [] and records[str(good)]["amounts"]
    assert [e["type"] for e in records[str(bad)]["errors"]] == ["PermissionDenied"]
    assert result["batch"] == [3, "SystemExit(3)"] and result["finished"]
    assert result["stored"][str(good)][0] == [] and result["stored"][str(good)][1] >= 1
    assert result["stored"][str(bad)] == [["PermissionDenied"], 0]


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    from extractor.sources import iter_documents, load

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def writer() -> None:  # so a loader that opens the FIFO gets text instead of hanging
        with contextlib.suppress(OSError), open(fifo, "wb") as end:
            end.write(GOOD.encode())

    threading.Thread(target=writer, daemon=True).start()
    try:
        assert [e.type for e in load(fifo).errors] == ["NotAFile"]
        (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
        assert [d.source for d in iter_documents([tmp_path])] == [str(tmp_path / "a.txt")]
    finally:
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))  # release the writer
