"""Retrain the organizations model shipped in ``models/org_ner/``.

Converts the corpus of ``training/organizations/`` to ``DocBin`` (every span is
checked against the tokenizer, see ``scripts/org_data.py``), runs ``spacy train``
with ``models/org_ner.cfg`` on the CPU, and copies the best model into
``models/org_ner/`` without what the runtime never reads (a two-core machine
trains it in a few minutes).

Usage: python scripts/train_orgs.py [--work DIR] [--out models/org_ner] [--no-install]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import org_data

ROOT = org_data.ROOT
CONFIG = ROOT / "models" / "org_ner.cfg"
OUT = ROOT / "models" / "org_ner"


def train(work: Path) -> Path:
    counts = org_data.build(work / "data")
    print(json.dumps(counts))
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "train",
            str(CONFIG),
            "--output",
            str(work / "model"),
            "--paths.train",
            str(work / "data" / "train.spacy"),
            "--paths.dev",
            str(work / "data" / "dev.spacy"),
        ],
        check=True,
        env=env,
    )
    return work / "model" / "model-best"


def install(best: Path, out: Path = OUT) -> None:
    """Copy the model, keeping the held-out scores in ``meta.json``."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    perf = meta.get("performance", {})
    print(
        "held-out P/R/F1: "
        f"{perf.get('ents_p', 0):.3f} / {perf.get('ents_r', 0):.3f} / {perf.get('ents_f', 0):.3f}"
    )
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"asset: {out} ({size / 1e6:.1f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=None, help="keep the data and checkpoints here")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-install", action="store_true", help="train only")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="org_ner_"))
    best = train(work)
    if not args.no_install:
        install(best, args.out)


if __name__ == "__main__":
    main()
