"""Projects built from linked facts: one row per investment, closure, aid..., totals honest."""

from __future__ import annotations

import pytest

from extractor.records.models import Amount, Job, Record
from extractor.records.projects import build_projects

M = 1e6


@pytest.mark.slow
def test_an_investment_its_aid_and_its_jobs_make_one_project(extractor):
    text = (
        "Lanester : Naval Armor agrandit son atelier\n\n"
        "Le chaudronnier Naval Armor, installé à Lanester, investit 7,8 millions d'euros dans un "
        "nouveau bâtiment. L'investissement est financé en partie par un prêt de Bpifrance de 3 M€. "
        "L'entreprise prévoit 60 recrutements d'ici 2026."
    )
    record = extractor.extract(text)
    rows = [p for p in record.projects if p.organization == "Naval Armor"]
    assert len(rows) == 1
    row = rows[0]
    assert row.territory == "Lanester"
    assert row.investment_eur == 7.8 * M
    assert row.aid_eur == 3 * M
    assert row.jobs_new == 60


@pytest.mark.slow
def test_a_closure_gathers_its_lost_jobs(extractor):
    text = (
        "Mourenx : Chimisud ferme son atelier\n\n"
        "La direction du chimiste Chimisud a annoncé la fermeture de l'atelier de Mourenx et "
        "85 suppressions de postes."
    )
    record = extractor.extract(text)
    cuts = [p for p in record.projects if p.kind in ("closure", "job_cut")]
    assert cuts and cuts[0].jobs_lost == 85
    assert cuts[0].organization == "Chimisud"


def _amount(value, purpose, org=None, part_of=None, text="x"):
    return Amount(
        text=text,
        start=0,
        end=1,
        sentence=text,
        value_eur=value,
        purpose=purpose,
        organization=org,
        territory="Le Muy",
        part_of=part_of,
    )


def test_parts_are_not_counted_twice_and_turnover_opens_no_project():
    record = Record(source="t")
    record.amounts = [
        _amount(12 * M, "investment", "Azur Composites"),
        _amount(7 * M, "investment", "Azur Composites", part_of=0),
        _amount(40 * M, "turnover", "Azur Composites"),
    ]
    record.jobs = [
        Job(
            text="35 emplois",
            start=2,
            end=3,
            sentence="s",
            count=35,
            kind="planned",
            organization="Azur Composites",
            territory="Le Muy",
        ),
    ]
    projects = build_projects(record)
    assert len(projects) == 1
    assert projects[0].investment_eur == 12 * M  # the 7 M€ part is inside the 12 M€
    assert projects[0].amounts == [0, 1]
    assert projects[0].jobs == [0] and projects[0].jobs_new == 35


def test_figures_of_different_owners_make_different_projects():
    record = Record(source="t")
    record.amounts = [
        _amount(5 * M, "investment", "Firme A"),
        _amount(3 * M, "investment", "Firme B"),
    ]
    projects = build_projects(record)
    assert sorted(p.organization for p in projects) == ["Firme A", "Firme B"]


@pytest.mark.slow
def test_an_action_table_is_one_signing_whose_budget_counts_each_line_once(extractor):
    text = (
        "PROTOCOLE D'ENGAGEMENT – TERRITOIRE D'INDUSTRIE\n\n"
        "Fiche action n°1 : Plateforme de formation\n"
        "Maître d'ouvrage : Syndicat mixte du Pays de Gex\n"
        "Budget : 800 k€ sur 3 ans\n"
        "Plan de financement : Région (300 000 €) ; État (150 000 €) ; entreprises (350 000 €)\n\n"
        "Fiche action n°2 : Logements pour alternants\n"
        "Maître d'ouvrage : Pays de Gex Agglo\n"
        "Budget : 1,2 M€\n"
    )
    record = extractor.extract(text)
    signings = [p for p in record.projects if p.kind == "signing"]
    assert len(signings) == 1
    assert signings[0].organization is None  # signed by several parties
    assert (
        signings[0].budget_eur == 800_000 + 1_200_000
    )  # financing lines are parts of their budget
    plan = [a for a in record.amounts if a.value_eur in (300_000, 150_000, 350_000)]
    assert plan and all(record.amounts[a.part_of].value_eur == 800_000 for a in plan)
