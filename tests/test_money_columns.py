"""Figures of a table whose column header carries the currency (extractor.money_columns)."""

import pytest

from extractor.money_columns import money_cells
from extractor.numbers import find_amounts

SPACED = (
    "ANNEXE – TABLEAU DES ACTIONS\n\n"
    "N°    Intitulé de l’action          Porteur              Coût total    Financement\n"
    "                                                         (€ HT)\n\n"
    "1.1   Requalification de la zone    Agglomération du     2 450 000     État : 735 000\n"
    "      d’activités (Bagnols)         Gard rhodanien                     Région : 490 000\n\n"
    "2     Étude de faisabilité (3 ans)  CCI du Gard          180 000       À définir\n\n"
    "      Sous-total axe 1                                   2 630 000\n\n"
    "Page 6/14\n\n"
    "Le comité de pilotage se réunira deux fois par an pour suivre l’avancement des actions "
    "et proposera en 2025 une révision de 150 000 points du programme.\n"
)
PIPES = (
    "| N° | Action | Maître d'ouvrage | Localisation | Montant (€) | Financements |\n"
    "|---|---|---|---|---|---|\n"
    "| 1 | Centre de formation 4.0 | CA du Val de Fensch | Hayange | 4 800 000 | Région 1 600 000 |\n"
    "| 2 | Étude hydrogène (50 %) | CCI Grand Est | – | 260 000 | État 130 000 |\n"
    "| | Total | | | 5 060 000 | |\n"
)
KEUROS = "Action            Porteur        Budget (k€)\nAtelier partagé   Ville          450\nTotal                            1 250,5\n"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (SPACED, [2450000, 735000, 490000, 180000, 2630000]),
        (PIPES, [4800000, 1600000, 260000, 130000, 5060000]),
        (KEUROS, [450000, 1250500]),
        # "(en euros)" in a sentence is no column header
        ("Le budget (en euros) sera voté en 2025 pour 1 200 000 habitants.", []),
        # no currency in the header: the figures are counts
        ("Commune        Habitants\nVierzon        25 000\n", []),
    ],
)
def test_money_columns(text, values):
    assert [c.value for c in money_cells(text)] == values


def test_cells_become_amounts_and_a_table_ends_at_prose():
    found = {h.quantity.value for h in find_amounts(SPACED)}
    assert {2450000, 735000, 180000, 2630000} <= found
    assert 150000 not in found  # a figure of the prose after the table
    assert 2025 not in found and 14 not in found


def test_each_column_keeps_its_own_unit_and_a_jobs_column_is_no_money() -> None:
    text = (
        "Société        | Site      | Invest. | Aide   | Emplois\n"
        "               |           | (M€)    | (k€)   | créés\n"
        "---------------+-----------+---------+--------+--------\n"
        "Verrerie Bleue | Arques    | 3,5     | 240    | 40\n"
    )
    assert [(text[c.start : c.end], c.value) for c in money_cells(text)] == [
        ("3,5", 3_500_000.0),
        ("240", 240_000.0),
    ]
