"""The built wheel, installed into a fresh virtual environment, run from another folder.

An editable install reads the source tree, so it hides packaging mistakes (a
subpackage or a data file left out of the wheel: ``extractor.commands`` once
was). This builds the wheel from the files a commit would hold, installs it
with its dependencies into a new venv, and runs the command line outside the
repository: ``--version``, ``extract``, ``batch``, ``brief``, ``export``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "La société Verrenord va investir 12 millions d'euros dans son usine de Lens "
    "(Pas-de-Calais), a annoncé Marie Durand, directrice du site. Le projet doit "
    "permettre la création de 40 emplois d'ici deux ans, avec une aide de 500 k€ "
    "de la région Hauts-de-France."
)

pytestmark = pytest.mark.slow


#: what is never part of a checkout, when the tree is not a git repository
NOT_SOURCE = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache"}


def project_files() -> list[str]:
    """What a commit of the working tree would hold: tracked and new, not ignored, files."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):  # an exported tree, not a clone
        listed = [
            p.relative_to(ROOT).as_posix()
            for p in ROOT.rglob("*")
            if not any(
                part in NOT_SOURCE or part.endswith(".egg-info")
                for part in p.relative_to(ROOT).parts
            )
        ]
    return [name for name in listed if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("checkout")
    for name in project_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    # a subpackage and a kind of data file nobody listed: shipped all the same
    (source / "extractor" / "probe_subpackage").mkdir()
    (source / "extractor" / "probe_subpackage" / "__init__.py").write_text('"""probe"""\n')
    (source / "models" / "probe.yaml").write_text("probe: true\n")
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(dist)],
        check=True,
    )
    (built,) = dist.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def venv_bin(wheel, tmp_path_factory) -> Path:
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(wheel)],
        check=True,
    )
    return venv / "bin"


def test_the_wheel_holds_every_package_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = [n for n in project_files() if n.startswith("extractor/") and n.endswith(".py")]
    assert "extractor/commands/__init__.py" in modules
    assert not [m for m in modules if m not in names]
    for folder in ("models", "templates"):
        data = [n for n in project_files() if n.startswith(f"{folder}/")]
        assert data
        assert not [n for n in data if f"extractor/{n}" not in names]
    assert {"extractor/probe_subpackage/__init__.py", "extractor/models/probe.yaml"} <= names
    assert not [n for n in names if n.startswith(("tests/", "corpus/", "scripts/"))]


def test_the_installed_command_line_works_from_another_folder(venv_bin, tmp_path):
    from extractor import __version__

    work = tmp_path / "elsewhere"
    (work / "news").mkdir(parents=True)
    (work / "news" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv_bin}{os.pathsep}{env.get('PATH', '')}"

    def cli(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [str(venv_bin / "extractor"), *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, (args, done.stderr)
        return done

    where = subprocess.run(
        [str(venv_bin / "python"), "-c", "import extractor; print(extractor.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(venv_bin.parent)), where  # the wheel, not the source tree

    assert cli("--version").stdout.strip().endswith(__version__)
    cli("extract", "news/article.txt", "-o", "records.jsonl")
    (record,) = [
        json.loads(line) for line in (work / "records.jsonl").read_text("utf-8").splitlines()
    ]
    assert not record["errors"]
    assert 500000.0 in [a["value_eur"] for a in record["amounts"]]
    assert "Lens" in [t["name"] for t in record["territories"]]

    assert "1 new" in cli("batch", "news", "--store", "x.db").stderr
    cli("brief", "--store", "x.db", "--out", "briefings")
    assert (work / "briefings" / "digest.md").is_file()
    assert list((work / "briefings" / "territories").glob("*.md"))
    cli("export", "--store", "x.db", "--format", "csv", "-o", "facts.csv")
    assert "Verrenord" in (work / "facts.csv").read_text("utf-8")

    module = subprocess.run(
        [str(venv_bin / "python"), "-m", "extractor", "--version"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert module.returncode == 0 and __version__ in module.stdout
