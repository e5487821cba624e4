"""Retrain the link ranker shipped in ``models/link_ranker.json``.

Runs the pipeline, with the ranker off, over the annotated training documents of
``training/links/`` (never an evaluation set: see its README), records for
every amount and job count the candidates ``fr_links`` weighs (organizations,
territories, "none") with their features, labels each candidate by the gold
file's linked fields (scored as ``extractor eval`` scores them), and fits one
logistic regression per task with the settings of ``models/link_ranker.cfg``.

``--measure`` prints, by cross-validation over documents, how often the
rules' answer and the ranker's are right on training documents the fold did
not see: the ranker is worth shipping only if it beats the rules there.

Usage: python scripts/train_links.py [--out models/link_ranker.json] [--measure]
Needs the training extra: pip install -e '.[train]'
"""

from __future__ import annotations

import argparse
import configparser
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from extractor import pipeline  # noqa: E402
from extractor.api import Extractor  # noqa: E402
from extractor.components.folding import fold  # noqa: E402
from extractor.components.links.context import Place  # noqa: E402
from extractor.components.links.ranker import Choice  # noqa: E402
from extractor.evaluate import AMOUNT_TOLERANCE, attribute_matches, load_gold  # noqa: E402
from extractor.sources import load  # noqa: E402

CONFIG = ROOT / "models" / "link_ranker.cfg"
OUT = ROOT / "models" / "link_ranker.json"
TASKS = ("organization", "territory")
#: how far the ranker must outscore the rules' answer to overrule it, as --measure tries
MARGINS = (0.0, 0.5, 1.0, 2.0)


@dataclass
class Group:
    """One figure's candidates for one task, with which of them the gold accepts."""

    doc: str
    task: str
    features: list[dict[str, float]]
    labels: list[bool]
    rule: int  # the rules' own answer: the choice with the "rule" feature, else "none" (0)
    cued: bool = False  # the rules' answer came from words of the text


def settings(path: Path = CONFIG) -> dict:
    cfg = configparser.ConfigParser()
    cfg.read(path, encoding="utf-8")
    s = cfg["train"]
    return {
        "data": [ROOT / d.strip() for d in s["data"].split(",")],
        "C": {task: s.getfloat(f"C_{task}") for task in TASKS},
        "folds": s.getint("folds"),
        "weigh_cued": sorted(t.strip() for t in s.get("weigh_cued", "").split(",") if t.strip()),
    }


def gold_files(folders: list[Path]) -> list[tuple[Path, dict]]:
    out = []
    for folder in folders:
        for sub in sorted({p.parent for p in folder.rglob("*.json")}):
            out += [(sub / g["document"], g) for g in load_gold(sub)]
    return out


def _names(choice: Choice) -> list[str | None]:
    if isinstance(choice.value, Place):
        span = choice.value.span
        return [span.text, span._.canonical_name]
    return [choice.value]  # type: ignore[list-item]


def _accepts(choice: Choice, golds: list[str | None], entities: list) -> bool:
    return any(attribute_matches(n, g, entities) for n in _names(choice) for g in golds)


def rules_only() -> Extractor:
    """The pipeline with the ranker off: the candidates and the rules' answers it weighs."""
    cfg = pipeline.load_config()
    cfg["components"]["fr_links"]["ranker"] = ""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pipeline.cfg"
        cfg.to_disk(path)
        return Extractor(config_path=path)


def zone_communes(gold: dict, text: str) -> dict[str, str]:
    """Each gold zone's commune: the one its name holds ("zone d'activités de Proville") or
    the one named right after it ("la zone des Fourches, à Cherbourg")."""
    folded = fold(text)
    communes = [t["name"] for t in gold.get("territories") or [] if t["kind"] == "commune"]
    out = {}
    for t in gold.get("territories") or []:
        if t["kind"] != "zone":
            continue
        zone = fold(t["name"])
        inside = [c for c in communes if fold(c) in zone]
        at = folded.find(zone)
        after = [
            c
            for c in communes
            if at >= 0 and fold(c) in folded[at + len(zone) : at + len(zone) + 60]
        ]
        if inside or after:
            out[t["name"]] = (inside or after)[0]
    return out


def _readings(task: str, gold: dict, sites: dict[str, str]) -> list[str | None]:
    """The answers the annotation guide accepts for a gold fact. A firm's figure placed at a
    zone is also at the zone's commune: the guide names "the site's commune", and our
    training writers often chose the zone, so either is taken as right rather than teaching
    the ranker one writer's habit."""
    value = gold.get(task)
    if task == "territory" and value in sites and gold.get("organization"):
        return [value, sites[value]]
    return [value]


