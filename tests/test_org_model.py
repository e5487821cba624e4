"""The organizations model: its training data, the shipped asset, its place in the pipeline.

Sentences here are written for these tests; none comes from the training corpus
(``training/organizations/``) or from ``corpus/``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from extractor import pipeline, resources
from extractor.components.organizations import model as org_model
from extractor.records import fold

ROOT = Path(__file__).resolve().parent.parent


def _load_org_data():
    spec = importlib.util.spec_from_file_location("org_data", ROOT / "scripts" / "org_data.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["org_data"] = mod
    spec.loader.exec_module(mod)
    return mod


org_data = _load_org_data()


# -- training data converter ------------------------------------------------------------
def test_markup_offsets_are_exact():
    ex = org_data.parse_markup("Le groupe [Valeo](ORG) et [Danone](ORG) recrutent.")
    assert ex.text == "Le groupe Valeo et Danone recrutent."
    assert [ex.text[s:e] for s, e, _ in ex.spans] == ["Valeo", "Danone"]


def test_markup_drops_leading_article_and_splits_acronym():
    ex = org_data.parse_markup(
        "[La Région Normandie](ORG) et [l'Agence nationale de la recherche (ANR)](ORG) signent."
    )
    names = [ex.text[s:e] for s, e, _ in ex.spans]
    assert names == ["Région Normandie", "Agence nationale de la recherche", "ANR"]


def test_markup_keeps_article_when_asked():
    ex = org_data.parse_markup("[=Les Mousquetaires](ORG) ouvrent un entrepôt.")
    assert [ex.text[s:e] for s, e, _ in ex.spans] == ["Les Mousquetaires"]


def test_misaligned_span_is_refused():
    nlp = org_data.tokenizer_nlp()
    ex = org_data.Example("Les usines Renaultiennes ferment.", [(11, 18, "ORG")], "case")
    with pytest.raises(org_data.AlignmentError, match="not on token boundaries"):
        org_data.to_docbin(nlp, [ex])


def test_whole_corpus_converts_and_holds_out_hand_written_blocks(tmp_path):
    counts = org_data.build(tmp_path)
    assert (tmp_path / "train.spacy").is_file() and (tmp_path / "dev.spacy").is_file()
    assert counts["hand_written"] >= 900
    assert counts["train"] > 1000 and counts["dev"] >= 60
    hand = org_data.hand_written()
    dev_texts = {ex.text for ex in hand if org_data.is_dev(ex.text)}
    train_hand = {ex.text for ex in hand if not org_data.is_dev(ex.text)}
    assert dev_texts and not dev_texts & train_hand


# -- the shipped model ----------------------------------------------------------------
@pytest.fixture(scope="module")
def nlp():
    return pipeline.build()


@pytest.fixture(scope="module")
def org_nlp():
    return org_model.load("org_ner")


def model_orgs(org_nlp, nlp, text: str) -> set[str]:
    doc = nlp.make_doc(text)  # the pipeline's vocabulary holds the vectors the model reads
    return {doc[s:e].text for s, e in org_model.predict(org_nlp, doc)}


NEW_SENTENCES = [
    ("Le chimiste Polyvia Chimie ouvre un laboratoire à Melle.", "Polyvia Chimie"),
    ("Brasseries Kronenbourg annonce 50 embauches à Obernai.", "Brasseries Kronenbourg"),
    ("La PME Techniflux Systèmes (63) a été retenue.", "Techniflux Systèmes"),
    ("Les salariés de Galvanord ont débrayé mardi.", "Galvanord"),
    ("Le japonais Kyocera rachète une usine de céramique.", "Kyocera"),
    ("Avec Mecaloire et Usinov, la filière recrute.", "Mecaloire"),
    (
        "La communauté de communes du Val de Sambre vote l'achat du terrain.",
        "communauté de communes du Val de Sambre",
    ),
    ("Hydrovolt Industries, une start-up grenobloise, lève 8 millions.", "Hydrovolt Industries"),
    ("Marc Vidal, directeur de Plastisud, présente le projet.", "Plastisud"),
    ("Le conseil départemental de la Creuse soutient Ateliers Marlaud.", "Ateliers Marlaud"),
]


def test_model_finds_organizations_in_new_sentences(org_nlp, nlp):
    found = sum(name in model_orgs(org_nlp, nlp, text) for text, name in NEW_SENTENCES)
    assert found >= 8, found


NOT_ORGS = [
    "Le programme Action cœur de ville finance la rénovation de la halle.",
    "Paul Lemercier, maire de Guingamp, a ouvert la séance.",
    "La nouvelle Renault 5 sera assemblée à Douai.",
    "Les entreprises de la zone Jean-Jaurès ont été réunies.",
    "Le salon Global Industrie ouvre ses portes à Lyon.",
    "Photo : Paul Girard / Le Télégramme",
]


def test_model_leaves_programmes_people_products_mostly_alone(org_nlp, nlp):
    wrong = [t for t in NOT_ORGS if model_orgs(org_nlp, nlp, t)]
    assert len(wrong) <= 1, wrong


# bodies the first corpus had few of: courts, communes acting as parties, schools,
# intercommunalities whose names hold commas, firms named by a trade noun, and a name
# followed by the "nous" of an interview (the span stops before it)
BODIES = [
    (
        "Le tribunal de commerce de Rodez a prononcé la liquidation de Cartonnages Vialar.",
        "tribunal de commerce de Rodez",
    ),
    ("La commune de Decize reçoit 600 000 euros pour dépolluer la friche.", "commune de Decize"),
    (
        "Quercy Composites nous a sollicités dès le printemps, raconte le maire.",
        "Quercy Composites",
    ),
    ("Le conseil communautaire de Mauges Communauté nous a suivis.", "Mauges Communauté"),
    (
        "La communauté de communes Arrée, Monts et Vallées a voté l'achat du terrain.",
        "communauté de communes Arrée, Monts et Vallées",
    ),
    ("Nous formons nos recrues avec le lycée Gustave-Ferrié et l'UIMM.", "lycée Gustave-Ferrié"),
    ("La Fromagerie des Aravis investit 5 millions d'euros.", "Fromagerie des Aravis"),
]


def test_model_finds_courts_communes_schools_and_long_intercommunalities(org_nlp, nlp):
    found = [name for text, name in BODIES if name in model_orgs(org_nlp, nlp, text)]
    assert len(found) >= 6, found


def test_without_the_base_vectors_the_model_proposes_nothing(org_nlp):
    blank = org_data.tokenizer_nlp()
    doc = blank.make_doc("Galvanord agrandit son atelier de Maubeuge.")
    if org_model.vectors_needed(org_nlp):
        assert org_model.predict(org_nlp, doc) == []
    else:
        assert org_model.predict(org_nlp, doc)


# -- the model inside fr_organizations: candidates the rules filter ---------------------
def pipeline_orgs(nlp, text: str) -> set[str]:
    doc = nlp(text)
    return {fold(s.text) for s in doc.spans["organizations"]}


def test_firm_without_cue_word_is_found(nlp):
    assert "galvanord" in pipeline_orgs(nlp, "Galvanord agrandit son atelier de Maubeuge.")


def test_dictionary_word_opening_a_sentence_is_dropped(nlp):
    orgs = pipeline_orgs(nlp, "Notre usine tourne. Désormais, Galvanord recrute.")
    assert "notre" not in orgs and "desormais" not in orgs


def test_model_candidates_pass_the_rules_filters(nlp):
    text = (
        "Accueil > Économie > Industrie\n"
        "Partager\n"
        "Mme Lefranc, présidente, a reçu le groupe Galvanord. Le plan France 2030 finance."
    )
    orgs = pipeline_orgs(nlp, text)
    assert not {o for o in orgs if "lefranc" in o or "france 2030" in o or "accueil" in o}


def test_rules_only_config_turns_the_model_off():
    import spacy

    nlp = spacy.blank("fr")
    comp = nlp.add_pipe("fr_organizations", config={"model": ""})
    assert comp.model is None


# -- packaging ------------------------------------------------------------------------
def test_model_is_a_versioned_asset():
    names = {name for name, _ in resources.model_assets()}
    assert {"org_ner/config.cfg", "org_ner/meta.json", "org_ner/ner/model"} <= names


def test_model_asset_is_small():
    path = Path(str(resources.model_file("org_ner")))
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 10_000_000


def test_wheel_ships_the_model_and_the_pipeline_builds_from_it(tmp_path):
    """Build the wheel (pip's isolated build, as a user's install does), unpack it, and
    build the pipeline from the unpacked package."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("*.whl"))
    shipped = set(zipfile.ZipFile(wheel).namelist())
    asset = ROOT / "models" / "org_ner"
    expected = {
        f"extractor/models/org_ner/{p.relative_to(asset).as_posix()}"
        for p in asset.rglob("*")
        if p.is_file()
    }
    assert expected <= shipped
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import extractor, extractor.pipeline as p\n"
        f"assert extractor.__file__.startswith({str(site)!r}), extractor.__file__\n"
        "nlp = p.build()\n"
        "doc = nlp('Galvanord agrandit son atelier de Maubeuge.')\n"
        "print([s.text for s in doc.spans['organizations']])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert "Galvanord" in out.stdout


