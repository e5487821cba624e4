"""The readable side of the store (schema 3): French views and full-text search.

The views are what an analyst browses (``extractor serve``) or queries: one
row per amount, job count or project, with its place and the place's parents,
its document (title, date, link) and its evidence sentence, values in French
(``objet = 'aide'``, ``nature = 'supprimés'``). They read only columns the
batch writes, so any SQLite client sees them. The FTS5 tables use the
``documents`` and ``facts`` tables as external content (no copy of the text)
and triggers keep them in step with every insert, update and delete, cascades
included; ``remove_diacritics 2`` lets "ales" find "Alès".

SQL is generated here once from the label tables below; a store keeps the SQL
of the migration that created its views (a later change is a new migration).
"""

from __future__ import annotations

from ..labels import PROJECT_KINDS as PROJECT_KIND_FR
from ..labels import TERRITORY_KINDS as TERRITORY_KIND_FR

#: record values → French labels shown by the views
PURPOSE_FR = {
    "investment": "investissement",
    "aid": "aide",
    "budget": "budget",
    "turnover": "chiffre d'affaires",
    "other": "autre",
}
JOB_KIND_FR = {
    "existing": "existants",
    "created": "créés",
    "planned": "prévus",
    "lost": "supprimés",
    "unspecified": "non précisé",
}
#: job kinds counted as creations (ANNOTATION.md: created or planned)
CREATION_KINDS = ("created", "planned")

#: the views, in creation order (name → what one row is)
VIEW_NAMES = {
    "montants": "un montant en euros",
    "investissements": "un montant investi",
    "aides": "une aide publique ou un prêt",
    "emplois": "un nombre d'emplois",
    "creations_emplois": "des emplois créés ou prévus",
    "suppressions_emplois": "des emplois supprimés",
    "projets_faits": "un fait (montant, emplois) rattaché à un projet",
    "projets": "un projet : investissement, extension, reprise, fermeture, aide, signature",
}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _case(expr: str, labels: dict[str, str]) -> str:
    whens = " ".join(f"WHEN {_quote(k)} THEN {_quote(v)}" for k, v in labels.items())
    return f"CASE {expr} {whens} ELSE {expr} END"


def _place(x: str) -> str:
    """The place of a linked row ``x`` (fact or project) and the parents people filter on."""
    return f"""
        COALESCE({x}.territory_canonical_name, {x}.territory) AS territoire,
        {x}.departement_name AS departement,
        {x}.region_name AS region,"""


def _place_details(x: str) -> str:
    """The rest of the place: kind, codes, intercommunality, Territoire d'industrie."""
    return f"""
        {_case(f"{x}.territory_kind", TERRITORY_KIND_FR)} AS type_territoire,
        {x}.territory_code AS code_territoire,
        {x}.epci_name AS intercommunalite,
        {x}.epci_code AS code_intercommunalite,
        {x}.departement_code AS code_departement,
        {x}.region_code AS code_region,
        {x}.industry_territory AS territoire_industrie,"""


_TITLE = "COALESCE(d.title, d.source) AS document"
_DOCUMENT = """
        d.published AS publie_le,
        COALESCE(json_extract(d.metadata, '$.url'), d.source) AS lien,
        d.id AS document_id"""


def _fact_view(list_name: str, value_columns: str, nature: str) -> str:
    """One row per fact of one list: what people read first, then codes and links."""
    return f"""
    SELECT
        f.id AS fait_id,{value_columns}
        {nature} AS {"objet" if list_name == "amount" else "nature"},
        f.organization AS organisation,{_place("f")}
        d.published AS date,
        f.sentence AS phrase,
        {_TITLE},
        total.text AS partie_de,
        f.qualifier AS qualificatif,
        {_case("f.event", PROJECT_KIND_FR)} AS evenement,{_place_details("f")}
        substr(d.published, 1, 7) AS mois,
        f.text AS extrait,
        f.page AS page,{_DOCUMENT}
    FROM facts f
    JOIN documents d ON d.id = f.document_id
    LEFT JOIN facts total ON total.document_id = f.document_id AND total.list = f.list
        AND total.list_index = f.part_of
    WHERE f.list = '{list_name}'"""


