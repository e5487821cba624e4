"""Regenerate the golden briefings of tests/test_briefing.py.

Two steps, run from anywhere: ``python scripts/regen_golden.py``

1. extract the five seed articles (corpus/gold/*.txt) with the current
   pipeline into ``tests/golden/seed_records.jsonl`` — the fixture the test
   renders, so the test itself needs no model. Dates are those the loader
   reads from each text's dateline.
2. render that fixture with the packaged templates into ``tests/golden/expected/``:
   every document briefing, the digest, the territories cited by at least two
   documents (those exercise cross-document deduplication) and those with a
   linked amount or job count (they exercise the totals and the roll-up).

``--render-only`` skips step 1 (after a template change, no model needed).
Review the diff of tests/golden/ before committing it: it is the spec.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "gold"
GOLDEN = ROOT / "tests" / "golden"
FIXTURE = GOLDEN / "seed_records.jsonl"
EXPECTED = GOLDEN / "expected"


def extract_fixture() -> int:
    from extractor.api import Extractor
    from extractor.sources import load

    paths = sorted(GOLD.glob("*.txt"))
    documents = [
        load(str(path)).model_copy(update={"source": path.relative_to(ROOT).as_posix()})
        for path in paths
    ]
    records = list(Extractor().extract_many(documents))
    GOLDEN.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(
        "".join(r.model_dump_json(exclude={"pipeline_version"}) + "\n" for r in records),
        encoding="utf-8",
    )
    return len(records)


def selected(paths: list[Path], out: Path, records: list) -> list[Path]:
    """Documents, digest, territories cited twice or more or holding linked facts."""
    from extractor.briefing import territory_index, territory_view

    keep = set()
    for place, about in territory_index(records).items():
        view = territory_view(place, about)
        if len(view.sources) >= 2 or view.amounts or view.jobs:
            keep.add(out / "territories" / f"{view.slug}.md")
    return [p for p in paths if p.parent.name != "territories" or p in keep]


def render_expected() -> int:
    from extractor.briefing import write_briefings
    from extractor.records import Record

    records = [
        Record.model_validate_json(line)
        for line in FIXTURE.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        paths = selected(write_briefings(records, out), out, records)
        if EXPECTED.exists():
            shutil.rmtree(EXPECTED)
        for path in paths:
            target = EXPECTED / path.relative_to(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return len(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--render-only", action="store_true", help="keep the records fixture, re-render only"
    )
    args = parser.parse_args(argv)
    if not args.render_only:
        n = extract_fixture()
        sys.stderr.write(f"{n} records -> {FIXTURE.relative_to(ROOT)}\n")
    n = render_expected()
    sys.stderr.write(f"{n} briefings -> {EXPECTED.relative_to(ROOT)}/\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