@pytest.mark.parametrize(
    ("text", "name", "kind", "expected"),
    [
        ("Les ateliers de la zone d'activités de Kervellec ferment.", "Kervellec", "place", True),
        ("La direction de Galvanord confirme.", "Galvanord", "place", False),
        ("L'appel à projets Galvatech Avenir est ouvert.", "Galvatech", "thing", True),
        ("Le nouvel avion Orbalis décolle.", "Orbalis", "thing", True),
        ("Le client Galvanord commande.", "Galvanord", "thing", False),
    ],
)
def test_place_and_thing_cues_before_a_model_name(nlp, text, name, kind, expected):
    comp = nlp.get_pipe("fr_organizations")
    doc = nlp.make_doc(text)
    i = next(t.i for t in doc if t.text == name)
    words = comp.place_nouns if kind == "place" else comp.thing_nouns
    assert comp._cue_before(doc, i, words) is expected


# -- annotated link documents: gold names located in the text ---------------------------
def _gold(orgs: list[tuple[str, list[str]]], places: list[tuple[str, list[str]]]) -> dict:
    return {
        "organizations": [{"name": n, "aliases": a} for n, a in orgs],
        "territories": [{"name": n, "kind": "commune", "aliases": a} for n, a in places],
    }


def _located(text: str, gold: dict) -> tuple[list[str], list[str]]:
    ex = org_data.locate(text, gold, "case")
    return [text[s:e] for s, e, _ in ex.spans], [text[s:e] for s, e in ex.missing]


