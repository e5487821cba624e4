"""Build ``models/first_names.txt``: given names met in France, folded, one a line.

From the name dictionary of the ``gender-guesser`` package (0.4.0, file
``data/nam_dict.txt``, Jörg Michael's "gender.c" dictionary, GNU FDL 1.2): every
name with a frequency in one of the columns below (France and the countries whose
names the French press meets most). ``fr_actors`` uses the list as positive
evidence only: a span the NER typed as an organization is read as a person when
it opens with a given name *and* stands where a person stands (after a role, in
a quote's attribution).

Usage: pip install gender-guesser && python scripts/build_first_names.py [--out models]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from extractor.components.folding import fold

# column order of nam_dict.txt (gender_guesser.detector.Detector.COUNTRIES)
COUNTRIES = [
    "great_britain",
    "ireland",
    "usa",
    "italy",
    "malta",
    "portugal",
    "spain",
    "france",
    "belgium",
    "luxembourg",
    "the_netherlands",
    "east_frisia",
    "germany",
    "austria",
    "swiss",
    "iceland",
    "denmark",
    "norway",
    "sweden",
    "finland",
    "estonia",
    "latvia",
    "lithuania",
    "poland",
    "czech_republic",
    "slovakia",
    "hungary",
    "romania",
    "bulgaria",
    "bosniaand",
    "croatia",
    "kosovo",
    "macedonia",
    "montenegro",
    "serbia",
    "slovenia",
    "albania",
    "greece",
    "russia",
    "belarus",
    "moldova",
    "ukraine",
    "armenia",
    "azerbaijan",
    "georgia",
    "the_stans",
    "turkey",
    "arabia",
    "israel",
    "china",
    "india",
    "japan",
    "korea",
    "vietnam",
    "other_countries",
]
KEEP = {
    "france",
    "belgium",
    "luxembourg",
    "swiss",
    "great_britain",
    "usa",
    "italy",
    "spain",
    "portugal",
    "germany",
    "the_netherlands",
    "arabia",
    "turkey",
    "poland",
    "romania",
}
MIN_FREQ = 2  # hexadecimal scale 1..D of the dictionary; 1 is "very rare"


def main() -> None:
    import gender_guesser

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="models")
    args = parser.parse_args()
    src = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    cols = [COUNTRIES.index(c) for c in KEEP]
    names: set[str] = set()
    for line in src.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "#=":
            continue
        name = line.split()[1]
        values = line[30:-1]
        freq = max(
            (int(values[c], 16) for c in cols if c < len(values) and values[c].strip()),
            default=0,
        )
        if freq >= MIN_FREQ and "+" not in name:
            names.add(fold(name))
    out = Path(args.out) / "first_names.txt"
    out.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
