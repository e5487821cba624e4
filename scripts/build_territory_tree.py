"""Build ``models/territory_tree.json.gz``: which territory lies inside which.

From the offline reference data in ``shared/data`` (COG 2026 by
``@etalab/decoupage-administratif`` 6.0.0, the Territoires d'industrie lists),
one JSON object::

    {"commune": {code: [epci SIREN or "", département, région]},
     "epci": {SIREN: [[départements], [régions]]},
     "departement": {code: région},
     "territoire_industrie": {folded name: [[départements], [régions], [EPCI SIRENs]]}}

Briefings roll facts up through it (a commune's investment shows on its
intercommunality's, département's and région's pages) and the store's views
give each fact its parents. Names are folded with the components' key so that
a Territoire d'industrie spelled as in the text finds its entry.

Usage: python scripts/build_territory_tree.py [--data ../shared/data] [--out models]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
from collections import defaultdict
from pathlib import Path

from extractor.components.folding import fold


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def build(data: Path) -> dict:
    cog = data / "decoupage-administratif-6.0.0"
    communes = {
        c["code"]: c for c in load(cog / "communes.json") if c["type"] == "commune-actuelle"
    }
    epci_of: dict[str, str] = {}
    epci: dict[str, list[list[str]]] = {}
    for e in load(cog / "epci.json"):
        deps, regs = set(), set()
        for member in e["membres"]:
            epci_of[member["code"]] = e["code"]
            commune = communes.get(member["code"])
            if commune:
                deps.add(commune["departement"])
                regs.add(commune["region"])
        epci[e["code"]] = [sorted(deps), sorted(regs)]
    tree: dict = {
        "commune": {
            code: [epci_of.get(code, ""), c["departement"], c["region"]]
            for code, c in sorted(communes.items())
        },
        "epci": dict(sorted(epci.items())),
        "departement": {d["code"]: d["region"] for d in load(cog / "departements.json")},
    }
    region_of = tree["departement"]
    ti: dict[str, list[set[str]]] = defaultdict(lambda: [set(), set(), set()])
    with (data / "territoires_industrie_v1_2020.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            entry = ti[fold(row["libelle_ti"])]
            entry[0].update(d for d in row["departements"].split("|") if d)
            entry[2].update(s for s in row["epci_sirens_cog2026"].split("|") if s)
    with (data / "ti_wave2" / "territoires_industrie_v2_2026.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ti[fold(row["libelle_ti"])][0].update(d for d in row["departements"].split("|") if d)
    for entry in ti.values():
        entry[1] = {region_of[d] for d in entry[0] if d in region_of}
    tree["territoire_industrie"] = {
        name: [sorted(deps), sorted(regs), sorted(sirens)]
        for name, (deps, regs, sirens) in sorted(ti.items())
    }
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "models")
    args = parser.parse_args()
    tree = build(args.data)
    target = args.out / "territory_tree.json.gz"
    payload = json.dumps(tree, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with gzip.GzipFile(target, "wb", mtime=0) as fh:
        fh.write(payload.encode("utf-8"))
    sizes = ", ".join(f"{kind}={len(rows)}" for kind, rows in tree.items())
    print(f"{target}: {sizes}, {target.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
