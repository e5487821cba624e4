"""French labels of the record's codes, shared by the briefings and the store's views.

One table per code, so a page and the observatory call a project or a place
by the same word. Words that differ on purpose (a view's short filter value
against a briefing's phrase) stay with their module.
"""

from __future__ import annotations

TERRITORY_KINDS = {
    "region": "région",
    "departement": "département",
    "epci": "intercommunalité",
    "commune": "commune",
    "territoire_industrie": "Territoire d'industrie",
    "zone": "zone",
}
PROJECT_KINDS = {
    "investment": "investissement",
    "extension": "extension",
    "creation": "création",
    "takeover": "reprise",
    "closure": "fermeture",
    "job_cut": "suppression d'emplois",
    "aid": "aide",
    "signing": "signature",
}