def _project_fact(list_name: str, indices: str) -> str:
    nature = (
        _case("f.purpose", PURPOSE_FR) if list_name == "amount" else _case("f.kind", JOB_KIND_FR)
    )
    label = "montant" if list_name == "amount" else "emplois"
    return f"""
    SELECT
        p.id AS projet_id,
        {_case("p.kind", PROJECT_KIND_FR)} AS projet,
        p.organization AS organisation_projet,
        COALESCE(p.territory_canonical_name, p.territory) AS territoire_projet,
        p.departement_name AS departement,
        p.region_name AS region,
        p.date AS date,
        f.id AS fait_id,
        '{label}' AS type_fait,
        f.value AS valeur,
        {nature} AS nature,
        f.organization AS organisation,
        COALESCE(f.territory_canonical_name, f.territory) AS territoire,
        f.text AS extrait,
        f.sentence AS phrase,
        {_TITLE},{_DOCUMENT}
    FROM projects p
    JOIN json_each(p.{indices}) i
    JOIN facts f ON f.document_id = p.document_id AND f.list = '{list_name}'
        AND f.list_index = i.value
    JOIN documents d ON d.id = p.document_id"""


def _in(values: tuple[str, ...], labels: dict[str, str]) -> str:
    return ", ".join(_quote(labels[v]) for v in values)


_AMOUNTS = _fact_view(
    "amount",
    """
        f.value AS montant_eur,
        f.value_max AS montant_max_eur,""",
    _case("f.purpose", PURPOSE_FR),
)
_JOBS = _fact_view(
    "job",
    """
        CAST(f.value AS INTEGER) AS emplois,
        CAST(f.value_max AS INTEGER) AS emplois_max,""",
    _case("f.kind", JOB_KIND_FR),
)

VIEWS_SQL = f"""
CREATE VIEW montants AS{_AMOUNTS};
CREATE VIEW investissements AS
    SELECT * FROM montants WHERE objet = {_quote(PURPOSE_FR["investment"])};
CREATE VIEW aides AS
    SELECT * FROM montants WHERE objet = {_quote(PURPOSE_FR["aid"])};
CREATE VIEW emplois AS{_JOBS};
CREATE VIEW creations_emplois AS
    SELECT * FROM emplois WHERE nature IN ({_in(CREATION_KINDS, JOB_KIND_FR)});
CREATE VIEW suppressions_emplois AS
    SELECT * FROM emplois WHERE nature = {_quote(JOB_KIND_FR["lost"])};
CREATE VIEW projets_faits AS{_project_fact("amount", "amounts")}
    UNION ALL{_project_fact("job", "jobs")};
CREATE VIEW projets AS
    SELECT
        p.id AS projet_id,
        {_case("p.kind", PROJECT_KIND_FR)} AS nature,
        p.organization AS organisation,{_place("p")}
        p.date AS date,
        p.investment_eur AS investissement_eur,
        p.aid_eur AS aide_eur,
        p.budget_eur AS budget_eur,
        p.jobs_new AS emplois_crees,
        p.jobs_lost AS emplois_supprimes,
        (SELECT group_concat(l.extrait, ' ; ') FROM projets_faits l WHERE l.projet_id = p.id)
            AS faits_lies,
        p.sentence AS phrase,
        {_TITLE},{_place_details("p")}
        substr(p.date, 1, 7) AS mois,
        p.cue AS indice,{_DOCUMENT}
    FROM projects p
    JOIN documents d ON d.id = p.document_id;
"""

#: table → its indexed columns (all real columns: the FTS tables hold no copy)
FTS_COLUMNS = {
    "documents": ("title", "text"),
    "facts": (
        "name",
        "canonical_name",
        "organization",
        "territory",
        "territory_canonical_name",
        "sentence",
    ),
}


def _fts(table: str, columns: tuple[str, ...]) -> str:
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return f"""
CREATE VIRTUAL TABLE {fts} USING fts5(
    {cols}, content='{table}', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO {fts} (rowid, {cols}) VALUES (new.id, {new});
END;
CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});
END;
CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN
    INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});
    INSERT INTO {fts} (rowid, {cols}) VALUES (new.id, {new});
END;
INSERT INTO {fts} ({fts}) VALUES ('rebuild');
"""


FTS_SQL = "".join(_fts(table, cols) for table, cols in FTS_COLUMNS.items())
