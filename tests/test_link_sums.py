"""Stated totals: a figure that says it is a total is the whole of the run of figures that
adds up to it ("Au total, ces projets représentent 2,6 M€"), so briefings count it once.

Texts are short passages written for the test and run through the real pipeline.
"""

from __future__ import annotations

import pytest

from extractor.briefing.views import jobs_by_kind, money_totals
from extractor.components.links.parts import _tolerance

M = 1e6

COMMITTEE = (
    "La commission permanente de la Région Centre-Val de Loire a voté ses aides le 12 mars.\n"
    "La société Forges du Berry, à Vierzon, reçoit une subvention de 210 000 € pour "
    "moderniser sa presse.\n"
    "Menuiseries Sologne, à Salbris, obtient une avance remboursable de 1,5 M€ pour une "
    "nouvelle ligne.\n"
    "L'entreprise Cartonnages de l'Indre, à Châteauroux, reçoit une subvention de 890 000 €.\n"
    "Au total, ces trois projets représentent 2,6 M€ d'aides régionales.\n"
)


def _index(record, value):
    return next(i for i, a in enumerate(record.amounts) if abs(a.value_eur - value) < 1)


def test_parts_before_a_stated_total_belong_to_it(extractor):
    record = extractor.extract(COMMITTEE)
    total = _index(record, 2.6 * M)
    for value in (210_000, 1.5 * M, 890_000):
        part = record.amounts[_index(record, value)]
        assert part.part_of == total
        assert part.purpose == "aid"  # each keeps its own purpose and beneficiary
        assert part.organization is not None
    assert record.amounts[total].part_of is None


def test_a_stated_total_is_counted_once(extractor):
    record = extractor.extract(COMMITTEE)
    aid = {t.purpose: t.total for t in money_totals(record.amounts)}["aid"]
    assert aid == pytest.approx(2.6 * M)


def test_each_firm_keeps_its_own_project_and_the_total_opens_none(extractor):
    record = extractor.extract(COMMITTEE)
    total = _index(record, 2.6 * M)
    assert all(total not in p.amounts for p in record.projects)
    firms = {p.organization for p in record.projects if p.organization}
    assert {"Forges du Berry", "Menuiseries Sologne"} <= firms
    berry = next(p for p in record.projects if p.organization == "Forges du Berry")
    assert berry.aid_eur == pytest.approx(210_000)


def test_a_total_announced_before_its_parts(extractor):
    text = (
        "Le conseil communautaire a voté au total 3,2 M€ d'aides à l'immobilier "
        "d'entreprise : 1,2 M€ pour la société Tôlerie Guérin à Cholet et 2 M€ pour "
        "Plastiques de l'Èvre à Beaupréau-en-Mauges."
    )
    record = extractor.extract(text)
    total = _index(record, 3.2 * M)
    assert record.amounts[_index(record, 1.2 * M)].part_of == total
    assert record.amounts[_index(record, 2 * M)].part_of == total


def test_a_written_total_covers_its_rounding(extractor):
    text = COMMITTEE.replace("890 000 €", "925 000 €")  # 2,635 M€ written "2,6 M€"
    record = extractor.extract(text)
    assert record.amounts[_index(record, 925_000)].part_of == _index(record, 2.6 * M)


@pytest.mark.parametrize(
    "text",
    [
        # no word says the last figure is a total: equal sums happen by chance
        COMMITTEE.replace("Au total, ces trois projets représentent", "La Région engage"),
        # the parts do not add up to it
        COMMITTEE.replace("2,6 M€", "3,4 M€"),
    ],
    ids=["no-total-word", "sum-differs"],
)
def test_no_total_without_words_and_arithmetic(extractor, text):
    record = extractor.extract(text)
    assert all(a.part_of is None for a in record.amounts)


def test_job_counts_add_up_to_a_stated_total(extractor):
    text = (
        "À Lannion, Photonix créera 30 emplois d'ici 2026, Optel 45 emplois et "
        "Celtic Fibres 25 emplois. Au total, 100 emplois seront créés sur le territoire."
    )
    record = extractor.extract(text)
    total = next(i for i, j in enumerate(record.jobs) if j.count == 100)
    parts = [j for j in record.jobs if j.count in (30, 45, 25)]
    assert len(parts) == 3 and all(j.part_of == total for j in parts)
    assert sum(jobs_by_kind(record.jobs).values()) == 100


@pytest.mark.parametrize(
    "text, value, tolerance",
    [
        ("2,6 M€", 2.6e6, 0.05e6),  # half of the last written digit
        ("2,60 M€", 2.6e6, 0.013e6),  # two decimals: 0,005 M€, under 0.5 % → 0.5 %
        ("3 M€", 3e6, 0.5e6),
        ("4 200 000 €", 4.2e6, 0.021e6),  # digits to the unit: the 0.5 % floor
        ("1\u00a0250\u00a0000 €", 1.25e6, 6250),
        ("214 emplois", 214, 1.07),
        ("plus de 4 milliards d'euros", 4e9, 0.5e9),
    ],
)
def test_tolerance_is_the_precision_the_total_is_written_with(text, value, tolerance):
    assert _tolerance(text, value) == pytest.approx(tolerance)