def test_linked_names_longest_first_at_word_boundaries():
    text = "Turbimeca Moteurs, filiale de Turbimeca, livre Turbimecanique. Turbimeca embauche."
    gold = _gold([("Turbimeca Moteurs", []), ("Turbimeca", [])], [])
    spans, missing = _located(text, gold)
    assert spans == ["Turbimeca Moteurs", "Turbimeca", "Turbimeca"] and not missing


def test_linked_name_inside_a_territory_name_is_no_hit():
    text = "Le maire de Brivelle parle à Brivelle-sur-Lande devant Brivelle Industrie."
    gold = _gold([("Brivelle Industrie", [])], [("Brivelle-sur-Lande", [])])
    assert _located(text, gold) == (["Brivelle Industrie"], [])


def test_linked_place_that_is_also_a_party_is_left_out_of_the_loss():
    text = "Vaubrun reçoit 200 000 euros. À Vaubrun, la friche sera dépolluée."
    gold = _gold([("Vaubrun", [])], [("Vaubrun", [])])
    assert _located(text, gold) == ([], ["Vaubrun", "Vaubrun"])


def test_linked_body_name_is_labelled_unless_after_a_locative():
    text = "Marvienne Agglo finance le projet, installé dans Marvienne Agglo."
    gold = _gold([("Marvienne Agglo", [])], [("Marvienne Agglo", [])])
    assert _located(text, gold) == (["Marvienne Agglo"], ["Marvienne Agglo"])


def test_linked_generic_alias_and_trade_noun_description():
    text = "La Région Corvalie et la biscuiterie Tamblin signent ; la Région paiera."
    gold = _gold([("Région Corvalie", ["la Région"]), ("Tamblin", ["biscuiterie Tamblin"])], [])
    assert _located(text, gold) == (["Région Corvalie", "Tamblin"], ["Région"])


def test_linked_case_of_a_body_word_but_not_of_a_trade_noun():
    text = "La communauté de communes du Val Sorin aide la verrerie Malvoisin."
    gold = _gold([("Communauté de communes du Val Sorin", []), ("Verrerie Malvoisin", [])], [])
    assert _located(text, gold)[0] == ["communauté de communes du Val Sorin"]


def test_linked_name_inside_a_web_address_is_no_hit():
    text = "Fondavia lève des fonds. Contact : www.fondavia.fr ou @Fondavia."
    gold = _gold([("Fondavia", [])], [])
    assert _located(text, gold)[0] == ["Fondavia"]


def test_linked_wrapped_name_is_left_out_and_missing_reaches_the_docbin():
    text = "La Banque des\nTerritoires prête. La Banque des Territoires investit."
    ex = org_data.locate(text, _gold([("Banque des Territoires", [])], []), "case")
    assert [text[s:e] for s, e in ex.missing] == ["Banque des\nTerritoires"]
    nlp = org_data.tokenizer_nlp()
    doc = next(iter(org_data.to_docbin(nlp, [ex]).get_docs(nlp.vocab)))
    assert [e.text for e in doc.ents] == ["Banque des Territoires"]
    assert doc[1].ent_iob_ == "" and doc[0].ent_iob_ == "O"


def test_linked_documents_convert_and_stay_out_of_the_dev_split(tmp_path):
    links = org_data.linked()
    assert len(links) >= 60 and sum(len(ex.spans) for ex in links) > 400
    assert links == org_data.linked()  # deterministic
    counts = org_data.build(tmp_path, links_dir=org_data.LINKS_DIR)
    assert counts["linked_docs"] == len(links)
    hand = org_data.hand_written()
    assert counts["dev"] == sum(org_data.is_dev(ex.text) for ex in hand)


def test_linked_name_inside_a_token_is_left_out_of_the_loss():
    text = "Le site ex-Valtrion sera repris par Valtrion Énergie, pas par Valtrion."
    gold = _gold([("Valtrion", []), ("Valtrion Énergie", [])], [])
    ex = org_data.on_tokens(org_data.tokenizer_nlp(), org_data.locate(text, gold, "case"))
    assert [text[s:e] for s, e, _ in ex.spans] == ["Valtrion Énergie", "Valtrion"]
    assert [text[s:e] for s, e in ex.missing] == ["Valtrion"]
    assert ex.missing[0][0] == text.index("ex-") + 3
