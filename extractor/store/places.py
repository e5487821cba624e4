"""The parents of a fact's place, as columns of its row (schema 3).

The store's views give every linked fact its intercommunality, département,
région and Territoire d'industrie so that an analyst filters "every job cut in
the Vosges" without knowing which communes lie there. SQL cannot walk the COG
tree, so the parents are computed when a row is written, from the packaged tree
(:mod:`extractor.geography`) and gazetteer (the names of the codes). Stored on
the row itself rather than in a reference table of places: the store stays
self-contained (no packaged data needed to read it, by Datasette or anyone), a
view is a plain ``SELECT``, and the columns are refreshed whenever a document
is extracted again (a new tree changes the pipeline version, hence re-extracts).

A column holds the place itself when it is of that level (a département's
``departement_code`` is its own code). A place inside several départements or
régions (an intercommunality across a border) lists them all: codes joined by
``,``, names by :data:`SEPARATOR`.
"""

from __future__ import annotations

from functools import cache

from .. import geography, resources
from ..components.folding import fold

#: columns of ``facts`` and ``projects`` (schema 3), in this order
PLACE_COLUMNS = (
    "epci_code",
    "epci_name",
    "departement_code",
    "departement_name",
    "region_code",
    "region_name",
    "industry_territory",
)
SEPARATOR = " / "
GAZETTEER = "territories.jsonl.gz"
_NONE: tuple[None, ...] = (None,) * len(PLACE_COLUMNS)


@cache
def _names() -> dict[tuple[str, str], str]:
    """(kind, code or folded name) → canonical name, for the levels the columns name."""
    names: dict[tuple[str, str], str] = {}
    for row in resources.iter_jsonl(GAZETTEER):
        kind = row["k"]
        if kind in ("epci", "departement", "region") and row.get("c"):
            names.setdefault((kind, row["c"]), row["n"])
        elif kind == "territoire_industrie":
            names.setdefault((kind, fold(row["n"])), row["n"])
    return names


@cache
def parent_columns(kind: str | None, code: str | None, name: str | None) -> tuple[str | None, ...]:
    """Values of :data:`PLACE_COLUMNS` for a territory as a record gives it.

    >>> dict(zip(PLACE_COLUMNS, parent_columns("commune", "30007", "Alès")))["departement_name"]
    'Gard'
    >>> parent_columns(None, None, None) == (None,) * len(PLACE_COLUMNS)
    True
    """
    place = geography.place(kind, code, name)
    if place is None:
        return _NONE
    chain = [place, *geography.parents(place)]
    names = _names()

    def level(wanted: str) -> tuple[str | None, str | None]:
        keys = [key for k, key in chain if k == wanted]
        if not keys:
            return None, None
        if wanted == "territoire_industrie" and place[0] == wanted and name:
            return None, name  # as the record spells it
        labels = [names.get((wanted, key), key) for key in keys]
        return ",".join(keys), SEPARATOR.join(labels)

    epci = level("epci")
    dep = level("departement")
    reg = level("region")
    ti = level("territoire_industrie")
    return (*epci, *dep, *reg, ti[1])