def groups(extractor: Extractor, files: list[tuple[Path, dict]]) -> Iterator[Group]:
    """The labelled candidate groups of every figure that matches a gold figure."""
    links = extractor.nlp.get_pipe("fr_links")
    for path, gold in files:
        entities = [*(gold.get("organizations") or []), *(gold.get("territories") or [])]
        found: list[Group] = []
        sites = zone_communes(gold, path.read_text(encoding="utf-8"))

        def watch(span: Span, is_job: bool, opts: dict[str, list[Choice]]) -> None:
            # read now: the strings of the doc are gone once the extractor's memory zone ends
            matched = _gold_of(span, is_job, gold)  # noqa: B023
            for task, choices in opts.items():
                golds = [v for g in matched for v in _readings(task, g, sites)]  # noqa: B023
                labels = [_accepts(c, golds, entities) for c in choices]  # noqa: B023
                if any(labels):  # else the gold's answer is no candidate: nothing to learn
                    rule = next((i for i, c in enumerate(choices) if c.features.get("rule")), 0)
                    cued = any(c.features.get("cued") for c in choices)
                    doc = f"{path.parent.name}/{gold['id']}"  # noqa: B023
                    found.append(  # noqa: B023
                        Group(doc, task, [c.features for c in choices], labels, rule, cued)
                    )

        links.observer = watch
        extractor.extract(load(str(path)))
        yield from found
    links.observer = None


def _gold_of(span, is_job: bool, gold: dict) -> list[dict]:
    if is_job:
        return [g for g in gold.get("jobs") or [] if int(g["count"]) == span._.job_count]
    value = span._.value_eur
    if value is None:
        return []
    return [
        g
        for g in gold.get("amounts") or []
        if abs(float(g["value_eur"]) - value) <= AMOUNT_TOLERANCE * abs(float(g["value_eur"]))
    ]


def fit(task_groups: list[Group], C: float) -> dict[str, float]:
    """Candidate-level logistic regression; the intercept is the same for every candidate of a
    figure, so only the feature weights are kept."""
    vec = DictVectorizer()
    X = vec.fit_transform([f for g in task_groups for f in g.features])
    y = [lab for g in task_groups for lab in g.labels]
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(X, y)
    return {
        name: round(float(w), 6)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-6
    }


def _pick(weights: dict[str, float], g: Group, margin: float = 0.0) -> int:
    """The ranker's choice; it overrules the rules only by more than ``margin``."""
    scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in g.features]
    best = max(range(len(scores)), key=scores.__getitem__)
    return best if scores[best] > scores[g.rule] + margin else g.rule


def measure(
    all_groups: list[Group], C: dict[str, float], folds: int
) -> dict[str, dict[str, float]]:
    """Cross-validated accuracy over documents: the rules' answer against the ranker's, apart
    for the figures whose answer words of the text gave ("cued") and the others."""
    docs = sorted({g.doc for g in all_groups})
    if folds == 0:
        # one fold per writer (the training subfolder): does it carry to other hands?
        writers = sorted({d.split("/")[0] for d in docs})
        splits = [{d for d in docs if d.split("/")[0] == w} for w in writers]
    else:
        splits = [{d for i, d in enumerate(docs) if i % folds == k} for k in range(folds)]
    out = {}
    for task in TASKS:
        mine = [g for g in all_groups if g.task == task]
        weights = [fit([g for g in mine if g.doc not in held], C[task]) for held in splits]
        for part in ("defaulted", "cued"):
            n = rule_ok = 0
            model_ok = dict.fromkeys(MARGINS, 0)
            for held, w in zip(splits, weights, strict=True):
                for g in mine:
                    if g.doc in held and g.cued == (part == "cued"):
                        n += 1
                        rule_ok += g.labels[g.rule]
                        for m in MARGINS:
                            model_ok[m] += g.labels[_pick(w, g, m)]
            if n:
                out[f"{task}, {part}"] = {"figures": n, "rules": round(rule_ok / n, 3)}
                out[f"{task}, {part}"] |= {
                    f"ranker, margin {m}": round(ok / n, 3) for m, ok in model_ok.items()
                }
    return out


def _digest(files: list[tuple[Path, dict]]) -> str:
    h = hashlib.sha256()
    for path, _ in files:
        h.update(path.read_bytes())
        h.update(path.with_suffix(".json").read_bytes())
    return h.hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--measure", action="store_true", help="cross-validate, do not write")
    ap.add_argument("--C", type=float, help="override the config's C (with --measure)")
    ap.add_argument("--by-writer", action="store_true", help="--measure with one fold per writer")
    args = ap.parse_args()
    s = settings(args.config)
    if args.C:
        s["C"] = dict.fromkeys(TASKS, args.C)
    files = gold_files(s["data"])
    all_groups = list(groups(rules_only(), files))
    if args.measure:
        folds = 0 if args.by_writer else s["folds"]
        print(json.dumps(measure(all_groups, s["C"], folds), indent=1))
        return
    model = {
        "trained_on": {"documents": len(files), "sha256": _digest(files)},
        "C": s["C"],
        "weigh_cued": s["weigh_cued"],
        "weights": {t: fit([g for g in all_groups if g.task == t], s["C"][t]) for t in TASKS},
    }
    args.out.write_text(
        json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{args.out}: {len(files)} documents, {len(all_groups)} candidate groups")


if __name__ == "__main__":
    main()
